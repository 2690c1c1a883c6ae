import { describe, expect, it } from 'vitest';
import { plausibleMeasurement } from '../state-machines/test-support/sample-data';
import { parseMediaUp } from './validate-platform';
import {
  parseCabinMessage,
  parseCallMedia,
  parseFrame,
  parseHello,
  parsePlatformToCabin,
  parsePlatformToPractitioner,
  parsePractitionerMessage,
} from './validate-platform';

const MEASUREMENT = plausibleMeasurement('temperature', 1_700_000_000_000);

/** A cabin putting its patient in a doctor's waiting room, as the protocol wants it. */
const QUEUE_JOIN = {
  type: 'queue.join',
  requestId: 3,
  sessionId: 'session-1',
  profession: 'doctor',
  appointmentCode: null,
  patient: { surname: 'Martin', firstName: 'Jeanne', birthDate: '1950-03-12', nir: null, source: 'manual' },
  visit: {
    locale: 'en',
    cover: {
      answers: [
        { question: 'hasRegularDoctor', label: 'Avez-vous un médecin traitant ?', answer: 'unknown' },
      ],
      feeCents: 2500,
      reimbursedPercent: 70,
      amountDueCents: 2500,
      thirdPartyPayment: false,
    },
  },
  billing: {
    surname: 'Martin',
    firstName: 'Jeanne',
    nir: null,
    nirStatus: 'missing',
    insured: 'notSaid',
    birthDate: '1950-03-12',
    source: 'manual',
    cover: {
      carePath: 'unsure',
      longTermCondition: null,
      maternity: null,
      solidarityCover: null,
      minor: false,
    },
  },
  measurements: [MEASUREMENT],
};

