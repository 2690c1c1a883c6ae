// Garbage at the contract's validators: whatever a renderer, an intruder on the API socket, a cabin, a
// console or the platform sends (JSON of any shape, valid messages with a field changed, dropped or added,
// frames cut or nested deep), the validators answer `ok` or their one refusal, and never throw or hang.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// Thousands of inputs a property: on a loaded two-core machine one may take longer than vitest's 5 s.
import type { CabinMethod } from '../../contract/cabin-api';
import { CABIN_API_WIRE } from '../../contract/cabin-api-wire';
import { billingDetailsOf } from '../../contract/billing';
import { completeAnswers } from '../../contract/cover';
import type { PatientIdentity } from '../../contract/domain';
import { parseCall, parsePatientAction, parseStaffCommand } from '../../contract/validate';
import {
  parseCabinMessage,
  parseCallMedia,
  parseFrame,
  parseHello,
  parseLoginRequest,
  parseLogoutRequest,
  parseMediaUp,
  parsePlatformToCabin,
  parsePlatformToPractitioner,
  parsePractitionerMessage,
} from '../../contract/validate-platform';
import { plausibleMeasurement } from '../../state-machines/test-support/sample-data';
import {
  anyText,
  checkGarbage,
  expectRefusal,
  expectResult,
  garbageFrames,
  garbageMessages,
} from '../support/garbage';

/** Every method of the CabinApi and a well-formed argument of each (the renderer's calls). */
const VALID_CALLS: readonly { readonly method: CabinMethod; readonly params: unknown }[] = [
  { method: 'getView', params: undefined },
  { method: 'startSession', params: { locale: 'fr', accessibility: { largeText: false, readAloud: true } } },
  { method: 'act', params: { type: 'patient.next' } },
  { method: 'act', params: { type: 'patient.consent', presence: 'alone', attendantStays: false } },
  {
    method: 'act',
    params: {
      type: 'patient.submitIdentity',
      identity: { surname: 'QUELLENBERG', firstName: 'Ysolde', birthDate: '1951-07-23', nir: '' },
    },
  },
  { method: 'act', params: { type: 'patient.answerCarePath', answers: completeAnswers({}) } },
  {
    method: 'act',
    params: {
      type: 'patient.answerEligibility',
      answers: { physicalActNeeded: false, earlierInPersonSession: true },
    },
  },
  { method: 'staffLogin', params: { role: 'attendant', pin: '2580' } },
  { method: 'staffSetPins', params: { attendantPin: '1357', technicianPin: '24680' } },
  { method: 'staff', params: { token: 'abc_123', command: { type: 'attendant.markCleaned' } } },
  {
    method: 'staff',
    params: {
      token: 'abc',
      command: {
        type: 'technician.startProcedure',
        peripheral: 'weight',
        technician: 'J. Roux',
        reference: { instrument: 'M1 20 kg', certificate: 'C-2026-01' },
        adjust: false,
      },
    },
  },
  {
    method: 'staff',
    params: { token: 'abc', command: { type: 'technician.export', directory: '/media/usb' } },
  },
  { method: 'joinMedia', params: undefined },
  { method: 'media', params: { kind: 'linkState', state: 'connected' } },
  {
    method: 'media',
    params: { kind: 'signal', payload: { kind: 'description', description: { type: 'offer', sdp: 'v=0' } } },
  },
  { method: 'media', params: { kind: 'sfu', method: 'connectTransport', data: { a: [1, { b: null }] } } },
  { method: 'act', params: { type: 'patient.stopInstrument' } },
  { method: 'reportInstrument', params: { kind: 'otoscope', state: 'on', mediaTag: '2' } },
  { method: 'reportInstrument', params: { kind: 'stethoscope', state: 'failed', failure: 'refused' } },
];

const MEASUREMENT = plausibleMeasurement('bloodPressure', 1_700_000_000_000);
const PATIENT = {
  surname: 'QUELLENBERG',
  firstName: 'Ysolde',
  birthDate: '1951-07-23',
  nir: null,
  source: 'manual',
};
const VISIT = { locale: 'fr', cover: null };
const BILLING = billingDetailsOf(PATIENT as PatientIdentity, null, false);

const CABIN_MESSAGES = [
  {
    type: 'queue.join',
    requestId: 3,
    sessionId: 's-1',
    profession: 'doctor',
    appointmentCode: null,
    patient: PATIENT,
    visit: VISIT,
    billing: BILLING,
    measurements: [MEASUREMENT],
  },
  {
    type: 'session.item',
    requestId: 4,
    sessionId: 's-1',
    item: { kind: 'measurement', measurement: MEASUREMENT },
  },
  {
    type: 'sfu.request',
    requestId: 5,
    sessionId: 's-1',
    method: 'connectTransport',
    data: { dtls: { role: 'auto' } },
  },
  {
    type: 'signal',
    sessionId: 's-1',
    payload: { kind: 'candidate', candidate: { candidate: 'c', sdpMid: '0', sdpMLineIndex: 0 } },
  },
  { type: 'help.update', requestId: 6, sessionId: 's-1', state: 'requested' },
  {
    type: 'instrument.update',
    requestId: 7,
    sessionId: 's-1',
    use: { kind: 'otoscope', state: 'on', mediaTag: '2' },
  },
];

