// Interim printer for `npm start` and the scenario tests: a job "comes out" after a delay, or fails
// as told. Like paper leaving a real printer, nothing of the document stays: only its title is noted.
import { after, err, ok, type Clock, type Result } from '../../contract';
import type { PrintJob, PrintQueue, PrinterState } from './print-queue';

/** How the simulated printer answers the next job. */
export type SimulatedPrinterBehaviour = 'printed' | 'outOfPaper' | 'jammed' | 'offline';

/** A printer that prints into memory after `jobMs` on `clock`, or fails as told. */
export class SimulatedPrintQueue implements PrintQueue {
  /** Titles of the jobs that came out, for tests; the content is never kept (it is the patient's). */
  readonly printed: string[] = [];

  constructor(
    private readonly behaviour: () => SimulatedPrinterBehaviour,
    private readonly clock: Clock,
    private readonly jobMs: number,
  ) {}

  check(): Promise<PrinterState> {
    return Promise.resolve(this.behaviour() === 'offline' ? 'faulty' : 'ok');
  }

  print(job: PrintJob, signal: AbortSignal): Promise<Result<void>> {
    return new Promise((resolve) => {
      const cancel = after(this.clock, this.jobMs, () => {
        const behaviour = this.behaviour();
        if (behaviour === 'printed') {
          this.printed.push(job.title);
          resolve(ok(undefined));
        } else resolve(err({ code: `printer.${behaviour}` }));
      });
      signal.addEventListener('abort', () => {
        cancel();
        resolve(err({ code: 'printer.failed', detail: 'cancelled' }));
      });
    });
  }
}
