// The cabin ↔ platform protocol and the practitioner console's protocol: JSON messages over one
// WebSocket per client (`/ws`; TLS in production). The first message authenticates; requests carry a
// `requestId` and are answered by one `reply`; everything else is pushed. A malformed message is
// answered by `rejected` and the connection (and the call) stays up.
import type {
  DocumentSummary,
  Locale,
  Measurement,
  MeasurementKind,
  PatientName,
  Presence,
  Profession,
  ProfessionalCard,
} from './domain';
import type { BillingDetails } from './billing';
import type { ComposedDocument, DocumentPushed } from './composed-document';
import type { DirectAccessSpecialty } from './cover';
import type { InstrumentKind, InstrumentUse } from './instrument';
import type { CabinError, Result } from './result';

/** The WebSocket path of the platform. */
export const PLATFORM_SOCKET_PATH = '/ws';

/** The largest message either side accepts, in bytes (a document of ~1.5 MB fits once base64-encoded). */
export const MAX_PLATFORM_MESSAGE_BYTES = 2_200_000;

/** The largest document the console may push, in bytes before base64. */
export const MAX_DOCUMENT_BYTES = 1_500_000;

/** The content types a pushed document may have. */
export const DOCUMENT_CONTENT_TYPES = ['text/plain', 'application/pdf'] as const;

/** The content type of a pushed document. */
export type DocumentContentType = (typeof DOCUMENT_CONTENT_TYPES)[number];

/**
 * Why a pushed document is empty, the `detail` of a `document.empty` refusal: no byte at all, a PDF
 * without any page, a text of spaces and line breaks only.
 */
export const EMPTY_DOCUMENT_REASONS = ['noBytes', 'noPage', 'blankText'] as const;

/** One reason a pushed document is empty. */
export type EmptyDocumentReason = (typeof EMPTY_DOCUMENT_REASONS)[number];

/** WebSocket close codes the platform uses. */
export const PLATFORM_CLOSE_CODES = {
  /** The first message was not a valid hello, or the credential / token is wrong or expired. */
  unauthenticated: 4401,
  /** The same cabin connected again: the older connection is closed. */
  replaced: 4409,
} as const;

/** Where the patient's help call stands, as the cabin tells the platform. */
export const HELP_CALL_STATES = ['requested', 'cancelled', 'answered'] as const;

/** One state of the patient's help call: asked for, cancelled by the patient, answered on the cabin. */
export type HelpCallState = (typeof HELP_CALL_STATES)[number];

/** How media flows: through the platform's SFU (mediasoup) or directly between the two browsers. */
export type MediaMode = 'sfu' | 'direct';

/** One ICE server for the peer connections. */
export interface IceServer {
  readonly urls: readonly string[];
  readonly username?: string;
  readonly credential?: string;
}

/** What the platform tells a client about media when it joins a call. */
export interface CallMedia {
  readonly mode: MediaMode;
  readonly iceServers: readonly IceServer[];
}

/**
 * What the professional who takes the patient receives of them: names, birth date, and where the
 * identity came from (`card`: read from the Carte Vitale; `manual`: typed in the cabin, checked by no
 * card). Patient data: kept only for the call, sent to that professional only.
 */
export interface PatientSummary extends PatientName {
  /** The NIR the professional bills with (15 characters), or null when the patient typed none. */
  readonly nir: string | null;
  readonly source: 'card' | 'manual';
}

/** The result of the cabin's camera and microphone check in the waiting room. */
export type MediaCheckResult = 'passed' | 'problem';

/** One cover question as the patient answered it: a stable code, its wording in French, the answer. */
export interface CoverAnswer {
  readonly question: string;
  /** The question as the cabin asked it, in French (the console shows it whatever the questions are). */
  readonly label: string;
  readonly answer: 'yes' | 'no' | 'unknown';
}

/** The cover answers and the cost the cabin showed the patient before they accepted. Amounts in euro cents. */
export interface CoverSummary {
  readonly answers: readonly CoverAnswer[];
  readonly feeCents: number;
  readonly reimbursedPercent: number;
  /** What the patient pays in the cabin. */
  readonly amountDueCents: number;
  readonly thirdPartyPayment: boolean;
}

