// Events that the session's actors send back to it, and what the session receives from outside.
import type {
  CabinError,
  CardFact,
  DocumentSummary,
  Measurement,
  MeasurementFact,
  MeasurementKind,
  MediaReception,
  PatientAction,
  PatientIdentity,
  Profession,
  ProfessionalCard,
  Result,
} from '../../contract';

/** Facts from the card reader while the session waits for and reads a Carte Vitale (named in contract). */
export type CardReaderEvent = CardFact;

/** A card was put in or taken out of the reader, at any time of the session (the cabin forwards it). */
export type CardPresenceEvent = { readonly type: 'card.presenceChanged'; readonly present: boolean };

/** Facts from a measuring device during one measurement (named in contract). */
export type MeasurementEvent = MeasurementFact;

/** Facts from the platform's waiting room. */
export type QueueEvent =
  | { readonly type: 'queue.updated'; readonly position: number; readonly estimatedWaitMinutes: number }
  | { readonly type: 'queue.assigned'; readonly professional: ProfessionalCard }
  | { readonly type: 'queue.failed'; readonly error: CabinError };

/** Facts from the video link and the professional during the call. */
export type CallEvent =
  | { readonly type: 'call.connected' }
  | { readonly type: 'call.reconnecting' }
  | { readonly type: 'call.receptionChanged'; readonly reception: MediaReception }
  | { readonly type: 'call.measurementRequested'; readonly kind: MeasurementKind }
  | { readonly type: 'call.documentReceived'; readonly document: DocumentSummary }
  | { readonly type: 'call.ended' }
  | { readonly type: 'call.failed'; readonly error: CabinError };

/** Commands from the attendant that reach a running session. */
export type AttendantSessionEvent =
  { readonly type: 'attendant.acknowledgeHelp' } | { readonly type: 'attendant.resetSession' };

/** Raised by the session itself when the patient touches the screen. */
export type AttentionEvent = { readonly type: 'attention.touched' };

/** Everything the session machine reacts to. */
export type SessionEvent =
  | PatientAction
  | CardReaderEvent
  | CardPresenceEvent
  | MeasurementEvent
  | QueueEvent
  | CallEvent
  | AttendantSessionEvent
  | AttentionEvent;

/** What a booked appointment's code resolves to. */
export interface AppointmentDetails {
  readonly profession: Profession;
}

/** Input of the `lookUpAppointment` actor. */
export interface AppointmentLookup {
  readonly code: string;
}

/** Input of the `waitInQueue` actor: what the platform needs to route the patient (no identity in logs). */
export interface QueueRequest {
  readonly sessionId: string;
  readonly profession: Profession;
  readonly appointmentCode: string | null;
  readonly identity: PatientIdentity;
  readonly measurements: readonly Measurement[];
}

/** Input of the `printDocuments` actor. */
export interface PrintRequest {
  readonly sessionId: string;
  readonly documents: readonly DocumentSummary[];
}

/** Input of the `takePayment` actor. */
export interface PaymentRequest {
  readonly sessionId: string;
  readonly amountCents: number;
}

/** Output of the `printDocuments` actor: how many documents came out of the printer. */
export type PrintOutcome = Result<{ readonly printed: number }>;
