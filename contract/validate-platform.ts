// Validation of every platform protocol message, on both sides: the platform checks what cabins and
// consoles send, the cabin and the console check what the platform pushes. A message that does not fit
// is refused with the path of its first bad field (never a value, bounded); the text of one that fits is
// cleaned of control and bidi override characters (peer-text.ts) before anyone shows it.
import {
  MAX_COMPOSED_TEXT_LENGTH,
  MAX_PRESCRIPTION_DETAIL_LENGTH,
  MAX_PRESCRIPTION_ITEM_LENGTH,
  MAX_PRESCRIPTION_LINES,
  MAX_SICK_LEAVE_DAYS,
  SICK_LEAVE_EXCEPTIONS,
} from './composed-document';
import { DOCUMENT_KINDS, LOCALES, MEASUREMENT_KINDS, PRESENCES, PROFESSIONS } from './domain';
import type { MediaUp } from './cabin-api';
import type {
  CallMedia,
  CabinMessage,
  CabinPush,
  Hello,
  LoginRequest,
  LogoutRequest,
  PlatformToCabin,
  PlatformToPractitioner,
  PractitionerMessage,
} from './platform-protocol';
import {
  DOCUMENT_CONTENT_TYPES,
  HELP_CALL_STATES,
  MAX_CHAT_TEXT_LENGTH,
  SFU_METHODS,
} from './platform-protocol';
import { billingDetails } from './billing';
import { INSTRUMENT_KINDS, isInstrumentKind, isInstrumentUse } from './instrument';
import { NIR_SHAPE } from './nir';
import { boundedDetail, cleanPeerStrings } from './peer-text';
import { err, ok, type Result } from './result';
import {
  arrayOf,
  boolean,
  boundedJson,
  finite,
  integer,
  isRecord,
  matching,
  nullable,
  object,
  oneOf,
  optional,
  text,
  type Check,
} from './schema';

/** Why a message was refused: the path of its first bad field, and its request id when readable. */
export interface ProtocolViolation {
  readonly code: 'protocol.invalidMessage';
  readonly detail: string;
  readonly requestId: number | null;
}

const requestId = integer(0, Number.MAX_SAFE_INTEGER);
const sessionId = matching(/^[A-Za-z0-9_-]{1,64}$/, 64);
const name = text(80, 1);
const isoDate = matching(/^\d{4}-\d{2}-\d{2}$/, 10);
const epochMs = integer(0, 8_640_000_000_000_000);
const measurementKind = oneOf(MEASUREMENT_KINDS);
const profession = oneOf(PROFESSIONS);
const documentKind = oneOf(DOCUMENT_KINDS);