/**
 * What the patient asked for at the start, for the professional to know before the call: a written
 * conversation (a deaf or hard-of-hearing patient), subtitles of their speech, large text. No identity.
 */
export interface PatientNeeds {
  readonly writtenConversation: boolean;
  readonly subtitles: boolean;
  readonly largeText: boolean;
}

/** The longest message of the written conversation, in characters. */
export const MAX_CHAT_TEXT_LENGTH = 500;

/** Who wrote a message of the written conversation. */
export type ChatAuthor = 'patient' | 'professional';

/** What the cabin tells the professional who takes the patient about the visit, besides the identity. */
export interface VisitSummary {
  /** The language of the patient's screens. */
  readonly locale: Locale;
  /** null when the cabin asked no cover question and showed no cost (a platform's own billing). */
  readonly cover: CoverSummary | null;
  /** What the patient asked for at the start; absent from a cabin that does not say (no need known). */
  readonly needs?: PatientNeeds;
  /**
   * The examination instruments the cabin has found, in the catalog's order (the console offers these);
   * absent from a cabin that does not say.
   */
  readonly instruments?: readonly InstrumentKind[];
}

/** The patient's consent as recorded in the cabin. */
export interface ConsentSummary {
  readonly presence: Presence;
  readonly attendantStays: boolean;
  readonly textVersion: string;
  /** Epoch milliseconds. */
  readonly at: number;
}

/** One item the cabin sends about the session, live. */
export type SessionItem =
  | { readonly kind: 'consent'; readonly consent: ConsentSummary }
  | { readonly kind: 'measurement'; readonly measurement: Measurement }
  | { readonly kind: 'dmpChoice'; readonly opposed: boolean }
  | { readonly kind: 'mediaCheck'; readonly result: MediaCheckResult };

/** Whether one side's media reaches the other: reported by the receiving side, relayed to the sender. */
export interface MediaReception {
  readonly audio: boolean;
  readonly video: boolean;
}

/** Signaling of direct mode, relayed verbatim to the other side of the call. */
export type SignalPayload =
  | {
      readonly kind: 'description';
      readonly description: { readonly type: 'offer' | 'answer'; readonly sdp: string };
    }
  | {
      readonly kind: 'candidate';
      readonly candidate: {
        readonly candidate: string;
        readonly sdpMid: string | null;
        readonly sdpMLineIndex: number | null;
      };
    };

/** The SFU requests a client makes (mediasoup signaling); `data` is the mediasoup parameters. */
export const SFU_METHODS = [
  'getRouterRtpCapabilities',
  'createTransport',
  'connectTransport',
  'restartIce',
  'produce',
  'consume',
  'resumeConsumer',
  'closeProducer',
] as const;

/** One SFU request name. */
export type SfuMethod = (typeof SFU_METHODS)[number];

// ---------------------------------------------------------------------------------------------- hello

/** The first message of every connection. */
export type Hello =
  | {
      readonly type: 'hello';
      readonly role: 'cabin';
      readonly cabinId: string;
      readonly credential: string;
    }
  | { readonly type: 'hello'; readonly role: 'practitioner'; readonly token: string };

/** The platform's answer to a valid hello. */
export interface Welcome {
  readonly type: 'welcome';
  readonly role: 'cabin' | 'practitioner';
  /** When the connection's authority ends (epoch ms); the platform closes it then. */
  readonly expiresAt: number;
}

/** What both parties of a call may send about its media, without expecting an answer. */
export type MediaNotice =
  | { readonly type: 'signal'; readonly sessionId: string; readonly payload: SignalPayload }
  | { readonly type: 'media.reception'; readonly sessionId: string; readonly reception: MediaReception };

/** An SFU request of either party, answered by the SFU's data. */
export interface SfuRequest {
  readonly type: 'sfu.request';
  readonly requestId: number;
  readonly sessionId: string;
  readonly method: SfuMethod;
  readonly data: unknown;
}

// ------------------------------------------------------------------------------------ cabin → platform

/**
 * One message of the written conversation, from either party of a call: relayed by the platform to the
 * other party of that call only (`call.chat`), kept by nobody after the call, never logged.
 */
