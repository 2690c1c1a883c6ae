// The fault matrix: every fault a cabin meets, at every step of the journey, through the whole controller
// with simulated hardware on the manual clock and a real store. The card pulled, a device unplugged or
// its port silent, the card reader's service down (pcscd killed), the printer out of paper or jammed, the
// network cut, and the power cut (the process gone without a word, then booted again). After each: the
// cabin serves the next patient, what had to reach the platform did, nothing of the patient is left in
// any file or log line, and a session a power cut closed ends at its real end with the cabin marked for
// cleaning. (The renderer reloaded or crashed is in test/e2e/faults.test.ts, in Chromium; the real pcscd
// killed under the whole cabin in test/integration/pcsc; the real process killed with -9 in
// test/integration/cabin-process.)
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MEASUREMENT_KINDS, type CabinView, type StepName } from '../../contract';
import { SAMPLE_BENEFICIARIES } from '../../devices/simulated/sample-patients';
import { happyScript } from '../../devices/simulated/simulation-script';
import { defaultConfig } from '../../main/config';
import { createController, type RunningController } from '../../main/controller';
import { createSimulatedPeripherals, type SimulatedPeripherals } from '../../main/peripherals';
import { SESSION_HEARTBEAT_MS } from '../../main/session-heartbeat';
import { openCabinStore, type CabinStore } from '../../main/store';
import { MemoryOperationLog } from '../../main/test-support/memory-operation-log';
import { JOURNEY_STEPS } from '../../state-machines/test-support/journey';
import { ManualClock } from '../support/manual-clock';
import {
  attendantCommand,
  cleanBetweenPatients,
  cooperativeAction,
  viewOf,
  walkOneSession,
} from '../support/patient-robot';
import { hitsUnder } from '../support/patient-traces';

const STEP_MS = 100;
const MONDAY_9AM = Date.UTC(2026, 0, 12, 9, 0, 0);
/** How long a fault lasts once it struck: 70 s of the cabin's time, past the platform's 60 s grace. */
const FAULT_TICKS = 700;
/** A session that has not ended within this many ticks is stuck. */
const MAX_TICKS = 6_000;

/** The faults of the matrix, each struck when the journey first shows its step. */
const FAULTS = [
  'cardPulled',
  'deviceUnplugged',
  'portSilent',
  'readerDown',
  'printerOutOfPaper',
  'printerJammed',
  'networkCut',
  'powerCut',
] as const;
type Fault = (typeof FAULTS)[number];

interface Cabin {
  readonly controller: RunningController;
  readonly clock: ManualClock;
  readonly peripherals: SimulatedPeripherals;
  readonly store: CabinStore;
  readonly log: MemoryOperationLog;
  readonly directory: string;
  /** Session ids of the items the platform received, by kind. */
  readonly delivered: { readonly kind: string; readonly sessionId: string | null }[];
  /** While true, the platform refuses deliveries (its queue endpoint down) but answers everything else. */
  holdDeliveries: boolean;
}

const cabins: Cabin[] = [];
const directories: string[] = [];

async function bootCabin(directory: string, clock: ManualClock): Promise<Cabin> {
  const config = {
    ...defaultConfig(directory),
    simulation: { stepMs: STEP_MS, callMs: 3_000, byteLevelDevices: false, cardReader: 'domain' as const },
  };
  mkdirSync(config.dataDirectory, { recursive: true });
  const script = { ...happyScript(STEP_MS), cardStaysInReader: true };
  const peripherals = createSimulatedPeripherals(script, clock, 3_000);
  const log = new MemoryOperationLog(clock);
  const opened = openCabinStore(join(config.dataDirectory, 'cabin.db'), clock);
  if (!opened.ok) throw new Error(opened.error.code);
  const cabin: Cabin = {
    controller: createController({ config, clock, peripherals, log, store: opened.value }),
    clock,
    peripherals,
    store: opened.value,
    log,
    directory,
    delivered: [],
    holdDeliveries: false,
  };
  const deliver = peripherals.platform.deliver.bind(peripherals.platform);
  peripherals.platform.deliver = async (item) => {
    if (cabin.holdDeliveries) return { ok: false, error: { code: 'platform.unreachable' } };
    const sent = await deliver(item);
    if (sent.ok) cabin.delivered.push({ kind: item.kind, sessionId: item.sessionId });
    return sent;
  };
  await cabin.controller.booted;
  cabins.push(cabin);
  return cabin;
}

