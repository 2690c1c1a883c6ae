// Validation of everything that reaches the controller from a renderer. Nothing from the screens is
// trusted: a call with an unknown method or a malformed argument is refused with a stable code.
import type { CabinMethod, CabinParams } from './cabin-api';
import { ANSWERS, CARE_PATH_QUESTIONS } from './cover';
import { LOCALES, PRESENCES, PROFESSIONS } from './domain';
import type { PatientAction } from './patient-action';
import { ATTENDANT_COMMAND_TYPES, PROBLEM_KINDS } from './patient-action';
import type { CabinError, Result } from './result';
import { err, ok } from './result';
import { isRecord } from './schema';
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
    'patient.reportProblem': { problem: (v) => isOneOf(PROBLEM_KINDS, v) },
    'patient.finish': {},
  };

function isAccessibility(value: unknown): boolean {
  return (
    isRecord(value) &&
    hasOnlyKeys(value, ['largeText', 'readAloud']) &&
    isBoolean(value.largeText) &&
    isBoolean(value.readAloud)
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
  attend: (input) =>
    isRecord(input) &&
    hasOnlyKeys(input, ['code', 'command']) &&
    isText(input.code) &&
    isRecord(input.command) &&
    hasOnlyKeys(input.command, ['type']) &&
    isOneOf(ATTENDANT_COMMAND_TYPES, input.command.type)
      ? ok(input as CabinParams<'attend'>)
      : invalid('bad attend argument'),
  joinMedia: (input) => (input === undefined ? ok(undefined) : invalid('joinMedia takes no argument')),
  media: (input) => {
    const parsed = parseMediaUp(input);
    return parsed.ok ? parsed : invalid(`bad media message: ${parsed.error.detail}`);
  },
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
