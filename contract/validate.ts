// Validation of everything that reaches the controller from a renderer. Nothing from the screens is
// trusted: a call with an unknown method or a malformed argument is refused with a stable code.
import type { CabinMethod, CabinParams } from './cabin-api';
import { ANSWERS, CARE_PATH_QUESTIONS } from './cover';
import { LOCALES, MEASUREMENT_KINDS, PRESENCES, PROFESSIONS } from './domain';
import type { PatientAction } from './patient-action';
import { PROBLEM_KINDS } from './patient-action';
import { cleanPeerText } from './peer-text';
import { MAX_CHAT_TEXT_LENGTH } from './platform-protocol';
import type { CabinError, Result } from './result';
import { err, ok } from './result';
import { isRecord } from './schema';
import {
  OUT_OF_SERVICE_MESSAGE_MAX_LENGTH,
  STAFF_PIN_LENGTH,
  STAFF_ROLES,
  TECHNICIAN_TEXT_MAX_LENGTH,
  type StaffCommand,
} from './staff';
import { parseInstrumentReport, parseMediaDeviceReport } from './instrument';
import { parseSubtitleAudio } from './subtitles';
import { parseMediaUp } from './validate-platform';

type Parser<T> = (input: unknown) => Result<T, CabinError>;

/** The longest text a patient field may hold; longer input is refused, not truncated. */
export const MAX_TEXT_LENGTH = 80;

const invalid = (detail: string): Result<never, CabinError> => err({ code: 'api.invalidInput', detail });

function hasOnlyKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  return Object.keys(value).every((key) => keys.includes(key));
}

function isBoolean(value: unknown): value is boolean {
  return typeof value === 'boolean';
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT_LENGTH;
}

function isOneOf<T extends string>(options: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (options as readonly string[]).includes(value);
}

/** Payload shape of each action type: the field names and a check of each field. */
const ACTION_FIELDS: { readonly [K in PatientAction['type']]: Record<string, (value: unknown) => boolean> } =
  {
    'patient.setLocale': { locale: (v) => isOneOf(LOCALES, v) },
    'patient.setAccessibility': { accessibility: isAccessibility },
    'patient.next': {},
    'patient.back': {},
    'patient.quit': {},
    'patient.help': {},
    'patient.cancelHelp': {},
    'patient.stillHere': {},
    'patient.retry': {},
    'patient.skip': {},
    'patient.consent': { presence: (v) => isOneOf(PRESENCES, v), attendantStays: isBoolean },
    'patient.declineConsent': {},
    'patient.confirmParentPresent': {},
    'patient.useManualEntry': {},
    'patient.chooseBeneficiary': {
      index: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 16,
    },
    'patient.confirmIdentity': {},
    'patient.submitIdentity': {
      identity: (v) =>
        isRecord(v) &&
        hasOnlyKeys(v, ['surname', 'firstName', 'birthDate', 'nir']) &&
        isText(v.surname) &&
        isText(v.firstName) &&
        isText(v.birthDate) &&
        isText(v.nir),
    },
    'patient.haveAppointmentCode': {},
    'patient.submitAppointmentCode': { code: isText },
    'patient.seeNextAvailable': {},
    'patient.chooseProfession': { profession: (v) => isOneOf(PROFESSIONS, v) },
    'patient.answerEligibility': {
      answers: (v) =>
        isRecord(v) &&
        hasOnlyKeys(v, ['physicalActNeeded', 'earlierInPersonSession']) &&
        isBoolean(v.physicalActNeeded) &&
        isBoolean(v.earlierInPersonSession),
    },
    'patient.answerCarePath': {
      // Every question present, answered or null (not asked); which ones apply is the session's check.
      answers: (v) =>
        isRecord(v) &&
        hasOnlyKeys(v, CARE_PATH_QUESTIONS) &&
        CARE_PATH_QUESTIONS.every((q) => v[q] === null || isOneOf(ANSWERS, v[q])),
    },
    'patient.acceptCost': {},
    'patient.startMeasurement': {},
    'patient.startCall': {},
    'patient.checkMedia': { works: isBoolean },
    'patient.setDmpOpposition': { opposed: isBoolean },
    'patient.print': {},
    'patient.pay': {},
    'patient.payAtCounter': {},
    'patient.reportProblem': { problem: (v) => isOneOf(PROBLEM_KINDS, v) },
    'patient.sendMessage': { text: isMessageText },
    'patient.stopInstrument': {},
    'patient.finish': {},
  };

