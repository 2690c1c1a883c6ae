// The cabin's staff with the whole controller on a manual clock: the attendant and the technician log
// in with their PINs, give their commands and meet their refusals; wrong PINs lock a role for five
// minutes over the screen and the attendant page alike; a real cabin asks for its PINs before any
// patient; a reset at any step of a session leaves nothing of the patient and is recorded with its step.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceReport, Result, StaffCommand, StepName, TrafficEntry } from '../../contract';
import { decodeNoninDf2Frame } from '../../devices/nonin-df2/nonin-df2-codec';
import { defaultConfig, type CabinConfig } from '../../main/config';
import { createController, type ControllerOptions, type RunningController } from '../../main/controller';
import { createSimulatedPeripherals } from '../../main/peripherals';
import { hashPin } from '../../main/staff/pin-hash';
import { DEMO_STAFF_PINS } from '../../main/staff/staff-access';
import { openCabinStore, type CabinStore } from '../../main/store';
import { MemoryOperationLog } from '../../main/test-support/memory-operation-log';
import { happyScript } from '../../devices/simulated/simulation-script';
import { JOURNEY_STEPS } from '../../state-machines/test-support/journey';
import { ManualClock, settleMicrotasks } from '../support/manual-clock';
import { cooperativeAction, staffLogin, viewOf } from '../support/patient-robot';

const STEP_MS = 100;
const MONDAY_9AM = Date.UTC(2026, 0, 12, 9, 0, 0);
const FIVE_MINUTES = 5 * 60_000;
/** A cheap scrypt cost for the PINs the tests choose: the rules are the point here, not the strength. */
const CHEAP = { N: 1_024, r: 8, p: 1 };

interface Harness {
  readonly controller: RunningController;
  readonly clock: ManualClock;
  readonly store: CabinStore;
  readonly log: MemoryOperationLog;
  readonly directory: string;
}

const harnesses: Harness[] = [];

afterEach(async () => {
  for (const { controller, directory } of harnesses.splice(0)) {
    await controller.stop();
    rmSync(directory, { recursive: true, force: true });
  }
});

interface CabinOptions {
  readonly config?: Partial<CabinConfig>;
  readonly technicianDesk?: ControllerOptions['technicianDesk'];
  readonly directory?: string;
  readonly clock?: ManualClock;
  /** The real codecs on byte-level simulators (the technician's inspection of them), as `npm start`. */
  readonly byteLevel?: boolean;
}

async function startCabin(options: CabinOptions = {}): Promise<Harness> {
  const directory = options.directory ?? mkdtempSync(join(tmpdir(), 'cabine-staff-'));
  const clock = options.clock ?? new ManualClock(MONDAY_9AM);
  const config: CabinConfig = {
    ...defaultConfig(directory),
    simulation: { stepMs: STEP_MS, callMs: 1_000, byteLevelDevices: false, cardReader: 'domain' },
    ...options.config,
  };
  const log = new MemoryOperationLog(clock);
  mkdirSync(config.dataDirectory, { recursive: true });
  const opened = openCabinStore(join(config.dataDirectory, 'cabin.db'), clock);
  if (!opened.ok) throw new Error(opened.error.code);
  const peripherals = createSimulatedPeripherals(happyScript(STEP_MS), clock, 1_000, options.byteLevel);
  const controller = createController({
    config,
    clock,
    peripherals,
    log,
    store: opened.value,
    ...(options.technicianDesk ? { technicianDesk: options.technicianDesk } : {}),
  });
  // Byte-level devices answer their self-test over links that settle only as the clock moves.
  let booted = false;
  void controller.booted.then(() => (booted = true));
  while (options.byteLevel && !booted) await clock.advance(STEP_MS);
  await controller.booted;
  const harness = { controller, clock, store: opened.value, log, directory };
  harnesses.push(harness);
  return harness;
}

/** Stops a cabin but keeps its data folder, as a reboot does. */
async function reboot(harness: Harness, config: Partial<CabinConfig> = {}): Promise<Harness> {
  await harness.controller.stop();
  harnesses.splice(harnesses.indexOf(harness), 1);
  return startCabin({ directory: harness.directory, clock: harness.clock, config });
}

const start = (controller: RunningController) =>
  controller.server.startSession({ locale: 'fr', accessibility: { largeText: false, readAloud: false } });

/** Gives `command` in the staff session `token`, waiting for an answer that comes later. */
async function give(
  controller: RunningController,
  token: string,
  command: StaffCommand,
): Promise<Result<unknown>> {
  return controller.server.staff({ token, command });
}

