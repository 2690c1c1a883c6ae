// The Caisse-AP terminal class against the byte-level terminal simulator over real TCP sockets on
// 127.0.0.1 (port 0): every outcome a patient can meet at the terminal, a hostile "terminal" sending
// garbage, and the bytes on the wire. The terminal's and the simulator's time run on a manual clock; the
// tests wait only for socket events, never for time.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../contract';
import {
  CaisseApPaymentTerminal,
  CaisseApSimulator,
  decodeCaisseAp,
  SIMULATED_MASKED_PAN,
  type CaisseApSimulatedOutcome,
  type CaisseApTerminalSettings,
} from '../../../devices/caisse-ap';
import { isUnsettledPaymentFailure } from '../../../devices/payment-terminal';
import { listenTcp, openTcpLink } from '../../../drivers/tcp/tcp-link';
import { garbageBytes } from '../../support/garbage';
import { ManualClock } from '../../support/manual-clock';

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0));
const CARDHOLDER_MS = 3_000;
const ANSWER_TIMEOUT_MS = 180_000;

/** Lets the sockets work until `done` holds (event-loop turns, not time); fails after many turns. */
async function ioUntil(done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 5_000; turn += 1) {
    if (done()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the sockets never got there');
}

describe('a card payment through the Caisse-AP terminal over TCP', { timeout: 20_000 }, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function cabinWithTerminal(outcome: CaisseApSimulatedOutcome) {
    const clock = new ManualClock();
    const script = { outcome };
    const simulator = new CaisseApSimulator(clock, {
      answerDelayMs: CARDHOLDER_MS,
      outcome: () => script.outcome,
    });
    const listening = await simulator.listen({ host: '127.0.0.1', port: 0 });
    if (!listening.ok) throw new Error(listening.error.code);
    cleanups.push(() => simulator.stop());
    const logged: string[] = [];
    const settings: CaisseApTerminalSettings = {
      host: '127.0.0.1',
      port: listening.value.port,
      concertId: '012345678901',
      registerId: '01',
      answerTimeoutMs: ANSWER_TIMEOUT_MS,
      connectTimeoutMs: 5_000,
    };
    const terminal = new CaisseApPaymentTerminal(settings, clock, (code, detail) =>
      logged.push(detail === undefined ? code : `${code} ${detail}`),
    );
    return { clock, simulator, terminal, logged, script, port: listening.value.port };
  }

  /** Pays `amountCents`; the cardholder takes their time once the terminal has the request. */
  async function pay(
    cabin: Awaited<ReturnType<typeof cabinWithTerminal>>,
    amountCents = 2_350,
    waitMs = CARDHOLDER_MS,
  ) {
    const before = cabin.simulator.received.length;
    const paying = cabin.terminal.pay({ transactionId: 'T1', amountCents }, new AbortController().signal);
    await ioUntil(() => cabin.simulator.received.length > before);
    await cabin.clock.advance(waitMs);
    return paying;
  }

  it('approved: the card type and the authorisation, and no card number anywhere', async () => {
    const cabin = await cabinWithTerminal('approved');
    const paid = await pay(cabin);
    expect(paid).toEqual(ok({ cardType: 'CB', authorisation: '123457' }));
    expect(cabin.logged).toEqual(['payment.sent', 'payment.approved']);
    const everything = JSON.stringify({ paid, logged: cabin.logged });
    expect(everything).not.toContain(SIMULATED_MASKED_PAN);
    expect(everything).not.toContain('0042');
  });

  it('the amount on the wire (CB) is the amount the cabin asked, byte for byte', async () => {
    const cabin = await cabinWithTerminal('approved');
    await pay(cabin, 4_217);
    const [request] = cabin.simulator.received;
    expect(Buffer.from(request?.bytes ?? []).toString('latin1')).toBe(
      'CZ0040300CJ012012345678901CA00201CE003978BA0010CD0010CB0044217',
    );
    const fields = decodeCaisseAp(request?.bytes ?? new Uint8Array());
    expect(fields.ok && fields.value.find((field) => field.tag === 'CB')?.value).toBe('4217');
  });

  it.each([
    ['declined by the bank', 'declined', 'payment.declined'],
    ['cancelled on the terminal (red key)', 'cancelledOnTerminal', 'payment.cancelled'],
    ['the card pulled out', 'cardRemoved', 'payment.cardRemoved'],
  ] as const)('%s: a settled failure, no money moved', async (_, outcome, code) => {
    const cabin = await cabinWithTerminal(outcome);
    const paid = await pay(cabin);
    expect(paid.ok ? null : paid.error.code).toBe(code);
    expect(isUnsettledPaymentFailure(code)).toBe(false);
  });

  it('no answer within the time: payment.timeout, unsettled, right at the answer time', async () => {
    const cabin = await cabinWithTerminal('noAnswer');
    const paying = cabin.terminal.pay(
      { transactionId: 'T1', amountCents: 2_350 },
      new AbortController().signal,
    );
    await ioUntil(() => cabin.simulator.received.length === 1);
    // The self-test during the payment leaves the terminal's one connection alone.
    expect(await cabin.terminal.check()).toBe('ok');
    let settled = false;
    void paying.then(() => (settled = true));
    await cabin.clock.advance(ANSWER_TIMEOUT_MS - 1);
    expect(settled).toBe(false);
    await cabin.clock.advance(1);
    const paid = await paying;
    expect(paid.ok ? null : paid.error.code).toBe('payment.timeout');
  });

  it('the terminal unreachable (nothing listens): payment.unreachable, nothing sent', async () => {
    const cabin = await cabinWithTerminal('approved');
    await cabin.simulator.stop();
    const paid = await cabin.terminal.pay(
      { transactionId: 'T1', amountCents: 2_350 },
      new AbortController().signal,
    );
    expect(paid.ok ? null : paid.error.code).toBe('payment.unreachable');
    expect(cabin.simulator.received).toHaveLength(0);
    expect(await cabin.terminal.check()).toBe('faulty');
  });

  it('the connection dropped after the terminal approved: payment.answerLost, and the cabin cannot ask again', async () => {
    const cabin = await cabinWithTerminal('dropAfterApproval');
    const paid = await pay(cabin);
    expect(paid.ok ? null : paid.error.code).toBe('payment.answerLost');
    expect(isUnsettledPaymentFailure('payment.answerLost')).toBe(true);
    expect(await cabin.terminal.recover('T1', new AbortController().signal)).toEqual(ok('unknown'));
  });

  it.each([
    ['garbled', 'garbled'],
    ['truncated', 'truncated'],
  ] as const)('a %s answer: payment.garbled, unsettled', async (_, outcome) => {
    const cabin = await cabinWithTerminal(outcome);
    const paid = await pay(cabin);
    expect(paid.ok ? null : paid.error.code).toBe('payment.garbled');
  });

  it('the patient leaves before the request is sent: payment.cancelled, nothing sent', async () => {
    const cabin = await cabinWithTerminal('approved');
    const abort = new AbortController();
    abort.abort();
    const paid = await cabin.terminal.pay({ transactionId: 'T1', amountCents: 2_350 }, abort.signal);
    expect(paid.ok ? null : paid.error.code).toBe('payment.cancelled');
    expect(cabin.simulator.received).toHaveLength(0);
  });

  it('the session leaving once the request is sent: payment.answerLost, the terminal keeps the last word', async () => {
    const cabin = await cabinWithTerminal('approved');
    const abort = new AbortController();
    const paying = cabin.terminal.pay({ transactionId: 'T1', amountCents: 2_350 }, abort.signal);
    await ioUntil(() => cabin.simulator.received.length === 1);
    abort.abort();
    const paid = await paying;
    expect(paid.ok ? null : paid.error.code).toBe('payment.answerLost');
  });

  it('a request without its mandatory fields is answered "not done, format error" by the simulator', async () => {
    const cabin = await cabinWithTerminal('approved');
    const answers: string[] = [];
    const opened = await openTcpLink({ host: '127.0.0.1', port: cabin.port }, cabin.clock, 5_000);
    if (!opened.ok) throw new Error(opened.error.code);
    cleanups.push(() => opened.value.close());
    opened.value.onData((chunk) => answers.push(Buffer.from(chunk).toString('latin1')));
    await opened.value.write(ascii('CZ0040300CB0042350'));
    await ioUntil(() => answers.length > 0);
    expect(answers.join('')).toBe('CZ0040300CB0042350AE00201AF00209');
  });

  it('one payment after another on the same terminal, each on its own connection', async () => {
    const cabin = await cabinWithTerminal('declined');
    expect((await pay(cabin)).ok).toBe(false);
    cabin.script.outcome = 'approved';
    expect((await pay(cabin)).ok).toBe(true);
    expect(await cabin.terminal.check()).toBe('ok');
  });

  it('garbage from a hostile "terminal" never throws: unreadable bytes are garbled or lost', async () => {
    const clock = new ManualClock();
    const valid = [ascii('CZ0040300CB0042350AE00210CC003001AC006123456')];
    const samples = fc.sample(garbageBytes(valid, 300), { numRuns: 60, seed: 1414 });
    let next = 0;
    const hostile = await listenTcp({ host: '127.0.0.1', port: 0 }, (link) => {
      const garbage = samples[next] ?? new Uint8Array();
      link.onData(() => void link.write(garbage).then(() => link.close()));
    });
    if (!hostile.ok) throw new Error(hostile.error.code);
    cleanups.push(() => hostile.value.close());
    const terminal = new CaisseApPaymentTerminal(
      {
        host: '127.0.0.1',
        port: hostile.value.port,
        concertId: '012345678901',
        registerId: '01',
        answerTimeoutMs: ANSWER_TIMEOUT_MS,
        connectTimeoutMs: 5_000,
      },
      clock,
    );
    const codes = new Set<string>();
    for (next = 0; next < samples.length; next += 1) {
      const paid = await terminal.pay(
        { transactionId: 'T1', amountCents: 2_350 },
        new AbortController().signal,
      );
      // A mutated approval may still be a whole approval of this amount; anything else is no payment.
      if (paid.ok) continue;
      codes.add(paid.error.code);
      expect([
        'payment.garbled',
        'payment.answerLost',
        'payment.declined',
        'payment.cancelled',
        'payment.cardRemoved',
      ]).toContain(paid.error.code);
    }
    expect(codes).toContain('payment.garbled');
  });
});
