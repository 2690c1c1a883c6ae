// Printing benchmark: a one-page PDF handed to the cabin's CUPS queue until the job is completed on the
// test backend of a private cupsd, against the backend's own time (the rest is CUPS and the cabin:
// IPP requests and the job's polling). Target: under 1 s.
import { performance } from 'node:perf_hooks';
import { systemClock } from '../../contract';
import { CupsPrintQueue } from '../../drivers/printing/cups-print-queue';
import { onePagePdf } from '../support/one-page-pdf';
import { privateCupsMissing, startPrivateCups } from '../support/private-cups';

const RUNS = 10;

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** Runs the printing benchmark and answers the line to print (saying why when cupsd is missing). */
export async function benchmarkPrinting(): Promise<string[]> {
  const missing = privateCupsMissing();
  if (missing !== null) return [`printing: skipped, ${missing}`];
  const cups = await startPrivateCups();
  try {
    cups.addPrinter('bench', 'print');
    const queue = new CupsPrintQueue(
      { server: { kind: 'socket', path: cups.socket }, destination: 'bench', jobTimeoutMs: 30_000 },
      systemClock,
    );
    const totals: number[] = [];
    const backend: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const job = {
        title: 'bench',
        contentType: 'application/pdf' as const,
        content: onePagePdf(`Page ${run}`),
      };
      const begin = performance.now();
      const result = await queue.print(job, new AbortController().signal);
      totals.push(performance.now() - begin);
      if (!result.ok) return [`printing: failed (${result.error.code})`];
      backend.push(cups.backendMs(cups.printedFiles().at(-1) ?? ''));
    }
    const total = median(totals);
    const own = median(backend);
    return [
      `one-page PDF to job completed on the test backend (private cupsd, ${RUNS} runs): median ${total.toFixed(1)} ms, ` +
        `max ${Math.max(...totals).toFixed(1)} ms (target < 1000 ms); the backend's own time ${own.toFixed(1)} ms, ` +
        `CUPS and the cabin ${(total - own).toFixed(1)} ms`,
    ];
  } finally {
    await cups.stop();
  }
}

// Run alone: `npx tsx test/bench/print-benchmark.ts`.
if (process.argv[1]?.endsWith('print-benchmark.ts')) {
  void benchmarkPrinting().then((lines) => process.stdout.write(`${lines.join('\n')}\n`));
}