const quantity = object({
  name: oneOf(['systolic', 'diastolic', 'meanArterial', 'pulse', 'temperature', 'spo2', 'weight']),
  value: finite(-1000, 10_000),
  unit: oneOf(['mmHg', 'bpm', '°C', '%', 'kg']),
});
const measurement = object({ kind: measurementKind, quantities: arrayOf(quantity, 8), takenAt: epochMs });
const patient = object({
  surname: name,
  firstName: name,
  birthDate: isoDate,
  nir: nullable(matching(NIR_SHAPE, 15)),
  source: oneOf(['card', 'manual']),
});
const locale = oneOf(LOCALES);
const cents = integer(0, 100_000_000);
const cover = object({
  answers: arrayOf(
    object({
      question: matching(/^[A-Za-z0-9_.-]{1,64}$/, 64),
      label: text(300, 1),
      answer: oneOf(['yes', 'no', 'unknown']),
    }),
    16,
  ),
  feeCents: cents,
  reimbursedPercent: integer(0, 100),
  amountDueCents: cents,
  thirdPartyPayment: boolean,
});
const needs = object({ writtenConversation: boolean, subtitles: boolean, largeText: boolean });
const instrumentKind: Check = (value, path) => (isInstrumentKind(value) ? null : path);
// Where an instrument stands: one of the contract's five shapes exactly (a media tag of printable ASCII).
const instrumentUse: Check = (value, path) => (isInstrumentUse(value) ? null : path);
// The instruments a cabin found: each kind at most once.
const instrumentKinds: Check = (value, path) => {
  const bad = arrayOf(instrumentKind, INSTRUMENT_KINDS.length)(value, path);
  if (bad !== null) return bad;
  return new Set(value as readonly unknown[]).size === (value as readonly unknown[]).length ? null : path;
};
const visit = object({
  locale,
  cover: nullable(cover),
  needs: optional(needs),
  instruments: optional(instrumentKinds),
});
// A message of the written conversation: checked after cleaning, so that one of control or bidi
// characters only is an empty, refused message.
const chatText = text(MAX_CHAT_TEXT_LENGTH, 1);
const chatFrom = oneOf(['patient', 'professional']);
const consent = object({
  presence: oneOf(PRESENCES),
  attendantStays: boolean,
  textVersion: text(40, 1),
  at: epochMs,
});
const sessionItem: Check = (value, path) => {
  if (!isRecord(value)) return path;
  switch (value.kind) {
    case 'consent':
      return object({ kind: oneOf(['consent']), consent })(value, path);
    case 'measurement':
      return object({ kind: oneOf(['measurement']), measurement })(value, path);
    case 'dmpChoice':
      return object({ kind: oneOf(['dmpChoice']), opposed: boolean })(value, path);
    case 'mediaCheck':
      return object({ kind: oneOf(['mediaCheck']), result: oneOf(['passed', 'problem']) })(value, path);
    default:
      return `${path}.kind`;
  }
};
const signalPayload: Check = (value, path) => {
  if (!isRecord(value)) return path;
  if (value.kind === 'description') {
    return object({
      kind: oneOf(['description']),
      description: object({ type: oneOf(['offer', 'answer']), sdp: text(100_000, 1) }),
    })(value, path);
  }
  if (value.kind === 'candidate') {
    return object({
      kind: oneOf(['candidate']),
      candidate: object({
        candidate: text(1000),
        sdpMid: nullable(text(64)),
        sdpMLineIndex: nullable(integer(0, 64)),
      }),
    })(value, path);
  }
  return `${path}.kind`;
};
const reception = object({ audio: boolean, video: boolean });
const professional = object({
  civility: text(20),
  name,
  profession,
  specialty: text(80),
  rpps: matching(/^\d{11}$/, 11),
  address: text(160),
});
const documentSummary = object({
  id: matching(/^[A-Za-z0-9_-]{1,64}$/, 64),
  kind: documentKind,
  title: text(120, 1),
  pages: integer(0, 500),
});
const prescriptionLine = object({
  item: text(MAX_PRESCRIPTION_ITEM_LENGTH, 1),
  dosage: text(MAX_PRESCRIPTION_DETAIL_LENGTH),
  duration: text(MAX_PRESCRIPTION_DETAIL_LENGTH),
});
const composedDocument: Check = (value, path) => {
  if (!isRecord(value)) return path;
  switch (value.kind) {
    case 'prescription':
      return object({
        kind: oneOf(['prescription']),
        lines: arrayOf(prescriptionLine, MAX_PRESCRIPTION_LINES),
      })(value, path);
    case 'sickLeave':
      return object({
        kind: oneOf(['sickLeave']),
        startDate: isoDate,
        days: integer(1, MAX_SICK_LEAVE_DAYS),
        motive: text(MAX_COMPOSED_TEXT_LENGTH),
        exceptions: arrayOf(oneOf(SICK_LEAVE_EXCEPTIONS), SICK_LEAVE_EXCEPTIONS.length),
      })(value, path);
    case 'report':
      return object({ kind: oneOf(['report']), text: text(MAX_COMPOSED_TEXT_LENGTH, 1) })(value, path);
    default:
      return `${path}.kind`;
  }
};
const sfuData = boundedJson(12, 100_000);
const base64 = matching(/^[A-Za-z0-9+/]*={0,2}$/, Math.ceil((1_500_000 * 4) / 3) + 4);
const endReason = oneOf(['professionalEnded', 'patientLeft', 'connectionLost']);
const result: Check = (value, path) => {
  if (!isRecord(value)) return path;
  if (value.ok === true) return object({ ok: boolean, value: boundedJson(14, 2_100_000) })(value, path);
  return object({ ok: boolean, error: object({ code: text(80, 1), detail: optional(text(200)) }) })(
    value,
    path,
  );
};
const iceServer = object({
  urls: arrayOf(text(200, 1), 8),
  username: optional(text(200)),
  credential: optional(text(200)),
});

