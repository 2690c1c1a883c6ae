// The reference platform over real WebSockets on 127.0.0.1: cabins and practitioner consoles played by
// test peers, every message the platform sends checked against the contract. The platform's time is a
// manual clock: expiries and graces happen when a test moves it, never by waiting.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProfessionalCard } from '../../contract/domain';
import { MAX_DOCUMENT_BYTES } from '../../contract/platform-protocol';
import { plausibleMeasurement } from '../../state-machines/test-support/sample-data';
import { ManualClock } from '../../test/support/manual-clock';
import {
  queueJoin,
  TEST_BILLING as BILLING,
  TEST_PATIENT_SUMMARY as PATIENT,
  TEST_VISIT as VISIT,
} from '../../test/support/platform-fixtures';
import { startPlatform, type PlatformOptions, type RunningPlatform } from './platform-server';
import { closeCodeAfter, postLogin, TestPeer, tokenFor, type WireMessage } from './test-support/test-peer';

const card = (name: string, profession: ProfessionalCard['profession'], rpps: string): ProfessionalCard => ({
  civility: 'Dr',
  name,
  profession,
  specialty: 'Médecine générale',
  rpps,
  address: '1 rue de l’Exemple, 69000 Lyon',
});

const DOCTOR = {
  login: 'doctor',
  password: 'doctor password',
  professional: card('Claire Fontaine', 'doctor', '10000000000'),
};
const SECOND_DOCTOR = {
  login: 'doctor2',
  password: 'doctor2 password',
  professional: card('Marc Roux', 'doctor', '10000000034'),
};
const PHYSIO = {
  login: 'physio',
  password: 'physio password',
  professional: { ...card('Inès Garnier', 'physiotherapist', '10000000026'), civility: 'Mme' },
};

const TEMPERATURE = plausibleMeasurement('temperature', 1_700_000_000_000);
const SPO2 = plausibleMeasurement('oxygenSaturation', 1_700_000_060_000);

let platform: RunningPlatform;
let clock: ManualClock;
const peers: TestPeer[] = [];

/** The instant the platform's clock starts at. */
const START_MS = 1_000_000;

/**
 * Starts the platform on a fresh manual clock. Its heartbeat is a day, so that moving the clock by
 * minutes does not find the test peers' pongs unread (the heartbeat has tests of its own).
 */
async function start(overrides: Partial<PlatformOptions> = {}): Promise<RunningPlatform> {
  clock = new ManualClock(START_MS);
  platform = await startPlatform({
    port: 0,
    clock,
    heartbeatMs: 24 * 3_600_000,
    cabins: [
      { cabinId: 'cabin-a', credential: 'secret-a' },
      { cabinId: 'cabin-b', credential: 'secret-b' },
    ],
    practitioners: [DOCTOR, SECOND_DOCTOR, PHYSIO],
    appointments: [
      { code: '123456', profession: 'doctor' },
      { code: '135790', profession: 'doctor', specialty: 'ophthalmology' },
      { code: '654321', profession: 'physiotherapist' },
    ],
    consoleDirectory: null,
    ...overrides,
  });
  return platform;
}

async function cabin(id: 'a' | 'b' = 'a'): Promise<TestPeer> {
  const peer = await TestPeer.cabin(platform.url, `cabin-${id}`, `secret-${id}`);
  peers.push(peer);
  return peer;
}

async function practitioner(account: { login: string; password: string } = DOCTOR): Promise<TestPeer> {
  const peer = await TestPeer.practitioner(
    platform.url,
    await tokenFor(platform.url, account.login, account.password),
  );
  peers.push(peer);
  return peer;
}

const enqueue = (
  peer: TestPeer,
  sessionId: string,
  extra: Record<string, unknown> = {},
): Promise<WireMessage> => peer.request(queueJoin(sessionId, { measurements: [TEMPERATURE], ...extra }));

/** A cabin whose patient is in a call with the doctor (queued, accepted, joined). */
async function inCall(sessionId = 's1'): Promise<{ cabinA: TestPeer; doctor: TestPeer }> {
  const cabinA = await cabin('a');
  const doctor = await practitioner();
  await enqueue(cabinA, sessionId);
  await doctor.value({ type: 'call.accept', sessionId });
  await cabinA.next('queue.assigned', { sessionId });
  await cabinA.value({ type: 'call.join', sessionId });
  await doctor.next('call.patientJoined', { sessionId });
  return { cabinA, doctor };
}

/**
 * One side of the call in `s1` drops and stays away for the 60 s grace: the other side sees it go, the
 * platform still holds `heldUntilTheEnd` a millisecond before the grace ends, then the call ends as lost.
 */
async function awayPastTheGrace(
  gone: TestPeer,
  other: TestPeer,
  heldUntilTheEnd: Record<string, number>,
): Promise<void> {
  gone.drop();
  await expect(other.next('call.peerPresence')).resolves.toMatchObject({ present: false });
  await clock.advance(59_999);
  expect(platform.stats()).toMatchObject(heldUntilTheEnd);
  await clock.advance(1);
  await expect(other.next('call.ended')).resolves.toEqual({
    type: 'call.ended',
    sessionId: 's1',
    reason: 'connectionLost',
  });
}

/** Waits until `peer` has received everything the platform sent it before this call (same socket order). */
async function settled(peer: TestPeer): Promise<void> {
  await peer.request({ type: 'appointment.lookUp', code: '000000' }).catch(() => undefined);
}

