// The card payment through the whole controller on a manual clock, with a terminal that records what it
// is asked: the amount is the one of the cost screen the patient accepted; a transaction is never
// charged twice nor lost, across a lost answer and a cabin killed mid-transaction; every failure leaves
// the patient a way forward and the attendant a decision; the documents never wait for the payment.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  carePathQuestionsToAsk,
  completeAnswers,
  type Answer,
  type CabinView,
  type CarePathQuestion,
  type PartialCarePathAnswers,
  type PatientAction,
  type Result,
} from '../../contract';
import { RecordingPaymentTerminal } from '../../devices/test-support/recording-payment-terminal';
import { happyScript } from '../../devices/simulated/simulation-script';
import { defaultConfig, type CabinConfig } from '../../main/config';
import { createController, type RunningController } from '../../main/controller';
import { createSimulatedPeripherals } from '../../main/peripherals';
import { openCabinStore, type CabinStore } from '../../main/store';
import { MemoryOperationLog } from '../../main/test-support/memory-operation-log';
import { ManualClock } from '../support/manual-clock';
import { attendantCommand, cleanBetweenPatients, cooperativeAction, viewOf } from '../support/patient-robot';

const STEP_MS = 100;
const MONDAY_9AM = Date.UTC(2026, 0, 12, 9, 0, 0);

interface Cabin {
  readonly controller: RunningController;
  readonly clock: ManualClock;
  readonly terminal: RecordingPaymentTerminal;
  readonly store: CabinStore;
  readonly log: MemoryOperationLog;
  readonly directory: string;
}

