// What the practitioner's desk shows, apart from how it keeps it: the view of the desk and of the call
// in progress, and the small pure steps that change a call's view (a new call, an item from the cabin,
// the French sentence of a refusal).
import {
  DOCUMENT_KINDS,
  type DocumentSummary,
  type Measurement,
  type MeasurementKind,
  type ProfessionalCard,
} from '../../contract/domain';
import type {
  ChatAuthor,
  ConsentSummary,
  DocumentContentType,
  MediaCheckResult,
  MediaMode,
  MediaReception,
  PatientSummary,
  QueueEntryView,
  SessionItem,
  VisitSummary,
} from '../../contract/platform-protocol';
import type { BillingDetails } from '../../contract/billing';
import { DMP_REFUSALS, type DmpOutcome } from '../../contract/composed-document';
import { boolean, integer, matching, object, oneOf, optional, text } from '../../contract/schema';
import type { LocalMediaProblem, MediaFailure } from './console-media';
import { NO_INSTRUMENT, type InstrumentView } from './instrument-desk';
import { emptyDocumentText, sickLeaveRefusalText } from './french-format';

/** Why the desk sends the practitioner back to the login form. */
export type SessionEnd = 'expired' | 'replaced';

/** The state of the connection to the platform. */
export type LinkState = 'connecting' | 'online' | 'reconnecting';

/** The consultation in progress, as the call view shows it. Patient data: memory only. */
export interface CallState {
  readonly sessionId: string;
  /** null until the platform sent who the patient is (the waiting room never shows it). */
  readonly patient: PatientSummary | null;
  /** The patient's language, cover answers and cost; null until the platform sent them. */
  readonly visit: VisitSummary | null;
  /** What the practitioner bills with (names, NIR, birth date of a beneficiary, cover); null until sent. */
  readonly billing: BillingDetails | null;
  /** The cabin's camera and microphone check; null until it is done. */
  readonly mediaCheck: MediaCheckResult | null;
  readonly consent: ConsentSummary | null;
  readonly measurements: Readonly<Partial<Record<MeasurementKind, Measurement>>>;
  /** The patient's choice about the DMP, once known: true when they oppose it. */
  readonly dmpOpposed: boolean | null;
  readonly mode: MediaMode;
  /** The patient entered the call (tapped to start it in the cabin). */
  readonly patientJoined: boolean;
  /** false while the platform reports the cabin's connection lost. */
  readonly patientPresent: boolean;
  /** What the cabin reports receiving of the practitioner. */
  readonly reception: MediaReception;
  /** The last measurement asked for, until it arrives. */
  readonly requested: { readonly kind: MeasurementKind; readonly at: number } | null;
  readonly documents: readonly SentDocument[];
  readonly localStream: MediaStream | null;
  /** What is missing of the practitioner's camera and microphone; null until they were asked for. */
  readonly localProblem: LocalMediaProblem | null;
  readonly remoteStream: MediaStream | null;
  readonly mediaFailure: MediaFailure | null;
  /** The patient asked for help in the cabin and nobody has answered yet. */
  readonly helpRequested: boolean;
  /** The written conversation of this call, in order: memory only, gone with the call. */
  readonly chat: readonly ChatLine[];
  /** The examination instrument asked, where it stands, its track and the stills: memory only. */
  readonly instrument: InstrumentView;
  /** The practitioner ended the call: `call.end` is on its way or waits for the connection. */
  readonly ending: boolean;
  /** `call.end` could not reach the platform; it goes again as soon as the connection is welcomed. */
  readonly endAwaitsConnection: boolean;
}

/** One message of the written conversation: who wrote it and what. Patient data: memory only. */
export interface ChatLine {
  readonly from: ChatAuthor;
  readonly text: string;
}

/** The most messages a call's conversation shows; older ones scroll away. */
export const MAX_CHAT_LINES = 200;

/** Everything the console shows once logged in. */
export interface DeskView {
  readonly professional: ProfessionalCard;
  readonly link: LinkState;
  /** The waiting patients of the practitioner's profession, longest waiting first. */
  readonly queue: readonly QueueEntryView[];
  /** The session whose `call.accept` is waiting for its reply. */
  readonly accepting: string | null;
  readonly call: CallState | null;
  /** Why the last call ended, when the practitioner did not end it. */
  readonly endedMessage: string | null;
  readonly error: string | null;
}

/** A document the platform stored, and what became of its deposit in the DMP (null: the platform did not say). */
export interface SentDocument extends DocumentSummary {
  readonly dmp: DmpOutcome | null;
}

/** A document as the practitioner sends it. */
export interface OutgoingDocument {
  readonly kind: DocumentSummary['kind'];
  readonly title: string;
  readonly contentType: DocumentContentType;
  readonly base64: string;
}

const TRANSPORT_CODES: ReadonlySet<string> = new Set(['transport.unavailable', 'transport.timeout']);