const OFFER = {
  kind: 'description',
  description: { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' },
};
const CANDIDATE = {
  kind: 'candidate',
  candidate: {
    candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host',
    sdpMid: '0',
    sdpMLineIndex: 0,
  },
};

afterEach(async () => {
  for (const peer of peers) expect(peer.violations).toEqual([]);
  for (const peer of peers.splice(0)) peer.close();
  await platform.stop();
});

describe('practitioner login and hello', () => {
  it('a practitioner logs in with the right password only, and gets a token valid 8 hours', async () => {
    await start();
    const accepted = await postLogin(platform.url, { login: 'doctor', password: 'doctor password' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      expiresAt: START_MS + 8 * 3_600_000,
      professional: { name: 'Claire Fontaine', rpps: '10000000000' },
    });
    expect((accepted.body as { token: string }).token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await clock.advance(1);
    await expect(postLogin(platform.url, { login: 'doctor', password: 'wrong' })).resolves.toEqual({
      status: 401,
      body: { code: 'auth.invalid' },
    });
    await expect(postLogin(platform.url, { login: 'nobody', password: 'doctor password' })).resolves.toEqual({
      status: 401,
      body: { code: 'auth.invalid' },
    });
    expect((await postLogin(platform.url, '{"login":')).status).toBe(400);
    expect((await postLogin(platform.url, { login: 'doctor', password: 'x'.repeat(5000) })).status).toBe(413);
  });

  it('a logout ends the token at once: the console kept it for a reload, the platform no longer takes it', async () => {
    await start();
    const token = await tokenFor(platform.url, DOCTOR.login, DOCTOR.password);
    const logOut = (body: string): Promise<Response> =>
      fetch(`${platform.url}/api/logout`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
    expect((await logOut(JSON.stringify({ token }))).status).toBe(204);
    await expect(TestPeer.practitioner(platform.url, token)).rejects.toThrow('4401');
    // The same answer for a token that never existed; a malformed body is refused.
    expect((await logOut(JSON.stringify({ token: 'made-up' }))).status).toBe(204);
    expect((await logOut('{"token":')).status).toBe(400);
    expect((await fetch(`${platform.url}/api/logout`)).status).toBe(405);
  });

  it('a cabin with a wrong credential, or an unknown cabin, is closed with 4401 and never welcomed', async () => {
    await start();
    await expect(TestPeer.cabin(platform.url, 'cabin-a', 'secret-b')).rejects.toThrow('4401');
    await expect(TestPeer.cabin(platform.url, 'cabin-z', 'secret-a')).rejects.toThrow('4401');
    await expect(TestPeer.practitioner(platform.url, 'made-up-token')).rejects.toThrow('4401');
    const welcomed = await cabin('a');
    expect(welcomed.welcome).toMatchObject({ type: 'welcome', role: 'cabin' });
  });

  it('a connection whose first message is not a hello, or that says nothing, is closed with 4401', async () => {
    await start({ helloTimeoutMs: 10_000 });
    await expect(
      closeCodeAfter(platform.url, ['{"type":"appointment.lookUp","requestId":1,"code":"1"}']),
    ).resolves.toBe(4401);
    await expect(closeCodeAfter(platform.url, ['not json'])).resolves.toBe(4401);
    // Silent: once the connection is open, the hello delay runs out.
    await expect(closeCodeAfter(platform.url, [], () => void clock.advance(10_000))).resolves.toBe(4401);
  });

  it('a connection that says hello within its delay is not closed when the delay runs out', async () => {
    await start({ helloTimeoutMs: 10_000 });
    const welcomed = await cabin('a');
    await clock.advance(10_000);
    await expect(welcomed.value({ type: 'appointment.lookUp', code: '123456' })).resolves.toEqual({
      profession: 'doctor',
      specialty: null,
    });
  });

  it('an appointment code says the booked profession and, for a direct-access specialist, the specialty', async () => {
    await start();
    const welcomed = await cabin('a');
    await expect(welcomed.value({ type: 'appointment.lookUp', code: '135 790' })).resolves.toEqual({
      profession: 'doctor',
      specialty: 'ophthalmology',
    });
  });

  it('a console is closed with 4401 when its token expires, and the expired token is refused', async () => {
    await start({ tokenLifetimeMs: 60_000 });
    const token = await tokenFor(platform.url, 'doctor', 'doctor password');
    const doctor = await TestPeer.practitioner(platform.url, token);
    expect(doctor.welcome).toMatchObject({ role: 'practitioner', expiresAt: START_MS + 60_000 });
    await clock.advance(59_999);
    // Still valid a millisecond before: the connection answers.
    await expect(doctor.request({ type: 'call.end', sessionId: 's1' })).resolves.toMatchObject({
      result: { ok: false, error: { code: 'session.unknown' } },
    });
    await clock.advance(1);
    await expect(doctor.closed).resolves.toBe(4401);
    await expect(TestPeer.practitioner(platform.url, token)).rejects.toThrow('4401');
    // Logging in again gives a new token that works.
    await expect(practitioner()).resolves.toBeInstanceOf(TestPeer);
  });

  it('a cabin connection is closed with 4401 after its lifetime; the cabin says hello again', async () => {
    await start({ cabinConnectionLifetimeMs: 12 * 3_600_000 });
    const first = await cabin('a');
    expect(first.welcome).toMatchObject({ role: 'cabin', expiresAt: START_MS + 12 * 3_600_000 });
    await clock.advance(12 * 3_600_000);
    await expect(first.closed).resolves.toBe(4401);
    await expect(cabin('a')).resolves.toBeInstanceOf(TestPeer);
  });

  it('a second connection of the same cabin replaces the first (4409) and takes over its sessions', async () => {
    await start();
    const first = await cabin('a');
    await enqueue(first, 's1');
    const second = await cabin('a');
    await expect(first.closed).resolves.toBe(4409);
    await expect(second.value({ type: 'session.resume', sessionId: 's1' })).resolves.toEqual({
      stage: 'queue',
    });
    expect(platform.stats()).toMatchObject({ cabinsConnected: 1, queued: 1 });
  });

  it('a second console of the same practitioner replaces the first (4409)', async () => {
    await start();
    const first = await practitioner();
    const second = await practitioner();
    await expect(first.closed).resolves.toBe(4409);
    await expect(second.next('queue.snapshot')).resolves.toMatchObject({ entries: [] });
    expect(platform.stats().practitionersConnected).toBe(1);
  });
});

describe('the waiting room', () => {
  it('tells a cabin how many professionals of a kind are online, a count only, as consoles come and go', async () => {
    await start();
    const cabinA = await cabin('a');
    const online = (profession: string): Promise<unknown> =>
      cabinA.value({ type: 'presence.lookUp', profession });
    await expect(online('doctor')).resolves.toEqual({ professionalsOnline: 0 });
    const doctor = await practitioner(DOCTOR);
    await practitioner(SECOND_DOCTOR);
    await expect(online('doctor')).resolves.toEqual({ professionalsOnline: 2 });
    await expect(online('dentist')).resolves.toEqual({ professionalsOnline: 0 });
    await practitioner(PHYSIO);
    await expect(online('physiotherapist')).resolves.toEqual({ professionalsOnline: 1 });
    // A console that goes away is no longer counted.
    doctor.drop();
    await expect.poll(() => online('doctor')).toEqual({ professionalsOnline: 1 });
    // A profession the protocol does not know is refused as a malformed message.
    await expect(cabinA.request({ type: 'presence.lookUp', profession: 'surgeon' })).resolves.toMatchObject({
      type: 'rejected',
    });
  });

  it('places patients first come first served, with the honest estimated wait', async () => {
    await start();
    const cabinA = await cabin('a');
    const cabinB = await cabin('b');
    // No practitioner connected yet: the answer says so, and invents no wait.
    await expect(enqueue(cabinA, 'a1')).resolves.toMatchObject({
      result: { ok: true, value: { position: 1, estimatedWaitMinutes: null, professionalsOnline: 0 } },
    });
    await expect(enqueue(cabinB, 'b1')).resolves.toMatchObject({
      result: { ok: true, value: { position: 2, estimatedWaitMinutes: null, professionalsOnline: 0 } },
    });
    await expect(enqueue(cabinA, 'a2')).resolves.toMatchObject({
      result: { ok: true, value: { position: 3, estimatedWaitMinutes: null, professionalsOnline: 0 } },
    });
    // A physiotherapy patient waits in another queue.
    await expect(enqueue(cabinB, 'b2', { profession: 'physiotherapist' })).resolves.toMatchObject({
      result: { ok: true, value: { position: 1, estimatedWaitMinutes: null, professionalsOnline: 0 } },
    });

    // Two doctors connected share the queue: the waits halve.
    const doctor = await practitioner(DOCTOR);
    await practitioner(SECOND_DOCTOR);
    await expect(
      cabinA.next('queue.updated', { sessionId: 'a2', estimatedWaitMinutes: 15 }),
    ).resolves.toMatchObject({ position: 3 });
    await expect(
      cabinB.next('queue.updated', { sessionId: 'b1', estimatedWaitMinutes: 10 }),
    ).resolves.toMatchObject({ position: 2 });

    // The first patient is taken: everyone moves up. The call lasts 4 minutes.
    await doctor.value({ type: 'call.accept', sessionId: 'a1' });
    await expect(cabinB.next('queue.updated', { sessionId: 'b1', position: 1 })).resolves.toMatchObject({
      estimatedWaitMinutes: 5,
    });
    await expect(cabinA.next('queue.updated', { sessionId: 'a2', position: 2 })).resolves.toMatchObject({
      estimatedWaitMinutes: 10,
    });
    await clock.advance(4 * 60_000);
    await doctor.value({ type: 'call.end', sessionId: 'a1' });
    // Mean of the finished calls: 4 minutes; ceil(1 × 4 / 2) = 2 and ceil(2 × 4 / 2) = 4.
    await expect(cabinB.next('queue.updated', { sessionId: 'b1', position: 1 })).resolves.toMatchObject({
      estimatedWaitMinutes: 2,
    });
    await expect(cabinA.next('queue.updated', { sessionId: 'a2', position: 2 })).resolves.toMatchObject({
      estimatedWaitMinutes: 4,
    });

    // The patient ahead leaves the waiting room.
    await cabinB.value({ type: 'queue.leave', sessionId: 'b1' });
    await expect(cabinA.next('queue.updated', { sessionId: 'a2', position: 1 })).resolves.toMatchObject({
      estimatedWaitMinutes: 2,
    });
    // The physiotherapy queue never moved.
    await settled(cabinB);
    expect(cabinB.seen('queue.updated').filter((push) => push.sessionId === 'b2')).toEqual([]);
    expect(platform.stats()).toMatchObject({ queued: 2, practitionersConnected: 2 });
  });

  it('consoles see the waiting patients of their own profession, updated on every change', async () => {
    await start();
    const cabinA = await cabin('a');
    await enqueue(cabinA, 'a1');
    const doctor = await practitioner();
    const physio = await practitioner(PHYSIO);
    await expect(doctor.next('queue.snapshot')).resolves.toEqual({
      type: 'queue.snapshot',
      entries: [
        { sessionId: 'a1', profession: 'doctor', appointmentCode: null, since: START_MS, locale: 'fr' },
      ],
    });
    await expect(physio.next('queue.snapshot')).resolves.toMatchObject({ entries: [] });
    await clock.advance(1000);
    await enqueue(cabinA, 'a2', { appointmentCode: '654 321', profession: 'doctor' });
    // The appointment code decides: the second patient waits for the physiotherapist.
    await expect(physio.next('queue.snapshot')).resolves.toMatchObject({
      entries: [
        {
          sessionId: 'a2',
          profession: 'physiotherapist',
          appointmentCode: '654 321',
          since: START_MS + 1000,
        },
      ],
    });
    await cabinA.value({ type: 'queue.leave', sessionId: 'a1' });
    await expect(doctor.next('queue.snapshot')).resolves.toMatchObject({ entries: [] });
  });

  it('other consoles of the profession receive no name and no birth date; only the one who takes the patient does', async () => {
    await start();
    const cabinA = await cabin('a');
    const doctor = await practitioner();
    const other = await practitioner(SECOND_DOCTOR);
    await enqueue(cabinA, 's1', { visit: { ...VISIT, locale: 'en' } });
    await cabinA.value({
      type: 'session.item',
      sessionId: 's1',
      item: { kind: 'mediaCheck', result: 'problem' },
    });
    await expect(other.next('queue.snapshot', {})).resolves.toMatchObject({ entries: [] });
    await expect(other.next('queue.snapshot')).resolves.toEqual({
      type: 'queue.snapshot',
      entries: [
        { sessionId: 's1', profession: 'doctor', appointmentCode: null, since: START_MS, locale: 'en' },
      ],
    });
    await doctor.value({ type: 'call.accept', sessionId: 's1' });
    await expect(doctor.next('call.started')).resolves.toMatchObject({
      patient: PATIENT,
      visit: { ...VISIT, locale: 'en' },
    });
    await expect(doctor.next('call.item')).resolves.toEqual({
      type: 'call.item',
      sessionId: 's1',
      item: { kind: 'mediaCheck', result: 'problem' },
    });
    await cabinA.value({ type: 'call.join', sessionId: 's1' });
    await cabinA.value({
      type: 'session.item',
      sessionId: 's1',
      item: { kind: 'mediaCheck', result: 'passed' },
    });
    await expect(doctor.next('call.item')).resolves.toMatchObject({
      item: { kind: 'mediaCheck', result: 'passed' },
    });
    await settled(other);
    // Everything the other doctor's socket received: waiting-room snapshots, and nothing of the patient.
    const received = JSON.stringify(other.pushes);
    for (const value of [PATIENT.surname, PATIENT.firstName, PATIENT.birthDate, '1950', 'Envoyé par']) {
      expect(received).not.toContain(value);
    }
    expect(other.pushes.map((push) => push.type)).toEqual([
      'queue.snapshot',
      'queue.snapshot',
      'queue.snapshot',
    ]);
  });

  it('appointment codes resolve to a profession; an unknown code is refused; a session queues once', async () => {
    await start();
    const cabinA = await cabin('a');
    await expect(cabinA.value({ type: 'appointment.lookUp', code: '123 456' })).resolves.toEqual({
      profession: 'doctor',
      specialty: null,
    });
    await expect(cabinA.request({ type: 'appointment.lookUp', code: '999999' })).resolves.toMatchObject({
      result: { ok: false, error: { code: 'appointment.unknownCode' } },
    });
    await expect(enqueue(cabinA, 'a1', { appointmentCode: '999999' })).resolves.toMatchObject({
      result: { ok: false, error: { code: 'appointment.unknownCode' } },
    });
    await enqueue(cabinA, 'a1');
    await expect(enqueue(cabinA, 'a1')).resolves.toMatchObject({
      result: { ok: false, error: { code: 'queue.alreadyJoined' } },
    });
    expect(platform.stats().queued).toBe(1);
  });
});

describe('a call', () => {
  it('the accepting practitioner is announced to the cabin, and receives the patient and the measurements', async () => {
    await start({ iceServers: [{ urls: ['stun:stun.example.org:3478'] }] });
    const cabinA = await cabin('a');
    const doctor = await practitioner();
    const otherDoctor = await practitioner(SECOND_DOCTOR);
    const physio = await practitioner(PHYSIO);
    await enqueue(cabinA, 's1');
    await cabinA.value({
      type: 'session.item',
      sessionId: 's1',
      item: {
        kind: 'consent',
        consent: { presence: 'relative', attendantStays: false, textVersion: 'v1', at: 1 },
      },
    });
    await expect(physio.request({ type: 'call.accept', sessionId: 's1' })).resolves.toMatchObject({
      type: 'rejected',
      code: 'protocol.notAllowed',
    });
    await expect(doctor.value({ type: 'call.accept', sessionId: 's1' })).resolves.toEqual({
      mode: 'direct',
      iceServers: [{ urls: ['stun:stun.example.org:3478'] }],
    });
    await expect(cabinA.next('queue.assigned')).resolves.toEqual({
      type: 'queue.assigned',
      sessionId: 's1',
      professional: DOCTOR.professional,
    });
    await expect(doctor.next('call.started')).resolves.toEqual({
      type: 'call.started',
      sessionId: 's1',
      patient: PATIENT,
      visit: VISIT,
      billing: BILLING,
      consent: { presence: 'relative', attendantStays: false, textVersion: 'v1', at: 1 },
      measurements: [TEMPERATURE],
    });
    await expect(otherDoctor.request({ type: 'call.accept', sessionId: 's1' })).resolves.toMatchObject({
      result: { ok: false, error: { code: 'call.alreadyTaken' } },
    });
    // The other doctor cannot act on the call either.
    await expect(otherDoctor.request({ type: 'call.end', sessionId: 's1' })).resolves.toMatchObject({
      type: 'rejected',
      code: 'protocol.notAllowed',
    });
    expect(platform.stats()).toMatchObject({ queued: 0, calls: 1 });
  });

  it('a cabin cannot join a call before a practitioner took it', async () => {
    await start();
    const cabinA = await cabin('a');
    await enqueue(cabinA, 's1');
    await expect(cabinA.request({ type: 'call.join', sessionId: 's1' })).resolves.toMatchObject({
      result: { ok: false, error: { code: 'call.notAssigned' } },
    });
    await expect(cabinA.request({ type: 'call.join', sessionId: 'nope' })).resolves.toMatchObject({
      result: { ok: false, error: { code: 'session.unknown' } },
    });
  });

  it('signals and reception reports are relayed verbatim between the two parties of the call', async () => {
    await start();
    const { cabinA, doctor } = await inCall();
    cabinA.send({ type: 'signal', sessionId: 's1', payload: OFFER });
    await expect(doctor.next('signal')).resolves.toEqual({ type: 'signal', sessionId: 's1', payload: OFFER });
    doctor.send({ type: 'signal', sessionId: 's1', payload: CANDIDATE });
    await expect(cabinA.next('signal')).resolves.toEqual({
      type: 'signal',
      sessionId: 's1',
      payload: CANDIDATE,
    });
    doctor.send({ type: 'media.reception', sessionId: 's1', reception: { audio: true, video: false } });
    await expect(cabinA.next('media.reception')).resolves.toMatchObject({
      reception: { audio: true, video: false },
    });
    cabinA.send({ type: 'media.reception', sessionId: 's1', reception: { audio: true, video: true } });
    await expect(doctor.next('media.reception')).resolves.toMatchObject({
      reception: { audio: true, video: true },
    });
  });

  it('another cabin can neither touch the call nor hear anything of it', async () => {
    await start();
    const { cabinA, doctor } = await inCall();
    const cabinB = await cabin('b');
    const attempts: Record<string, unknown>[] = [
      { type: 'call.join', sessionId: 's1' },
      { type: 'call.leave', sessionId: 's1' },
      { type: 'queue.leave', sessionId: 's1' },
      { type: 'session.resume', sessionId: 's1' },
      { type: 'session.item', sessionId: 's1', item: { kind: 'dmpChoice', opposed: true } },
      { type: 'document.fetch', sessionId: 's1', documentId: 'd1' },
      { type: 'sfu.request', sessionId: 's1', method: 'getRouterRtpCapabilities', data: {} },
      queueJoin('s1'),
    ];
    for (const attempt of attempts) {
      await expect(cabinB.request(attempt)).resolves.toMatchObject({
        type: 'rejected',
        code: 'protocol.notAllowed',
      });
    }
    cabinB.send({ type: 'signal', sessionId: 's1', payload: OFFER });
    await expect(cabinB.next('rejected')).resolves.toMatchObject({
      code: 'protocol.notAllowed',
      requestId: null,
    });

    // The call goes on between its two parties; cabin B hears nothing of it.
    cabinA.send({ type: 'signal', sessionId: 's1', payload: OFFER });
    doctor.send({ type: 'signal', sessionId: 's1', payload: CANDIDATE });
    await doctor.value({ type: 'call.requestMeasurement', sessionId: 's1', kind: 'weight' });
    await cabinA.next('call.measurementRequested');
    await expect(doctor.next('signal')).resolves.toMatchObject({ payload: OFFER });
    await settled(cabinB);
    expect(cabinB.pushes.filter((push) => push.sessionId === 's1')).toEqual([]);
    expect(doctor.seen('signal')).toHaveLength(1);
    expect(platform.stats()).toMatchObject({ calls: 1, sessionsHeld: 1 });
  });

  it('malformed messages are rejected with the faulty field, and the connection and the call go on', async () => {
    await start();
    const { cabinA, doctor } = await inCall();
    cabinA.send('{not json');
    await expect(cabinA.next('rejected')).resolves.toEqual({
      type: 'rejected',
      requestId: null,
      code: 'protocol.invalidMessage',
      detail: 'json',
    });
    await expect(
      cabinA.request({
        type: 'session.item',
        sessionId: 's1',
        item: { kind: 'measurement', measurement: { kind: 'x' } },
      }),
    ).resolves.toMatchObject({
      type: 'rejected',
      code: 'protocol.invalidMessage',
      detail: 'session.item.item.measurement.kind',
    });
    await expect(cabinA.request({ type: 'call.accept', sessionId: 's1' })).resolves.toMatchObject({
      type: 'rejected',
      code: 'protocol.invalidMessage',
    });
    cabinA.send(Buffer.from([1, 2, 3]));
    await expect(cabinA.next('rejected')).resolves.toMatchObject({
      code: 'protocol.invalidMessage',
      requestId: null,
    });
    await expect(doctor.request({ type: 'document.push', sessionId: 's1' })).resolves.toMatchObject({
      type: 'rejected',
      code: 'protocol.invalidMessage',
    });
    // A patient's value never comes back in the detail.
    cabinA.send({ ...queueJoin('s2', { patient: { ...PATIENT, birthDate: '12/03/1950' } }), requestId: 900 });
    const refused = await cabinA.next('rejected', { requestId: 900 }).catch(() => null);
    expect(JSON.stringify(refused ?? {})).not.toContain('1950');

    cabinA.send({ type: 'signal', sessionId: 's1', payload: OFFER });
    await expect(doctor.next('signal')).resolves.toMatchObject({ payload: OFFER });
    expect(platform.stats()).toMatchObject({ cabinsConnected: 1, calls: 1 });
  });

  it('measurements taken during the call reach the practitioner live; the practitioner may ask for one', async () => {
    await start();
    const { cabinA, doctor } = await inCall();
    await doctor.value({ type: 'call.requestMeasurement', sessionId: 's1', kind: 'oxygenSaturation' });
    await expect(cabinA.next('call.measurementRequested')).resolves.toEqual({
      type: 'call.measurementRequested',
      sessionId: 's1',
      kind: 'oxygenSaturation',
    });
    await cabinA.value({
      type: 'session.item',
      sessionId: 's1',
      item: { kind: 'measurement', measurement: SPO2 },
    });
    await expect(doctor.next('call.item')).resolves.toEqual({
      type: 'call.item',
      sessionId: 's1',
      item: { kind: 'measurement', measurement: SPO2 },
    });
    await cabinA.value({ type: 'session.item', sessionId: 's1', item: { kind: 'dmpChoice', opposed: true } });
    await expect(doctor.next('call.item')).resolves.toMatchObject({
      item: { kind: 'dmpChoice', opposed: true },
    });
  });

  it('documents are pushed to the cabin, counted in pages and fetched back intact', async () => {
    await start();
    const { cabinA, doctor } = await inCall();
    const text = Array.from({ length: 51 }, (_, i) => `Ligne ${i + 1} — paracétamol 1 g`).join('\n');
    const pushed = (await doctor.value({
      type: 'document.push',
      sessionId: 's1',
      kind: 'prescription',
      title: 'Ordonnance',
      contentType: 'text/plain',
      base64: Buffer.from(text, 'utf8').toString('base64'),
    })) as { document: { id: string } };
    expect(pushed.document).toMatchObject({ kind: 'prescription', title: 'Ordonnance', pages: 2 });
    await expect(cabinA.next('call.documentPushed')).resolves.toEqual({
      type: 'call.documentPushed',
      sessionId: 's1',
      document: pushed.document,
    });
    const fetched = (await cabinA.value({
      type: 'document.fetch',
      sessionId: 's1',
      documentId: pushed.document.id,
    })) as {
      contentType: string;
      base64: string;
    };
    expect(fetched.contentType).toBe('text/plain');
    expect(Buffer.from(fetched.base64, 'base64').toString('utf8')).toBe(text);

    const pdf =
      '%PDF-1.4\n1 0 obj <</Type /Pages /Kids [2 0 R 3 0 R] /Count 2>> endobj\n2 0 obj <</Type /Page>> endobj\n3 0 obj <</Type/Page>> endobj\n%%EOF';
    await expect(
      doctor.value({
        type: 'document.push',
        sessionId: 's1',
        kind: 'sickLeave',
        title: 'Arrêt de travail',
        contentType: 'application/pdf',
        base64: Buffer.from(pdf).toString('base64'),
      }),
    ).resolves.toMatchObject({ document: { kind: 'sickLeave', pages: 2 } });
    await cabinA.next('call.documentPushed');

    const refusals: [Record<string, unknown>, string][] = [
      [
        { contentType: 'application/pdf', base64: Buffer.from('<html>not a pdf</html>').toString('base64') },
        'document.invalid',
      ],
      [
        { contentType: 'text/plain', base64: Buffer.from([0xc3, 0x28]).toString('base64') },
        'document.invalid',
      ],
      [
        { contentType: 'text/plain', base64: Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x41).toString('base64') },
        'document.tooLarge',
      ],
      [
        { contentType: 'application/pdf', base64: Buffer.from('%PDF-1.4\n%%EOF').toString('base64') },
        'document.empty',
      ],
      [{ contentType: 'text/plain', base64: Buffer.from(' \n\n ').toString('base64') }, 'document.empty'],
    ];
    for (const [fields, code] of refusals) {
      await expect(
        doctor.request({ type: 'document.push', sessionId: 's1', kind: 'other', title: 'Refusé', ...fields }),
      ).resolves.toMatchObject({ result: { ok: false, error: { code } } });
    }
    await expect(
      cabinA.request({ type: 'document.fetch', sessionId: 's1', documentId: 'unknown' }),
    ).resolves.toMatchObject({
      result: { ok: false, error: { code: 'document.missing' } },
    });
    await settled(cabinA);
    expect(cabinA.seen('call.documentPushed')).toHaveLength(2);
  });

  it('the practitioner ends the call: both are told, documents stay for printing until the cabin leaves', async () => {
    await start();
    const { cabinA, doctor } = await inCall();
    const pushed = (await doctor.value({
      type: 'document.push',
      sessionId: 's1',
      kind: 'report',
      title: 'Compte rendu',
      contentType: 'text/plain',
      base64: Buffer.from('Repos.').toString('base64'),
    })) as { document: { id: string } };
    await doctor.value({ type: 'call.end', sessionId: 's1' });
    await expect(cabinA.next('call.ended')).resolves.toEqual({
      type: 'call.ended',
      sessionId: 's1',
      reason: 'professionalEnded',
    });
    await expect(doctor.next('call.ended')).resolves.toMatchObject({ reason: 'professionalEnded' });
    await expect(
      doctor.request({ type: 'call.requestMeasurement', sessionId: 's1', kind: 'weight' }),
    ).resolves.toMatchObject({
      result: { ok: false, error: { code: 'call.ended' } },
    });
    expect(platform.stats()).toMatchObject({ calls: 0, sessionsHeld: 1 });
    await expect(
      cabinA.value({ type: 'document.fetch', sessionId: 's1', documentId: pushed.document.id }),
    ).resolves.toMatchObject({
      contentType: 'text/plain',
    });
    await cabinA.value({ type: 'call.leave', sessionId: 's1' });
    expect(platform.stats()).toMatchObject({ sessionsHeld: 0 });
    await expect(
      cabinA.request({ type: 'document.fetch', sessionId: 's1', documentId: pushed.document.id }),
    ).resolves.toMatchObject({
      result: { ok: false, error: { code: 'session.unknown' } },
    });
  });

  it('the patient leaves: the practitioner is told and the platform forgets the session', async () => {
    await start();
    const { cabinA, doctor } = await inCall();
    await cabinA.value({
      type: 'session.item',
      sessionId: 's1',
      item: { kind: 'measurement', measurement: SPO2 },
    });
    expect(platform.stats()).toMatchObject({ calls: 1, sessionsHeld: 1 });
    await cabinA.value({ type: 'call.leave', sessionId: 's1' });
    await expect(doctor.next('call.ended')).resolves.toEqual({
      type: 'call.ended',
      sessionId: 's1',
      reason: 'patientLeft',
    });
    expect(platform.stats()).toMatchObject({ calls: 0, sessionsHeld: 0, queued: 0 });
    await expect(cabinA.value({ type: 'session.resume', sessionId: 's1' })).resolves.toEqual({
      stage: 'ended',
    });
    await expect(
      cabinA.request({ type: 'session.item', sessionId: 's1', item: { kind: 'dmpChoice', opposed: false } }),
    ).resolves.toMatchObject({
      result: { ok: false, error: { code: 'session.unknown' } },
    });
  });

  it('a session is forgotten after its time to live even if the cabin never says goodbye', async () => {
    await start({ sessionTtlMs: 2 * 3_600_000 });
    const { doctor } = await inCall();
    await clock.advance(2 * 3_600_000 - 1);
    await settled(doctor);
    expect(doctor.seen('call.ended')).toEqual([]);
    await clock.advance(1);
    await expect(doctor.next('call.ended')).resolves.toMatchObject({ reason: 'connectionLost' });
    expect(platform.stats()).toMatchObject({ calls: 0, sessionsHeld: 0 });
  });
});

describe('reconnection', () => {
  it('a cabin that drops and resumes within the grace period finds its call; the practitioner sees it go and come back', async () => {
    await start({ resumeGraceMs: 10_000 });
    const { cabinA, doctor } = await inCall();
    cabinA.drop();
    await expect(doctor.next('call.peerPresence')).resolves.toEqual({
      type: 'call.peerPresence',
      sessionId: 's1',
      present: false,
    });
    // While the cabin is away the doctor asks for a measurement: it waits for the cabin.
    await doctor.value({ type: 'call.requestMeasurement', sessionId: 's1', kind: 'temperature' });
    const back = await cabin('a');
    await expect(back.value({ type: 'session.resume', sessionId: 's1' })).resolves.toEqual({ stage: 'call' });
    await expect(doctor.next('call.peerPresence')).resolves.toMatchObject({ present: true });
    await expect(back.next('call.measurementRequested')).resolves.toMatchObject({ kind: 'temperature' });
    back.send({ type: 'signal', sessionId: 's1', payload: OFFER });
    await expect(doctor.next('signal')).resolves.toMatchObject({ payload: OFFER });
    expect(doctor.seen('call.ended')).toEqual([]);
  });

  it('a waiting patient keeps their place across a short drop, and learns it again on resuming', async () => {
    await start({ resumeGraceMs: 10_000 });
    const first = await cabin('a');
    await enqueue(first, 'a1');
    first.drop();
    await first.closed;
    const back = await cabin('a');
    await expect(back.value({ type: 'session.resume', sessionId: 'a1' })).resolves.toEqual({
      stage: 'queue',
    });
    await expect(back.next('queue.updated')).resolves.toMatchObject({
      sessionId: 'a1',
      position: 1,
      estimatedWaitMinutes: null,
      professionalsOnline: 0,
    });
  });

  it('when the cabin does not come back in time, the call ends for the practitioner and the session is dropped', async () => {
    await start({ resumeGraceMs: 60_000 });
    const { cabinA, doctor } = await inCall();
    await awayPastTheGrace(cabinA, doctor, { calls: 1, sessionsHeld: 1 });
    expect(platform.stats()).toMatchObject({ calls: 0, sessionsHeld: 0, cabinsConnected: 0 });
    const late = await cabin('a');
    await expect(late.value({ type: 'session.resume', sessionId: 's1' })).resolves.toEqual({
      stage: 'ended',
    });
  });

  it('a practitioner who drops and says hello again gets the call back; the cabin sees them go and come back', async () => {
    await start({ resumeGraceMs: 10_000 });
    const { cabinA, doctor } = await inCall();
    await cabinA.value({
      type: 'session.item',
      sessionId: 's1',
      item: { kind: 'measurement', measurement: SPO2 },
    });
    doctor.drop();
    await expect(cabinA.next('call.peerPresence')).resolves.toEqual({
      type: 'call.peerPresence',
      sessionId: 's1',
      present: false,
    });
    const back = await practitioner();
    await expect(back.next('call.started')).resolves.toEqual({
      type: 'call.started',
      sessionId: 's1',
      patient: PATIENT,
      visit: VISIT,
      billing: BILLING,
      consent: null,
      measurements: [TEMPERATURE, SPO2],
    });
    await expect(back.next('call.patientJoined')).resolves.toMatchObject({ sessionId: 's1' });
    await expect(cabinA.next('call.peerPresence')).resolves.toMatchObject({ present: true });
    back.send({ type: 'signal', sessionId: 's1', payload: CANDIDATE });
    await expect(cabinA.next('signal')).resolves.toMatchObject({ payload: CANDIDATE });
    await back.value({ type: 'call.end', sessionId: 's1' });
    await expect(cabinA.next('call.ended')).resolves.toMatchObject({ reason: 'professionalEnded' });
  });

  it('a console reloaded in the call says hello again with its token and gets back all it showed', async () => {
    await start({ resumeGraceMs: 60_000 });
    const cabinA = await cabin('a');
    const token = await tokenFor(platform.url, DOCTOR.login, DOCTOR.password);
    const first = await TestPeer.practitioner(platform.url, token);
    peers.push(first);
    await enqueue(cabinA, 's1');
    await first.value({ type: 'call.accept', sessionId: 's1' });
    await cabinA.value({ type: 'call.join', sessionId: 's1' });
    await cabinA.value({
      type: 'session.item',
      sessionId: 's1',
      item: { kind: 'mediaCheck', result: 'passed' },
    });
    await first.next('call.item');
    // The page reloads: its socket goes, and the new page says hello with the token it kept.
    first.close();
    await expect(cabinA.next('call.peerPresence')).resolves.toMatchObject({ present: false });
    await clock.advance(59_000);
    const reloaded = await TestPeer.practitioner(platform.url, token);
    peers.push(reloaded);
    await expect(reloaded.next('call.started')).resolves.toEqual({
      type: 'call.started',
      sessionId: 's1',
      patient: PATIENT,
      visit: VISIT,
      billing: BILLING,
      consent: null,
      measurements: [TEMPERATURE],
    });
    await expect(reloaded.next('call.item')).resolves.toMatchObject({
      item: { kind: 'mediaCheck', result: 'passed' },
    });
    await expect(reloaded.next('call.patientJoined')).resolves.toMatchObject({ sessionId: 's1' });
    await expect(cabinA.next('call.peerPresence')).resolves.toMatchObject({ present: true });
    // Taking the call again answers its media, and the grace no longer runs.
    await expect(reloaded.value({ type: 'call.accept', sessionId: 's1' })).resolves.toMatchObject({
      mode: 'direct',
    });
    await clock.advance(60_000);
    expect(platform.stats()).toMatchObject({ calls: 1 });
  });

  it('when the practitioner does not come back in time, the call ends for the cabin', async () => {
    await start({ resumeGraceMs: 60_000 });
    const { cabinA, doctor } = await inCall();
    await awayPastTheGrace(doctor, cabinA, { calls: 1 });
    expect(platform.stats()).toMatchObject({ calls: 0 });
    // Back later, the practitioner learns how the call ended and does not get it again.
    const back = await practitioner();
    await expect(back.next('call.ended')).resolves.toMatchObject({
      sessionId: 's1',
      reason: 'connectionLost',
    });
    await settled(back);
    expect(back.seen('call.started')).toEqual([]);
  });
});

describe('the console files', () => {
  let directory: string;

  async function withConsole(): Promise<void> {
    directory = await mkdtemp(join(tmpdir(), 'platform-console-'));
    await mkdir(join(directory, 'console', 'assets'), { recursive: true });
    await writeFile(join(directory, 'console', 'index.html'), '<!doctype html><title>Console</title>');
    await writeFile(join(directory, 'console', 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(directory, 'console', 'assets', 'app.css'), 'body{}');
    await writeFile(join(directory, 'secret.txt'), 'outside');
    await start({ consoleDirectory: join(directory, 'console') });
  }

  /** A raw GET with the path exactly as written (fetch would normalise the dots away). */
  function rawGet(path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        { host: '127.0.0.1', port: platform.port, path, method: 'GET' },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString(),
            }),
          );
        },
      );
      request.on('error', reject);
      request.end();
    });
  }

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('serves the console with its content types and a strict security policy', async () => {
    await withConsole();
    const root = await rawGet('/');
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/console/');
    const page = await rawGet('/console/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Console</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'self'; connect-src 'self' ws: wss:; media-src blob: mediastream:; img-src 'self' data: blob:; style-src 'self'; object-src 'none'; frame-ancestors 'none'",
    );
    expect((await rawGet('/console/assets/app.js')).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await rawGet('/console/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await rawGet('/console/missing.js')).status).toBe(404);
    expect((await rawGet('/elsewhere')).status).toBe(404);
  });

  it('never serves a file outside the console directory', async () => {
    await withConsole();
    for (const path of [
      '/console/../secret.txt',
      '/console/%2e%2e/secret.txt',
      '/console/..%2fsecret.txt',
      '/console/assets/..%2f..%2fsecret.txt',
      '/console/%2e%2e%5csecret.txt',
      '/console//etc/passwd',
      '/console/assets/',
      '/console/%00',
    ]) {
      const answer = await rawGet(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body).not.toContain('outside');
    }
  });

  it('serves no console when it has none', async () => {
    directory = await mkdtemp(join(tmpdir(), 'platform-console-'));
    await start({ consoleDirectory: null });
    expect((await rawGet('/console/')).status).toBe(404);
  });
});
