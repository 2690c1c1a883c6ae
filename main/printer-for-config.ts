// The printer a configuration asks for: the simulated one (npm start, tests) or CUPS (`printer.kind`
// "cups", or "auto" with real hardware). The log says which, and a CUPS that cannot be reached is a
// warning line and a printer the self-test reports, never a crash.
import type { Clock } from '../contract';
import { CupsPrintQueue } from '../drivers/printing/cups-print-queue';
import { cupsServerFrom, destinationFrom } from '../drivers/printing/ipp-client';
import type { PrintQueue } from '../drivers/printing/print-queue';
import type { CabinConfig } from './config';
import type { OperationLog } from './log';

/** Whether `config` prints through CUPS. */
export function printsThroughCups(config: CabinConfig): boolean {
  return config.printer.kind === 'cups' || (config.printer.kind === 'auto' && config.hardware === 'real');
}

/**
 * The CUPS queue of `config`, its server and destination logged, its failed jobs told to the attendant
 * (`watchChanges`); `simulated` is kept otherwise.
 */
export async function printerFor(
  config: CabinConfig,
  simulated: PrintQueue,
  log: OperationLog,
  clock: Clock,
): Promise<{ readonly printer: PrintQueue; readonly watchChanges?: AlertingPrinter['watchChanges'] }> {
  if (!printsThroughCups(config)) {
    log.info('printer.simulated');
    return { printer: simulated };
  }
  const server = cupsServerFrom(config.printer.server || undefined);
  const destination = destinationFrom(config.printer.destination || undefined);
  const queue = new CupsPrintQueue({ server, destination, jobTimeoutMs: config.printer.jobTimeoutMs }, clock);
  log.info('printer.cups', {
    server: server.kind === 'socket' ? server.path : `${server.host}:${server.port}`,
    destination: destination ?? 'default',
  });
  try {
    const report = await queue.report();
    if (report.condition === 'ready') log.info('printer.ready', { queue: report.queue ?? 'none' });
    else log.warn('printer.notReady', { queue: report.queue ?? 'none', condition: report.condition });
  } catch (error) {
    log.error('printer.checkFailed', { code: error instanceof Error ? error.name : 'unknown' });
  }
  return alertingPrinter(queue, log);
}

/** A printer whose failed jobs are told to the attendant, and how the controller hears of them. */
export interface AlertingPrinter {
  readonly printer: PrintQueue;
  /**
   * Calls back after each job the printer ended (printed or failed), so that the cabin checks its
   * peripherals again: a fault, or paper running low, shows on the attendant's panel before the next patient.
   */
  readonly watchChanges: (listener: () => void) => () => void;
}

/**
 * Wraps `printer` so that a failed job (not one the session cancelled) logs `printer.jobFailed` with its
 * code, and every job the printer ended makes the cabin check its peripherals again: the printer's fault,
 * or its paper running low after a job, shows on the attendant's panel before the next session starts.
 */
export function alertingPrinter(printer: PrintQueue, log: OperationLog): AlertingPrinter {
  const listeners = new Set<() => void>();
  const wrapped: PrintQueue = {
    check: () => printer.check(),
    print: async (job, signal) => {
      const result = await printer.print(job, signal);
      // A job the session cancelled (the patient left) says nothing of the printer.
      if (signal.aborted) return result;
      if (!result.ok) log.warn('printer.jobFailed', { code: result.error.code });
      for (const listener of listeners) listener();
      return result;
    },
    ...(printer.status ? { status: () => printer.status!() } : {}),
    ...(printer.cancelAll ? { cancelAll: () => printer.cancelAll!() } : {}),
  };
  return {
    printer: wrapped,
    watchChanges: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
