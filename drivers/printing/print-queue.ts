// The seam between the cabin and its printer: one job a document, with a result the patient can act on.
import type { Result } from '../../contract';

/** A document ready for the printer. */
export interface PrintJob {
  readonly title: string;
  readonly contentType: 'application/pdf' | 'text/plain';
  readonly content: Uint8Array;
}

/** The printer's health as the self-test sees it. */
export type PrinterState = 'ok' | 'absent' | 'faulty';

/** A printer queue (CUPS in production). */
export interface PrintQueue {
  /** Answers whether the printer can print now. */
  check(): Promise<PrinterState>;
  /**
   * Prints one job and answers once it is out, or `printer.outOfPaper` / `printer.jammed` /
   * `printer.doorOpen` / `printer.offline` / `printer.notAccepting` / `printer.notConfigured` /
   * `printer.timeout` / `printer.failed`. Printing the same document again after a failure never prints
   * it twice.
   */
  print(job: PrintJob, signal: AbortSignal): Promise<Result<void>>;
  /** Like `check()`, with the warning the attendant sees before a session (paper running low). */
  status?(): Promise<{ readonly state: PrinterState; readonly notice: 'lowPaper' | null }>;
  /** Cancels and removes every job of the session still in the printer's queue (called at the session's end). */
  cancelAll?(): Promise<void>;
}
