// The seam between the cabin and its teleconsultation platform. The simulated link below runs the
// platform's side in-process; the WebSocket client of the reference platform replaces it (issue 5).
import type {
  CabinError,
  DocumentSummary,
  Measurement,
  MeasurementKind,
  PatientIdentity,
  Profession,
  ProfessionalCard,
  Result,
} from '../../contract';
import type { Cancel, Checkable } from '../../devices/peripheral';

/** A fact from the platform's waiting room. */
export type QueueFact =
  | { readonly type: 'updated'; readonly position: number; readonly estimatedWaitMinutes: number }
  | { readonly type: 'assigned'; readonly professional: ProfessionalCard }
  | { readonly type: 'failed'; readonly error: CabinError };

/** A fact from the call. */
export type CallFact =
  | { readonly type: 'connected' }
  | { readonly type: 'reconnecting' }
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

/** The cabin's connection to its platform. */
export interface PlatformLink extends Checkable {
  /** Resolves a booked appointment's code to its profession, or `appointment.unknownCode`. */
  lookUpAppointment(code: string): Promise<Result<{ readonly profession: Profession }>>;
  /** Enters the waiting room and reports position updates until a professional is assigned. */
  joinQueue(entry: QueueEntry, report: (fact: QueueFact) => void): Cancel;
  /** Joins the call of the session and reports its facts until it ends. */
  joinCall(sessionId: string, report: (fact: CallFact) => void): Cancel;
  /** Delivers one outbound item (consent, measurement, DMP choice); answers ok once the platform has it. */
  deliver(kind: string, payload: unknown): Promise<Result<void>>;
  /** The content of a document deposited in the session, for printing. */
  fetchDocument(sessionId: string, documentId: string): Promise<Result<Uint8Array>>;
  /** Forgets everything of the session held for it on the cabin side. */
  forgetSession(sessionId: string): void;
}