const PRACTITIONER_MESSAGES = [
  { type: 'call.accept', requestId: 1, sessionId: 's-1' },
  {
    type: 'document.push',
    requestId: 2,
    sessionId: 's-1',
    kind: 'prescription',
    title: 'Ordonnance',
    contentType: 'text/plain',
    base64: 'aGVsbG8=',
  },
  {
    type: 'document.compose',
    requestId: 3,
    sessionId: 's-1',
    document: { kind: 'prescription', lines: [{ item: 'Paracétamol', dosage: '1 g', duration: '3 j' }] },
  },
  { type: 'call.requestMeasurement', requestId: 4, sessionId: 's-1', kind: 'temperature' },
  { type: 'call.requestInstrument', requestId: 5, sessionId: 's-1', kind: 'dermatoscope' },
  { type: 'call.endInstrument', requestId: 6, sessionId: 's-1' },
];

/** The instrument's pushes: the professional's request and end to the cabin, its state to the professional. */
const INSTRUMENT_PUSHES_TO_CABIN = [
  { type: 'call.instrumentRequested', sessionId: 's-1', kind: 'stethoscope' },
  { type: 'call.instrumentEnded', sessionId: 's-1' },
];
const INSTRUMENT_PUSHES_TO_PRACTITIONER = [
  {
    type: 'call.instrument',
    sessionId: 's-1',
    use: { kind: 'dermatoscope', state: 'failed', failure: 'unplugged' },
  },
];

const PUSHES = [
  { type: 'welcome', role: 'cabin', expiresAt: 1_700_000_000_000 },
  { type: 'reply', requestId: 3, result: { ok: true, value: { position: 2 } } },
  { type: 'reply', requestId: 3, result: { ok: false, error: { code: 'queue.full', detail: 'x' } } },
  { type: 'rejected', requestId: null, code: 'protocol.invalidMessage', detail: 'type' },
  {
    type: 'queue.updated',
    sessionId: 's-1',
    position: 1,
    estimatedWaitMinutes: null,
    professionalsOnline: 2,
  },
  {
    type: 'call.started',
    sessionId: 's-1',
    patient: PATIENT,
    visit: VISIT,
    billing: BILLING,
    consent: null,
    measurements: [MEASUREMENT],
  },
  {
    type: 'queue.snapshot',
    entries: [{ sessionId: 's-1', profession: 'doctor', appointmentCode: null, since: 0, locale: 'fr' }],
  },
];

const HELLOS = [
  { type: 'hello', role: 'cabin', cabinId: 'cabin-a', credential: 'secret-a' },
  { type: 'hello', role: 'practitioner', token: 't' },
];

/** A refusal of the platform protocol: its code, a field path for detail, and a request id or null. */
function expectViolation(result: unknown): void {
  expectResult(result);
  const answer = result as { ok: boolean; error?: { code: string; requestId: unknown } };
  if (answer.ok || answer.error === undefined) return;
  expect(answer.error.code).toBe('protocol.invalidMessage');
  expect(answer.error.requestId === null || Number.isSafeInteger(answer.error.requestId)).toBe(true);
}

const methods = fc.oneof(
  fc.constantFrom<unknown>(...VALID_CALLS.map((call) => call.method)),
  fc.constantFrom<unknown>(
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    '',
    null,
    7,
    undefined,
    {},
  ),
  anyText(60),
);

describe('the CabinApi validator, for every method', { timeout: 30_000 }, () => {
  it('accepts each well-formed call', () => {
    for (const call of VALID_CALLS) expect(parseCall(call.method, call.params)).toMatchObject({ ok: true });
  });

  it('answers any method with any argument as a validated call or api.unknownMethod / api.invalidInput', () => {
    const calls = fc.oneof(
      fc.tuple(methods, garbageMessages(VALID_CALLS.map((call) => call.params))),
      // A valid method with its own argument mutated: the most likely attack, a field changed.
      fc
        .constantFrom(...VALID_CALLS)
        .chain((call) => fc.tuple(fc.constant<unknown>(call.method), garbageMessages([call.params ?? null]))),
    );
    checkGarbage(calls, ([method, params]) => {
      const parsed = parseCall(method, params);
      expectResult(parsed);
      if (!parsed.ok) {
        expect(['api.unknownMethod', 'api.invalidInput', 'protocol.invalidMessage']).toContain(
          parsed.error.code,
        );
        // The detail names a method, a type or a field; never the argument it was given.
        expect(parsed.error.detail?.length ?? 0).toBeLessThanOrEqual(120);
      }
    });
  });

  it('answers any patient action and staff command as one of theirs or api.invalidInput', () => {
    const actions = VALID_CALLS.filter((call) => call.method === 'act').map((call) => call.params);
    const commands = VALID_CALLS.filter((call) => call.method === 'staff').map(
      (call) => (call.params as { command: unknown }).command,
    );
    checkGarbage(garbageMessages([...actions, ...commands]), (input) => {
      for (const parsed of [parsePatientAction(input), parseStaffCommand(input)]) {
        expectResult(parsed);
        if (!parsed.ok) expect(parsed.error.code).toBe('api.invalidInput');
      }
    });
  });
});

