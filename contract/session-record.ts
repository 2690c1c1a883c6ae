// What the cabin keeps of a session once it is over: how it ended and the consent as traced. No identity.
import type { Presence } from './domain';

/** How a session ended; recorded in the audit and used by the cabin to decide what follows. */
export type SessionOutcome =
  | 'completed'
  | 'cancelled'
  | 'declined'
  | 'abandoned'
  | 'reset'
  /** Closed at boot: a crash or power cut stopped the cabin during the session. */
  | 'interrupted';

/** A consent as traced: the text version shown and who was present, for one session. No identity. */
export interface ConsentRecord {
  readonly sessionId: string;
  readonly textVersion: string;
  readonly presence: Presence;
  readonly attendantStays: boolean;
}
