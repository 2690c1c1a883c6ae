// The technician at the desk: the devices as they report themselves, one procedure at a time (the
// tensiometer on its manometer mode), interventions, and an export refused where it cannot go.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceReport, ProcedurePrompt, Result } from '../../contract';
import { bloodPressurePlan, planFor } from '../../devices/calibration/plans';
import { ManualClock } from '../../test/support/manual-clock';
import { openCabinStore, type CabinStore } from '../store';
import { MemoryOperationLog } from '../test-support/memory-operation-log';
import { createTechnicianDesk, type TechnicianDesk } from './technician-desk';
import { BenchDevice, BenchInspection } from './test-support/bench-devices';

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}`);
  return result.value;
}

let clock: ManualClock;
let store: CabinStore;
let directory: string;
let maintenance: boolean;
let inspection: BenchInspection;
let desk: TechnicianDesk;
let log: MemoryOperationLog;

beforeEach(() => {
  clock = new ManualClock(Date.UTC(2026, 11, 5, 9));
  store = unwrap(openCabinStore(':memory:', clock));
  directory = mkdtempSync(join(tmpdir(), 'cabine-desk-'));
  maintenance = true;
  inspection = new BenchInspection({
    bloodPressure: new BenchDevice('bloodPressure', clock),
    weight: new BenchDevice('weight', clock),
  });
  log = new MemoryOperationLog(clock);
  desk = createTechnicianDesk({
    inspection,
    register: store.maintenance,
    clock,
    log,
    logDirectory: join(directory, 'logs'),
    statuses: () => [{ peripheral: 'weight', state: 'faulty', reason: 'calibration.overdue', dueAt: 1 }],
    inMaintenance: () => maintenance,
    runner: {
      plan: (kind, scale) =>
        kind === 'bloodPressure' ? { ok: true, value: bloodPressurePlan(10) } : planFor(kind, scale),
    },
  });
});

afterEach(() => {
  store.close();
  rmSync(directory, { recursive: true, force: true });
});

const start = {
  type: 'technician.startProcedure',
  peripheral: 'bloodPressure',
  technician: 'Camille Martin',
  reference: { instrument: 'Manomètre étalon', certificate: 'C-42' },
  adjust: false,
} as const;

describe('the technician desk', () => {
  it('lists each device as it reports itself, with why it is out and whether a procedure can run', async () => {
    const devices = unwrap(await desk.run({ type: 'technician.listDevices' })) as DeviceReport[];
    expect(devices.map((d) => [d.peripheral, d.state, d.procedureAvailable])).toEqual([
      ['bloodPressure', 'ok', true],
      ['temperature', 'absent', false],
      ['oxygenSaturation', 'absent', false],
      ['weight', 'faulty', true],
    ]);
    expect(devices[3]).toMatchObject({
      modelId: 'mt-sics',
      port: '/dev/bench-weight',
      reason: 'calibration.overdue',
      identity: { serialNumber: 'SN-weight' },
      lastRecord: null,
    });
  });

  it("shows a device's raw traffic", async () => {
    expect(unwrap(await desk.run({ type: 'technician.traffic', peripheral: 'weight', sinceMs: 5 }))).toEqual([
      { atMs: 5, direction: 'toDevice', hex: '53490d0a' },
    ]);
  });

  it('runs the tensiometer check step by step on its manometer, one procedure at a time', async () => {
    let prompt = unwrap(await desk.run(start)) as ProcedurePrompt;
    expect(prompt).toMatchObject({ kind: 'instruction', code: 'bloodPressure.connectReference' });
    expect(await desk.run(start)).toMatchObject({ ok: false, error: { code: 'procedure.running' } });
    while (prompt.kind === 'instruction' || prompt.kind === 'reference') {
      const answer = desk.run({
        type: 'technician.answerProcedure',
        value: prompt.kind === 'reference' ? prompt.target : null,
      });
      await clock.advance(15_000);
      prompt = unwrap(await answer) as ProcedurePrompt;
    }
    expect(prompt).toMatchObject({
      kind: 'finished',
      record: { verdict: 'pass', serialNumber: 'SN-bloodPressure' },
    });
    const records = unwrap(await desk.run({ type: 'technician.records', peripheral: 'bloodPressure' }));
    expect(records).toHaveLength(1);
    // Finished: the next one may start.
    expect((await desk.run(start)).ok).toBe(true);
    expect(unwrap(await desk.run({ type: 'technician.cancelProcedure' }))).toEqual({
      kind: 'stopped',
      code: 'procedure.cancelled',
    });
  });

  it('refuses a procedure outside maintenance, on an absent device, or without a name', async () => {
    maintenance = false;
    expect(await desk.run(start)).toMatchObject({
      ok: false,
      error: { code: 'technician.notInMaintenance' },
    });
    maintenance = true;
    expect(await desk.run({ ...start, peripheral: 'temperature' })).toMatchObject({
      ok: false,
      error: { code: 'device.absent' },
    });
    expect(await desk.run({ ...start, technician: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'technician.textInvalid' },
    });
    expect(await desk.run({ type: 'technician.answerProcedure', value: 1 })).toMatchObject({
      ok: false,
      error: { code: 'procedure.none' },
    });
  });

  it('records a repair of the attached scale', async () => {
    const record = unwrap(
      await desk.run({
        type: 'technician.recordIntervention',
        peripheral: 'weight',
        kind: 'repair',
        technician: 'Camille Martin',
        note: 'Câble remplacé',
      }),
    );
    expect(record).toMatchObject({
      kind: 'repair',
      modelId: 'mt-sics',
      serialNumber: 'SN-weight',
      verdict: null,
      note: 'Câble remplacé',
    });
  });

  it('refuses an export to a file or to a folder it cannot write', async () => {
    const file = join(directory, 'not-a-folder');
    writeFileSync(file, '');
    expect(await desk.run({ type: 'technician.export', directory: file })).toMatchObject({
      ok: false,
      error: { code: 'export.notADirectory' },
    });
    expect(await desk.run({ type: 'technician.export', directory: '/proc' })).toMatchObject({
      ok: false,
      error: { code: 'export.notWritable' },
    });
  });

  it('exports an empty register and no log without failing', async () => {
    const summary = unwrap(await desk.run({ type: 'technician.export', directory }));
    expect(summary).toMatchObject({ files: ['register.jsonl', 'devices.json'], records: 0, logLines: 0 });
  });
});