// A message of the written conversation: not blank, bounded, without control or bidi characters (the
// on-screen keyboard types none; line breaks and tabs are refused too: one line per message).
function isMessageText(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    value.length <= MAX_CHAT_TEXT_LENGTH &&
    value.trim() !== '' &&
    cleanPeerText(value) === value &&
    !/[\t\n\r]/.test(value)
  );
}

function isAccessibility(value: unknown): boolean {
  return (
    isRecord(value) &&
    hasOnlyKeys(value, ['largeText', 'readAloud', 'writtenConversation', 'subtitles', 'highContrast']) &&
    isBoolean(value.largeText) &&
    isBoolean(value.readAloud) &&
    (value.writtenConversation === undefined || isBoolean(value.writtenConversation)) &&
    (value.subtitles === undefined || isBoolean(value.subtitles)) &&
    (value.highContrast === undefined || isBoolean(value.highContrast))
  );
}

/** Checks an untrusted value against the PatientAction union; the detail names the type, never the data. */
export const parsePatientAction: Parser<PatientAction> = (input) => {
  if (!isRecord(input) || typeof input.type !== 'string' || !Object.hasOwn(ACTION_FIELDS, input.type)) {
    return invalid('unknown action');
  }
  const fields = ACTION_FIELDS[input.type as PatientAction['type']];
  const names = Object.keys(fields);
  if (!hasOnlyKeys(input, ['type', ...names])) return invalid(`unexpected field in ${input.type}`);
  for (const name of names) {
    if (!fields[name]?.(input[name])) return invalid(`bad ${name} in ${input.type}`);
  }
  return ok(input as PatientAction);
};

/** The longest PIN text `staffSetPins` takes; a PIN of the wrong length is answered `pin.format`. */
const PIN_TEXT_MAX_LENGTH = 32;

/** The longest directory path the technician's export takes. */
export const EXPORT_DIRECTORY_MAX_LENGTH = 255;

function isBoundedText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

/** One line of plain text: no control character (a tab, a newline, an escape). */
function isLine(value: unknown, max: number): value is string {
  return isBoundedText(value, max) && !/\p{Cc}/u.test(value);
}

/** A name the technician typed: one line, not blank, at most TECHNICIAN_TEXT_MAX_LENGTH. */
function isTechnicianText(value: unknown): boolean {
  return isLine(value, TECHNICIAN_TEXT_MAX_LENGTH) && value.trim() !== '';
}

/** An absolute directory path without `..`, control characters or a trailing NUL: a USB stick's mount point. */
function isDirectoryPath(value: unknown): boolean {
  return (
    isLine(value, EXPORT_DIRECTORY_MAX_LENGTH) && value.startsWith('/') && !value.split('/').includes('..')
  );
}

const isKind = (value: unknown): boolean => isOneOf(MEASUREMENT_KINDS, value);

/** Payload shape of each staff command type: the field names and a check of each field. */
const STAFF_COMMAND_FIELDS: {
  readonly [K in StaffCommand['type']]: Record<string, (value: unknown) => boolean>;
} = {
  'attendant.acknowledgeHelp': {},
  'attendant.resetSession': {},
  'attendant.markCleaned': {},
  'attendant.setOutOfService': { message: (v) => isLine(v, OUT_OF_SERVICE_MESSAGE_MAX_LENGTH) },
  'attendant.returnToService': {},
  'attendant.settlePayment': {
    transactionId: (v) => typeof v === 'string' && /^[A-Za-z0-9]{1,16}$/.test(v),
    paid: isBoolean,
  },
  'technician.enterMaintenance': {},
  'technician.leaveMaintenance': {},
  'technician.listDevices': {},
  'technician.traffic': {
    peripheral: isKind,
    sinceMs: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
  },
  'technician.startProcedure': {
    peripheral: isKind,
    technician: isTechnicianText,
    reference: (v) =>
      isRecord(v) &&
      hasOnlyKeys(v, ['instrument', 'certificate']) &&
      isTechnicianText(v.instrument) &&
      isTechnicianText(v.certificate),
    adjust: isBoolean,
  },
  'technician.answerProcedure': {
    value: (v) => v === null || (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 1e6),
  },
  'technician.cancelProcedure': {},
  'technician.records': { peripheral: (v) => v === null || isKind(v) },
  'technician.recordIntervention': {
    peripheral: isKind,
    kind: (v) => isOneOf(['repair', 'outOfService', 'returnToService'] as const, v),
    technician: isTechnicianText,
    note: (v) => isLine(v, TECHNICIAN_TEXT_MAX_LENGTH),
  },
  'technician.export': { directory: isDirectoryPath },
  'staff.logout': {},
};

