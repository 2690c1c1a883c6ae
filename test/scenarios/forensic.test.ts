// The forensic check: a whole session of a known patient (a fictitious name, NIR and birth date read from
// the card, and distinctive measurements) through the whole controller, with a real store and a real log
// in a folder of its own; then every byte the cabin wrote (store, WAL, shared memory, logs, any spool or
// temporary file under its folders and under the OS temporary folder it was given) is searched for the
// patient in every textual form the cabin could have written. Nothing may be found.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CardFact, MeasurementFact, PatientIdentity, Quantity, Result } from '../../contract';
import { withKey } from '../../devices/simulated/sample-patients';
import { happyScript } from '../../devices/simulated/simulation-script';
import type { IdCardReader } from '../../devices/id-card-reader';
import type { MeasuringDevice } from '../../devices/measuring-device';
import { defaultConfig } from '../../main/config';
import { createController, type RunningController } from '../../main/controller';
import { createOperationLog, type OperationLog } from '../../main/log';
import { createSimulatedPeripherals, type CabinPeripherals } from '../../main/peripherals';
import type { SimulatedPlatformLink } from '../../main/platform-client/simulated-platform-link';
import { openCabinStore, type CabinStore } from '../../main/store';
import { JOURNEY_STEPS } from '../../state-machines/test-support/journey';
import { ManualClock } from '../support/manual-clock';
import { cooperativeAction, viewOf, walkOneSession } from '../support/patient-robot';
import { filesUnder, hitsUnder, identityForms } from '../support/patient-traces';

const STEP_MS = 100;
const MONDAY_9AM = Date.UTC(2026, 0, 12, 9, 0, 0);

/** The patient of the check: a name no cabin file, log line or library carries by chance. */
const PATIENT: PatientIdentity = {
  surname: 'QUELLENBERG',
  firstName: 'Ysolde',
  birthDate: '1951-07-23',
  nir: withKey('2510775123987'),
  source: 'card',
};

/** Her measurements: plausible, and chosen so that their text is not a number the cabin logs anyway. */
const HER_VALUES: Readonly<Record<string, readonly Quantity[]>> = {
  bloodPressure: [
    { name: 'systolic', value: 137, unit: 'mmHg' },
    { name: 'diastolic', value: 86, unit: 'mmHg' },
    { name: 'meanArterial', value: 103, unit: 'mmHg' },
    { name: 'pulse', value: 67, unit: 'bpm' },
  ],
  temperature: [{ name: 'temperature', value: 37.85, unit: '°C' }],
  oxygenSaturation: [
    { name: 'spo2', value: 96, unit: '%' },
    { name: 'pulse', value: 67, unit: 'bpm' },
  ],
  weight: [{ name: 'weight', value: 81.37, unit: 'kg' }],
};

/** Where her identity or values were found under `root`. */
const hersUnder = (root: string): string[] => hitsUnder(root, PATIENT, Object.values(HER_VALUES).flat());

/** The card reader, reading her card instead of the sample family. */
function herCard(reader: IdCardReader): IdCardReader {
  return {
    check: () => reader.check(),
    watchPresence: (listener) => reader.watchPresence(listener),
    readNextCard: (report) =>
      reader.readNextCard((fact: CardFact) =>
        report(fact.type === 'card.read' ? { type: 'card.read', beneficiaries: [PATIENT] } : fact),
      ),
  };
}

/** A measuring device that measures her. */
function measuringHer(device: MeasuringDevice): MeasuringDevice {
  return {
    kind: device.kind,
    check: () => device.check(),
    measure: (report) =>
      device.measure((fact: MeasurementFact) =>
        report(
          fact.type === 'measurement.taken'
            ? { ...fact, measurement: { ...fact.measurement, quantities: HER_VALUES[device.kind] ?? [] } }
            : fact,
        ),
      ),
  };
}

interface ForensicCabin {
  readonly root: string;
  readonly controller: RunningController;
  readonly clock: ManualClock;
  readonly store: CabinStore;
  readonly log: OperationLog;
  /** Whom the cabin put in the waiting room. */
  readonly joined: PatientIdentity[];
  /** The simulated platform, whose professional asks for the examination instruments. */
  readonly platform: SimulatedPlatformLink;
}

let root = '';
let savedTmpdir: string | undefined;
let running: ForensicCabin | null = null;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cabine-forensic-'));
  // The OS temporary folder of the cabin's process is a folder of the test's, searched like the others.
  savedTmpdir = process.env.TMPDIR;
  mkdirSync(join(root, 'tmp'));
  process.env.TMPDIR = join(root, 'tmp');
});