type Schemas = Readonly<Record<string, Readonly<Record<string, Check | ReturnType<typeof optional>>>>>;

const CABIN_MESSAGES: Schemas = {
  'appointment.lookUp': { requestId, code: text(20, 1) },
  'presence.lookUp': { requestId, profession },
  'queue.join': {
    requestId,
    sessionId,
    profession,
    appointmentCode: nullable(text(20, 1)),
    patient,
    visit,
    billing: billingDetails,
    measurements: arrayOf(measurement, 16),
  },
  'queue.leave': { requestId, sessionId },
  'session.resume': { requestId, sessionId },
  'call.join': { requestId, sessionId },
  'call.leave': { requestId, sessionId },
  'session.item': { requestId, sessionId, item: sessionItem },
  'document.fetch': { requestId, sessionId, documentId: matching(/^[A-Za-z0-9_-]{1,64}$/, 64) },
  'sfu.request': { requestId, sessionId, method: oneOf(SFU_METHODS), data: sfuData },
  signal: { sessionId, payload: signalPayload },
  'media.reception': { sessionId, reception },
  'help.update': { requestId, sessionId, state: oneOf(HELP_CALL_STATES) },
  'chat.send': { requestId, sessionId, text: chatText },
  'instrument.update': { requestId, sessionId, use: instrumentUse },
};

const PRACTITIONER_MESSAGES: Schemas = {
  'call.accept': { requestId, sessionId },
  'call.requestMeasurement': { requestId, sessionId, kind: measurementKind },
  'call.requestInstrument': { requestId, sessionId, kind: instrumentKind },
  'call.endInstrument': { requestId, sessionId },
  'document.push': {
    requestId,
    sessionId,
    kind: documentKind,
    title: text(120, 1),
    contentType: oneOf(DOCUMENT_CONTENT_TYPES),
    base64,
  },
  'document.compose': { requestId, sessionId, document: composedDocument },
  'call.end': { requestId, sessionId },
  'help.answer': { requestId, sessionId },
  'chat.send': { requestId, sessionId, text: chatText },
  'sfu.request': { requestId, sessionId, method: oneOf(SFU_METHODS), data: sfuData },
  signal: { sessionId, payload: signalPayload },
  'media.reception': { sessionId, reception },
};

const COMMON_PUSHES: Schemas = {
  welcome: { role: oneOf(['cabin', 'practitioner']), expiresAt: epochMs },
  reply: { requestId, result },
  rejected: {
    requestId: nullable(requestId),
    code: oneOf(['protocol.invalidMessage', 'protocol.notAllowed']),
    detail: text(200),
  },
  'call.peerPresence': { sessionId, present: boolean },
  'call.ended': { sessionId, reason: endReason },
  signal: { sessionId, payload: signalPayload },
  'media.reception': { sessionId, reception },
  'sfu.producerAdded': { sessionId },
  'call.chat': { sessionId, from: chatFrom, text: chatText },
};

const CABIN_PUSHES: Schemas = {
  ...COMMON_PUSHES,
  'queue.updated': {
    sessionId,
    position: integer(0, 10_000),
    estimatedWaitMinutes: nullable(integer(0, 24 * 60)),
    professionalsOnline: integer(0, 10_000),
  },
  'queue.assigned': { sessionId, professional },
  'call.measurementRequested': { sessionId, kind: measurementKind },
  'call.instrumentRequested': { sessionId, kind: instrumentKind },
  'call.instrumentEnded': { sessionId },
  'call.documentPushed': { sessionId, document: documentSummary },
  'help.answered': { sessionId, by: oneOf(['support', 'professional']) },
};

