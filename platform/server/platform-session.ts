// One patient's visit as the platform holds it, from the waiting room to the end of the call: who it
// belongs to, where it stands, the patient data it may keep (and forgets as soon as it may), the
// documents the practitioner left, and its timers. Patient data: memory only.
import type { DmpDocument } from './dmp-deposit';
import { randomBytes } from 'node:crypto';
import type { Cancel } from '../../contract/clock';
import type { BillingDetails } from '../../contract/billing';
import type { DocumentSummary, Measurement, Profession } from '../../contract/domain';
import type {
  CabinPush,
  CallMedia,
  ConsentSummary,
  DocumentContentType,
  IceServer,
  MediaCheckResult,
  PatientSummary,
  PractitionerMessage,
  QueueEntryView,
  QueuePlace,
  SessionItem,
  VisitSummary,
} from '../../contract/platform-protocol';
import { MAX_DOCUMENT_BYTES } from '../../contract/platform-protocol';
import { err, ok, type Result } from '../../contract/result';
import { checkDocument, pdfPages, textPages } from './document-check';
import type { SfuRoom } from './sfu';

/** Where a session stands: waiting, taken by a practitioner, in the call, or over. */
export type Stage = 'queue' | 'assigned' | 'call' | 'ended';

/** A document the practitioner pushed, kept for the cabin to print. */
export interface StoredDocument {
  readonly summary: DocumentSummary;
  readonly contentType: DocumentContentType;
  readonly bytes: Buffer;
}

/** One patient's visit, from the waiting room to the end of the call. Patient data: memory only. */
export interface PlatformSession {
  readonly id: string;
  readonly cabinId: string;
  profession: Profession;
  appointmentCode: string | null;
  stage: Stage;
  /** When the patient entered the waiting room. */
  since: number;
  patient: PatientSummary | null;
  /** The language, the cover answers and the cost: for the professional who takes the patient. */
  visit: VisitSummary | null;
  /** What the professional who takes the patient bills with: sent to them only, forgotten with the call. */
  billing: BillingDetails | null;
  measurements: Measurement[];
  consent: ConsentSummary | null;
  dmpOpposed: boolean | null;
  /** The cabin's camera and microphone check, once done. */
  mediaCheck: MediaCheckResult | null;
  /** The login of the practitioner who accepted the call (kept after its end, to answer them). */
  practitioner: string | null;
  acceptedAt: number | null;
  room: SfuRoom | null;
  readonly documents: Map<string, StoredDocument>;
  /**
   * Documents waiting for the patient's DMP choice, which the cabin sends on its documents screen after
   * the call: deposited or dropped when it comes, forgotten with the session.
   */
  dmpPending: DmpDocument[];
  /** The cabin's connection dropped and it has not resumed this session yet. */
  cabinAway: boolean;
  /** Ends the cabin's grace (set while the cabin is away). */
  cabinGrace: Cancel | null;
  /** Ends the practitioner's grace (set while the practitioner is away). */
  practitionerGrace: Cancel | null;
  /** Ends the session's time to live. */
  readonly ttl: Cancel;
  /** Pushes the cabin missed while away, delivered when it resumes. */
  missed: CabinPush[];
  /** The place last told to the cabin while the session waits. */
  lastQueueUpdate: QueuePlace | null;
}

/** Measurements a session keeps (the contract's `call.started` carries at most 16). */
const MEASUREMENT_LIMIT = 16;
/** Documents one session may hold. */
const DOCUMENT_LIMIT = 20;

/** What a cabin's `queue.join` opens. */
export interface NewSession {
  readonly id: string;
  readonly cabinId: string;
  readonly profession: Profession;
  readonly appointmentCode: string | null;
  readonly since: number;
  readonly patient: PatientSummary;
  readonly visit: VisitSummary;
  readonly billing: BillingDetails;
  readonly measurements: readonly Measurement[];
  /** Ends the session at its time to live (armed by the caller). */
  readonly ttl: Cancel;
}

/** A session entering the waiting room. */
export function openSession(fields: NewSession): PlatformSession {
  return {
    ...fields,
    stage: 'queue',
    measurements: fields.measurements.slice(-MEASUREMENT_LIMIT),
    consent: null,
    dmpOpposed: null,
    mediaCheck: null,
    practitioner: null,
    acceptedAt: null,
    room: null,
    documents: new Map(),
    dmpPending: [],
    cabinAway: false,
    cabinGrace: null,
    practitionerGrace: null,
    missed: [],
    lastQueueUpdate: null,
  };
}

