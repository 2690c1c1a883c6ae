// The seam between the session and the Carte Vitale reader.
import type { CabinError, PatientIdentity } from '../contract';
import type { Cancel, Checkable } from './peripheral';

/** A fact reported while the cabin waits for and reads a card. */
export type CardFact =
  | { readonly type: 'inserted' }
  | { readonly type: 'read'; readonly beneficiaries: readonly PatientIdentity[] }
  | { readonly type: 'failed'; readonly error: CabinError };

/** A card reader that yields the beneficiaries of the next card inserted. */
export interface IdCardReader extends Checkable {
  /** Waits for a card, reports `inserted`, then `read` or `failed`; the returned function stops waiting. */
  readNextCard(report: (fact: CardFact) => void): Cancel;
  /** Reports at once whether a card is in the reader, then every change; the returned function stops. */
  watchPresence(listener: (present: boolean) => void): Cancel;
}
