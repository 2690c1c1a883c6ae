// The whole controller with simulated hardware on a simulated clock: sessions as a patient lives
// them, the API as a renderer (or an intruder) calls it, and what the cabin keeps afterwards.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulatedClock } from 'xstate';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../main/config';
import { createController, type RunningController } from '../../main/controller';
import { dispatchCall } from '../../main/ipc/call-dispatch';
import { MemoryOperationLog } from '../../main/log';
import { createSimulatedPeripherals, type SimulatedPeripherals } from '../../main/peripherals';
import { openCabinStore } from '../../main/store';
import { happyScript } from '../../devices/simulated/simulation-script';
import { walkOneSession } from '../support/patient-robot';

const STEP_MS = 100;
const FULL_JOURNEY = [
  'information',
  'consent',
  'identification',
  'appointment',
  'measurements',
  'waitingRoom',
  'consultation',
  'documents',
  'payment',
  'goodbye',
];

interface Harness {
  controller: RunningController;
  clock: SimulatedClock;
  peripherals: SimulatedPeripherals;
  log: MemoryOperationLog;
  directory: string;
}

const harnesses: Harness[] = [];

async function startCabin(existingDirectory?: string): Promise<Harness> {
  const directory = existingDirectory ?? mkdtempSync(join(tmpdir(), 'cabine-scenario-'));
  const clock = new SimulatedClock();
  const config = {
    ...defaultConfig(directory),
    simulation: { stepMs: STEP_MS, callMs: 1_000, byteLevelDevices: false, cardReader: 'domain' as const },
  };
  const peripherals = createSimulatedPeripherals(happyScript(STEP_MS), clock, 1_000);
  const log = new MemoryOperationLog();
  const controller = createController({ config, clock, peripherals, log });
  await controller.booted;
  const harness = { controller, clock, peripherals, log, directory };
  harnesses.push(harness);
  return harness;
}

/** Moves the simulated clock step by step, so that timers set by a step fire in the next one. */
function advance(clock: SimulatedClock, steps: number): void {
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
    const view = controller.view();
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
    expect(steps).toEqual(FULL_JOURNEY);
    expect(controller.view()).toMatchObject({ phase: 'ready', needsCleaning: true, session: null });
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
    expect(controller.view().cardInReader).toBe(true);
    expect(start(controller)).toEqual({ ok: false, error: { code: 'cabin.cardLeftInReader' } });
    peripherals.cardReader.setCardPresent(false);
    expect(start(controller)).toEqual({ ok: true, value: undefined });
  });

  it('ends an abandoned session after the still-there prompt, and wipes it', async () => {
    const { controller, clock } = await startCabin();
    start(controller);
    clock.increment(90_000);
    expect(controller.view().session?.askingStillThere).toBe(true);
    clock.increment(30_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(controller.view()).toMatchObject({ phase: 'ready', session: null });
    expect(controller.log.droppedLines).toBe(0);
    expect(
      (controller.log as MemoryOperationLog)
        .records()
        .some((r) => r.event === 'session.ended' && r.outcome === 'abandoned'),
    ).toBe(true);
  });

  it('shows an unreadable card and lets the patient retry with another card', async () => {
    const { controller, clock, peripherals } = await startCabin();
    peripherals.script.card = 'unreadable';
    start(controller);
    controller.server.act({ type: 'patient.next' });
    controller.server.act({ type: 'patient.consent', presence: 'alone', attendantStays: false });
    advance(clock, 3);
    expect(controller.view().session?.screen).toMatchObject({
      step: 'identification',
      stage: 'cardFailed',
      failure: 'card.unreadable',
    });
    peripherals.script.card = 'oneBeneficiary';
    controller.server.act({ type: 'patient.retry' });
    advance(clock, 3);
    expect(controller.view().session?.screen).toMatchObject({ step: 'identification', stage: 'confirming' });
  });

  it('offers only the measurements of devices that answered the self-test', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cabine-scenario-'));
    const clock = new SimulatedClock();
    const script = { ...happyScript(STEP_MS), absentDevices: ['weight' as const, 'temperature' as const] };
    const peripherals = createSimulatedPeripherals(script, clock, 1_000);
    const controller = createController({
      config: {
        ...defaultConfig(directory),
        simulation: {
          stepMs: STEP_MS,
          callMs: 1_000,
          byteLevelDevices: false,
          cardReader: 'domain' as const,
        },
      },
      clock,
      peripherals,
      log: new MemoryOperationLog(),
    });
    harnesses.push({ controller, clock, peripherals, log: new MemoryOperationLog(), directory });
    await controller.booted;
    start(controller);
    controller.server.act({ type: 'patient.next' });
    controller.server.act({ type: 'patient.consent', presence: 'alone', attendantStays: false });
    advance(clock, 3);
    controller.server.act({ type: 'patient.chooseBeneficiary', index: 0 });
    controller.server.act({ type: 'patient.confirmIdentity' });
    controller.server.act({ type: 'patient.seeNextAvailable' });
    controller.server.act({ type: 'patient.chooseProfession', profession: 'nurse' });
    controller.server.act({
      type: 'patient.answerEligibility',
      answers: { physicalActNeeded: false, earlierInPersonSession: false },
    });
    controller.server.act({ type: 'patient.acceptCost' });
    const screen = controller.view().session?.screen;
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
    expect(controller.view().session?.screen.step).toBe('information');
  });

  it('refuses attendant commands without the attendant code', async () => {
    const { controller } = await startCabin();
    start(controller);
    expect(
      controller.server.attend({ code: '0000', command: { type: 'attendant.resetSession' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'attendant.badCode' },
    });
    expect(controller.view().phase).toBe('inSession');
    controller.server.attend({ code: '2468', command: { type: 'attendant.resetSession' } });
    await new Promise((resolve) => setImmediate(resolve));
    expect(controller.view()).toMatchObject({ phase: 'ready', session: null });
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
    expect(controller.view().session?.screen).toMatchObject({ step: 'identification', stage: 'cardFailed' });
    controller.server.act({ type: 'patient.useManualEntry' });
    expect(controller.view().session?.screen).toMatchObject({ step: 'identification', stage: 'manualEntry' });
  });
});

describe('after a power cut', () => {
  it('closes and wipes the session the cut left open when the cabin boots again', async () => {
    const first = await startCabin();
    start(first.controller);
    const open = first.controller.store.listOpenSessions();
    if (!open.ok || open.value[0] === undefined) throw new Error('no open session');
    const cutSessionId = open.value[0];
    // The cut: the store's file is left as it is, without the session's end or wipe.
    first.controller.store.close();
    harnesses.pop();
    const second = await startCabin(first.directory);
    expect(second.controller.view().phase).toBe('ready');
    const audit = second.controller.store.readSessionAudit(cutSessionId);
    expect(audit.ok && audit.value?.outcome).toBe('reset');
    expect(second.controller.store.listOpenSessions()).toEqual({ ok: true, value: [] });
  });
});