const queueEntry = object({
  sessionId,
  profession,
  appointmentCode: nullable(text(20, 1)),
  since: epochMs,
  locale,
  needs: optional(needs),
});

const PRACTITIONER_PUSHES: Schemas = {
  ...COMMON_PUSHES,
  'queue.snapshot': { entries: arrayOf(queueEntry, 1000) },
  'call.started': {
    sessionId,
    patient,
    visit,
    billing: billingDetails,
    consent: nullable(consent),
    measurements: arrayOf(measurement, 16),
  },
  'call.patientJoined': { sessionId },
  'call.item': { sessionId, item: sessionItem },
  'call.helpChanged': { sessionId, active: boolean },
  'call.instrument': { sessionId, use: instrumentUse },
};

function parseAgainst<T>(schemas: Schemas, input: unknown): Result<T, ProtocolViolation> {
  const readId =
    isRecord(input) && requestId(input.requestId, '') === null ? (input.requestId as number) : null;
  const violation = (detail: string): Result<T, ProtocolViolation> =>
    err({ code: 'protocol.invalidMessage', detail: boundedDetail(detail), requestId: readId });
  if (!isRecord(input) || typeof input.type !== 'string') return violation('type');
  if (!Object.hasOwn(schemas, input.type)) return violation(`type ${input.type.slice(0, 40)}`);
  const fields = schemas[input.type] ?? {};
  // What a peer wrote reaches every screen without control or bidi override characters: the cleaned
  // message is the one checked (a name of bidi characters only is then an empty, refused name).
  const cleaned = cleanPeerStrings(input);
  const bad = object({ type: text(40), ...fields })(cleaned, input.type);
  return bad === null ? ok(cleaned as T) : violation(bad);
}

/** The deepest nesting of objects and arrays a frame may have (the deepest message needs about 20). */
export const MAX_FRAME_DEPTH = 32;

/**
 * Parses one text frame as JSON; a frame that is not JSON, or nested deeper than MAX_FRAME_DEPTH (checked
 * before parsing, in one pass), is a violation like any other.
 */
export function parseFrame(frame: string): Result<unknown, ProtocolViolation> {
  if (!nestedWithin(frame, MAX_FRAME_DEPTH)) {
    return err({ code: 'protocol.invalidMessage', detail: 'depth', requestId: null });
  }
  try {
    return ok(JSON.parse(frame) as unknown);
  } catch {
    return err({ code: 'protocol.invalidMessage', detail: 'json', requestId: null });
  }
}

// Whether the brackets of a JSON text (outside its strings) nest at most `max` deep. Strings are
// skipped with indexOf, so that a large document costs little more than JSON.parse itself.
function nestedWithin(json: string, max: number): boolean {
  let depth = 0;
  for (let index = 0; index < json.length; index += 1) {
    const char = json.charCodeAt(index);
    if (char === 0x22) {
      let end = json.indexOf('"', index + 1);
      while (end !== -1 && isEscaped(json, end)) end = json.indexOf('"', end + 1);
      if (end === -1) return true; // an unterminated string: JSON.parse refuses it
      index = end;
    } else if (char === 0x7b || char === 0x5b) {
      depth += 1;
      if (depth > max) return false;
    } else if (char === 0x7d || char === 0x5d) depth -= 1;
  }
  return true;
}