/** A call that a practitioner took and that has not ended. */
export function isActive(session: PlatformSession): boolean {
  return session.stage === 'assigned' || session.stage === 'call';
}

/** The media parameters of the session's call. */
export function callMediaOf(session: PlatformSession, iceServers: readonly IceServer[]): CallMedia {
  return { mode: session.room === null ? 'direct' : 'sfu', iceServers };
}

/** Keeps one item the cabin sent about the session (a measurement that came twice is kept once). */
export function keepItem(session: PlatformSession, item: SessionItem): void {
  switch (item.kind) {
    case 'consent':
      session.consent = item.consent;
      return;
    case 'measurement': {
      const measurement = item.measurement;
      // The same measurement may come twice (with the waiting room entry, then live): keep it once.
      const known = session.measurements.some(
        (kept) => kept.kind === measurement.kind && kept.takenAt === measurement.takenAt,
      );
      if (!known) session.measurements = [...session.measurements, measurement].slice(-MEASUREMENT_LIMIT);
      return;
    }
    case 'dmpChoice':
      session.dmpOpposed = item.opposed;
      return;
    case 'mediaCheck':
      session.mediaCheck = item.result;
      return;
  }
}

/** Checks and keeps a document the practitioner pushed; answers its summary or why it was refused. */
export function keepDocument(
  session: PlatformSession,
  message: Extract<PractitionerMessage, { type: 'document.push' }>,
): Result<DocumentSummary> {
  if (session.documents.size >= DOCUMENT_LIMIT) return err({ code: 'document.tooMany' });
  const checked = checkDocument(message.contentType, message.base64);
  if (!checked.ok) return checked;
  return ok(storeDocument(session, message.kind, message.title, message.contentType, checked.value.bytes));
}

/** Keeps a PDF the platform rendered itself; answers its summary, or `document.tooMany` / `tooLarge`. */
export function keepRenderedDocument(
  session: PlatformSession,
  kind: DocumentSummary['kind'],
  title: string,
  bytes: Buffer,
): Result<DocumentSummary> {
  if (session.documents.size >= DOCUMENT_LIMIT) return err({ code: 'document.tooMany' });
  if (bytes.length > MAX_DOCUMENT_BYTES) return err({ code: 'document.tooLarge' });
  return ok(storeDocument(session, kind, title, 'application/pdf', bytes));
}

function storeDocument(
  session: PlatformSession,
  kind: DocumentSummary['kind'],
  title: string,
  contentType: DocumentContentType,
  bytes: Buffer,
): DocumentSummary {
  const pages = contentType === 'application/pdf' ? pdfPages(bytes) : textPages(bytes.toString('utf8'));
  const summary: DocumentSummary = { id: randomBytes(12).toString('base64url'), kind, title, pages };
  session.documents.set(summary.id, { summary, contentType, bytes });
  return summary;
}

/** Forgets the patient's data and closes the call's media room (the call ended). */
export function forgetCall(session: PlatformSession): void {
  session.room?.close();
  session.room = null;
  session.patient = null;
  session.visit = null;
  session.billing = null;
  session.mediaCheck = null;
  session.measurements = [];
  session.consent = null;
  session.dmpOpposed = null;
}

/** Forgets everything the session holds and stops its timers (the session is dropped). */
export function forgetSession(session: PlatformSession): void {
  session.ttl();
  session.cabinGrace?.();
  session.practitionerGrace?.();
  forgetCall(session);
  session.documents.clear();
  session.dmpPending = [];
  session.missed = [];
}

/**
 * The waiting patient as every console of the profession lists it (nothing that names the patient),
 * or null once its data is gone.
 */
export function entryOf(session: PlatformSession): QueueEntryView | null {
  if (session.patient === null || session.visit === null) return null;
  return {
    sessionId: session.id,
    profession: session.profession,
    appointmentCode: session.appointmentCode,
    since: session.since,
    locale: session.visit.locale,
    // What the patient asked for (a written conversation, subtitles, large text): no identity in it.
    ...(session.visit.needs === undefined ? {} : { needs: session.visit.needs }),
  };
}