const cabins: Cabin[] = [];

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}`);
  return result.value;
}

async function startCabin(
  options: {
    readonly thirdPartyPayment?: CabinConfig['thirdPartyPayment'];
    readonly terminal?: RecordingPaymentTerminal;
    readonly directory?: string;
    readonly clock?: ManualClock;
  } = {},
): Promise<Cabin> {
  const directory = options.directory ?? mkdtempSync(join(tmpdir(), 'cabine-payment-'));
  const clock = options.clock ?? new ManualClock(MONDAY_9AM);
  const config: CabinConfig = {
    ...defaultConfig(directory),
    simulation: { stepMs: STEP_MS, callMs: 1_000, byteLevelDevices: false, cardReader: 'domain' },
    thirdPartyPayment: options.thirdPartyPayment ?? 'legalCases',
  };
  const terminal = options.terminal ?? new RecordingPaymentTerminal();
  const peripherals = Object.assign(createSimulatedPeripherals(happyScript(STEP_MS), clock, 1_000), {
    paymentTerminal: terminal,
  });
  const log = new MemoryOperationLog(clock);
  mkdirSync(config.dataDirectory, { recursive: true });
  const store = unwrap(openCabinStore(join(config.dataDirectory, 'cabin.db'), clock));
  const controller = createController({ config, clock, peripherals, log, store });
  await controller.booted;
  const cabin = { controller, clock, terminal, store, log, directory };
  cabins.push(cabin);
  return cabin;
}

afterEach(async () => {
  for (const { controller, directory } of cabins.splice(0)) {
    await controller.stop();
    rmSync(directory, { recursive: true, force: true });
  }
});

/** The patient's answers to the cover questions; a question not given is answered as usual. */
type CoverAnswers = Partial<Record<CarePathQuestion, Answer>>;

/** What a patient walk saw: the amount on the cost screen they accepted. */
interface Walk {
  acceptedScreenCents: number | null;
}

/**
 * Walks a patient from the welcome screen until `until` holds, answering the cover questions with
 * `answers` and noting the amount due today on the cost screen when they accept it.
 */
async function walkUntil(
  cabin: Cabin,
  until: (view: CabinView) => boolean,
  answers: CoverAnswers = {},
  walk: Walk = { acceptedScreenCents: null },
): Promise<Walk> {
  const { controller, clock } = cabin;
  if (viewOf(controller).phase === 'ready') {
    cleanBetweenPatients(controller);
    const started = controller.server.startSession({
      locale: 'fr',
      accessibility: { largeText: false, readAloud: false },
    });
    if (!started.ok) throw new Error(`the session did not start: ${started.error.code}`);
  }
  for (let tick = 0; tick < 2_000; tick += 1) {
    const view = viewOf(controller);
    if (until(view)) return walk;
    const screen = view.session?.screen;
    let action: PatientAction | null = cooperativeAction(view);
    if (screen?.step === 'appointment' && screen.stage === 'carePath') {
      action = carePathAction(screen.profession ?? 'doctor', screen.ageBand, screen.directAccess, answers);
    }
    if (screen?.step === 'appointment' && screen.stage === 'cost') {
      walk.acceptedScreenCents = screen.cost?.amountDueTodayCents ?? null;
    }
    if (action) controller.server.act(action);
    else clock.increment(STEP_MS);
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the walk did not reach its end');
}

function carePathAction(
  profession: Parameters<typeof carePathQuestionsToAsk>[0],
  band: Parameters<typeof carePathQuestionsToAsk>[1],
  directAccess: boolean,
  answers: CoverAnswers,
): PatientAction {
  const given: PartialCarePathAnswers = {};
  const unanswered = () =>
    carePathQuestionsToAsk(profession, band, given, directAccess).find((q) => given[q] === undefined);
  for (let next = unanswered(); next !== undefined; next = unanswered()) {
    given[next] =
      answers[next] ?? (next === 'hasRegularDoctor' || next === 'referredByRegularDoctor' ? 'yes' : 'no');
  }
  return { type: 'patient.answerCarePath', answers: completeAnswers(given) };
}

const onStep = (step: string) => (view: CabinView) => view.session?.screen.step === step;
const onPaymentStage = (stage: string) => (view: CabinView) => {
  const screen = view.session?.screen;
  return screen?.step === 'payment' && screen.stage === stage;
};
const sessionEnded = (view: CabinView) => view.phase === 'ready';

/** The patient walks to the payment, pays, and goes on to goodbye (or stops on the failed screen). */
async function payOnce(cabin: Cabin, answers: CoverAnswers = {}): Promise<Walk> {
  return walkUntil(
    cabin,
    (view) => onStep('goodbye')(view) || onPaymentStage('failed')(view) || sessionEnded(view),
    answers,
  );
}

describe('the amount charged is the one on the cost screen the patient accepted', () => {
  it.each([
    ['usual adult in the parcours, tiers payant in the legal cases only', 'legalCases', {}, 2500],
    ['outside the parcours de soins (not reimbursed)', 'legalCases', { referredByRegularDoctor: 'no' }, 2500],
    ['the operator asks only the complementary part', 'complementaryPartDue', {}, 750],
    [
      'a "je ne sais pas": the case against the patient, as the screen showed',
      'nothingDue',
      { referredByRegularDoctor: 'unknown' },
      2500,
    ],
  ] as const)('%s', async (_, thirdPartyPayment, answers, expected) => {
    const cabin = await startCabin({ thirdPartyPayment });
    const walk = await payOnce(cabin, answers);
    expect(walk.acceptedScreenCents).toBe(expected);
    expect(cabin.terminal.requests.map((request) => request.amountCents)).toEqual([walk.acceptedScreenCents]);
    expect(viewOf(cabin.controller).session?.screen).toMatchObject({
      step: 'goodbye',
      payAtCounterCents: null,
    });
  });

  it.each([
    ['the operator asks nothing of a reimbursed consultation', 'nothingDue', {}],
    ['an ALD: 100 % with tiers payant', 'legalCases', { longTermCondition: 'yes' }],
  ] as const)('%s: nothing is asked of the terminal', async (_, thirdPartyPayment, answers) => {
    const cabin = await startCabin({ thirdPartyPayment });
    const walk = await payOnce(cabin, answers);
    expect(walk.acceptedScreenCents).toBe(0);
    expect(cabin.terminal.requests).toEqual([]);
    expect(viewOf(cabin.controller).session?.screen.step).toBe('goodbye');
  });

  it('the payment screen shows the accepted amount, and the store keeps the transaction without card data', async () => {
    const cabin = await startCabin({ thirdPartyPayment: 'complementaryPartDue' });
    const walk = await walkUntil(cabin, onPaymentStage('confirm'));
    expect(viewOf(cabin.controller).session?.screen).toMatchObject({ amountCents: walk.acceptedScreenCents });
    await payOnce(cabin);
    const [request] = cabin.terminal.requests;
    const record = unwrap(cabin.store.payments.read(request?.transactionId ?? ''));
    expect(record).toMatchObject({ amountCents: 750, state: 'approved', settledBy: 'terminal' });
    expect(Object.keys(record ?? {}).sort()).toEqual(
      ['amountCents', 'endedAt', 'failureCode', 'id', 'sessionId', 'settledBy', 'startedAt', 'state'].sort(),
    );
  });
});

describe('never charged twice, never lost', () => {
  it('the answer is lost after the terminal approved: asked again, the payment counts, no second charge', async () => {
    const terminal = new RecordingPaymentTerminal().willAnswer('payment.answerLost').willRecover('approved');
    const cabin = await startCabin({ terminal });
    await payOnce(cabin);
    expect(viewOf(cabin.controller).session?.screen.step).toBe('goodbye');
    const id = terminal.requests[0]?.transactionId ?? '';
    expect(terminal.calls).toEqual([`pay:${id}`, `recover:${id}`]);
    expect(unwrap(cabin.store.payments.read(id))).toMatchObject({ state: 'approved', settledBy: 'recovery' });
  });

  it('the answer is lost and the terminal says no money moved: the patient may pay again', async () => {
    const terminal = new RecordingPaymentTerminal().willAnswer('payment.timeout').willRecover('notApproved');
    const cabin = await startCabin({ terminal });
    await payOnce(cabin);
    expect(viewOf(cabin.controller).session?.screen).toMatchObject({
      step: 'payment',
      stage: 'failed',
      failure: 'payment.notApproved',
    });
    cabin.controller.server.act({ type: 'patient.retry' });
    await walkUntil(cabin, onStep('goodbye'));
    expect(terminal.requests).toHaveLength(2);
  });

  it('a cabin killed mid-transaction: the next boot asks the terminal before any new payment', async () => {
    const first = await startCabin({ terminal: new RecordingPaymentTerminal().willAnswer('never') });
    await walkUntil(first, onPaymentStage('processing'));
    await new Promise((resolve) => setImmediate(resolve));
    const lost = first.terminal.requests[0]?.transactionId ?? '';
    expect(unwrap(first.store.payments.read(lost))).toMatchObject({ state: 'sending' });
    // The cut: the store's file stays as it is; the cabin boots an hour later on the same folder.
    first.store.close();
    cabins.pop();
    const terminal = new RecordingPaymentTerminal().willRecover('approved', lost);
    const second = await startCabin({
      terminal,
      directory: first.directory,
      clock: new ManualClock(first.clock.now() + 3_600_000),
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(unwrap(second.store.payments.read(lost))).toMatchObject({
      state: 'approved',
      settledBy: 'recovery',
    });
    await payOnce(second);
    const next = terminal.requests[0]?.transactionId ?? '';
    expect(terminal.calls).toEqual([`recover:${lost}`, `pay:${next}`]);
    expect(unwrap(second.store.payments.unresolved())).toEqual([]);
  });

  it('the terminal cannot tell: the attendant decides, and no card payment starts until then', async () => {
    const terminal = new RecordingPaymentTerminal().willAnswer('payment.garbled').willRecover('unknown');
    const cabin = await startCabin({ terminal });
    await payOnce(cabin);
    expect(viewOf(cabin.controller).session?.screen).toMatchObject({
      stage: 'failed',
      failure: 'payment.awaitingAttendant',
    });
    const id = terminal.requests[0]?.transactionId ?? '';
    expect(viewOf(cabin.controller).paymentsAwaitingDecision).toEqual([
      { transactionId: id, amountCents: 2500, reason: 'unknown', since: expect.any(Number) as unknown },
    ]);
    // Trying again asks the terminal again, never charges a second time.
    cabin.controller.server.act({ type: 'patient.retry' });
    await walkUntil(cabin, onPaymentStage('failed'));
    expect(terminal.requests).toHaveLength(1);
    // The patient is never blocked: they pay at the counter, and the attendant is told.
    cabin.controller.server.act({ type: 'patient.payAtCounter' });
    expect(viewOf(cabin.controller).session?.screen).toMatchObject({
      step: 'goodbye',
      payAtCounterCents: 2500,
    });
    const waiting = viewOf(cabin.controller).paymentsAwaitingDecision;
    expect(waiting.map((payment) => payment.reason)).toEqual(['unknown', 'counter']);
    // The attendant checked the terminal's journal: not paid; the counter payment: paid.
    expect(
      attendantCommand(cabin.controller, { type: 'attendant.settlePayment', transactionId: id, paid: false })
        .ok,
    ).toBe(true);
    const counter = waiting[1]?.transactionId ?? '';
    expect(
      attendantCommand(cabin.controller, {
        type: 'attendant.settlePayment',
        transactionId: counter,
        paid: true,
      }).ok,
    ).toBe(true);
    expect(viewOf(cabin.controller).paymentsAwaitingDecision).toEqual([]);
    expect(
      attendantCommand(cabin.controller, {
        type: 'attendant.settlePayment',
        transactionId: counter,
        paid: true,
      }),
    ).toMatchObject({ ok: false, error: { code: 'payment.notAwaitingDecision' } });
    // The next patient pays by card again.
    await walkUntil(cabin, sessionEnded);
    await payOnce(cabin);
    expect(terminal.requests).toHaveLength(2);
    expect(viewOf(cabin.controller).session?.screen.step).toBe('goodbye');
  });

  it('logs references, amounts and codes, never a card number', async () => {
    const terminal = new RecordingPaymentTerminal().willAnswer('payment.answerLost').willRecover('approved');
    const cabin = await startCabin({ terminal });
    await payOnce(cabin);
    const lines = cabin.log.records().filter((record) => record.event.startsWith('payment.'));
    expect(lines.map((line) => line.event)).toEqual([
      'payment.sending',
      'payment.approved',
      'payment.recovered',
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/123456|CB/);
  });
});

describe('every failure leaves the patient a way forward', () => {
  it.each(['payment.declined', 'payment.cancelled', 'payment.cardRemoved', 'payment.unreachable'] as const)(
    '%s: shown on the payment screen; another try with a card goes through',
    async (code) => {
      const cabin = await startCabin({ terminal: new RecordingPaymentTerminal().willAnswer(code) });
      await payOnce(cabin);
      expect(viewOf(cabin.controller).session?.screen).toMatchObject({
        step: 'payment',
        stage: 'failed',
        failure: code,
      });
      cabin.controller.server.act({ type: 'patient.retry' });
      await walkUntil(cabin, onStep('goodbye'));
      expect(cabin.terminal.requests).toHaveLength(2);
    },
  );

  it('a failed payment never holds back the documents: printed before, still counted at goodbye', async () => {
    const terminal = new RecordingPaymentTerminal().willAnswer('payment.declined');
    const cabin = await startCabin({ terminal });
    const steps: string[] = [];
    await walkUntil(cabin, (view) => {
      const step = view.session?.screen.step;
      if (step !== undefined && steps.at(-1) !== step) steps.push(step);
      return onPaymentStage('failed')(view);
    });
    expect(steps.indexOf('documents')).toBeLessThan(steps.indexOf('payment'));
    cabin.controller.server.act({ type: 'patient.payAtCounter' });
    const goodbye = viewOf(cabin.controller).session?.screen;
    expect(goodbye).toMatchObject({ step: 'goodbye', payAtCounterCents: 2500 });
    expect(goodbye?.step === 'goodbye' && goodbye.documentsPrinted).toBeGreaterThan(0);
  });
});