afterAll(async () => {
  for (const cabin of cabins.splice(0)) await cabin.controller.stop().catch(() => undefined);
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** Strikes `fault` on the cabin (the caller does it as the journey first shows the step under test). */
function strike(cabin: Cabin, fault: Exclude<Fault, 'powerCut'>): void {
  const { peripherals } = cabin;
  const { script } = peripherals;
  switch (fault) {
    case 'cardPulled':
      return peripherals.cardReader.setCardPresent(false);
    case 'deviceUnplugged':
      script.absentDevices = [...MEASUREMENT_KINDS];
      for (const kind of MEASUREMENT_KINDS) script.measurements[kind] = 'unplugged';
      return;
    case 'portSilent':
      for (const kind of MEASUREMENT_KINDS) script.measurements[kind] = 'timeout';
      return;
    case 'readerDown':
      return peripherals.cardReader.setReaderWorking?.(false);
    case 'printerOutOfPaper':
      script.print = 'outOfPaper';
      return;
    case 'printerJammed':
      script.print = 'jammed';
      return;
    case 'networkCut':
      peripherals.platformReachable = false;
      return;
  }
}

/** Ends every fault: devices back, paper in, the reader's service and the network up. */
function lift(cabin: Cabin): void {
  const { peripherals } = cabin;
  Object.assign(peripherals.script, { ...happyScript(STEP_MS), cardStaysInReader: true });
  peripherals.cardReader.setReaderWorking?.(true);
  peripherals.platformReachable = true;
}

/** Lets promise-based actors (printing, payment, wipe, delivery) settle. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Struck {
  readonly sessionId: string;
  /** What the patient and the staff saw once the fault struck: `step/stage/failure` and `cardReader:faulty`. */
  readonly sights: ReadonlySet<string>;
  /** When the fault struck; for a power cut, the moment the power went. */
  readonly at: number;
  readonly consented: boolean;
}

/**
 * Walks a cooperative patient to `step`, strikes `fault` there, and (but for a power cut) goes on until
 * the cabin is back to ready, lifting the fault after FAULT_TICKS. The patient takes the card back at
 * goodbye, as the screen asks.
 */
async function sessionStruckAt(cabin: Cabin, step: StepName, fault: Fault): Promise<Struck> {
  const { controller, clock, peripherals } = cabin;
  cleanBetweenPatients(controller);
  // The card pulled while it is read: the read starts as the step shows, so the script says it beforehand.
  if (fault === 'cardPulled' && step === 'identification') peripherals.script.card = 'removedDuringRead';
  const started = controller.server.startSession({
    locale: 'fr',
    accessibility: { largeText: false, readAloud: false },
  });
  if (!started.ok) throw new Error(`no session: ${started.error.code}`);
  const open = cabin.store.listOpenSessions();
  const sessionId = open.ok ? (open.value[0] ?? '') : '';
  let struckAt: number | null = null;
  let consented = false;
  const sights = new Set<string>();
  for (let tick = 0; tick < MAX_TICKS; tick += 1) {
    const view = viewOf(controller);
    if (view.phase === 'ready' && tick > 0) {
      // What the staff see once the patient has left, before the fault is lifted.
      if (struckAt !== null) for (const sight of sightsOf(view)) sights.add(sight);
      lift(cabin);
      if (view.cardInReader) peripherals.cardReader.setCardPresent(false);
      return { sessionId, at: struckAt ?? -1, consented, sights };
    }
    const screen = view.session?.screen;
    if (screen?.step === 'identification') consented = true;
    if (struckAt === null && screen?.step === step) {
      struckAt = clock.now();
      if (fault === 'powerCut') return { sessionId, at: struckAt, consented, sights };
      strike(cabin, fault);
    }
    if (struckAt !== null) for (const sight of sightsOf(view)) sights.add(sight);
    if (struckAt !== null && clock.now() - struckAt >= FAULT_TICKS * STEP_MS) lift(cabin);
    if (screen?.step === 'goodbye' && view.cardInReader) peripherals.cardReader.setCardPresent(false);
    const action = cooperativeAction(view);
    if (action) controller.server.act(action);
    else clock.increment(STEP_MS);
    await settle();
  }
  throw new Error(
    `stuck: ${fault} at ${step}, last screen ${JSON.stringify(viewOf(controller).session?.screen)}`,
  );
}

/** What a view shows of a fault: the screen as `step/stage/failure`, and each peripheral not working. */
function sightsOf(view: CabinView): string[] {
  const screen = view.session?.screen;
  const fields = (screen ?? {}) as { step?: string; stage?: string; failure?: string | null };
  return [
    ...(screen ? [`${fields.step}/${fields.stage ?? ''}/${fields.failure ?? ''}`] : []),
    ...view.peripherals.filter((p) => p.state !== 'ok').map((p) => `${p.peripheral}:${p.state}`),
  ];
}

/** What the patient or the staff must have seen of a fault struck at a step, beyond going on. */
const EXPECTED_SIGHTS: Readonly<Record<string, string>> = {
  'cardPulled@identification': 'identification/cardFailed/card.removed',
  'readerDown@identification': 'identification/cardFailed/card.readerAbsent',
  'deviceUnplugged@measurements': 'measurements/failed/',
  'portSilent@measurements': 'measurements/failed/',
  'printerOutOfPaper@documents': 'documents/printFailed/',
  'printerJammed@documents': 'documents/printFailed/',
  'networkCut@waitingRoom': 'waitingRoom/failed/',
  'networkCut@consultation': 'consultation/failed/',
};

/** What is left of the sample patients in the cabin's files and log: nothing, or the hits. */
function tracesOfPatients(cabin: Cabin): string[] {
  const lines = JSON.stringify(cabin.log.records()).toLowerCase();
  return [
    ...SAMPLE_BENEFICIARIES.flatMap((patient) => hitsUnder(cabin.directory, patient)),
    ...SAMPLE_BENEFICIARIES.flatMap((p) => [p.surname, p.firstName, p.nir ?? ''])
      .filter((form) => form !== '' && lines.includes(form.toLowerCase()))
      .map((form) => `log: ${form}`),
  ];
}

/** Rows of the outbound queue, all or only those holding patient data, read from the store's file. */
function queuedRows(cabin: Cabin, which: 'all' | 'patientData'): number {
  const file = new Database(join(cabin.directory, 'data', 'cabin.db'), { readonly: true });
  try {
    const where = which === 'all' ? '' : ' WHERE contains_patient_data = 1';
    const row = file.prepare(`SELECT count(*) AS n FROM outbound_queue${where}`).get() as { n: number };
    return row.n;
  } finally {
    file.close();
  }
}

/** The checks after every cell: nothing of the patient, nothing lost, the next patient served. */
async function expectCabinWhole(cabin: Cabin, struck: Struck): Promise<void> {
  const { controller, clock, store } = cabin;
  expect(store.listOpenSessions()).toEqual({ ok: true, value: [] });
  const audit = store.readSessionAudit(struck.sessionId);
  expect(audit.ok && audit.value?.outcome).toBeTruthy();
  expect(queuedRows(cabin, 'patientData')).toBe(0);
  expect(tracesOfPatients(cabin)).toEqual([]);
  // The next patient: a whole journey, every step, on the same cabin.
  if (viewOf(controller).helpCall) attendantCommand(controller, { type: 'attendant.acknowledgeHelp' });
  const steps = await walkOneSession(controller, clock, STEP_MS, MAX_TICKS);
  expect(steps).toEqual(JOURNEY_STEPS);
  // The consent given before the fault reaches the platform, at the latest after the delivery's longest
  // backoff (10 min) once the network is back.
  for (let waited = 0; waited < 11 * 60_000; waited += 10_000) {
    clock.increment(10_000);
    await settle();
  }
  expect(queuedRows(cabin, 'all')).toBe(0);
  if (struck.consented) {
    expect(cabin.delivered).toContainEqual({ kind: 'consent', sessionId: struck.sessionId });
  }
  expect(tracesOfPatients(cabin)).toEqual([]);
}

const CELLS = JOURNEY_STEPS.flatMap((step) =>
  FAULTS.filter((fault) => fault !== 'powerCut').map((fault) => ({ step, fault })),
);

describe('the fault matrix: each fault at each step of the journey', () => {
  it.each(CELLS)(
    '$fault at $step: the session ends, nothing of the patient stays, the next one is served',
    async ({ step, fault }) => {
      const directory = mkdtempSync(join(tmpdir(), 'cabine-fault-'));
      directories.push(directory);
      const cabin = await bootCabin(directory, new ManualClock(MONDAY_9AM));
      const struck = await sessionStruckAt(cabin, step, fault);
      expect(struck.at).toBeGreaterThan(0);
      // The fault was seen where it matters: the reader's fault by the staff at every step, and the
      // patient's failure screen (with its way forward, which the patient took) where the step uses it.
      if (fault === 'readerDown') expect(struck.sights).toContain('cardReader:faulty');
      const expected = EXPECTED_SIGHTS[`${fault}@${step}`];
      if (expected !== undefined)
        expect([...struck.sights]).toContainEqual(expect.stringMatching(`^${expected}`));
      expect(viewOf(cabin.controller)).toMatchObject({ phase: 'ready', session: null, cardInReader: false });
      await expectCabinWhole(cabin, struck);
    },
  );
});

describe('the power cut at each step of the journey', () => {
  it.each(JOURNEY_STEPS)(
    'at %s: booted again, the session is closed at the cut and wiped, the cabin waits for cleaning, nothing is lost',
    async (step) => {
      const directory = mkdtempSync(join(tmpdir(), 'cabine-cut-'));
      directories.push(directory);
      const first = await bootCabin(directory, new ManualClock(MONDAY_9AM));
      // The platform takes nothing during this session: what it had to receive is still queued at the cut.
      first.holdDeliveries = true;
      const struck = await sessionStruckAt(first, step, 'powerCut');
      // The patient lingers 25 s on the screen; then the power goes: no stop, no end, no wipe.
      for (let i = 0; i < 25; i += 1) first.clock.increment(1_000);
      const cutAt = first.clock.now();
      first.store.close();
      cabins.splice(cabins.indexOf(first), 1);
      // Booted an hour later, on a clock of its own: nothing of the first process runs any more.
      const second = await bootCabin(directory, new ManualClock(cutAt + 3_600_000));
      expect(viewOf(second.controller)).toMatchObject({
        phase: 'ready',
        needsCleaning: true,
        waitingForCleaning: true,
      });
      const audit = second.store.readSessionAudit(struck.sessionId);
      if (!audit.ok || audit.value === null) throw new Error('the cut session has no audit');
      expect(audit.value.outcome).toBe('interrupted');
      expect(audit.value.endedAt).toBeLessThanOrEqual(cutAt);
      expect(audit.value.endedAt).toBeGreaterThan(cutAt - SESSION_HEARTBEAT_MS);
      expect(second.log.records().some((r) => r.event === 'session.recoveredAfterCrash')).toBe(true);
      // The attendant cleans the booth; the next patient is served, and the queued consent goes out.
      attendantCommand(second.controller, { type: 'attendant.markCleaned' });
      await expectCabinWhole(second, struck);
    },
  );
});