export interface ChatSend {
  readonly type: 'chat.send';
  readonly requestId: number;
  readonly sessionId: string;
  /** 1 to MAX_CHAT_TEXT_LENGTH characters, cleaned of control and bidi characters on arrival. */
  readonly text: string;
}

/** A request from the cabin; each is answered by one `reply` with the same requestId. */
export type CabinRequest =
  | { readonly type: 'appointment.lookUp'; readonly requestId: number; readonly code: string }
  /** How many professionals of `profession` are online now (a count, never who). */
  | { readonly type: 'presence.lookUp'; readonly requestId: number; readonly profession: Profession }
  | {
      readonly type: 'queue.join';
      readonly requestId: number;
      readonly sessionId: string;
      readonly profession: Profession;
      readonly appointmentCode: string | null;
      readonly patient: PatientSummary;
      readonly visit: VisitSummary;
      /** What the professional who takes the patient bills with: the platform gives it to them only. */
      readonly billing: BillingDetails;
      readonly measurements: readonly Measurement[];
    }
  | { readonly type: 'queue.leave'; readonly requestId: number; readonly sessionId: string }
  | ChatSend
  | { readonly type: 'session.resume'; readonly requestId: number; readonly sessionId: string }
  | { readonly type: 'call.join'; readonly requestId: number; readonly sessionId: string }
  | { readonly type: 'call.leave'; readonly requestId: number; readonly sessionId: string }
  | {
      readonly type: 'session.item';
      readonly requestId: number;
      readonly sessionId: string;
      readonly item: SessionItem;
    }
  | {
      readonly type: 'document.fetch';
      readonly requestId: number;
      readonly sessionId: string;
      readonly documentId: string;
    }
  /**
   * Where the examination instrument the professional asked for stands on the cabin: relayed to the
   * professional of the call only (`call.instrument`), never kept, never logged beyond its kind and state.
   */
  | {
      readonly type: 'instrument.update';
      readonly requestId: number;
      readonly sessionId: string;
      readonly use: InstrumentUse;
    }
  /** The patient's help call (no patient data): the platform tells its support and the professional of the call. */
  | {
      readonly type: 'help.update';
      readonly requestId: number;
      readonly sessionId: string;
      readonly state: HelpCallState;
    }
  | SfuRequest;

/** A message from the cabin that expects no answer. */
export type CabinNotice = MediaNotice;

/** Anything a cabin may send after its hello. */
export type CabinMessage = CabinRequest | CabinNotice;

/**
 * Where a waiting patient stands: the place (1 = next), the professionals of that profession connected
 * now, and the estimated wait in minutes, null when nobody is connected (the platform does not know).
 */
export interface QueuePlace {
  readonly position: number;
  readonly estimatedWaitMinutes: number | null;
  readonly professionalsOnline: number;
}

/** The value each cabin request answers with. */
export interface CabinReplies {
  /**
   * The booked kind of professional, and the booked doctor's specialty when it is direct access (no
   * médecin-traitant condition on the cover); a platform that does not say is taken as null.
   */
  readonly 'appointment.lookUp': {
    readonly profession: Profession;
    readonly specialty: DirectAccessSpecialty | null;
  };
  readonly 'presence.lookUp': { readonly professionalsOnline: number };
  readonly 'queue.join': QueuePlace;
  readonly 'queue.leave': null;
  readonly 'chat.send': null;
  /** Where the session stands after a reconnection; `ended` when the platform no longer knows it. */
  readonly 'session.resume': { readonly stage: 'queue' | 'assigned' | 'call' | 'ended' };
  readonly 'call.join': CallMedia;
  readonly 'call.leave': null;
  readonly 'session.item': null;
  readonly 'document.fetch': { readonly contentType: DocumentContentType; readonly base64: string };
  readonly 'sfu.request': unknown;
  /** Who the platform told of a requested help call (empty for a cancelled or answered one). */
  readonly 'help.update': { readonly told: readonly ('support' | 'professional')[] };
  readonly 'instrument.update': null;
}

// ------------------------------------------------------------------------------------ platform → cabin

