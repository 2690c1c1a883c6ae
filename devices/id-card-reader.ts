// The seam between the session and the Carte Vitale reader.
import type { Cancel, CardFact } from '../contract';
import type { Checkable } from './peripheral';

/** A card reader that yields the beneficiaries of the next card inserted. */
export interface IdCardReader extends Checkable {
  /**
   * Waits for a card and reports the session's facts unchanged: `card.inserted`, then `card.read` or
   * `card.failed`; the returned function stops waiting.
   */
  readNextCard(report: (fact: CardFact) => void): Cancel;
  /** Reports at once whether a card is in the reader, then every change; the returned function stops. */
  watchPresence(listener: (present: boolean) => void): Cancel;
  /**
   * Calls back whenever the reader's own state may have changed (its service stopped or back, the reader
   * unplugged or plugged in), so that the cabin checks it again; the returned function stops.
   */
  watchReader?(listener: () => void): Cancel;
}