/** Whether a refusal means the connection could not carry the action (and it may go again later). */
export function isTransportFailure(code: string): boolean {
  return TRANSPORT_CODES.has(code);
}

/** The French sentence for a refused action (`detail`: the refusal's detail, for an empty document's reason). */
export function refusalText(
  action: 'accept' | 'measure' | 'document' | 'end' | 'chat' | 'instrument',
  code: string,
  detail?: string,
): string {
  if (isTransportFailure(code)) return 'Pas de connexion au serveur. Réessayez dans un instant.';
  if (code === 'call.alreadyTaken') return 'Ce patient est déjà pris en charge par un autre professionnel.';
  if (code === 'document.empty') return emptyDocumentText(detail);
  if (code === 'sickLeave.refused') return sickLeaveRefusalText(detail);
  if (code === 'prescription.unavailable') {
    return 'Le service de prescription n’a pas donné d’identifiant : l’ordonnance n’a pas été envoyée. Réessayez.';
  }
  switch (action) {
    case 'accept':
      return 'La prise en charge n’a pas abouti : le patient n’est peut-être plus en salle d’attente.';
    case 'measure':
      return 'La demande de mesure n’a pas abouti. Réessayez.';
    case 'document':
      return 'Le document n’a pas pu être envoyé. Réessayez.';
    case 'end':
      return 'La consultation n’a pas pu être terminée. Réessayez.';
    case 'chat':
      return 'Le message n’a pas pu être envoyé au patient. Réessayez.';
    case 'instrument':
      return 'La demande d’instrument n’a pas abouti. Réessayez.';
    default: {
      const unknown: never = action;
      return String(unknown);
    }
  }
}

const documentSummaryCheck = object({
  id: matching(/^[A-Za-z0-9_-]{1,64}$/, 64),
  kind: oneOf(DOCUMENT_KINDS),
  title: text(120, 1),
  pages: integer(0, 500),
});
const dmpCheck = object({ deposited: boolean, reason: optional(oneOf(DMP_REFUSALS)) });
const documentReplyCheck = object({ document: documentSummaryCheck, dmp: optional(dmpCheck) });

/**
 * The summary of a document the platform stored and its DMP deposit, from its reply (a reply it cannot
 * read keeps the kind and the title).
 */
export function sentDocument(
  reply: unknown,
  document: { readonly kind: DocumentSummary['kind']; readonly title: string },
): SentDocument {
  if (documentReplyCheck(reply, 'reply') !== null) {
    return { id: '', kind: document.kind, title: document.title, pages: 0, dmp: null };
  }
  const read = reply as { document: DocumentSummary; dmp?: DmpOutcome };
  return { ...read.document, dmp: read.dmp ?? null };
}

/** Whether two reception reports say the same. */
export function sameReception(a: MediaReception, b: MediaReception): boolean {
  return a.audio === b.audio && a.video === b.video;
}

/** The latest measurement of each kind. */
export function byKind(measurements: readonly Measurement[]): Partial<Record<MeasurementKind, Measurement>> {
  const table: Partial<Record<MeasurementKind, Measurement>> = {};
  for (const measurement of measurements) {
    const known = table[measurement.kind];
    if (known === undefined || known.takenAt <= measurement.takenAt) table[measurement.kind] = measurement;
  }
  return table;
}

/** A call just accepted: nothing received of the patient yet (`call.started` brings who they are). */
export function newCall(sessionId: string, mode: MediaMode): CallState {
  return {
    sessionId,
    patient: null,
    visit: null,
    billing: null,
    mediaCheck: null,
    consent: null,
    measurements: {},
    dmpOpposed: null,
    mode,
    patientJoined: false,
    patientPresent: true,
    reception: { audio: false, video: false },
    requested: null,
    documents: [],
    localStream: null,
    localProblem: null,
    remoteStream: null,
    mediaFailure: null,
    helpRequested: false,
    chat: [],
    instrument: NO_INSTRUMENT,
    ending: false,
    endAwaitsConnection: false,
  };
}

/** What an item the cabin sent changes in the call (an older measurement than the one shown changes nothing). */
export function withItem(call: CallState, item: SessionItem): Partial<CallState> {
  switch (item.kind) {
    case 'consent':
      return { consent: item.consent };
    case 'measurement': {
      const measurement = item.measurement;
      const known = call.measurements[measurement.kind];
      if (known !== undefined && known.takenAt > measurement.takenAt) return {};
      return {
        measurements: { ...call.measurements, [measurement.kind]: measurement },
        requested: call.requested?.kind === measurement.kind ? null : call.requested,
      };
    }
    case 'dmpChoice':
      return { dmpOpposed: item.opposed };
    case 'mediaCheck':
      return { mediaCheck: item.result };
    default: {
      const unknown: never = item;
      return unknown;
    }
  }
}