// Whether the character at `at` follows an odd number of backslashes.
function isEscaped(json: string, at: number): boolean {
  let backslashes = 0;
  while (json.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes += 1;
  return backslashes % 2 === 1;
}

/** Checks the first message of a connection: a cabin's credential or a practitioner's token. */
export function parseHello(input: unknown): Result<Hello, ProtocolViolation> {
  return parseAgainst<Hello>(
    {
      hello: {
        role: oneOf(['cabin', 'practitioner']),
        cabinId: optional(matching(/^[A-Za-z0-9_-]{1,64}$/, 64)),
        credential: optional(text(200, 1)),
        token: optional(text(200, 1)),
      },
    },
    input,
  ).ok && isValidHelloRole(input)
    ? ok(input as Hello)
    : err({ code: 'protocol.invalidMessage', detail: 'hello', requestId: null });
}

function isValidHelloRole(input: unknown): boolean {
  if (!isRecord(input)) return false;
  if (input.role === 'cabin')
    return (
      typeof input.cabinId === 'string' && typeof input.credential === 'string' && input.token === undefined
    );
  return typeof input.token === 'string' && input.cabinId === undefined && input.credential === undefined;
}

/** Checks a message a cabin sent after its hello. */
export function parseCabinMessage(input: unknown): Result<CabinMessage, ProtocolViolation> {
  return parseAgainst<CabinMessage>(CABIN_MESSAGES, input);
}

/** Checks a message a practitioner console sent after its hello. */
export function parsePractitionerMessage(input: unknown): Result<PractitionerMessage, ProtocolViolation> {
  return parseAgainst<PractitionerMessage>(PRACTITIONER_MESSAGES, input);
}

/** Checks a message the platform sent to a cabin. */
export function parsePlatformToCabin(input: unknown): Result<PlatformToCabin, ProtocolViolation> {
  return parseAgainst<PlatformToCabin>(CABIN_PUSHES, input);
}

/** Checks a message the platform sent to a practitioner console. */
export function parsePlatformToPractitioner(
  input: unknown,
): Result<PlatformToPractitioner, ProtocolViolation> {
  return parseAgainst<PlatformToPractitioner>(PRACTITIONER_PUSHES, input);
}

/** Checks the body of `POST /api/login`. */
export function parseLoginRequest(input: unknown): Result<LoginRequest, ProtocolViolation> {
  const bad = object({ login: text(80, 1), password: text(200, 1) })(input, 'login');
  return bad === null
    ? ok(input as LoginRequest)
    : err({ code: 'protocol.invalidMessage', detail: boundedDetail(bad), requestId: null });
}

/** Checks the body of `POST /api/logout`. */
export function parseLogoutRequest(input: unknown): Result<LogoutRequest, ProtocolViolation> {
  const bad = object({ token: text(200, 1) })(input, 'logout');
  return bad === null
    ? ok(input as LogoutRequest)
    : err({ code: 'protocol.invalidMessage', detail: boundedDetail(bad), requestId: null });
}

/** Checks the media parameters a `call.join` or `call.accept` reply carries. */
export function parseCallMedia(input: unknown): Result<CallMedia, ProtocolViolation> {
  const bad = object({ mode: oneOf(['sfu', 'direct']), iceServers: arrayOf(iceServer, 8) })(input, 'media');
  return bad === null
    ? ok(input as CallMedia)
    : err({ code: 'protocol.invalidMessage', detail: boundedDetail(bad), requestId: null });
}

/** Narrows a cabin push to the pushes about one session (everything but welcome, reply, rejected). */
export function isCabinPush(message: PlatformToCabin): message is CabinPush {
  return message.type !== 'welcome' && message.type !== 'reply' && message.type !== 'rejected';
}

/** Checks a message of the renderer's video link (the `media` call of the CabinApi). */
export function parseMediaUp(input: unknown): Result<MediaUp, ProtocolViolation> {
  const schemas: Schemas = {
    signal: { payload: signalPayload },
    sfu: { method: oneOf(SFU_METHODS), data: sfuData },
    reception: { reception },
    linkState: { state: oneOf(['connected', 'disconnected']) },
  };
  const kind = isRecord(input) ? input.kind : undefined;
  if (typeof kind !== 'string' || !Object.hasOwn(schemas, kind)) {
    return err({ code: 'protocol.invalidMessage', detail: 'kind', requestId: null });
  }
  const bad = object({ kind: text(20), ...schemas[kind] })(input, kind);
  return bad === null
    ? ok(input as MediaUp)
    : err({ code: 'protocol.invalidMessage', detail: boundedDetail(bad), requestId: null });
}