describe('the platform protocol’s validators', { timeout: 30_000 }, () => {
  it('accept the well-formed messages of each side', () => {
    for (const message of CABIN_MESSAGES) expect(parseCabinMessage(message).ok).toBe(true);
    for (const message of PRACTITIONER_MESSAGES) expect(parsePractitionerMessage(message).ok).toBe(true);
    for (const message of PUSHES.slice(0, 5)) expect(parsePlatformToCabin(message).ok).toBe(true);
    for (const message of [...PUSHES.slice(0, 4), ...PUSHES.slice(5)]) {
      expect(parsePlatformToPractitioner(message).ok).toBe(true);
    }
    for (const message of HELLOS) expect(parseHello(message).ok).toBe(true);
    for (const message of INSTRUMENT_PUSHES_TO_CABIN) expect(parsePlatformToCabin(message).ok).toBe(true);
    for (const message of INSTRUMENT_PUSHES_TO_PRACTITIONER) {
      expect(parsePlatformToPractitioner(message).ok).toBe(true);
    }
  });

  it('answer any frame, from any side, with a message or protocol.invalidMessage', () => {
    const all = [
      ...CABIN_MESSAGES,
      ...PRACTITIONER_MESSAGES,
      ...PUSHES,
      ...INSTRUMENT_PUSHES_TO_CABIN,
      ...INSTRUMENT_PUSHES_TO_PRACTITIONER,
      ...HELLOS,
    ];
    checkGarbage(garbageFrames(all), (frame) => {
      const parsed = parseFrame(frame);
      expectViolation(parsed);
      if (!parsed.ok) return;
      for (const parse of [
        parseHello,
        parseCabinMessage,
        parsePractitionerMessage,
        parsePlatformToCabin,
        parsePlatformToPractitioner,
        parseLoginRequest,
        parseLogoutRequest,
        parseCallMedia,
        parseMediaUp,
      ]) {
        expectViolation(parse(parsed.value));
      }
    });
  });

  it('answer any value, frame or not, with a message or protocol.invalidMessage', () => {
    const all = [
      ...CABIN_MESSAGES,
      ...PRACTITIONER_MESSAGES,
      ...PUSHES,
      ...INSTRUMENT_PUSHES_TO_CABIN,
      ...INSTRUMENT_PUSHES_TO_PRACTITIONER,
      ...HELLOS,
      { login: 'dr-house', password: 'correct horse' },
      { token: 't' },
      { mode: 'direct', iceServers: [{ urls: ['stun:x'], username: 'u', credential: 'c' }] },
    ];
    checkGarbage(garbageMessages(all), (message) => {
      expectViolation(parseHello(message));
      expectViolation(parseCabinMessage(message));
      expectViolation(parsePractitionerMessage(message));
      expectViolation(parsePlatformToCabin(message));
      expectViolation(parsePlatformToPractitioner(message));
      expectViolation(parseLoginRequest(message));
      expectViolation(parseLogoutRequest(message));
      expectViolation(parseCallMedia(message));
      expectViolation(parseMediaUp(message));
    });
  });
});

describe('the call channel’s wire, as the renderer reads what comes down', { timeout: 30_000 }, () => {
  it('answers any message as a reply, an event, or a refusal naming the kind', () => {
    const valid = [
      { kind: 'reply', id: 1, result: { ok: true, value: null } },
      { kind: 'event', event: { type: 'view.changed' } },
    ];
    checkGarbage(garbageMessages(valid), (message) => {
      const checked = CABIN_API_WIRE.check(message);
      expect(typeof checked.ok).toBe('boolean');
      if (!checked.ok) {
        expect(checked.error).toBe('kind');
        return;
      }
      const reply = CABIN_API_WIRE.replyTo(checked.value);
      expect(reply === null || typeof reply.id === 'number').toBe(true);
    });
  });
});

// Refusals share one shape whatever refused them; this keeps expectRefusal in use for the API's errors.
it('a refused call carries the error shape of the contract', () => {
  const refused = parseCall('act', { type: 'patient.teleport' });
  expect(refused.ok).toBe(false);
  if (!refused.ok) expectRefusal(refused.error);
});