/** The staff events the store kept, as `kind role detail` lines. */
function staffEvents(store: CabinStore): string[] {
  const events = store.staff.events(0);
  if (!events.ok) throw new Error(events.error.code);
  return events.value.map((event) => [event.kind, event.role ?? '-', event.detail ?? '-'].join(' '));
}

/** Walks the cooperative patient until the screen shows `step` (the session was started). */
async function walkTo(harness: Harness, step: StepName): Promise<void> {
  const { controller, clock } = harness;
  for (let tick = 0; tick < 2_000; tick += 1) {
    const view = viewOf(controller);
    if (view.session?.screen.step === step) return;
    const action = cooperativeAction(view);
    if (action) controller.server.act(action);
    else clock.increment(STEP_MS);
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`the session never reached ${step}`);
}

describe('the attendant', () => {
  it('opens the panel with the PIN, which the patient’s screen is told of, and closes it', async () => {
    const { controller, store } = await startCabin();
    const session = controller.server.staffLogin({ role: 'attendant', pin: DEMO_STAFF_PINS.attendant });
    expect(session).toMatchObject({ ok: true, value: { role: 'attendant', idleMs: 120_000 } });
    const token = session.ok ? session.value.token : '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(viewOf(controller).staff).toEqual({ onScreen: 'attendant', locks: [], pinsNeeded: false });
    expect(await give(controller, token, { type: 'staff.logout' })).toEqual({ ok: true, value: null });
    expect(viewOf(controller).staff.onScreen).toBeNull();
    expect(await give(controller, token, { type: 'attendant.markCleaned' })).toEqual({
      ok: false,
      error: { code: 'staff.sessionEnded' },
    });
    expect(staffEvents(store)).toEqual(['login attendant screen', 'logout attendant asked']);
  });

  it('may not give the technician’s commands', async () => {
    const { controller } = await startCabin();
    const token = staffLogin(controller, 'attendant');
    for (const command of [
      { type: 'technician.enterMaintenance' },
      { type: 'technician.listDevices' },
      { type: 'technician.export', directory: '/media/usb0' },
    ] as const) {
      expect(await give(controller, token, command)).toEqual({
        ok: false,
        error: { code: 'staff.forbidden' },
      });
    }
    expect(viewOf(controller).phase).toBe('ready');
  });

  it('puts the cabin out of service with a message the welcome screen shows, and back', async () => {
    const { controller, clock } = await startCabin();
    const token = staffLogin(controller, 'attendant');
    const message = 'Cabine fermée pour nettoyage, retour à 14 h.';
    expect(await give(controller, token, { type: 'attendant.setOutOfService', message })).toMatchObject({
      ok: true,
    });
    expect(viewOf(controller)).toMatchObject({
      phase: 'outOfService',
      outOfServiceReason: 'attendant.request',
      outOfServiceMessage: message,
    });
    expect(start(controller)).toEqual({ ok: false, error: { code: 'cabin.notReady' } });
    await give(controller, token, { type: 'attendant.setOutOfService', message: '' });
    expect(viewOf(controller)).toMatchObject({ phase: 'outOfService', outOfServiceMessage: null });
    expect(await give(controller, token, { type: 'attendant.returnToService' })).toMatchObject({ ok: true });
    clock.increment(STEP_MS);
    await settleMicrotasks();
    expect(viewOf(controller)).toMatchObject({ phase: 'ready', outOfServiceMessage: null });
    expect(await give(controller, token, { type: 'attendant.returnToService' })).toEqual({
      ok: false,
      error: { code: 'staff.notNow' },
    });
    // Not in the middle of a patient's session.
    start(controller);
    expect(await give(controller, token, { type: 'attendant.setOutOfService', message: '' })).toEqual({
      ok: false,
      error: { code: 'staff.sessionRunning' },
    });
  });

  it('sees the help call with its step, since when and who was told, and answers it', async () => {
    const harness = await startCabin();
    const { controller, clock } = harness;
    const token = staffLogin(controller, 'attendant');
    expect(await give(controller, token, { type: 'attendant.acknowledgeHelp' })).toEqual({
      ok: false,
      error: { code: 'help.none' },
    });
    start(controller);
    await walkTo(harness, 'consent');
    const asked = clock.now();
    controller.server.act({ type: 'patient.help' });
    await settleMicrotasks();
    expect(viewOf(controller).helpCall).toEqual({
      step: 'consent',
      since: asked,
      told: expect.arrayContaining(['attendant']) as unknown,
    });
    // The patient goes on; the call still says where it came from.
    controller.server.act({ type: 'patient.consent', presence: 'alone', attendantStays: false });
    expect(viewOf(controller).helpCall?.step).toBe('consent');
    expect(await give(controller, token, { type: 'attendant.acknowledgeHelp' })).toEqual({
      ok: true,
      value: null,
    });
    expect(viewOf(controller)).toMatchObject({ helpCall: null, attendantCalled: false });
  });

  it('closes the panel by itself after two minutes without a command; each command keeps it open', async () => {
    const { controller, clock, store } = await startCabin();
    const token = staffLogin(controller, 'attendant');
    clock.increment(100_000);
    expect(await give(controller, token, { type: 'attendant.markCleaned' })).toMatchObject({ ok: true });
    clock.increment(100_000);
    expect(viewOf(controller).staff.onScreen).toBe('attendant');
    clock.increment(20_000);
    expect(viewOf(controller).staff.onScreen).toBeNull();
    expect(await give(controller, token, { type: 'attendant.markCleaned' })).toEqual({
      ok: false,
      error: { code: 'staff.sessionEnded' },
    });
    expect(staffEvents(store)).toContain('logout attendant idle');
  });

  it('closes an idle panel after the configured time', async () => {
    const { controller, clock } = await startCabin({
      config: { staff: { ...defaultConfig('.').staff, idleMs: 30_000 } },
    });
    const session = controller.server.staffLogin({ role: 'technician', pin: DEMO_STAFF_PINS.technician });
    expect(session).toMatchObject({ ok: true, value: { idleMs: 30_000 } });
    clock.increment(30_000);
    expect(viewOf(controller).staff.onScreen).toBeNull();
  });
});

