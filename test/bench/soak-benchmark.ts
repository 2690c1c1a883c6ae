// The soak: 3,000 simulated sessions with random transient faults and random patients on one controller
// (manual clock); prints the outcomes, the sessions stuck, the timers pending and the heap growth.
// Alone: `npx tsx test/bench/soak-benchmark.ts`.
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { runSoak } from '../support/soak';

const SEED = 20_260_112;
const SESSIONS = 3_000;
const WARM_SESSIONS = 200;

/** Runs the soak and answers its lines. */
export async function benchmarkSoak(): Promise<string[]> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const report = await runSoak({
    seed: SEED,
    sessions: SESSIONS,
    warmSessions: WARM_SESSIONS,
    gc,
    heapEvery: 1_000,
  });
  const { cooperative, quits, asksHelp, silent } = report.byBehaviour;
  const growth = ((report.heapLast - report.heapWarm) / report.heapWarm) * 100;
  const lines = [
    `soak (seed ${SEED}): ${report.sessions} sessions (${cooperative} cooperative, ${quits} quitting, ${asksHelp} calling for help, ` +
      `${silent} silent; ${report.faulted} with faults, ${report.sawFailure} showed a failure screen), stuck ${report.stuck.length}, left something ${report.leftovers.length}, ` +
      `timers pending ${report.pendingTimersFirst} first / ${report.pendingTimersLast} last (max ${report.pendingTimersMax})`,
    `soak heap: ${(report.heapWarm / 1e6).toFixed(2)} MB after ${WARM_SESSIONS} sessions, ${(report.heapLast / 1e6).toFixed(2)} MB after ` +
      `${report.sessions} (growth ${growth.toFixed(2)} %; every 1,000 sessions: ` +
      `${report.heapSamples.map((heap) => `${(heap / 1e6).toFixed(2)} MB`).join(', ')}); ${report.msPerSession.toFixed(1)} ms a session`,
  ];
  return [...lines, ...report.stuck.slice(0, 3), ...report.leftovers.slice(0, 3)];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchmarkSoak()) process.stdout.write(`${line}\n`);
  process.exit(0);
}
