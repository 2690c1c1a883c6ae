// The card payment through the whole cabin and the real Caisse-AP protocol: the controller, its store and
// its session on a manual clock, paying through `CaisseApPaymentTerminal` over a TCP socket on 127.0.0.1
// to the byte-level terminal simulator. What the patient accepted is what goes on the wire (`CB`), and a
// lost answer or a cabin killed mid-transaction never leads to a second charge: the public protocol cannot
// be asked again, so the attendant decides, and no card payment goes to the terminal until then.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CabinView } from '../../../contract';
import {
  CaisseApPaymentTerminal,
  CaisseApSimulator,
  type CaisseApSimulatedOutcome,
} from '../../../devices/caisse-ap';
import { happyScript } from '../../../devices/simulated/simulation-script';
import { defaultConfig, type CabinConfig } from '../../../main/config';
import { createController, type RunningController } from '../../../main/controller';
import { createSimulatedPeripherals } from '../../../main/peripherals';
import { openCabinStore, type CabinStore } from '../../../main/store';
import { MemoryOperationLog } from '../../../main/test-support/memory-operation-log';
import { ManualClock } from '../../support/manual-clock';
import {
  attendantCommand,
  cleanBetweenPatients,
  cooperativeAction,
  viewOf,
} from '../../support/patient-robot';

const STEP_MS = 100;
const MONDAY_9AM = Date.UTC(2026, 0, 12, 9, 0, 0);

interface Terminal {
  readonly simulator: CaisseApSimulator;
  readonly port: number;
  outcome: CaisseApSimulatedOutcome;
}

interface Cabin {
  readonly controller: RunningController;
  readonly clock: ManualClock;
  readonly store: CabinStore;
  readonly log: MemoryOperationLog;
}

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The terminal: the byte-level simulator listening on a free port of 127.0.0.1, on `clock`. */
async function startTerminal(clock: ManualClock): Promise<Terminal> {
  const terminal = { outcome: 'approved' } as Terminal;
  const simulator = new CaisseApSimulator(clock, { answerDelayMs: 2_000, outcome: () => terminal.outcome });
  const listening = await simulator.listen({ host: '127.0.0.1', port: 0 });
  if (!listening.ok) throw new Error(listening.error.code);
  cleanups.push(() => simulator.stop());
  return Object.assign(terminal, { simulator, port: listening.value.port });
}

/** A cabin in `directory` paying through the Caisse-AP terminal at `port`; the operator asks the complementary part. */
async function startCabin(directory: string, clock: ManualClock, port: number): Promise<Cabin> {
  const config: CabinConfig = {
    ...defaultConfig(directory),
    simulation: { stepMs: STEP_MS, callMs: 1_000, byteLevelDevices: false, cardReader: 'domain' },
    thirdPartyPayment: 'complementaryPartDue',
  };
  const paymentTerminal = new CaisseApPaymentTerminal(
    { ...config.paymentTerminal, host: '127.0.0.1', port, answerTimeoutMs: 60_000 },
    clock,
  );
  const peripherals = Object.assign(createSimulatedPeripherals(happyScript(STEP_MS), clock, 1_000), {
    paymentTerminal,
  });
  const log = new MemoryOperationLog(clock);
  mkdirSync(config.dataDirectory, { recursive: true });
  const opened = openCabinStore(join(config.dataDirectory, 'cabin.db'), clock);
  if (!opened.ok) throw new Error(opened.error.code);
  const controller = createController({ config, clock, peripherals, log, store: opened.value });
  await controller.booted;
  return { controller, clock, store: opened.value, log };
}

function cabinFolder(): string {
  const directory = mkdtempSync(join(tmpdir(), 'cabine-pay-'));
  cleanups.push(() => Promise.resolve(rmSync(directory, { recursive: true, force: true })));
  return directory;
}

const paymentStage = (view: CabinView): string | null => {
  const screen = view.session?.screen;
  return screen?.step === 'payment' ? screen.stage : null;
};

/**
 * A cooperative patient (from the welcome screen, unless a session runs) until `done`, moving the clock while the cabin (or the
 * terminal's cardholder) works and letting the sockets turn; answers the amount of the cost screen the
 * patient accepted.
 */
