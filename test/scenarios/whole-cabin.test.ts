// The whole controller with simulated hardware on a manual clock: sessions as a patient lives them,
// the API as a renderer (or an intruder) calls it, and what the cabin keeps afterwards.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { completeAnswers, type Measurement, type PatientIdentity, type Result } from '../../contract';
import { defaultConfig } from '../../main/config';
import { createController, type RunningController } from '../../main/controller';
import { dispatchCall } from '../../main/ipc/call-dispatch';
import { createSimulatedPeripherals, type SimulatedPeripherals } from '../../main/peripherals';
import { openCabinStore, type CabinStore, type RetentionPolicy } from '../../main/store';
import { MemoryOperationLog } from '../../main/test-support/memory-operation-log';
import { happyScript, type SimulationScript } from '../../devices/simulated/simulation-script';
import { JOURNEY_STEPS } from '../../state-machines/test-support/journey';
import { ManualClock, settleMicrotasks } from '../support/manual-clock';
import { attendantCommand, viewOf, walkOneSession } from '../support/patient-robot';

const STEP_MS = 100;
const DAY_MS = 86_400_000;

/** A Monday morning in the cabin: the manual clock starts there. */
const MONDAY_9AM = Date.UTC(2026, 0, 12, 9, 0, 0);

interface Harness {
  controller: RunningController;
  clock: ManualClock;
  peripherals: SimulatedPeripherals;
  log: MemoryOperationLog;
  store: CabinStore;
  directory: string;
}

