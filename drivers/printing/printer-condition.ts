// What a CUPS queue's printer-state, printer-state-reasons and printer-is-accepting-jobs mean for the
// cabin: ready, low paper (a warning for the attendant), or a failure the patient is told about.
import { PRINTER_STATE } from './ipp-codec';

/** The printer as the cabin sees it. */
export type PrinterCondition =
  'ready' | 'lowPaper' | 'outOfPaper' | 'jammed' | 'doorOpen' | 'offline' | 'notAccepting' | 'notConfigured';

/** What Get-Printer-Attributes answered about one queue. */
export interface PrinterStatus {
  readonly state: number;
  readonly reasons: readonly string[];
  readonly accepting: boolean;
}

const PROBLEMS: readonly (readonly [string, PrinterCondition])[] = [
  ['media-empty', 'outOfPaper'],
  ['media-needed', 'outOfPaper'],
  ['input-tray-missing', 'outOfPaper'],
  ['media-jam', 'jammed'],
  ['door-open', 'doorOpen'],
  ['cover-open', 'doorOpen'],
  ['interlock-open', 'doorOpen'],
  ['offline', 'offline'],
  ['shutdown', 'offline'],
  ['connecting-to-device', 'offline'],
];

/** The condition of a queue from its status; the worst reason wins, paper before jam before doors. */
export function printerCondition(status: PrinterStatus): PrinterCondition {
  // A reason is a keyword with an optional -error / -warning / -report severity suffix (RFC 8011 5.4.12).
  const reasons = status.reasons.map((r) => r.replace(/-(error|warning|report)$/, ''));
  for (const [reason, condition] of PROBLEMS) if (reasons.includes(reason)) return condition;
  if (status.state === PRINTER_STATE.stopped) return 'offline';
  if (status.reasons.some((r) => r.endsWith('-error') && r !== 'media-low-error')) return 'offline';
  if (!status.accepting) return 'notAccepting';
  if (reasons.includes('media-low')) return 'lowPaper';
  return 'ready';
}

/** The failure code a patient is told for a condition (`printer.*`), or null when printing can go on. */
export function failureCode(condition: PrinterCondition): string | null {
  return condition === 'ready' || condition === 'lowPaper' ? null : `printer.${condition}`;
}