describe('the technician', () => {
  it('finds in the devices no frame nor traffic of the last patient once their session is over', async () => {
    const { controller, clock } = await startCabin({ byteLevel: true });
    // A whole session, measurements included, through the real codecs (their links settle as time moves).
    expect(start(controller)).toEqual({ ok: true, value: undefined });
    let sessionOver = 0;
    for (let tick = 0; tick < 3_000 && viewOf(controller).phase !== 'ready'; tick += 1) {
      const action = cooperativeAction(viewOf(controller));
      if (action) controller.server.act(action);
      else await clock.advance(STEP_MS);
      if (sessionOver === 0 && viewOf(controller).phase !== 'inSession') sessionOver = clock.now();
    }
    expect(viewOf(controller).phase).toBe('ready');
    const token = staffLogin(controller, 'technician');
    const devices = await give(controller, token, { type: 'technician.listDevices' });
    if (!devices.ok) throw new Error(devices.error.code);
    const reports = devices.value as readonly DeviceReport[];
    // The devices are still there and say who they are, but keep nothing of the session's measurements.
    expect(reports.map((r) => r.identity?.serialNumber)).toEqual([
      'SIM-BP-0001',
      'SIM-TH-0001',
      'SIM-OX-0001',
      'SIM-WT-0001',
    ]);
    expect(reports.flatMap((r) => r.lastFrames)).toEqual([]);
    // What the links carried during the session is gone; since then the oximeter streams an empty clip.
    for (const { peripheral } of reports) {
      const traffic = await give(controller, token, { type: 'technician.traffic', peripheral, sinceMs: 0 });
      const chunks = traffic.ok ? (traffic.value as readonly TrafficEntry[]) : [];
      expect(chunks.filter((chunk) => chunk.atMs < sessionOver)).toEqual([]);
      if (peripheral !== 'oxygenSaturation') continue;
      const bytes = Buffer.from(chunks.map((chunk) => chunk.hex).join(''), 'hex');
      for (let at = 0; at + 5 <= bytes.length; at += 5) {
        expect(decodeNoninDf2Frame(bytes.subarray(at, at + 5))?.status.sensorDisconnected).toBe(true);
      }
    }
  }, 30_000);

  it('who walks away from the panel leaves the cabin serving patients again, not held in maintenance', async () => {
    const { controller, clock } = await startCabin();
    const token = staffLogin(controller, 'technician');
    await give(controller, token, { type: 'technician.enterMaintenance' });
    expect(viewOf(controller).phase).toBe('maintenance');
    expect(start(controller)).toMatchObject({ ok: false, error: { code: 'cabin.notReady' } });
    clock.increment(120_000);
    await settleMicrotasks();
    expect(viewOf(controller).staff.onScreen).toBeNull();
    // Back through the self-test to the welcome screen.
    for (let i = 0; i < 20 && viewOf(controller).phase !== 'ready'; i += 1) {
      clock.increment(100);
      await settleMicrotasks();
    }
    expect(viewOf(controller).phase).toBe('ready');
    expect(start(controller)).toEqual({ ok: true, value: undefined });
  });

  it('gives the attendant’s commands too, and takes the cabin into maintenance and out, never during a session', async () => {
    const { controller, clock } = await startCabin();
    const token = staffLogin(controller, 'technician');
    expect(viewOf(controller).staff.onScreen).toBe('technician');
    expect(await give(controller, token, { type: 'attendant.markCleaned' })).toMatchObject({ ok: true });
    expect(await give(controller, token, { type: 'technician.enterMaintenance' })).toMatchObject({
      ok: true,
    });
    expect(viewOf(controller).phase).toBe('maintenance');
    expect(start(controller)).toEqual({ ok: false, error: { code: 'cabin.notReady' } });
    expect(await give(controller, token, { type: 'technician.leaveMaintenance' })).toMatchObject({
      ok: true,
    });
    clock.increment(STEP_MS);
    await settleMicrotasks();
    expect(viewOf(controller).phase).toBe('ready');
    expect(await give(controller, token, { type: 'technician.leaveMaintenance' })).toEqual({
      ok: false,
      error: { code: 'staff.notNow' },
    });
    start(controller);
    expect(await give(controller, token, { type: 'technician.enterMaintenance' })).toEqual({
      ok: false,
      error: { code: 'staff.sessionRunning' },
    });
    // The devices' frames and traffic are the patient's measurements while a session runs.
    for (const command of [
      { type: 'technician.listDevices' },
      { type: 'technician.traffic', peripheral: 'oxygenSaturation', sinceMs: 0 },
    ] as const) {
      expect(await give(controller, token, command)).toEqual({
        ok: false,
        error: { code: 'staff.sessionRunning' },
      });
    }
    expect(viewOf(controller).phase).toBe('inSession');
  });

  it('hands the device commands to the technician desk, which answers later', async () => {
    const { controller } = await startCabin();
    const token = staffLogin(controller, 'technician');
    // The cabin's own desk: one report a measuring device, none of them inspectable here (domain-level simulators).
    const devices = await give(controller, token, { type: 'technician.listDevices' });
    expect(devices.ok && (devices.value as { peripheral: string }[]).map((d) => d.peripheral)).toEqual([
      'bloodPressure',
      'temperature',
      'oxygenSaturation',
      'weight',
    ]);
    const ran: string[] = [];
    const phases: string[] = [];
    const withDesk = await startCabin({
      technicianDesk: (parts) => ({
        run: (command) => {
          ran.push(command.type);
          phases.push(parts.view().phase);
          return Promise.resolve({ ok: true, value: [] });
        },
        cancelProcedure: () => undefined,
      }),
    });
    const technician = staffLogin(withDesk.controller, 'technician');
    await give(withDesk.controller, technician, { type: 'technician.enterMaintenance' });
    expect(
      await give(withDesk.controller, technician, { type: 'technician.records', peripheral: null }),
    ).toEqual({
      ok: true,
      value: [],
    });
    const attendant = staffLogin(withDesk.controller, 'attendant');
    expect(await give(withDesk.controller, attendant, { type: 'technician.listDevices' })).toEqual({
      ok: false,
      error: { code: 'staff.forbidden' },
    });
    // The cabin's own commands never reach the desk.
    expect(ran).toEqual(['technician.records']);
    expect(phases).toEqual(['maintenance']);
  });
});

