// Interim printer for `npm start` and the scenario tests: keeps the jobs in memory (never on disk:
// they hold patient documents) until the session's wipe clears them. CUPS replaces it.
import { err, ok, type Result } from '../../contract';
import type { PrintJob, PrintQueue, PrinterState } from './print-queue';

/** How the simulated printer answers the next job. */
export type SimulatedPrinterBehaviour = 'printed' | 'outOfPaper' | 'jammed' | 'offline';

/** A printer that prints into memory, or fails as told. */
export class SimulatedPrintQueue implements PrintQueue {
  readonly printed: PrintJob[] = [];

  constructor(
    private readonly behaviour: () => SimulatedPrinterBehaviour,
    private readonly schedule: (ms: number, callback: () => void) => () => void,
    private readonly jobMs: number,
  ) {}

  check(): Promise<PrinterState> {
    return Promise.resolve(this.behaviour() === 'offline' ? 'faulty' : 'ok');
  }

  print(job: PrintJob, signal: AbortSignal): Promise<Result<void>> {
    return new Promise((resolve) => {
      const cancel = this.schedule(this.jobMs, () => {
        const behaviour = this.behaviour();
        if (behaviour === 'printed') {
          this.printed.push(job);
          resolve(ok(undefined));
        } else resolve(err({ code: `printer.${behaviour}` }));
      });
      signal.addEventListener('abort', () => {
        cancel();
        resolve(err({ code: 'printer.failed', detail: 'cancelled' }));
      });
    });
  }

  /** Forgets every printed job (the session's wipe). */
  clear(): void {
    this.printed.length = 0;
  }
}