/** Checks an untrusted value against the StaffCommand union, strictly; the detail names the type, never the data. */
export const parseStaffCommand: Parser<StaffCommand> = (input) => {
  if (
    !isRecord(input) ||
    typeof input.type !== 'string' ||
    !Object.hasOwn(STAFF_COMMAND_FIELDS, input.type)
  ) {
    return invalid('unknown staff command');
  }
  const fields = STAFF_COMMAND_FIELDS[input.type as StaffCommand['type']];
  const names = Object.keys(fields);
  if (!hasOnlyKeys(input, ['type', ...names])) return invalid(`unexpected field in ${input.type}`);
  for (const name of names) {
    if (!fields[name]?.(input[name])) return invalid(`bad ${name} in ${input.type}`);
  }
  return ok(input as StaffCommand);
};

/** Checks an untrusted value against each CabinApi call's argument; unknown methods are refused. */
const PARAM_PARSERS: { readonly [M in CabinMethod]: Parser<CabinParams<M>> } = {
  getView: (input) => (input === undefined ? ok(undefined) : invalid('getView takes no argument')),
  startSession: (input) =>
    isRecord(input) &&
    hasOnlyKeys(input, ['locale', 'accessibility']) &&
    isOneOf(LOCALES, input.locale) &&
    isAccessibility(input.accessibility)
      ? ok(input as CabinParams<'startSession'>)
      : invalid('bad startSession argument'),
  act: parsePatientAction,
  staffLogin: (input) =>
    isRecord(input) &&
    hasOnlyKeys(input, ['role', 'pin']) &&
    isOneOf(STAFF_ROLES, input.role) &&
    typeof input.pin === 'string' &&
    new RegExp(`^\\d{0,${STAFF_PIN_LENGTH.max}}$`).test(input.pin)
      ? ok(input as CabinParams<'staffLogin'>)
      : invalid('bad staffLogin argument'),
  // Any text up to a bound: which PIN is too short, too long or too easy is the controller's answer.
  staffSetPins: (input) =>
    isRecord(input) &&
    hasOnlyKeys(input, ['attendantPin', 'technicianPin']) &&
    isBoundedText(input.attendantPin, PIN_TEXT_MAX_LENGTH) &&
    isBoundedText(input.technicianPin, PIN_TEXT_MAX_LENGTH)
      ? ok(input as CabinParams<'staffSetPins'>)
      : invalid('bad staffSetPins argument'),
  staff: (input) => {
    if (!isRecord(input) || !hasOnlyKeys(input, ['token', 'command'])) return invalid('bad staff argument');
    if (typeof input.token !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(input.token)) {
      return invalid('bad staff token');
    }
    const command = parseStaffCommand(input.command);
    return command.ok ? ok({ token: input.token, command: command.value }) : command;
  },
  joinMedia: (input) => (input === undefined ? ok(undefined) : invalid('joinMedia takes no argument')),
  media: (input) => {
    const parsed = parseMediaUp(input);
    return parsed.ok ? parsed : invalid(`bad media message: ${parsed.error.detail}`);
  },
  subtitleAudio: parseSubtitleAudio,
  reportMediaDevices: parseMediaDeviceReport,
  reportInstrument: parseInstrumentReport,
};

/** A validated call: the method and its typed argument. */
export type ValidCall = {
  [M in CabinMethod]: { readonly method: M; readonly params: CabinParams<M> };
}[CabinMethod];

/** Validates a call from the wire: the method must be a CabinApi method and its argument well formed. */
export function parseCall(method: unknown, params: unknown): Result<ValidCall, CabinError> {
  if (typeof method !== 'string' || !Object.hasOwn(PARAM_PARSERS, method)) {
    return err({
      code: 'api.unknownMethod',
      detail: typeof method === 'string' ? method.slice(0, 40) : typeof method,
    });
  }
  const parsed = PARAM_PARSERS[method as CabinMethod](params);
  return parsed.ok ? ok({ method, params: parsed.value } as ValidCall) : parsed;
}