describe('the platform protocol refuses what does not fit, naming the field and never the value', () => {
  it('accepts a well-formed queue entry from a cabin', () => {
    expect(parseCabinMessage(QUEUE_JOIN)).toEqual({ ok: true, value: QUEUE_JOIN });
  });

  it.each([
    [{ type: 'queue.leave', requestId: 1 }, 'queue.leave.sessionId'],
    [{ type: 'queue.leave', requestId: 1, sessionId: '../other' }, 'queue.leave.sessionId'],
    [{ type: 'call.join', requestId: 1, sessionId: 's', extra: true }, 'call.join.extra'],
    [{ type: 'teleport', requestId: 1 }, 'type teleport'],
    [
      {
        type: 'session.item',
        requestId: 2,
        sessionId: 's',
        item: { kind: 'measurement', measurement: { ...MEASUREMENT, takenAt: 'now' } },
      },
      'session.item.item.measurement.takenAt',
    ],
    [
      { type: 'session.item', requestId: 2, sessionId: 's', item: { kind: 'password', value: 'x' } },
      'session.item.item.kind',
    ],
    [
      { type: 'session.item', requestId: 2, sessionId: 's', item: { kind: 'mediaCheck', result: 'maybe' } },
      'session.item.item.result',
    ],
    [{ ...QUEUE_JOIN, patient: { ...QUEUE_JOIN.patient, source: 'guess' } }, 'queue.join.patient.source'],
    [{ ...QUEUE_JOIN, visit: { ...QUEUE_JOIN.visit, locale: 'xx' } }, 'queue.join.visit.locale'],
    [
      {
        ...QUEUE_JOIN,
        visit: { locale: 'fr', cover: { ...QUEUE_JOIN.visit.cover, answers: [{ question: 'q' }] } },
      },
      'queue.join.visit.cover.answers[0].label',
    ],
    [
      {
        type: 'signal',
        sessionId: 's',
        payload: { kind: 'description', description: { type: 'pranswer', sdp: 'v=0' } },
      },
      'signal.payload.description.type',
    ],
  ])('refuses %j at %s, keeping the request id when it can be read', (message, detail) => {
    const parsed = parseCabinMessage(message);
    expect(parsed).toMatchObject({ ok: false, error: { code: 'protocol.invalidMessage', detail } });
    expect(parsed.ok || parsed.error.requestId).toBe('requestId' in message ? message.requestId : null);
  });

  it('a help call carries a session and a state only, and its answer says who answered', () => {
    const help = { type: 'help.update', requestId: 4, sessionId: 'session-1', state: 'requested' };
    expect(parseCabinMessage(help)).toEqual({ ok: true, value: help });
    expect(parseCabinMessage({ ...help, state: 'urgent' })).toMatchObject({
      ok: false,
      error: { detail: 'help.update.state' },
    });
    expect(parseCabinMessage({ ...help, patient: 'Jeanne Martin' })).toMatchObject({
      ok: false,
      error: { detail: 'help.update.patient' },
    });
    const answered = { type: 'help.answered', sessionId: 'session-1', by: 'support' };
    expect(parsePlatformToCabin(answered)).toEqual({ ok: true, value: answered });
    expect(parsePlatformToCabin({ ...answered, by: 'someone' }).ok).toBe(false);
    const answer = { type: 'help.answer', requestId: 5, sessionId: 'session-1' };
    expect(parsePractitionerMessage(answer)).toEqual({ ok: true, value: answer });
  });

  it('never echoes a patient value in the refusal', () => {
    const parsed = parseCabinMessage({
      ...QUEUE_JOIN,
      patient: { ...QUEUE_JOIN.patient, birthDate: '12/03/1950' },
    });
    expect(JSON.stringify(parsed)).not.toContain('1950');
    expect(parsed).toMatchObject({ ok: false, error: { detail: 'queue.join.patient.birthDate' } });
  });

  it('refuses a queue entry whose billing block is missing or carries a NIR with a wrong key', () => {
    const { billing, ...withoutBilling } = QUEUE_JOIN;
    expect(parseCabinMessage(withoutBilling)).toMatchObject({
      ok: false,
      error: { detail: 'queue.join.billing' },
    });
    const wrongKey = { ...billing, nir: '250034958815708', nirStatus: 'valid' };
    expect(parseCabinMessage({ ...QUEUE_JOIN, billing: wrongKey })).toMatchObject({
      ok: false,
      error: { detail: 'queue.join.billing.nir', requestId: 3 },
    });
  });

  it('cleans the billing names of control and bidi override characters, like any peer text', () => {
    const spoofed = { ...QUEUE_JOIN.billing, surname: 'Mar\u202Etin\u0007', firstName: '\u2066Jeanne' };
    const parsed = parseCabinMessage({ ...QUEUE_JOIN, billing: spoofed });
    expect(parsed).toMatchObject({
      ok: true,
      value: { billing: { surname: 'Martin', firstName: 'Jeanne' } },
    });
  });

  it('a waiting-room entry for the consoles carries no name and no birth date', () => {
    const entry = { sessionId: 's', profession: 'doctor', appointmentCode: null, since: 1, locale: 'fr' };
    expect(parsePlatformToPractitioner({ type: 'queue.snapshot', entries: [entry] }).ok).toBe(true);
    expect(
      parsePlatformToPractitioner({
        type: 'queue.snapshot',
        entries: [{ ...entry, patient: QUEUE_JOIN.patient }],
      }),
    ).toMatchObject({ ok: false });
  });

  it('refuses frames that are not JSON, and opaque SFU data that is too deep', () => {
    expect(parseFrame('{not json')).toMatchObject({ ok: false, error: { detail: 'json' } });
    let deep: unknown = 1;
    for (let i = 0; i < 20; i += 1) deep = { nested: deep };
    expect(
      parseCabinMessage({ type: 'sfu.request', requestId: 1, sessionId: 's', method: 'produce', data: deep }),
    ).toMatchObject({ ok: false, error: { detail: 'sfu.request.data' } });
  });

  it('refuses a frame nested deeper than 32 before parsing it, brackets inside strings aside', () => {
    const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(parseFrame(nested(32)).ok).toBe(true);
    expect(parseFrame(nested(33))).toMatchObject({ ok: false, error: { detail: 'depth' } });
    expect(parseFrame(nested(200_000))).toMatchObject({ ok: false, error: { detail: 'depth' } });
    const afterBackslash = `[${JSON.stringify('ends with a backslash \\')},${nested(40)}]`;
    expect(parseFrame(afterBackslash)).toMatchObject({ ok: false, error: { detail: 'depth' } });
    expect(parseFrame(JSON.stringify({ text: '[[[[\\"'.repeat(100) }))).toMatchObject({ ok: true });
  });

  it('cleans what a peer wrote of control and bidi characters, keeping tabs and line breaks', () => {
    const patient = { ...QUEUE_JOIN.patient, surname: 'Mar\u202Etin\u0000', firstName: '\u2067Jeanne\u0085' };
    const joined = parseCabinMessage({ ...QUEUE_JOIN, patient });
    expect(joined).toMatchObject({
      ok: true,
      value: { patient: { surname: 'Martin', firstName: 'Jeanne' } },
    });
    expect(patient.surname).toBe('Mar\u202Etin\u0000');
    const report = parsePractitionerMessage({
      type: 'document.compose',
      requestId: 3,
      sessionId: 's',
      document: { kind: 'report', text: 'Ligne 1\r\n\tLigne 2\u001B[2J\u202D' },
    });
    expect(report).toMatchObject({ ok: true, value: { document: { text: 'Ligne 1\r\n\tLigne 2[2J' } } });
    const onlyBidi = parseCabinMessage({
      ...QUEUE_JOIN,
      patient: { ...QUEUE_JOIN.patient, surname: '\u202E' },
    });
    expect(onlyBidi).toMatchObject({ ok: false, error: { detail: 'queue.join.patient.surname' } });
  });

  it('bounds a refusal to plain path characters, whatever the peer sent', () => {
    const hostile = parseCabinMessage({ ...QUEUE_JOIN, [`\u202E<b>${'k'.repeat(10_000)}`]: 1 });
    expect(hostile.ok).toBe(false);
    // An unknown key that does not look like a field name is not repeated at all, and what is said is
    // made of plain path characters only, short.
    if (!hostile.ok) {
      expect(hostile.error.detail).toMatch(/^queue\.join\.[A-Za-z0-9_.?…-]{1,110}$/);
      expect(hostile.error.detail).not.toMatch(/kkk|<b>|\u202E/);
    }
  });

  it('a hello is a cabin with id and credential, or a practitioner with a token, never a mix', () => {
    expect(parseHello({ type: 'hello', role: 'cabin', cabinId: 'c1', credential: 'secret' }).ok).toBe(true);
    expect(parseHello({ type: 'hello', role: 'practitioner', token: 't' }).ok).toBe(true);
    expect(parseHello({ type: 'hello', role: 'practitioner', cabinId: 'c1', token: 't' }).ok).toBe(false);
    expect(parseHello({ type: 'hello', role: 'cabin', cabinId: 'c1' }).ok).toBe(false);
    expect(parseHello({ type: 'welcome', role: 'cabin' }).ok).toBe(false);
  });

  it('a practitioner may push a document of an allowed type only, as base64', () => {
    const push = {
      type: 'document.push',
      requestId: 9,
      sessionId: 's',
      kind: 'prescription',
      title: 'Ordonnance',
      contentType: 'text/plain',
      base64: Buffer.from('Paracétamol').toString('base64'),
    };
    expect(parsePractitionerMessage(push).ok).toBe(true);
    expect(parsePractitionerMessage({ ...push, contentType: 'text/html' }).ok).toBe(false);
    expect(parsePractitionerMessage({ ...push, base64: '<script>' }).ok).toBe(false);
  });

  it('a composed document is bounded: lines, their length, the sick leave days, its exceptions', () => {
    const compose = (document: unknown): unknown => ({
      type: 'document.compose',
      requestId: 3,
      sessionId: 's',
      document,
    });
    const line = { item: 'Paracétamol 1 g', dosage: '1 comprimé 3 fois par jour', duration: '5 jours' };
    expect(parsePractitionerMessage(compose({ kind: 'prescription', lines: [line] })).ok).toBe(true);
    expect(parsePractitionerMessage(compose({ kind: 'prescription', lines: Array(21).fill(line) })).ok).toBe(
      false,
    );
    expect(
      parsePractitionerMessage(
        compose({ kind: 'prescription', lines: [{ ...line, item: 'x'.repeat(201) }] }),
      ),
    ).toMatchObject({ ok: false, error: { detail: 'document.compose.document.lines[0].item' } });
    const leave = {
      kind: 'sickLeave',
      startDate: '2026-12-05',
      days: 5,
      motive: 'Grippe',
      exceptions: ['treatingDoctor'],
    };
    expect(parsePractitionerMessage(compose(leave)).ok).toBe(true);
    expect(parsePractitionerMessage(compose({ ...leave, days: 0 })).ok).toBe(false);
    expect(parsePractitionerMessage(compose({ ...leave, exceptions: ['friend'] })).ok).toBe(false);
    expect(parsePractitionerMessage(compose({ kind: 'report', text: '' })).ok).toBe(false);
    expect(parsePractitionerMessage(compose({ kind: 'letter', text: 'x' })).ok).toBe(false);
  });

  it('the cabin checks what the platform pushes: a professional card needs an 11-digit RPPS', () => {
    const professional = {
      civility: 'Dr',
      name: 'Claire Fontaine',
      profession: 'doctor',
      specialty: 'Médecine générale',
      rpps: '10000000000',
      address: '',
    };
    expect(parsePlatformToCabin({ type: 'queue.assigned', sessionId: 's', professional }).ok).toBe(true);
    expect(
      parsePlatformToCabin({
        type: 'queue.assigned',
        sessionId: 's',
        professional: { ...professional, rpps: '12' },
      }),
    ).toMatchObject({ ok: false, error: { detail: 'queue.assigned.professional.rpps' } });
    const place = { type: 'queue.updated', sessionId: 's', position: 1, professionalsOnline: 0 };
    expect(parsePlatformToCabin({ ...place, estimatedWaitMinutes: null }).ok).toBe(true);
    expect(parsePlatformToCabin({ ...place, estimatedWaitMinutes: 4, professionalsOnline: 2 }).ok).toBe(true);
    expect(
      parsePlatformToCabin({ type: 'queue.updated', sessionId: 's', position: 1, estimatedWaitMinutes: 4 }),
    ).toMatchObject({ ok: false, error: { detail: 'queue.updated.professionalsOnline' } });
    expect(parseCallMedia({ mode: 'direct', iceServers: [{ urls: ['stun:127.0.0.1:3478'] }] }).ok).toBe(true);
    expect(parseCallMedia({ mode: 'p2p', iceServers: [] }).ok).toBe(false);
  });

  it('the renderer video link messages are checked before the controller relays them', () => {
    expect(parseMediaUp({ kind: 'linkState', state: 'connected' }).ok).toBe(true);
    expect(parseMediaUp({ kind: 'linkState', state: 'happy' }).ok).toBe(false);
    expect(parseMediaUp({ kind: 'sfu', method: 'dropTable', data: {} }).ok).toBe(false);
    expect(parseMediaUp({ kind: 'reception', reception: { audio: true, video: 'yes' } }).ok).toBe(false);
  });
});