/** What the platform pushes to both parties of a call about the call itself. */
export type CallPush =
  | { readonly type: 'call.peerPresence'; readonly sessionId: string; readonly present: boolean }
  | { readonly type: 'call.ended'; readonly sessionId: string; readonly reason: CallEndReason }
  | { readonly type: 'signal'; readonly sessionId: string; readonly payload: SignalPayload }
  | { readonly type: 'media.reception'; readonly sessionId: string; readonly reception: MediaReception }
  /** SFU mode: the other side published a track; call `consume` to receive it. */
  | { readonly type: 'sfu.producerAdded'; readonly sessionId: string }
  /** A message of the written conversation from the other party of the call. */
  | {
      readonly type: 'call.chat';
      readonly sessionId: string;
      readonly from: ChatAuthor;
      readonly text: string;
    };

/** What the platform pushes to a cabin. */
export type CabinPush =
  | ({ readonly type: 'queue.updated'; readonly sessionId: string } & QueuePlace)
  | { readonly type: 'queue.assigned'; readonly sessionId: string; readonly professional: ProfessionalCard }
  | { readonly type: 'call.measurementRequested'; readonly sessionId: string; readonly kind: MeasurementKind }
  /** The professional asks for an examination instrument (it replaces the one on, if any). */
  | { readonly type: 'call.instrumentRequested'; readonly sessionId: string; readonly kind: InstrumentKind }
  /** The professional ended the examination instrument. */
  | { readonly type: 'call.instrumentEnded'; readonly sessionId: string }
  | { readonly type: 'call.documentPushed'; readonly sessionId: string; readonly document: DocumentSummary }
  /** The operator's support or the professional answered the patient's help call. */
  | { readonly type: 'help.answered'; readonly sessionId: string; readonly by: 'support' | 'professional' }
  | CallPush;

/** Why a call ended. */
export type CallEndReason = 'professionalEnded' | 'patientLeft' | 'connectionLost';

// ----------------------------------------------------------------------------- practitioner → platform

/** A request from the practitioner console; each is answered by one `reply`. */
export type PractitionerRequest =
  | { readonly type: 'call.accept'; readonly requestId: number; readonly sessionId: string }
  | {
      readonly type: 'call.requestMeasurement';
      readonly requestId: number;
      readonly sessionId: string;
      readonly kind: MeasurementKind;
    }
  | {
      readonly type: 'document.push';
      readonly requestId: number;
      readonly sessionId: string;
      readonly kind: DocumentSummary['kind'];
      readonly title: string;
      readonly contentType: DocumentContentType;
      readonly base64: string;
    }
  /**
   * A document composed in the console: the platform fills in the professional and the patient, renders
   * it to PDF, keeps it and pushes it to the cabin like a pushed PDF.
   */
  | {
      readonly type: 'document.compose';
      readonly requestId: number;
      readonly sessionId: string;
      readonly document: ComposedDocument;
    }
  | { readonly type: 'call.end'; readonly requestId: number; readonly sessionId: string }
  /** Asks the cabin for an examination instrument: the patient is guided, its stream comes as an extra track. */
  | {
      readonly type: 'call.requestInstrument';
      readonly requestId: number;
      readonly sessionId: string;
      readonly kind: InstrumentKind;
    }
  /** Ends the examination instrument on; the call goes on. */
  | { readonly type: 'call.endInstrument'; readonly requestId: number; readonly sessionId: string }
  /** The professional saw the patient's help call in the call and answers it. */
  | { readonly type: 'help.answer'; readonly requestId: number; readonly sessionId: string }
  | ChatSend
  | SfuRequest;

/** Anything a practitioner console may send after its hello. */
export type PractitionerMessage = PractitionerRequest | MediaNotice;

/** The value each practitioner request answers with. */
export interface PractitionerReplies {
  readonly 'call.accept': CallMedia;
  readonly 'call.requestMeasurement': null;
  readonly 'document.push': DocumentPushed;
  readonly 'document.compose': DocumentPushed;
  readonly 'call.end': null;
  readonly 'call.requestInstrument': null;
  readonly 'call.endInstrument': null;
  readonly 'sfu.request': unknown;
  readonly 'help.answer': null;
  readonly 'chat.send': null;
}

