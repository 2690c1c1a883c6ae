// The seam between the cabin and its teleconsultation platform: the WebSocket client of the platform
// protocol (platform-socket-link.ts) in the cabin, an in-process simulation for scenario tests.
import type {
  Accessibility,
  CallFact,
  CarePathAnswers,
  CostInformation,
  Locale,
  HelpCallState,
  InstrumentKind,
  InstrumentUse,
  MediaUp,
  Measurement,
  PatientIdentity,
  Profession,
  QueueEvent,
  RemoteHelpAudience,
  Result,
} from '../../contract';
import type { Cancel, CabinReplies } from '../../contract';
import type { Checkable } from '../../devices/peripheral';
import type { OutboundItem } from '../store/outbound-item';

/** What the platform needs to put the patient in the queue. */
export interface QueueEntry {
  readonly sessionId: string;
  readonly profession: Profession;
  readonly appointmentCode: string | null;
  readonly identity: PatientIdentity;
  readonly measurements: readonly Measurement[];
  /** The language of the patient's screens. */
  readonly locale: Locale;
  /** The cover answers and the cost the patient accepted (null: none asked, none shown). */
  readonly carePath: CarePathAnswers | null;
  readonly cost: CostInformation | null;
  /** What the patient chose at the start (written conversation, large text…): the professional's needs line. */
  readonly accessibility?: Accessibility;
  /** The examination instruments the cabin has found, in the catalog's order (the console offers these). */
  readonly instruments?: readonly InstrumentKind[];
}

/** One item of the outbound queue (consent, measurement, DMP choice, media check): the store's union, delivered as is. */
export type { OutboundItem } from '../store/outbound-item';

/** A document's bytes and how to print them. */
export interface DocumentContent {
  readonly contentType: 'text/plain' | 'application/pdf';
  readonly content: Uint8Array;
}

/** The cabin's connection to its platform. */
export interface PlatformLink extends Checkable {
  /**
   * Resolves a booked appointment's code to its profession and, for a direct-access specialist, the
   * specialty (else null), or `appointment.unknownCode`.
   */
  lookUpAppointment(code: string): Promise<Result<CabinReplies['appointment.lookUp']>>;
  /** How many professionals of `profession` are online now (a count, never who), or why it is not known. */
  lookUpPresence(profession: Profession): Promise<Result<{ readonly professionalsOnline: number }>>;
  /** Enters the waiting room and reports the session's `queue.*` events until a professional is assigned. */
  joinQueue(entry: QueueEntry, report: (event: QueueEvent) => void): Cancel;
  /** Joins the call of the session and reports its facts (`call.*`, `media.*`) until it ends. */
  joinCall(sessionId: string, report: (fact: CallFact) => void): Cancel;
  /** Delivers one outbound item (consent, measurement, DMP choice); answers ok once the platform has it. */
  deliver(item: OutboundItem): Promise<Result<void>>;
  /** The content of a document deposited in the session, for printing. */
  fetchDocument(sessionId: string, documentId: string): Promise<Result<DocumentContent>>;
  /** Relays one message of the cabin's video link to the call; an SFU request answers the SFU's data. */
  relayMedia(sessionId: string, message: Exclude<MediaUp, { kind: 'linkState' }>): Promise<Result<unknown>>;
  /**
   * Tells the platform the state of the session's help call (its support list, the professional of the
   * call); answers who it told. While the call is `requested`, `answered` hears a remote answer.
   */
  reportHelp(
    sessionId: string,
    state: HelpCallState,
    answered: (by: RemoteHelpAudience) => void,
  ): Promise<Result<{ readonly told: readonly RemoteHelpAudience[] }>>;
  /**
   * Sends one message of the written conversation to the professional of the session's call; answers ok
   * once the platform relayed it. The text is never logged, and not kept after it went.
   */
  sendMessage(sessionId: string, text: string): Promise<Result<void>>;
  /**
   * Tells the professional of the session's call where the examination instrument stands (live state:
   * sent once, never queued); answers ok once the platform relayed it.
   */
  sendInstrumentUse(sessionId: string, use: InstrumentUse): Promise<Result<void>>;
  /** Forgets everything of the session held for it on the cabin side. */
  forgetSession(sessionId: string): void;
}