afterEach(async () => {
  if (running !== null) await stopCabin(running);
  running = null;
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  rmSync(root, { recursive: true, force: true });
});

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}`);
  return result.value;
}

async function startCabin(clock = new ManualClock(MONDAY_9AM)): Promise<ForensicCabin> {
  expect(tmpdir()).toBe(join(root, 'tmp'));
  const config = {
    ...defaultConfig(root),
    simulation: { stepMs: STEP_MS, callMs: 1_000, byteLevelDevices: false, cardReader: 'domain' as const },
  };
  const simulated = createSimulatedPeripherals(happyScript(STEP_MS), clock, 1_000);
  // Nothing reaches the platform: every consent and measurement stays queued in the store until the wipe.
  simulated.platform.deliver = () => Promise.resolve({ ok: false, error: { code: 'platform.unreachable' } });
  const joined: PatientIdentity[] = [];
  const joinQueue = simulated.platform.joinQueue.bind(simulated.platform);
  simulated.platform.joinQueue = (entry, report) => {
    joined.push(entry.identity);
    return joinQueue(entry, report);
  };
  const peripherals: CabinPeripherals = {
    ...simulated,
    cardReader: herCard(simulated.cardReader),
    devices: simulated.devices.map(measuringHer),
  };
  const log = createOperationLog({
    directory: config.logDirectory,
    maxFileBytes: 64 * 1024,
    maxFiles: 5,
    clock,
  });
  mkdirSync(config.dataDirectory, { recursive: true });
  const store = unwrap(openCabinStore(join(config.dataDirectory, 'cabin.db'), clock));
  const controller = createController({ config, clock, peripherals, log, store });
  await controller.booted;
  running = { root, controller, clock, store, log, joined, platform: simulated.platform };
  return running;
}

async function stopCabin(cabin: ForensicCabin): Promise<void> {
  await cabin.controller.stop();
  cabin.log.close();
}

describe('the forensic check after a whole session', () => {
  it('finds nothing of the patient in any byte the cabin wrote, running or stopped', async () => {
    const cabin = await startCabin();

    // In the call the professional looks into her ear, then listens to her heart, which she stops.
    const instrumentsUsed: string[] = [];
    const steps = await walkOneSession(cabin.controller, cabin.clock, STEP_MS, 2_000, (view) => {
      const screen = view.session?.screen;
      if (screen?.step !== 'consultation' || screen.stage !== 'inCall' || instrumentsUsed.length > 0) return;
      const { server } = cabin.controller;
      cabin.platform.requestInstrument('otoscope');
      const otoscope = server.reportInstrument({ kind: 'otoscope', state: 'on', mediaTag: '2' });
      cabin.platform.endInstrument();
      cabin.platform.requestInstrument('stethoscope');
      const stethoscope = server.reportInstrument({ kind: 'stethoscope', state: 'on', mediaTag: '3' });
      const stopped = server.act({ type: 'patient.stopInstrument' });
      if (otoscope.ok && stethoscope.ok && stopped.ok) instrumentsUsed.push('otoscope', 'stethoscope');
    });
    expect(steps).toEqual(JOURNEY_STEPS);
    expect(instrumentsUsed).toEqual(['otoscope', 'stethoscope']);
    expect(viewOf(cabin.controller)).toMatchObject({ phase: 'ready', session: null });
    // The session was hers: her card was read and she joined the waiting room under her name.
    expect(cabin.joined).toEqual([expect.objectContaining({ surname: PATIENT.surname, nir: PATIENT.nir })]);
    // The cabin wrote its files: a store with its WAL, a log.
    const written = filesUnder(root).map((file) => relative(root, file));
    expect(written).toEqual(expect.arrayContaining([join('data', 'cabin.db'), join('logs', 'cabin.log')]));
    expect(statSync(join(root, 'logs', 'cabin.log')).size).toBeGreaterThan(0);
    // The instruments' use is in the log by kind and state only.
    const logText = readFileSync(join(root, 'logs', 'cabin.log'), 'utf8');
    expect(logText).toContain('"event":"call.instrument","kind":"stethoscope","state":"stoppedByPatient"');

    // Right after the session, the cabin still running: what a thief of the disk would find.
    expect(hersUnder(root)).toEqual([]);

    await stopCabin(cabin);
    running = null;
    expect(hersUnder(root)).toEqual([]);
  });

  it('finds nothing of her after a power cut in the waiting room, once the cabin booted again', async () => {
    const first = await startCabin();
    const { controller, clock } = first;
    expect(
      controller.server.startSession({ locale: 'fr', accessibility: { largeText: false, readAloud: false } })
        .ok,
    ).toBe(true);
    for (let tick = 0; tick < 2_000 && viewOf(controller).session?.screen.step !== 'waitingRoom'; tick += 1) {
      const action = cooperativeAction(viewOf(controller));
      if (action) controller.server.act(action);
      else clock.increment(STEP_MS);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(viewOf(controller).session?.screen.step).toBe('waitingRoom');
    // Her measurements wait in the store for a platform that does not answer: the cut finds them there.
    expect(hersUnder(root)).not.toEqual([]);
    // The cut: the store and the log are left as they are, without the session's end or wipe.
    first.store.close();
    first.log.close();
    running = null;

    const second = await startCabin(new ManualClock(MONDAY_9AM + 3_600_000));
    expect(viewOf(second.controller)).toMatchObject({ phase: 'ready', session: null });
    expect(hersUnder(root)).toEqual([]);
    await stopCabin(second);
    running = null;
    expect(hersUnder(root)).toEqual([]);
  });

  it('would find her if she were there: the search sees each form in a file', () => {
    mkdirSync(join(root, 'data'));
    const forms = identityForms(PATIENT);
    for (const [index, form] of forms.entries()) {
      const path = join(root, 'data', `planted-${index}`);
      rmSync(path, { force: true });
      const bytes = Buffer.concat([Buffer.alloc(7), Buffer.from(`{"x":"${form.toLowerCase()}"}`, 'utf16le')]);
      writeFileSync(path, bytes);
    }
    const hits = hersUnder(root);
    for (const index of forms.keys())
      expect(hits.some((hit) => hit.startsWith(join('data', `planted-${index}:`)))).toBe(true);
    rmSync(join(root, 'data'), { recursive: true });
    mkdirSync(join(root, 'data'));
    writeFileSync(join(root, 'data', 'values'), '{"value":81.37} 37,85 {"systolic":137}');
    expect(hersUnder(root).length).toBeGreaterThanOrEqual(3);
  });
});
