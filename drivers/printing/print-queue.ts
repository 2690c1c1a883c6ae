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
  /** Prints one job and answers once it is out, or `printer.outOfPaper` / `printer.jammed` / `printer.offline` / `printer.failed`. */
  print(job: PrintJob, signal: AbortSignal): Promise<Result<void>>;
}