async function walkUntil(cabin: Cabin, done: (view: CabinView) => boolean): Promise<number | null> {
  const { controller, clock } = cabin;
  if (viewOf(controller).phase === 'ready') {
    cleanBetweenPatients(controller);
    const started = controller.server.startSession({
      locale: 'fr',
      accessibility: { largeText: false, readAloud: false },
    });
    if (!started.ok) throw new Error(`no session: ${started.error.code}`);
  }
  let accepted: number | null = null;
  for (let tick = 0; tick < 3_000; tick += 1) {
    const view = viewOf(controller);
    if (done(view)) return accepted;
    const screen = view.session?.screen;
    if (screen?.step === 'appointment' && screen.stage === 'cost')
      accepted = screen.cost?.amountDueTodayCents ?? null;
    // A failed payment is not retried here: the test looks at it.
    const action = paymentStage(view) === 'failed' ? null : cooperativeAction(view);
    if (action) controller.server.act(action);
    else clock.increment(STEP_MS);
    for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`the walk did not get there: ${JSON.stringify(viewOf(controller).session?.screen)}`);
}

const amountOnTheWire = (terminal: Terminal, index: number): number =>
  Number(terminal.simulator.received[index]?.fields.find((field) => field.tag === 'CB')?.value);

const atGoodbyeOrFailed = (view: CabinView): boolean =>
  view.session?.screen.step === 'goodbye' || paymentStage(view) === 'failed';

describe(
  'a card payment through the whole cabin on the Caisse-AP protocol over TCP',
  { timeout: 30_000 },
  () => {
    it('sends on the wire the amount of the cost screen the patient accepted, once', async () => {
      const clock = new ManualClock(MONDAY_9AM);
      const terminal = await startTerminal(clock);
      const cabin = await startCabin(cabinFolder(), clock, terminal.port);
      cleanups.push(() => cabin.controller.stop());
      const accepted = await walkUntil(cabin, atGoodbyeOrFailed);
      expect(accepted).toBe(750);
      expect(viewOf(cabin.controller).session?.screen.step).toBe('goodbye');
      expect(terminal.simulator.received).toHaveLength(1);
      expect(amountOnTheWire(terminal, 0)).toBe(accepted);
    });

    it('the connection drops after the terminal approved: the attendant decides, and no card is charged again meanwhile', async () => {
      const clock = new ManualClock(MONDAY_9AM);
      const terminal = await startTerminal(clock);
      const cabin = await startCabin(cabinFolder(), clock, terminal.port);
      cleanups.push(() => cabin.controller.stop());
      terminal.outcome = 'dropAfterApproval';
      await walkUntil(cabin, atGoodbyeOrFailed);
      expect(viewOf(cabin.controller).paymentsAwaitingDecision).toMatchObject([
        { amountCents: 750, reason: 'unknown' },
      ]);
      // The patient goes to the counter; the next patient's payment does not reach the terminal.
      cabin.controller.server.act({ type: 'patient.payAtCounter' });
      await walkUntil(cabin, (view) => view.phase === 'ready');
      terminal.outcome = 'approved';
      await walkUntil(cabin, atGoodbyeOrFailed);
      expect(terminal.simulator.received).toHaveLength(1);
      expect(viewOf(cabin.controller).session?.screen).toMatchObject({ step: 'payment', stage: 'failed' });
      // The attendant reads the terminal's journal: the first payment went through.
      const [waiting] = viewOf(cabin.controller).paymentsAwaitingDecision;
      expect(
        attendantCommand(cabin.controller, {
          type: 'attendant.settlePayment',
          transactionId: waiting?.transactionId ?? '',
          paid: true,
        }),
      ).toMatchObject({ ok: true });
      cabin.controller.server.act({ type: 'patient.retry' });
      await walkUntil(cabin, atGoodbyeOrFailed);
      expect(terminal.simulator.received).toHaveLength(2);
      expect(viewOf(cabin.controller).session?.screen.step).toBe('goodbye');
    });

    it('the cabin is killed while the terminal waits for the card: the next boot asks first, and the attendant decides', async () => {
      const clock = new ManualClock(MONDAY_9AM);
      const terminal = await startTerminal(clock);
      const directory = cabinFolder();
      const first = await startCabin(directory, clock, terminal.port);
      terminal.outcome = 'noAnswer';
      await walkUntil(
        first,
        (view) => paymentStage(view) === 'processing' && terminal.simulator.received.length === 1,
      );
      // The power goes with the request on the terminal: no stop, no end, no answer.
      first.store.close();
      const secondClock = new ManualClock(clock.now() + 60_000);
      const second = await startCabin(directory, secondClock, terminal.port);
      cleanups.push(() => second.controller.stop());
      for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
      expect(viewOf(second.controller).paymentsAwaitingDecision).toMatchObject([
        { amountCents: 750, reason: 'unknown' },
      ]);
      expect(terminal.simulator.received).toHaveLength(1);
    });
  },
);