describe('wrong PINs', () => {
  it('lock the role for five minutes after five, even for the right PIN; the lock and its end are recorded', async () => {
    const { controller, clock, store, log } = await startCabin();
    for (let attempt = 0; attempt < 4; attempt += 1) {
      expect(controller.server.staffLogin({ role: 'attendant', pin: `99${attempt}999` })).toEqual({
        ok: false,
        error: { code: 'staff.badPin' },
      });
    }
    expect(controller.server.staffLogin({ role: 'attendant', pin: '994999' })).toEqual({
      ok: false,
      error: { code: 'staff.locked' },
    });
    const until = clock.now() + FIVE_MINUTES;
    expect(viewOf(controller).staff.locks).toEqual([{ role: 'attendant', until }]);
    clock.increment(FIVE_MINUTES - 1_000);
    expect(controller.server.staffLogin({ role: 'attendant', pin: DEMO_STAFF_PINS.attendant })).toEqual({
      ok: false,
      error: { code: 'staff.locked' },
    });
    // The other role is not locked.
    expect(controller.server.staffLogin({ role: 'technician', pin: DEMO_STAFF_PINS.technician }).ok).toBe(
      true,
    );
    clock.increment(1_000);
    expect(viewOf(controller).staff.locks).toEqual([]);
    expect(controller.server.staffLogin({ role: 'attendant', pin: DEMO_STAFF_PINS.attendant }).ok).toBe(true);
    const events = store.staff.events(0);
    expect(events.ok && events.value.find((event) => event.kind === 'locked')).toMatchObject({
      role: 'attendant',
      until,
    });
    expect(staffEvents(store)).toEqual([
      ...Array<string>(5).fill('badPin attendant screen'),
      'locked attendant -',
      'login technician screen',
      'unlocked attendant -',
      'login attendant screen',
      // The attendant's login on the cabin's screen ends the technician's panel.
      'logout technician replaced',
    ]);
    // Codes and times only: no PIN typed is kept, right or wrong.
    const written = JSON.stringify(events) + log.lines.join('\n');
    expect(written).not.toMatch(/99[0-4]999|246813|135792/);
  });

  it('count over the screen and the attendant page alike, and the lock holds for both', async () => {
    const { controller } = await startCabin({
      config: { attendantPage: { enabled: true, host: '127.0.0.1', port: 0 } },
    });
    const page = await controller.attendantPage;
    if (page === null) throw new Error('the attendant page did not start');
    const pageLogin = async (code: string): Promise<unknown> => {
      const answer = await fetch(`${page.url}api/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code }),
      });
      return answer.json();
    };
    for (const pin of ['111999', '222999', '333999'])
      controller.server.staffLogin({ role: 'attendant', pin });
    expect(await pageLogin('444999')).toEqual({ ok: false, error: { code: 'attendant.badCode' } });
    expect(await pageLogin('555999')).toEqual({
      ok: false,
      error: { code: 'attendant.locked', retryAfterSeconds: 300 },
    });
    expect(controller.server.staffLogin({ role: 'attendant', pin: DEMO_STAFF_PINS.attendant })).toEqual({
      ok: false,
      error: { code: 'staff.locked' },
    });
    expect(viewOf(controller).staff.locks).toHaveLength(1);
  });

  it('keep their lock over a restart until its end', async () => {
    const first = await startCabin();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      first.controller.server.staffLogin({ role: 'technician', pin: '000111' });
    }
    first.clock.increment(60_000);
    const second = await reboot(first);
    expect(viewOf(second.controller).staff.locks).toEqual([
      { role: 'technician', until: MONDAY_9AM + FIVE_MINUTES },
    ]);
    expect(
      second.controller.server.staffLogin({ role: 'technician', pin: DEMO_STAFF_PINS.technician }),
    ).toEqual({
      ok: false,
      error: { code: 'staff.locked' },
    });
    second.clock.increment(FIVE_MINUTES - 60_000);
    expect(
      second.controller.server.staffLogin({ role: 'technician', pin: DEMO_STAFF_PINS.technician }).ok,
    ).toBe(true);
  });
});

describe('the PINs of a real cabin', () => {
  const real: Partial<CabinConfig> = { hardware: 'real' };

  it('are asked at the first start: no patient and no staff before, the demonstration PINs never work', async () => {
    const harness = await startCabin({ config: real });
    const { controller, store } = harness;
    expect(viewOf(controller).staff).toEqual({ onScreen: null, locks: [], pinsNeeded: true });
    expect(start(controller)).toEqual({ ok: false, error: { code: 'staff.pinsNeeded' } });
    expect(controller.server.staffLogin({ role: 'attendant', pin: DEMO_STAFF_PINS.attendant })).toEqual({
      ok: false,
      error: { code: 'staff.pinsNeeded' },
    });
    const setPins = (attendantPin: string, technicianPin: string) =>
      controller.server.staffSetPins({ attendantPin, technicianPin });
    expect(setPins('1234', '582017')).toEqual({
      ok: false,
      error: { code: 'pin.format', detail: 'attendant' },
    });
    expect(setPins('739164', '777777')).toEqual({
      ok: false,
      error: { code: 'pin.guessable', detail: 'technician' },
    });
    expect(setPins('739164', '739164')).toEqual({ ok: false, error: { code: 'pin.same' } });
    expect(setPins('739164', '582017')).toEqual({ ok: true, value: undefined });
    expect(setPins('111222', '333444')).toEqual({ ok: false, error: { code: 'staff.pinsAlreadySet' } });
    expect(viewOf(controller).staff.pinsNeeded).toBe(false);
    expect(start(controller)).toEqual({ ok: true, value: undefined });
    expect(controller.server.staffLogin({ role: 'attendant', pin: '739164' }).ok).toBe(true);
    expect(controller.server.staffLogin({ role: 'technician', pin: DEMO_STAFF_PINS.technician })).toEqual({
      ok: false,
      error: { code: 'staff.badPin' },
    });
    // The store keeps hashes, never the PINs.
    const hashes = store.staff.pinHashes();
    expect(hashes.ok && hashes.value.attendant).toMatch(/^scrypt\$16384\$8\$1\$/);
    for (const file of readdirSync(join(harness.directory, 'data'))) {
      expect(readFileSync(join(harness.directory, 'data', file)).toString('latin1')).not.toMatch(
        /739164|582017/,
      );
    }
    expect(staffEvents(store)).toContain('pins.set - -');
    // Chosen once for good: a restart keeps them.
    const again = await reboot(harness, real);
    expect(viewOf(again.controller).staff.pinsNeeded).toBe(false);
    expect(again.controller.server.staffLogin({ role: 'technician', pin: '582017' }).ok).toBe(true);
  });

  it('may come from the configuration as hashes, and then only those PINs work', async () => {
    const staff = {
      attendantPinHash: hashPin('739164', CHEAP),
      technicianPinHash: hashPin('582017', CHEAP),
      idleMs: 120_000,
    };
    for (const hardware of ['real', 'simulated'] as const) {
      const { controller } = await startCabin({ config: { hardware, staff } });
      expect(viewOf(controller).staff.pinsNeeded).toBe(false);
      expect(controller.server.staffLogin({ role: 'attendant', pin: DEMO_STAFF_PINS.attendant })).toEqual({
        ok: false,
        error: { code: 'staff.badPin' },
      });
      expect(controller.server.staffLogin({ role: 'attendant', pin: '739164' }).ok).toBe(true);
      expect(controller.server.staffLogin({ role: 'technician', pin: '582017' }).ok).toBe(true);
      expect(controller.server.staffSetPins({ attendantPin: '111222', technicianPin: '333444' })).toEqual({
        ok: false,
        error: { code: 'staff.pinsAlreadySet' },
      });
    }
  });
});

describe('a reset of a stuck session', () => {
  it.each(JOURNEY_STEPS.map((step) => [step]))(
    'at %s ends it at once, wipes the patient and is recorded with its step',
    async (step) => {
      const harness = await startCabin();
      const { controller, store, directory, log } = harness;
      expect(start(controller).ok).toBe(true);
      const open = store.listOpenSessions();
      const opened = open.ok ? open.value[0] : undefined;
      await walkTo(harness, step);
      const token = staffLogin(controller, 'attendant');
      expect(await give(controller, token, { type: 'attendant.resetSession' })).toEqual({
        ok: true,
        value: null,
      });
      await settleMicrotasks();
      await new Promise((resolve) => setImmediate(resolve));
      expect(viewOf(controller)).toMatchObject({ phase: 'ready', session: null, waitingForCleaning: true });
      expect(store.listOpenSessions()).toEqual({ ok: true, value: [] });
      const audit = opened === undefined ? null : store.readSessionAudit(opened);
      expect(audit?.ok && audit.value?.outcome).toBe('reset');
      expect(staffEvents(store)).toContain(`session.reset attendant ${step}`);
      // Nothing of the patient is left in any file of the store.
      for (const file of readdirSync(join(directory, 'data'))) {
        const bytes = readFileSync(join(directory, 'data', file)).toString('latin1');
        expect(bytes).not.toContain('MARTINEAU');
        expect(bytes).not.toContain('Odile');
      }
      expect(log.lines.join('\n')).not.toContain('MARTINEAU');
      expect(await give(controller, token, { type: 'attendant.resetSession' })).toEqual({
        ok: false,
        error: { code: 'session.none' },
      });
    },
  );
});
