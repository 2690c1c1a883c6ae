// The seam between the cabin and its teleconsultation platform: the WebSocket client of the platform
// protocol (platform-socket-link.ts) in the cabin, an in-process simulation for scenario tests.
import type {
  CallMedia,
  CabinError,
  MediaReception,
  MediaUp,
  SignalPayload,
  DocumentSummary,
  Measurement,
  MeasurementKind,
  PatientIdentity,
  Profession,
  ProfessionalCard,
  Result,
} from '../../contract';
import type { Cancel, Checkable } from '../../devices/peripheral';
import type { OutboundItem } from '../store/outbound-item';

/** A fact from the platform's waiting room. */
export type QueueFact =
  | { readonly type: 'updated'; readonly position: number; readonly estimatedWaitMinutes: number }
  | { readonly type: 'assigned'; readonly professional: ProfessionalCard }
  | { readonly type: 'failed'; readonly error: CabinError };

/** A fact from the call. */
export type CallFact =
  /** The platform joined the cabin to the call: the media parameters for the video link. */
  | { readonly type: 'joined'; readonly media: CallMedia }
  /** Media flows (the simulated platform says so itself; the real one leaves it to the video link). */
  | { readonly type: 'connected' }
  /** The link to the platform dropped. */
  | { readonly type: 'reconnecting' }
  /** The link to the platform is back and the call still exists. */
  | { readonly type: 'resumed' }
  | { readonly type: 'receptionChanged'; readonly reception: MediaReception }
  | { readonly type: 'signal'; readonly payload: SignalPayload }
  | { readonly type: 'producerAdded' }
  | { readonly type: 'measurementRequested'; readonly kind: MeasurementKind }
  | { readonly type: 'documentReceived'; readonly document: DocumentSummary }
  | { readonly type: 'ended' }
  | { readonly type: 'failed'; readonly error: CabinError };

/** What the platform needs to put the patient in the queue. */
export interface QueueEntry {
  readonly sessionId: string;
  readonly profession: Profession;
  readonly appointmentCode: string | null;
  readonly identity: PatientIdentity;
  readonly measurements: readonly Measurement[];
}

/** One item of the outbound queue (consent, measurement, DMP choice): the store's union, delivered as is. */
export type { OutboundItem } from '../store/outbound-item';

/** A document's bytes and how to print them. */
export interface DocumentContent {
  readonly contentType: 'text/plain' | 'application/pdf';
  readonly content: Uint8Array;
}

/** The cabin's connection to its platform. */
export interface PlatformLink extends Checkable {
  /** Resolves a booked appointment's code to its profession, or `appointment.unknownCode`. */
  lookUpAppointment(code: string): Promise<Result<{ readonly profession: Profession }>>;
  /** Enters the waiting room and reports position updates until a professional is assigned. */
  joinQueue(entry: QueueEntry, report: (fact: QueueFact) => void): Cancel;
  /** Joins the call of the session and reports its facts until it ends. */
  joinCall(sessionId: string, report: (fact: CallFact) => void): Cancel;
  /** Delivers one outbound item (consent, measurement, DMP choice); answers ok once the platform has it. */
  deliver(item: OutboundItem): Promise<Result<void>>;
  /** The content of a document deposited in the session, for printing. */
  fetchDocument(sessionId: string, documentId: string): Promise<Result<DocumentContent>>;
  /** Relays one message of the cabin's video link to the call; an SFU request answers the SFU's data. */
  relayMedia(sessionId: string, message: Exclude<MediaUp, { kind: 'linkState' }>): Promise<Result<unknown>>;
  /** Forgets everything of the session held for it on the cabin side. */
  forgetSession(sessionId: string): void;
}
