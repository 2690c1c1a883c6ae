// What the cabin's platform link reports, named once with the session's dot names: the waiting room's
// `queue.*` events and the call's `call.*` events go to the session machine as they are; the few facts
// that only the cabin's call media takes (the media parameters, the platform link's return, the
// signaling for the renderer's video link) are named here too, beside them.
import type { CabinEvent } from './cabin-api';
import type { DocumentSummary, MeasurementKind, Profession, ProfessionalCard } from './domain';
import type { CallMedia, MediaReception, QueuePlace } from './platform-protocol';
import type { InstrumentKind } from './instrument';
import type { CabinError } from './result';

/** Facts from the platform's waiting room (session events). */
export type QueueEvent =
  /** The place, the professionals of that kind connected now, and the wait (null: nobody can say). */
  | ({ readonly type: 'queue.updated' } & QueuePlace)
  | { readonly type: 'queue.assigned'; readonly professional: ProfessionalCard }
  | { readonly type: 'queue.failed'; readonly error: CabinError };

/** The answer of the platform asked who of a kind of professional is online now (session events). */
export type PresenceEvent =
  | {
      readonly type: 'presence.counted';
      readonly profession: Profession;
      readonly professionalsOnline: number;
    }
  /** The platform could not be asked (unreachable, no answer): the journey goes on as if someone were. */
  | { readonly type: 'presence.failed'; readonly profession: Profession; readonly error: CabinError };

/** Facts from the video link and the professional during the call (session events). */
export type CallEvent =
  | { readonly type: 'call.connected' }
  | { readonly type: 'call.reconnecting' }
  | { readonly type: 'call.receptionChanged'; readonly reception: MediaReception }
  | { readonly type: 'call.measurementRequested'; readonly kind: MeasurementKind }
  /** The professional asks for an examination instrument (replacing the one on, if any). */
  | { readonly type: 'call.instrumentRequested'; readonly kind: InstrumentKind }
  /** The professional ended the examination instrument. */
  | { readonly type: 'call.instrumentEnded' }
  | { readonly type: 'call.documentReceived'; readonly document: DocumentSummary }
  /** The professional wrote to the patient (the written conversation; never logged). */
  | { readonly type: 'call.messageReceived'; readonly text: string }
  | { readonly type: 'call.ended' }
  | { readonly type: 'call.failed'; readonly error: CabinError };

/** Beyond the attendant, who a help call can reach through the platform. */
export type RemoteHelpAudience = 'support' | 'professional';

/**
 * Facts about the patient's help call beyond the cabin (session events): the platform told the
 * operator's support (and the professional of the call), or one of them answered it.
 */
export type HelpEvent =
  | { readonly type: 'help.reached'; readonly told: readonly RemoteHelpAudience[] }
  | { readonly type: 'help.answered'; readonly by: RemoteHelpAudience };

/** An event of the renderer's video link: signaling from the professional's side, or a new SFU producer. */
export type CabinMediaEvent = Exclude<CabinEvent, { readonly type: 'view.changed' }>;

/**
 * What the platform link reports of a call: the session's call events (`call.reconnecting` when the
 * link to the platform dropped), plus `call.joined` (the media parameters for the video link),
 * `call.resumed` (the link is back and the call still exists) and the video link's media events.
 */
export type CallFact =
  | CallEvent
  | { readonly type: 'call.joined'; readonly media: CallMedia }
  | { readonly type: 'call.resumed' }
  | CabinMediaEvent;
