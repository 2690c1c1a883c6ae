// Card payment benchmark: whole Caisse-AP transactions over TCP on 127.0.0.1 against the terminal
// simulator, split into the terminal's time (from the request read to the answer sent: the simulated
// cardholder) and ours (everything around it: connecting, encoding, the socket both ways, decoding,
// mapping the answer). Target: ours under 20 ms a transaction. Printed, never asserted.
import { performance } from 'node:perf_hooks';
import { systemClock, type Clock } from '../../contract';
import { CaisseApPaymentTerminal, CaisseApSimulator } from '../../devices/caisse-ap';

const TRANSACTIONS = 50;
/** The simulated cardholder's time at the terminal; a real one takes seconds, which changes nothing of ours. */
const TERMINAL_MS = 20;

/** The system's timers with a sub-millisecond `now`, so both sides of the split are measured alike. */
const preciseClock: Clock = { ...systemClock, now: () => performance.now() };

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const p95 = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? Number.NaN;
};

/** Runs the payment benchmark and answers the lines to print. */
export async function benchmarkPayment(): Promise<string[]> {
  const simulator = new CaisseApSimulator(preciseClock, {
    answerDelayMs: TERMINAL_MS,
    outcome: () => 'approved',
  });
  const listening = await simulator.listen({ host: '127.0.0.1', port: 0 });
  if (!listening.ok)
    return [`card payment: skipped, the simulator could not listen (${listening.error.code})`];
  const terminal = new CaisseApPaymentTerminal(
    {
      host: '127.0.0.1',
      port: listening.value.port,
      concertId: '012345678901',
      registerId: '01',
      answerTimeoutMs: 180_000,
      connectTimeoutMs: 5_000,
    },
    systemClock,
  );
  const ours: number[] = [];
  const theirs: number[] = [];
  let approved = 0;
  try {
    for (let i = 0; i < TRANSACTIONS; i += 1) {
      const begin = performance.now();
      const paid = await terminal.pay(
        { transactionId: `B${i}`, amountCents: 2_350 + i },
        new AbortController().signal,
      );
      const total = performance.now() - begin;
      const request = simulator.received.at(-1);
      const terminalMs = request?.answeredAt == null ? Number.NaN : request.answeredAt - request.receivedAt;
      if (paid.ok) approved += 1;
      theirs.push(terminalMs);
      ours.push(total - terminalMs);
    }
  } finally {
    await simulator.stop();
  }
  return [
    `card payment, Caisse-AP over TCP on 127.0.0.1 (${TRANSACTIONS} transactions, ${approved} approved): ` +
      `ours median ${median(ours).toFixed(2)} ms, p95 ${p95(ours).toFixed(2)} ms (target < 20 ms); ` +
      `the terminal's simulated time median ${median(theirs).toFixed(1)} ms`,
  ];
}