const harnesses: Harness[] = [];

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}`);
  return result.value;
}

interface CabinOptions {
  /** Reuse the data folder of an earlier cabin (a reboot). */
  readonly directory?: string;
  readonly script?: SimulationScript;
  readonly clock?: ManualClock;
  readonly retention?: RetentionPolicy;
}

async function startCabin(options: CabinOptions = {}): Promise<Harness> {
  const directory = options.directory ?? mkdtempSync(join(tmpdir(), 'cabine-scenario-'));
  const clock = options.clock ?? new ManualClock(MONDAY_9AM);
  const config = {
    ...defaultConfig(directory),
    simulation: { stepMs: STEP_MS, callMs: 1_000, byteLevelDevices: false, cardReader: 'domain' as const },
    ...(options.retention ? { retention: options.retention } : {}),
  };
  const peripherals = createSimulatedPeripherals(options.script ?? happyScript(STEP_MS), clock, 1_000);
  const log = new MemoryOperationLog(clock);
  mkdirSync(config.dataDirectory, { recursive: true });
  const store = unwrap(openCabinStore(join(config.dataDirectory, 'cabin.db'), clock));
  const controller = createController({ config, clock, peripherals, log, store });
  await controller.booted;
  const harness = { controller, clock, peripherals, log, store, directory };
  harnesses.push(harness);
  return harness;
}

/** Moves the manual clock step by step, so that timers set by a step fire in the next one. */
function advance(clock: ManualClock, steps: number): void {
  for (let i = 0; i < steps; i += 1) clock.increment(STEP_MS);
}

const start = (controller: RunningController) =>
  controller.server.startSession({ locale: 'fr', accessibility: { largeText: false, readAloud: false } });

afterEach(async () => {
  for (const { controller, directory } of harnesses.splice(0)) {
    await controller.stop();
    rmSync(directory, { recursive: true, force: true });
  }
});

describe('a day in the cabin', () => {
  it('boots to the welcome screen with every simulated peripheral working', async () => {
    const { controller } = await startCabin();
    const view = viewOf(controller);
    expect(view.phase).toBe('ready');
    expect(view.session).toBeNull();
    expect(view.peripherals.every((p) => p.state === 'ok')).toBe(true);
  });

  it('walks a whole session, then returns to the welcome screen marked for cleaning', async () => {
    const { controller, clock, peripherals } = await startCabin();
    const delivered: string[] = [];
    const deliver = peripherals.platform.deliver.bind(peripherals.platform);
    peripherals.platform.deliver = (item) => {
      delivered.push(item.kind);
      return deliver(item);
    };
    const steps = await walkOneSession(controller, clock, STEP_MS);
    expect(steps).toEqual(JOURNEY_STEPS);
    expect(viewOf(controller)).toMatchObject({ phase: 'ready', needsCleaning: true, session: null });
    // The consent and the measurements reached the platform; the prescription came out of the printer.
    expect(delivered).toContain('consent');
    expect(delivered.filter((kind) => kind === 'measurement').length).toBeGreaterThanOrEqual(4);
    // The simulated printer keeps the titles of what came out, never the documents themselves.
    expect(peripherals.printer.printed).toEqual(['Ordonnance']);
  });

  it('keeps the audit of a session, with its steps and outcome but no identity', async () => {
    const { controller, clock, directory } = await startCabin();
    await walkOneSession(controller, clock, STEP_MS);
    await controller.stop();
    harnesses.pop();
    const store = openCabinStore(join(directory, 'data', 'cabin.db'));
    if (!store.ok) throw new Error(store.error.code);
    const open = store.value.listOpenSessions();
    expect(open).toEqual({ ok: true, value: [] });
    store.value.close();
    // The machine records each step it enters, in order, once.
    const db = new Database(join(directory, 'data', 'cabin.db'), { readonly: true });
    const recorded = db.prepare('SELECT step FROM session_steps ORDER BY entered_at, rowid').all();
    db.close();
    expect(recorded.map((row) => (row as { step: string }).step)).toEqual(JOURNEY_STEPS);
    for (const file of readdirSync(join(directory, 'data'))) {
      const bytes = readFileSync(join(directory, 'data', file)).toString('latin1');
      expect(bytes).not.toContain('MARTINEAU');
      expect(bytes).not.toContain('Odile');
    }
    rmSync(directory, { recursive: true, force: true });
  });

  it('refuses to start a second session while one runs', async () => {
    const { controller } = await startCabin();
    expect(start(controller)).toEqual({ ok: true, value: undefined });
    expect(start(controller)).toEqual({ ok: false, error: { code: 'cabin.notReady' } });
  });

  it('asks for the card left in the reader before the next patient can start', async () => {
    const { controller, peripherals } = await startCabin();
    peripherals.cardReader.setCardPresent(true);
    expect(viewOf(controller).cardInReader).toBe(true);
    expect(start(controller)).toEqual({ ok: false, error: { code: 'cabin.cardLeftInReader' } });
    peripherals.cardReader.setCardPresent(false);
    expect(start(controller)).toEqual({ ok: true, value: undefined });
  });

  it('waits for the cleaning between two patients: the attendant marks it cleaned, or its time passes', async () => {
    const { controller, clock } = await startCabin();
    start(controller);
    controller.server.act({ type: 'patient.quit' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(viewOf(controller)).toMatchObject({ phase: 'ready', waitingForCleaning: true });
    expect(start(controller)).toEqual({ ok: false, error: { code: 'cabin.waitingForCleaning' } });
    attendantCommand(controller, { type: 'attendant.markCleaned' });
    expect(start(controller)).toEqual({ ok: true, value: undefined });

    controller.server.act({ type: 'patient.quit' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(start(controller)).toMatchObject({ ok: false });
    clock.increment(180_000);
    expect(viewOf(controller)).toMatchObject({ waitingForCleaning: false, needsCleaning: true });
    expect(start(controller)).toEqual({ ok: true, value: undefined });
  });

  it('ends an abandoned session after the still-there prompt, and wipes it', async () => {
    const { controller, clock, log } = await startCabin();
    start(controller);
    clock.increment(90_000);
    expect(viewOf(controller).session).toMatchObject({
      askingStillThere: true,
      stillThereUntil: clock.now() + 30_000,
    });
    clock.increment(30_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(viewOf(controller)).toMatchObject({ phase: 'ready', session: null });
    expect(log.droppedLines).toBe(0);
    expect(log.records().some((r) => r.event === 'session.ended' && r.outcome === 'abandoned')).toBe(true);
  });

  it('shows an unreadable card and lets the patient retry with another card', async () => {
    const { controller, clock, peripherals } = await startCabin();
    peripherals.script.card = 'unreadable';
    start(controller);
    controller.server.act({ type: 'patient.next' });
    controller.server.act({ type: 'patient.consent', presence: 'alone', attendantStays: false });
    advance(clock, 3);
    expect(viewOf(controller).session?.screen).toMatchObject({
      step: 'identification',
      stage: 'cardFailed',
      failure: 'card.unreadable',
    });
    peripherals.script.card = 'oneBeneficiary';
    controller.server.act({ type: 'patient.retry' });
    advance(clock, 3);
    expect(viewOf(controller).session?.screen).toMatchObject({ step: 'identification', stage: 'confirming' });
  });

  it('offers only the measurements of devices that answered the self-test', async () => {
    const script = { ...happyScript(STEP_MS), absentDevices: ['weight' as const, 'temperature' as const] };
    const { controller, clock } = await startCabin({ script });
    start(controller);
    controller.server.act({ type: 'patient.next' });
    controller.server.act({ type: 'patient.consent', presence: 'alone', attendantStays: false });
    advance(clock, 3);
    controller.server.act({ type: 'patient.chooseBeneficiary', index: 0 });
    controller.server.act({ type: 'patient.confirmIdentity' });
    controller.server.act({ type: 'patient.seeNextAvailable' });
    controller.server.act({ type: 'patient.chooseProfession', profession: 'nurse' });
    // The platform says a nurse is online.
    await settleMicrotasks();
    expect(viewOf(controller).session?.screen).toMatchObject({ step: 'appointment', stage: 'eligibility' });
    controller.server.act({
      type: 'patient.answerEligibility',
      answers: { physicalActNeeded: false, earlierInPersonSession: false },
    });
    // Télésoin: no médecin-traitant question, the ALD, maternity and CSS ones only.
    controller.server.act({
      type: 'patient.answerCarePath',
      answers: completeAnswers({ longTermCondition: 'no', pregnantSixthMonth: 'no', solidarityCover: 'no' }),
    });
    controller.server.act({ type: 'patient.acceptCost' });
    const screen = viewOf(controller).session?.screen;
    expect(screen?.step === 'measurements' && screen.slots.map((s) => `${s.kind}:${s.status}`)).toEqual([
      'bloodPressure:pending',
      'temperature:unavailable',
      'oxygenSaturation:pending',
      'weight:unavailable',
    ]);
  });
});

describe('the API as any caller sees it', () => {
  it('refuses an unknown method and a malformed action, and logs neither payload', async () => {
    const { controller } = await startCabin();
    const log = new MemoryOperationLog();
    await expect(dispatchCall(controller.server, log, 'deleteEverything', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'api.unknownMethod' },
    });
    start(controller);
    const malformed = {
      type: 'patient.submitIdentity',
      identity: { surname: 'DUPONTEL Jean-Marc', nir: 180017512345678 },
    };
    await expect(dispatchCall(controller.server, log, 'act', malformed)).resolves.toMatchObject({
      ok: false,
      error: { code: 'api.invalidInput' },
    });
    await expect(
      dispatchCall(controller.server, log, 'act', { type: 'patient.next', extra: 'x' }),
    ).resolves.toMatchObject({
      ok: false,
    });
    const written = log.lines.join('\n');
    expect(written).toContain('api.refused');
    expect(written).not.toContain('DUPONTEL');
    expect(written).not.toContain('180017512345678');
    // The controller still serves: the session is on its first screen.
    expect(viewOf(controller).session?.screen.step).toBe('information');
  });

  it('refuses staff commands without a staff session opened with the right PIN', async () => {
    const { controller } = await startCabin();
    start(controller);
    expect(controller.server.staffLogin({ role: 'attendant', pin: '000000' })).toEqual({
      ok: false,
      error: { code: 'staff.badPin' },
    });
    expect(controller.server.staff({ token: 'forged', command: { type: 'attendant.resetSession' } })).toEqual(
      { ok: false, error: { code: 'staff.sessionEnded' } },
    );
    expect(viewOf(controller).phase).toBe('inSession');
    attendantCommand(controller, { type: 'attendant.resetSession' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(viewOf(controller)).toMatchObject({ phase: 'ready', session: null });
  });

  it('keeps serving when a peripheral throws (a driver bug)', async () => {
    const { controller, clock, peripherals } = await startCabin();
    const reader = peripherals.cardReader as { readNextCard: unknown };
    reader.readNextCard = () => {
      throw new Error('driver bug');
    };
    start(controller);
    controller.server.act({ type: 'patient.next' });
    controller.server.act({ type: 'patient.consent', presence: 'alone', attendantStays: false });
    clock.increment(STEP_MS);
    expect(viewOf(controller).session?.screen).toMatchObject({ step: 'identification', stage: 'cardFailed' });
    controller.server.act({ type: 'patient.useManualEntry' });
    expect(viewOf(controller).session?.screen).toMatchObject({
      step: 'identification',
      stage: 'manualEntry',
    });
  });
});

describe('after a power cut', () => {
  it('closes the session the cut left open at its last heartbeat, wipes it, and waits for the cleaning', async () => {
    const first = await startCabin();
    start(first.controller);
    first.controller.server.act({ type: 'patient.next' });
    const open = first.store.listOpenSessions();
    if (!open.ok || open.value[0] === undefined) throw new Error('no open session');
    const cutSessionId = open.value[0];
    // The patient stays on the consent screen for 25 s: the heartbeat writes twice (every 10 s).
    for (let i = 0; i < 25; i += 1) first.clock.increment(1_000);
    const cutAt = first.clock.now();
    // The cut: the store's file is left as it is, without the session's end or wipe; the cabin boots an hour later.
    first.store.close();
    harnesses.pop();
    // A new clock: nothing of the first process runs any more.
    const second = await startCabin({
      directory: first.directory,
      clock: new ManualClock(cutAt + 3_600_000),
    });
    expect(viewOf(second.controller)).toMatchObject({ phase: 'ready', needsCleaning: true, session: null });
    expect(start(second.controller)).toMatchObject({
      ok: false,
      error: { code: 'cabin.waitingForCleaning' },
    });
    const audit = unwrap(second.store.readSessionAudit(cutSessionId));
    expect(audit).toMatchObject({ outcome: 'interrupted' });
    // Ended within one heartbeat of the cut, not at the boot an hour later.
    expect(audit?.endedAt).toBeLessThanOrEqual(cutAt);
    expect(audit?.endedAt).toBeGreaterThan(cutAt - 10_000);
    expect(second.store.listOpenSessions()).toEqual({ ok: true, value: [] });
    attendantCommand(second.controller, { type: 'attendant.markCleaned' });
    expect(start(second.controller).ok).toBe(true);
    expect(viewOf(second.controller).session?.screen.step).toBe('information');
  });
});

describe('what a technician reads afterwards', () => {
  it('the log traces every state the cabin and the session went through, and nothing of the patient', async () => {
    const { controller, clock, peripherals, log } = await startCabin();
    const identities: PatientIdentity[] = [];
    const measurements: Measurement[] = [];
    const joinQueue = peripherals.platform.joinQueue.bind(peripherals.platform);
    peripherals.platform.joinQueue = (entry, report) => {
      identities.push(entry.identity);
      measurements.push(...entry.measurements);
      return joinQueue(entry, report);
    };
    const steps = await walkOneSession(controller, clock, STEP_MS);
    expect(steps).toEqual(JOURNEY_STEPS);

    const trail = log.records().filter((record) => record.event === 'machine.state');
    const statesOf = (machine: string) =>
      trail.filter((record) => record.machine === machine).map((record) => String(record.state));
    expect(statesOf('cabin')).toEqual([
      'booting',
      'ready.open',
      'inSession',
      'cleaning.afterSession',
      'ready.waitingForCleaning',
    ]);
    // Each journey step shows in the session's trail, in order, as a state name.
    const session = statesOf('session');
    const stepsInTrail = JOURNEY_STEPS.map((step) =>
      session.findIndex((state) => state.split('.').includes(step)),
    );
    expect(stepsInTrail.every((index) => index >= 0)).toBe(true);
    expect(stepsInTrail).toEqual([...stepsInTrail].sort((a, b) => a - b));
    // One line per change: a region never "enters" the state it is already in.
    session.forEach((state, index) => expect(session.indexOf(state, index + 1)).not.toBe(index + 1));
    expect(trail.every((record) => Object.keys(record).sort().join() === 'event,level,machine,state,t')).toBe(
      true,
    );

    // The patient's identity and measurements went to the platform, never to the log.
    expect(identities).not.toHaveLength(0);
    expect(measurements).not.toHaveLength(0);
    const identityValues = identities.flatMap((identity) => [
      identity.surname,
      identity.firstName,
      identity.birthDate,
      ...(identity.nir ? [identity.nir] : []),
    ]);
    const measuredValues = new Set(measurements.flatMap((m) => m.quantities.map((q) => q.value)));
    const written = log.lines.join('\n');
    for (const value of identityValues) expect(written).not.toContain(value);
    for (const record of log.records()) {
      for (const [key, value] of Object.entries(record)) {
        if (key !== 't' && typeof value === 'number') expect(measuredValues.has(value), key).toBe(false);
      }
    }
    expect(log.records().some((record) => record.redacted === true)).toBe(false);
  });
});

describe('retention of what is not patient data', () => {
  async function consentAndQuit(harness: Harness): Promise<string> {
    const { controller, store } = harness;
    start(controller);
    const sessionId = unwrap(store.listOpenSessions())[0] ?? '';
    controller.server.act({ type: 'patient.next' });
    controller.server.act({ type: 'patient.consent', presence: 'relative', attendantStays: false });
    controller.server.act({ type: 'patient.quit' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(viewOf(controller).phase).toBe('ready');
    expect(unwrap(store.readSessionAudit(sessionId))?.consents).toHaveLength(1);
    return sessionId;
  }

  function consentRows(harness: Harness, sessionId: string): number {
    const raw = new Database(join(harness.directory, 'data', 'cabin.db'), { readonly: true });
    const row = raw
      .prepare<[string], { n: number }>('SELECT count(*) AS n FROM consent_records WHERE session_id = ?')
      .get(sessionId);
    raw.close();
    return row?.n ?? 0;
  }

  it('forgets a session’s audit 90 days on, at the daily pruning, and keeps its consent record', async () => {
    const cabin = await startCabin();
    const sessionId = await consentAndQuit(cabin);
    cabin.clock.increment(90 * DAY_MS);
    expect(unwrap(cabin.store.readSessionAudit(sessionId))).not.toBeNull();
    cabin.clock.increment(DAY_MS);
    expect(unwrap(cabin.store.readSessionAudit(sessionId))).toBeNull();
    expect(consentRows(cabin, sessionId)).toBe(1);
    expect(cabin.log.records()).toContainEqual(
      expect.objectContaining({ event: 'retention.pruned', sessions: 1 }),
    );
  });

  it('prunes at boot what expired while the cabin was off, each by its own setting', async () => {
    const first = await startCabin();
    const sessionId = await consentAndQuit(first);
    await first.controller.stop();
    harnesses.pop();
    const second = await startCabin({
      directory: first.directory,
      clock: new ManualClock(MONDAY_9AM + 11 * DAY_MS),
      retention: { auditDays: 30, consentDays: 10 },
    });
    expect(unwrap(second.store.readSessionAudit(sessionId))).toMatchObject({
      outcome: 'cancelled',
      consents: [],
    });
    expect(consentRows(second, sessionId)).toBe(0);
  });
});