describe('the examination instrument in the platform protocol', () => {
  const UPDATE = { type: 'instrument.update', requestId: 9, sessionId: 'session-1' };
  const PUSH = { type: 'call.instrument', sessionId: 'session-1' };

  it('takes the professional’s request and end, and the pushes that carry them to the cabin', () => {
    const ask = {
      type: 'call.requestInstrument',
      requestId: 4,
      sessionId: 'session-1',
      kind: 'dermatoscope',
    };
    expect(parsePractitionerMessage(ask).ok).toBe(true);
    expect(
      parsePractitionerMessage({ type: 'call.endInstrument', requestId: 5, sessionId: 'session-1' }).ok,
    ).toBe(true);
    expect(parsePractitionerMessage({ ...ask, kind: 'scalpel' })).toMatchObject({
      ok: false,
      error: { detail: 'call.requestInstrument.kind' },
    });
    expect(parsePractitionerMessage({ ...ask, kind: undefined }).ok).toBe(false);
    expect(
      parsePractitionerMessage({ type: 'call.endInstrument', requestId: 5, sessionId: 's', kind: 'otoscope' })
        .ok,
    ).toBe(false);
    // The cabin sends none of the professional's messages.
    expect(parseCabinMessage(ask).ok).toBe(false);
    expect(
      parsePlatformToCabin({ type: 'call.instrumentRequested', sessionId: 's', kind: 'stethoscope' }).ok,
    ).toBe(true);
    expect(
      parsePlatformToCabin({ type: 'call.instrumentRequested', sessionId: 's', kind: 'Stethoscope' }).ok,
    ).toBe(false);
    expect(parsePlatformToCabin({ type: 'call.instrumentEnded', sessionId: 's' }).ok).toBe(true);
    expect(parsePlatformToPractitioner({ type: 'call.instrumentEnded', sessionId: 's' }).ok).toBe(false);
  });

  it('takes each shape of where an instrument stands, exactly, from the cabin and to the professional', () => {
    const uses = [
      { kind: 'otoscope', state: 'starting' },
      { kind: 'otoscope', state: 'on', mediaTag: '2' },
      { kind: 'stethoscope', state: 'on', mediaTag: 'b1f0c2d4-producer' },
      { kind: 'dermatoscope', state: 'failed', failure: 'unplugged' },
      { kind: 'examinationCamera', state: 'stoppedByPatient' },
      { kind: 'examinationCamera', state: 'ended' },
    ];
    for (const use of uses) {
      expect(parseCabinMessage({ ...UPDATE, use }).ok).toBe(true);
      expect(parsePlatformToPractitioner({ ...PUSH, use }).ok).toBe(true);
    }
    const hostile = [
      null,
      'on',
      { kind: 'otoscope', state: 'on' },
      { kind: 'otoscope', state: 'on', mediaTag: '' },
      { kind: 'otoscope', state: 'on', mediaTag: 'a b' },
      { kind: 'otoscope', state: 'on', mediaTag: 'x'.repeat(65) },
      { kind: 'otoscope', state: 'failed', failure: 'stolen' },
      { kind: 'otoscope', state: 'starting', mediaTag: '1' },
      { kind: 'otoscope', state: 'paused' },
      { kind: '__proto__', state: 'ended' },
      { kind: 'otoscope', state: 'ended', label: 'HD Webcam (046d:0825)' },
    ];
    for (const use of hostile) {
      expect(parseCabinMessage({ ...UPDATE, use })).toMatchObject({ ok: false, error: { requestId: 9 } });
      expect(parsePlatformToPractitioner({ ...PUSH, use }).ok).toBe(false);
    }
    expect(parsePlatformToCabin({ ...PUSH, use: uses[0] }).ok).toBe(false);
    // Like every peer text, a tag loses its bidi characters before it is checked.
    const spoofed = { kind: 'otoscope', state: 'on', mediaTag: '\u202E2' };
    expect(parseCabinMessage({ ...UPDATE, use: spoofed })).toMatchObject({
      ok: true,
      value: { use: { mediaTag: '2' } },
    });
  });

  it('the visit may name the instruments found, each kind once', () => {
    const visit = (instruments: unknown) => ({ ...QUEUE_JOIN, visit: { ...QUEUE_JOIN.visit, instruments } });
    expect(parseCabinMessage(QUEUE_JOIN).ok).toBe(true);
    expect(parseCabinMessage(visit([])).ok).toBe(true);
    expect(parseCabinMessage(visit(['otoscope', 'stethoscope'])).ok).toBe(true);
    expect(parseCabinMessage(visit(['otoscope', 'otoscope']))).toMatchObject({
      ok: false,
      error: { detail: 'queue.join.visit.instruments' },
    });
    expect(parseCabinMessage(visit(['otoscope', 'scalpel'])).ok).toBe(false);
    expect(parseCabinMessage(visit('otoscope')).ok).toBe(false);
    expect(
      parseCabinMessage(visit(['otoscope', 'dermatoscope', 'examinationCamera', 'stethoscope', 'otoscope']))
        .ok,
    ).toBe(false);
  });
});
