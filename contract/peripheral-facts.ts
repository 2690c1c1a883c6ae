// The facts a card reader and a measuring device report, named once with the session's dot names: the
// driver's device reports them and the session receives them unchanged (no renaming on the way).
import type { MeasurementProgress, Measurement, PatientIdentity } from './domain';
import type { CabinError } from './result';

/** What the card reader says while the cabin waits for and reads a Carte Vitale: inserted, then read or failed. */
export type CardFact =
  | { readonly type: 'card.inserted' }
  | { readonly type: 'card.read'; readonly beneficiaries: readonly PatientIdentity[] }
  | { readonly type: 'card.failed'; readonly error: CabinError };

/** What a measuring device says during one measurement: progress, then exactly one taken or failed. */
export type MeasurementFact =
  | { readonly type: 'measurement.progressed'; readonly progress: MeasurementProgress }
  | { readonly type: 'measurement.taken'; readonly measurement: Measurement }
  | { readonly type: 'measurement.failed'; readonly error: CabinError };

/**
 * What printing the session's documents reports, document by document: each one started, then done or
 * failed; after a failure nothing more is printed in that run.
 */
export type PrintFact =
  | { readonly type: 'print.started'; readonly documentId: string }
  | { readonly type: 'print.done'; readonly documentId: string }
  | { readonly type: 'print.failed'; readonly documentId: string; readonly error: CabinError };