/**
 * One waiting patient as every console of the profession lists them: nothing that names the patient
 * (no name, no birth date, no age). The identity goes only to the professional who takes the patient,
 * with `call.started`, as the cabin promises.
 */
export interface QueueEntryView {
  readonly sessionId: string;
  readonly profession: Profession;
  readonly appointmentCode: string | null;
  /** Epoch ms when the patient entered the waiting room. */
  readonly since: number;
  /** The language of the patient's screens (a professional may pick a patient they can speak with). */
  readonly locale: Locale;
  /** What the patient asked for at the start (no identity); absent when the cabin did not say. */
  readonly needs?: PatientNeeds;
}

/** What the platform pushes to a practitioner console. */
export type PractitionerPush =
  | {
      readonly type: 'queue.snapshot';
      readonly entries: readonly QueueEntryView[];
    }
  | {
      readonly type: 'call.started';
      readonly sessionId: string;
      readonly patient: PatientSummary;
      readonly visit: VisitSummary;
      /** The billing block the cabin sent with `queue.join`: to this professional only. */
      readonly billing: BillingDetails;
      readonly consent: ConsentSummary | null;
      readonly measurements: readonly Measurement[];
    }
  | { readonly type: 'call.patientJoined'; readonly sessionId: string }
  | { readonly type: 'call.item'; readonly sessionId: string; readonly item: SessionItem }
  /** The patient in this call asked for help (`active`), or the call was cancelled or answered. */
  | { readonly type: 'call.helpChanged'; readonly sessionId: string; readonly active: boolean }
  /** Where the examination instrument asked for stands on the cabin (the cabin's `instrument.update`). */
  | { readonly type: 'call.instrument'; readonly sessionId: string; readonly use: InstrumentUse }
  | CallPush;

// ----------------------------------------------------------------------------------------- both ways

/** The answer to one request. */
export interface Reply {
  readonly type: 'reply';
  readonly requestId: number;
  readonly result: Result<unknown, CabinError>;
}

/** The answer to a malformed message; the connection stays open. */
export interface Rejected {
  readonly type: 'rejected';
  /** The request's id when it could be read, so the sender stops waiting. */
  readonly requestId: number | null;
  readonly code: 'protocol.invalidMessage' | 'protocol.notAllowed';
  /** The offending field's path, never its value. */
  readonly detail: string;
}

/** Anything the platform sends to a cabin. */
export type PlatformToCabin = Welcome | Reply | Rejected | CabinPush;

/** Anything the platform sends to a practitioner console. */
export type PlatformToPractitioner = Welcome | Reply | Rejected | PractitionerPush;

/** The practitioner console's login over HTTP: `POST /api/login` with this body answers a token. */
export interface LoginRequest {
  readonly login: string;
  readonly password: string;
}

/**
 * The practitioner console's logout over HTTP: `POST /api/logout` with this body ends the token at once
 * (answered 204 whether it was valid or not).
 */
export interface LogoutRequest {
  readonly token: string;
}

/** The answer to a successful login. */
export interface LoginReply {
  readonly token: string;
  /** Epoch ms after which the token is refused. */
  readonly expiresAt: number;
  readonly professional: ProfessionalCard;
}

/** One help call on the operator's support list: a cabin and its state, never a patient's data. */
export interface SupportHelpCall {
  readonly cabinId: string;
  readonly sessionId: string;
  readonly state: HelpCallState | 'answeredBySupport' | 'answeredByProfessional';
  /** Epoch ms when the patient asked. */
  readonly since: number;
  /** Epoch ms of the last change. */
  readonly changedAt: number;
  /** The session was in a call when the patient asked: the professional was told too. */
  readonly professionalTold: boolean;
}

/** One ICE server in the shape a browser's RTCPeerConnection takes (a mutable list of URLs). */
export interface RtcIceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

/** The platform's ICE servers in the shape RTCPeerConnection takes, on the cabin's and the console's side. */
export function iceServersForRtc(servers: readonly IceServer[]): RtcIceServer[] {
  return servers.map((server) => ({
    urls: [...server.urls],
    ...(server.username === undefined ? {} : { username: server.username }),
    ...(server.credential === undefined ? {} : { credential: server.credential }),
  }));
}
