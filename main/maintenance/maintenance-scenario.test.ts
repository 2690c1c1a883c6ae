// The register in a whole cabin: a failed, an overdue or a soon-due verification as the staff and the
// session see it, corrections on the patient's readings, and an export with nothing of the patient.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportSummary, MaintenanceRecord, Measurement, Result } from '../../contract';
import { happyScript } from '../../devices/simulated/simulation-script';
import { SAMPLE_BENEFICIARIES } from '../../devices/simulated/sample-patients';
import { ManualClock } from '../../test/support/manual-clock';
import { viewOf, walkOneSession } from '../../test/support/patient-robot';
import { defaultConfig } from '../config';
import { createController, type RunningController } from '../controller';
import { createOperationLog } from '../log';
import { createSimulatedPeripherals, type CabinPeripherals } from '../peripherals';
import { openCabinStore, type CabinStore } from '../store';
import { GATE_RECHECK_MS } from './calibration-gate';
import { createTechnicianDesk, type TechnicianDesk } from './technician-desk';
import { BenchDevice, BenchInspection, MODEL_OF } from './test-support/bench-devices';

const STEP_MS = 100;
const DAY_MS = 86_400_000;
const MONDAY_9AM = Date.UTC(2026, 0, 12, 9, 0, 0);

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}`);
  return result.value;
}

interface Harness {
  controller: RunningController;
  clock: ManualClock;
  store: CabinStore;
  desk: TechnicianDesk;
  delivered: Measurement[];
  directory: string;
}
const running: Harness[] = [];

afterEach(async () => {
  for (const { controller, directory } of running.splice(0)) {
    await controller.stop();
    rmSync(directory, { recursive: true, force: true });
  }
});

function check(
  kind: MaintenanceRecord['peripheral'],
  at: number,
  over: Partial<MaintenanceRecord> = {},
): MaintenanceRecord {
  return {
    id: `${kind}-${at}`,
    kind: 'verification',
    peripheral: kind,
    modelId: MODEL_OF[kind],
    serialNumber: `SN-${kind}`,
    technician: 'Camille Martin',
    reference: { instrument: 'ref', certificate: 'C-1' },
    points: [],
    corrections: [],
    verdict: 'pass',
    at,
    nextDueAt: at + 365 * DAY_MS,
    note: null,
    ...over,
  };
}

// A cabin whose register already holds `records` when it boots, its devices inspected on bench doubles.
async function startCabin(records: readonly MaintenanceRecord[] = []): Promise<Harness> {
  const directory = mkdtempSync(join(tmpdir(), 'cabine-maintenance-'));
  const clock = new ManualClock(MONDAY_9AM);
  const config = {
    ...defaultConfig(directory),
    simulation: { stepMs: STEP_MS, callMs: 1_000, byteLevelDevices: false, cardReader: 'domain' as const },
  };
  mkdirSync(config.dataDirectory, { recursive: true });
  const store = unwrap(openCabinStore(join(config.dataDirectory, 'cabin.db'), clock));
  for (const record of records) unwrap(store.maintenance.add(record));
  const simulated = createSimulatedPeripherals(happyScript(STEP_MS), clock, 1_000);
  const delivered: Measurement[] = [];
  const deliver = simulated.platform.deliver.bind(simulated.platform);
  simulated.platform.deliver = (item) => {
    if (item.kind === 'measurement') delivered.push(item.payload);
    return deliver(item);
  };
  const inspection = new BenchInspection({
    bloodPressure: new BenchDevice('bloodPressure', clock),
    temperature: new BenchDevice('temperature', clock),
    oxygenSaturation: new BenchDevice('oxygenSaturation', clock),
    weight: new BenchDevice('weight', clock),
  });
  const peripherals = Object.create(simulated, { inspection: { value: inspection } }) as CabinPeripherals;
  const log = createOperationLog({
    directory: config.logDirectory,
    maxFileBytes: 1_000_000,
    maxFiles: 5,
    clock,
  });
  const controller = createController({ config, clock, peripherals, log, store });
  await controller.booted;
  const desk = createTechnicianDesk({
    inspection,
    register: store.maintenance,
    clock,
    log,
    logDirectory: config.logDirectory,
    statuses: () => viewOf(controller).peripherals,
  });
  const harness = { controller, clock, store, desk, delivered, directory };
  running.push(harness);
  return harness;
}

const statusOf = (controller: RunningController, kind: string) =>
  viewOf(controller).peripherals.find((p) => p.peripheral === kind);

describe('the maintenance register in the cabin', () => {
  it('takes a scale whose last verification failed out of the session, and says why', async () => {
    const { controller, clock, delivered, desk } = await startCabin([
      check('weight', MONDAY_9AM - DAY_MS, { verdict: 'fail', nextDueAt: null }),
    ]);
    expect(statusOf(controller, 'weight')).toMatchObject({ state: 'faulty', reason: 'calibration.failed' });
    await walkOneSession(controller, clock, STEP_MS);
    // The professional's own request in the call is a second temperature; never a weight.
    expect([...new Set(delivered.map((m) => m.kind))].sort()).toEqual([
      'bloodPressure',
      'oxygenSaturation',
      'temperature',
    ]);
    const devices = unwrap(await desk.run({ type: 'technician.listDevices' })) as {
      peripheral: string;
      reason: string | null;
    }[];
    expect(devices.find((d) => d.peripheral === 'weight')?.reason).toBe('calibration.failed');
  });

  it('warns 30 days before a due date, and takes the device out once the date has passed', async () => {
    const { controller } = await startCabin([
      check('temperature', MONDAY_9AM - 350 * DAY_MS),
      check('oxygenSaturation', MONDAY_9AM - 366 * DAY_MS),
      check('bloodPressure', MONDAY_9AM - 100 * DAY_MS),
    ]);
    const dueAt = MONDAY_9AM + 15 * DAY_MS;
    expect(statusOf(controller, 'temperature')).toMatchObject({
      state: 'ok',
      notice: 'calibrationDueSoon',
      dueAt,
    });
    expect(statusOf(controller, 'oxygenSaturation')).toMatchObject({
      state: 'faulty',
      reason: 'calibration.overdue',
    });
    expect(statusOf(controller, 'bloodPressure')).toEqual({
      peripheral: 'bloodPressure',
      state: 'ok',
      dueAt: MONDAY_9AM + 265 * DAY_MS,
    });
    expect(statusOf(controller, 'weight')).toEqual({ peripheral: 'weight', state: 'ok' });
  });

  it('takes out a device whose due date passes while the cabin waits, within the hour', async () => {
    const { controller, clock } = await startCabin([
      check('temperature', MONDAY_9AM - 365 * DAY_MS + GATE_RECHECK_MS / 2),
    ]);
    expect(statusOf(controller, 'temperature')?.state).toBe('ok');
    clock.increment(GATE_RECHECK_MS);
    expect(statusOf(controller, 'temperature')).toMatchObject({
      state: 'faulty',
      reason: 'calibration.overdue',
    });
  });

  it("corrects the patient's temperature by the thermometer's calibration", async () => {
    const { controller, clock, delivered } = await startCabin([
      check('temperature', MONDAY_9AM - DAY_MS, {
        kind: 'calibration',
        corrections: [{ quantity: 'temperature', gain: 1, offset: 0.2 }],
      }),
    ]);
    await walkOneSession(controller, clock, STEP_MS);
    // The simulated thermometer reads 36.9 °C; the session gets the corrected 37.1 °C.
    expect(delivered.find((m) => m.kind === 'temperature')?.quantities).toEqual([
      { name: 'temperature', value: 37.1, unit: '°C' },
    ]);
  });

  it('takes out a device the technician put out of service, until it is back', async () => {
    const { controller, clock, desk } = await startCabin();
    unwrap(
      await desk.run({
        type: 'technician.recordIntervention',
        peripheral: 'weight',
        kind: 'outOfService',
        technician: 'Camille Martin',
        note: 'plateau fissuré',
      }),
    );
    clock.increment(GATE_RECHECK_MS);
    expect(statusOf(controller, 'weight')).toMatchObject({
      state: 'faulty',
      reason: 'maintenance.outOfService',
    });
    unwrap(
      await desk.run({
        type: 'technician.recordIntervention',
        peripheral: 'weight',
        kind: 'returnToService',
        technician: 'Camille Martin',
        note: 'plateau changé',
      }),
    );
    clock.increment(GATE_RECHECK_MS);
    expect(statusOf(controller, 'weight')).toEqual({ peripheral: 'weight', state: 'ok' });
    const records = unwrap(await desk.run({ type: 'technician.records', peripheral: 'weight' }));
    expect(records).toMatchObject([
      { kind: 'returnToService' },
      { kind: 'outOfService', note: 'plateau fissuré' },
    ]);
  });

  it("exports register, devices and logs after a session, with none of the patient's identity", async () => {
    const { controller, clock, desk, directory } = await startCabin([check('weight', MONDAY_9AM - DAY_MS)]);
    await walkOneSession(controller, clock, STEP_MS);
    const stick = join(directory, 'usb');
    mkdirSync(stick);
    const summary = unwrap(await desk.run({ type: 'technician.export', directory: stick })) as ExportSummary;
    expect(summary.directory).toMatch(/usb\/cabine-export-2026-01-12T\d\d-\d\d-\d\dZ$/);
    expect(summary.files).toEqual(expect.arrayContaining(['register.jsonl', 'devices.json', 'cabin.log']));
    expect(summary.records).toBe(1);
    expect(summary.logLines).toBeGreaterThan(10);
    const text = readdirSync(summary.directory)
      .map((name) => readFileSync(join(summary.directory, name), 'utf8'))
      .join('\n');
    expect(text).toContain('"SN-weight"');
    for (const patient of SAMPLE_BENEFICIARIES) {
      const nir = patient.nir ?? '';
      for (const secret of [patient.surname, patient.firstName, nir, nir.slice(0, 13), patient.birthDate]) {
        if (secret !== '') expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
      }
    }
  });

  it('refuses an export to a folder that does not exist', async () => {
    const { desk, directory } = await startCabin();
    expect(
      await desk.run({ type: 'technician.export', directory: join(directory, 'no-stick') }),
    ).toMatchObject({
      ok: false,
      error: { code: 'export.directoryMissing' },
    });
  });
});
