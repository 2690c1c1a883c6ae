// Events that the session's actors send back to it, and what the session receives from outside.
import type {
  Accessibility,
  CallEvent,
  CardFact,
  CarePathAnswers,
  CostInformation,
  DocumentSummary,
  HelpEvent,
  InstrumentReport,
  Locale,
  Measurement,
  MeasurementFact,
  PatientAction,
  PrintFact,
  PatientIdentity,
  PresenceEvent,
  Profession,
  DirectAccessSpecialty,
  QueueEvent,
} from '../../contract';

/** Facts from the card reader while the session waits for and reads a Carte Vitale (named in contract). */
export type CardReaderEvent = CardFact;

/** A card was put in or taken out of the reader, at any time of the session (the cabin forwards it). */
export type CardPresenceEvent = { readonly type: 'card.presenceChanged'; readonly present: boolean };

/** Facts from a measuring device during one measurement (named in contract). */
export type MeasurementEvent = MeasurementFact;

/** Facts from printing the documents, document by document (named in contract). */
export type PrintEvent = PrintFact;

// The waiting room's and the call's facts are named in the contract, where the platform link reports them.
export type { CallEvent, PresenceEvent, QueueEvent } from '../../contract';

/** Commands from the attendant that reach a running session. */
export type AttendantSessionEvent =
  { readonly type: 'attendant.acknowledgeHelp' } | { readonly type: 'attendant.resetSession' };

/**
 * The renderer's report of the examination instrument it was asked to open (on, with its media tag, or
 * failed), passed on by main/ when the call's current instrument is that kind.
 */
export type InstrumentReportedEvent = {
  readonly type: 'instrument.reported';
  readonly report: InstrumentReport;
};

/** Raised by the session itself when the patient touches the screen. */
export type AttentionEvent = { readonly type: 'attention.touched' };

/** Everything the session machine reacts to. */
export type SessionEvent =
  | PatientAction
  | CardReaderEvent
  | CardPresenceEvent
  | MeasurementEvent
  | PrintEvent
  | PresenceEvent
  | QueueEvent
  | CallEvent
  | HelpEvent
  | AttendantSessionEvent
  | InstrumentReportedEvent
  | AttentionEvent;

/** What a booked appointment's code resolves to. */
export interface AppointmentDetails {
  readonly profession: Profession;
  /** The booked doctor's specialty when it is direct access (no médecin-traitant condition), else null. */
  readonly specialty: DirectAccessSpecialty | null;
}

/** Input of the `lookUpAppointment` actor. */
export interface AppointmentLookup {
  readonly code: string;
}

/** Input of the `lookUpPresence` actor: the kind of professional the patient chose. */
export interface PresenceLookup {
  readonly profession: Profession;
}

/** Input of the `waitInQueue` actor: what the platform needs to route the patient (no identity in logs). */
export interface QueueRequest {
  readonly sessionId: string;
  readonly profession: Profession;
  readonly appointmentCode: string | null;
  readonly identity: PatientIdentity;
  readonly measurements: readonly Measurement[];
  /** The language of the patient's screens, for the professional. */
  readonly locale: Locale;
  /** The cover answers and the cost the patient accepted, for the professional (null: none asked or shown). */
  readonly carePath: CarePathAnswers | null;
  readonly cost: CostInformation | null;
  /** What the patient chose at the start (written conversation, large text…), for the professional. */
  readonly accessibility?: Accessibility;
}

/** Input of the `printDocuments` actor: the documents still to print, in order (never one already printed). */
export interface PrintRequest {
  readonly sessionId: string;
  readonly documents: readonly DocumentSummary[];
}

/** Input of the `takePayment` actor. */
export interface PaymentRequest {
  readonly sessionId: string;
  readonly amountCents: number;
}
