// The cabin's platform link against the real reference platform over real WebSockets, with a TCP relay
// in between that the tests cut like a dropping network. A bare protocol client plays the doctor. The
// link and the platform share one manual clock: a reconnection's backoff and the heartbeats that notice
// a silent network run when a test moves it, never by waiting.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallFact, CarePathAnswers, QueueEvent } from '../../../contract';
import { CONNECT_WAIT_MS, type PlatformSocketLink } from '../../../main/platform-client/platform-socket-link';
import type { RunningPlatform } from '../../../platform/server/platform-server';
import type { TestPeer } from '../../../platform/server/test-support/test-peer';
import { costFor, DEFAULT_TARIFFS } from '../../../state-machines/cost';
import { ManualClock } from '../../support/manual-clock';
import {
  connectTestDoctor,
  doctorQueueEntry,
  FactLog,
  startTestPlatform,
  TEST_PATIENT,
  testCabinLink,
} from '../../support/platform-fixtures';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy';

/** The heartbeat of both sides. */
const HEARTBEAT_MS = 10_000;
/** The link's first wait before reconnecting. */
const FIRST_RECONNECT_MS = 250;

describe('the cabin and the reference platform', () => {
  let clock: ManualClock;
  let platform: RunningPlatform;
  let proxy: TcpProxy;
  let link: PlatformSocketLink;
  let doctor: TestPeer;

  beforeEach(async () => {
    clock = new ManualClock(1_000_000);
    platform = await startTestPlatform({
      appointments: [
        { code: '123456', profession: 'doctor' },
        { code: '135790', profession: 'doctor', specialty: 'ophthalmology' },
      ],
      resumeGraceMs: 60_000,
      heartbeatMs: HEARTBEAT_MS,
      clock,
    });
    proxy = await startTcpProxy(platform.port);
    link = testCabinLink(`http://127.0.0.1:${proxy.port}`, clock, {
      reconnectMs: { first: FIRST_RECONNECT_MS, max: 5_000 },
      heartbeatMs: HEARTBEAT_MS,
    });
    doctor = await connectTestDoctor(platform);
  });

  afterEach(async () => {
    expect(doctor.violations).toEqual([]);
    link.close();
    doctor.close();
    await proxy.close();
    await platform.stop();
  });

  /** Queue, acceptance by the doctor, and the call joined; answers the call's facts. */
  async function reachCall(sessionId: string): Promise<FactLog<CallFact>> {
    const queue = new FactLog<QueueEvent>();
    link.joinQueue(doctorQueueEntry(sessionId), queue.report);
    await queue.next('queue.updated');
    // The platform reads the link's messages in order: once this is answered, it holds what was given early.
    await link.lookUpAppointment('123456');
    const accepted = await doctor.request({ type: 'call.accept', sessionId });
    expect(accepted).toMatchObject({ type: 'reply', result: { ok: true } });
    await expect(queue.next('queue.assigned')).resolves.toMatchObject({
      professional: { name: 'Claire Fontaine', rpps: '10000000000' },
    });
    const call = new FactLog<CallFact>();
    link.joinCall(sessionId, call.report);
    await call.next('call.joined');
    return call;
  }

  /**
   * One heartbeat on the shared clock. The doctor, connected directly, answers the platform's ping
   * meanwhile: its pong is sent before it reads the reply to a first request, so the platform has read
   * the pong before it answers a second one.
   */
  async function heartbeat(): Promise<void> {
    await clock.advance(HEARTBEAT_MS);
    for (let trip = 0; trip < 2; trip += 1) await doctor.request({ type: 'call.end', sessionId: 'none' });
  }

  it('is authenticated, resolves an appointment code and refuses an unknown one', async () => {
    await expect(link.check()).resolves.toBe('ok');
    await expect(link.lookUpAppointment('123 456')).resolves.toEqual({
      ok: true,
      value: { profession: 'doctor', specialty: null },
    });
    await expect(link.lookUpAppointment('135790')).resolves.toEqual({
      ok: true,
      value: { profession: 'doctor', specialty: 'ophthalmology' },
    });
    await expect(link.lookUpAppointment('999999')).resolves.toMatchObject({
      ok: false,
      error: { code: 'appointment.unknownCode' },
    });
  });

  it('tells how many professionals of a kind are online: the doctor connected, no dentist', async () => {
    await expect(link.lookUpPresence('doctor')).resolves.toEqual({
      ok: true,
      value: { professionalsOnline: 1 },
    });
    await expect(link.lookUpPresence('dentist')).resolves.toEqual({
      ok: true,
      value: { professionalsOnline: 0 },
    });
  });

  it('a wrong credential never gets in: the link reports the platform as faulty', async () => {
    const intruder = testCabinLink(platform.url, clock, { credential: 'guess' });
    try {
      await expect(intruder.check()).resolves.toBe('faulty');
      await expect(intruder.lookUpAppointment('123456')).resolves.toMatchObject({ ok: false });
    } finally {
      intruder.close();
    }
  });

  it('the consent given before the waiting room reaches the doctor with the call', async () => {
    const consent = {
      sessionId: 'session-0',
      textVersion: 'fr-2026-11-v1',
      presence: 'relative' as const,
      attendantStays: true,
    };
    await expect(
      link.deliver({ sessionId: 'session-0', kind: 'consent', payload: { ...consent, consentedAt: 1_000 } }),
    ).resolves.toEqual({
      ok: true,
      value: undefined,
    });
    await reachCall('session-0');
    await expect(doctor.next('call.started')).resolves.toMatchObject({
      consent: { presence: 'relative', attendantStays: true, textVersion: 'fr-2026-11-v1', at: 1_000 },
    });
  });

  it('the doctor who takes the patient learns the typed identity, the billing block, the language, the cover and the camera check', async () => {
    // Referred by nobody, no exemption: a doctor's téléconsultation outside the parcours, not reimbursed.
    const carePath: CarePathAnswers = {
      hasRegularDoctor: 'yes',
      referredByRegularDoctor: 'no',
      regularDoctorUnavailable: 'no',
      exemptedSituation: 'no',
      longTermCondition: 'no',
      pregnantSixthMonth: 'no',
      solidarityCover: 'no',
    };
    const cost = costFor(DEFAULT_TARIFFS, 'doctor', 'adult', carePath);
    const queue = new FactLog<QueueEvent>();
    link.joinQueue({ ...doctorQueueEntry('session-3'), locale: 'en', carePath, cost }, queue.report);
    await queue.next('queue.updated');
    await expect(
      link.deliver({
        sessionId: 'session-3',
        kind: 'media.check',
        payload: { sessionId: 'session-3', result: 'passed' },
      }),
    ).resolves.toEqual({ ok: true, value: undefined });
    await doctor.value({ type: 'call.accept', sessionId: 'session-3' });
    await expect(doctor.next('call.started')).resolves.toMatchObject({
      patient: { surname: TEST_PATIENT.surname, source: 'manual' },
      // Typed without a NIR: the doctor bills in SESAM sans Vitale, with the birth date since the cabin
      // cannot say whether the patient is the insured person; outside the parcours de soins.
      billing: {
        surname: TEST_PATIENT.surname,
        firstName: TEST_PATIENT.firstName,
        nir: null,
        nirStatus: 'missing',
        insured: 'notSaid',
        birthDate: TEST_PATIENT.birthDate,
        source: 'manual',
        cover: {
          carePath: 'outside',
          longTermCondition: 'no',
          maternity: 'no',
          solidarityCover: 'no',
          minor: false,
        },
      },
      visit: {
        locale: 'en',
        cover: {
          answers: [
            { question: 'hasRegularDoctor', answer: 'yes' },
            { question: 'referredByRegularDoctor', answer: 'no' },
            { question: 'regularDoctorUnavailable', answer: 'no' },
            { question: 'exemptedSituation', answer: 'no' },
            { question: 'longTermCondition', answer: 'no' },
            { question: 'pregnantSixthMonth', answer: 'no' },
            { question: 'solidarityCover', answer: 'no' },
          ],
          feeCents: 2500,
          reimbursedPercent: 0,
          amountDueCents: 2500,
        },
      },
    });
    await expect(doctor.next('call.item')).resolves.toMatchObject({
      item: { kind: 'mediaCheck', result: 'passed' },
    });
  });

  it('the doctor sees the measurement live, asks for another, and the document reaches the cabin', async () => {
    const call = await reachCall('session-1');
    const delivered = await link.deliver({
      sessionId: 'session-1',
      kind: 'measurement',
      payload: {
        kind: 'temperature',
        quantities: [{ name: 'temperature', value: 38.4, unit: '°C' }],
        takenAt: 1,
      },
    });
    expect(delivered).toEqual({ ok: true, value: undefined });
    await expect(doctor.next('call.item')).resolves.toMatchObject({
      item: { kind: 'measurement', measurement: { quantities: [{ value: 38.4 }] } },
    });

    await doctor.request({ type: 'call.requestMeasurement', sessionId: 'session-1', kind: 'bloodPressure' });
    await call.next('call.measurementRequested', (fact) => fact.kind === 'bloodPressure');

    const text = 'Paracétamol 1 g, 3 fois par jour.';
    await doctor.request({
      type: 'document.push',
      sessionId: 'session-1',
      kind: 'prescription',
      title: 'Ordonnance',
      contentType: 'text/plain',
      base64: Buffer.from(text).toString('base64'),
    });
    const received = await call.next('call.documentReceived');
    const content = await link.fetchDocument('session-1', received.document.id);
    expect(content.ok && new TextDecoder().decode(content.value.content)).toBe(text);
  });

  it('the doctor asks for an instrument and ends it; where it stands reaches the doctor', async () => {
    const call = await reachCall('session-6');
    await doctor.request({ type: 'call.requestInstrument', sessionId: 'session-6', kind: 'stethoscope' });
    await call.next('call.instrumentRequested', (fact) => fact.kind === 'stethoscope');
    const on = { kind: 'stethoscope', state: 'on', mediaTag: '3' } as const;
    await expect(link.sendInstrumentUse('session-6', on)).resolves.toEqual({ ok: true, value: undefined });
    await expect(doctor.next('call.instrument')).resolves.toMatchObject({ sessionId: 'session-6', use: on });
    await doctor.request({ type: 'call.endInstrument', sessionId: 'session-6' });
    await call.next('call.instrumentEnded');
  });

  it('the queue entry names the instruments the cabin found, and the doctor sees them', async () => {
    const queue = new FactLog<QueueEvent>();
    link.joinQueue({ ...doctorQueueEntry('session-7'), instruments: ['otoscope'] }, queue.report);
    await queue.next('queue.updated');
    await doctor.request({ type: 'call.accept', sessionId: 'session-7' });
    await expect(doctor.next('call.started', { sessionId: 'session-7' })).resolves.toMatchObject({
      visit: { instruments: ['otoscope'] },
    });
  });

  it("signaling goes to the doctor and back; the doctor's reception reaches the cabin", async () => {
    const call = await reachCall('session-2');
    const offer = { kind: 'description', description: { type: 'offer', sdp: 'v=0 offer' } } as const;
    await expect(link.relayMedia('session-2', { kind: 'signal', payload: offer })).resolves.toMatchObject({
      ok: true,
    });
    await expect(doctor.next('signal')).resolves.toMatchObject({
      payload: offer,
    });
    const answer = { kind: 'description', description: { type: 'answer', sdp: 'v=0 answer' } };
    doctor.send({ type: 'signal', sessionId: 'session-2', payload: answer });
    doctor.send({ type: 'media.reception', sessionId: 'session-2', reception: { audio: true, video: true } });
    await expect(call.next('media.signal')).resolves.toMatchObject({ payload: answer });
    await expect(call.next('call.receptionChanged')).resolves.toMatchObject({
      reception: { audio: true, video: true },
    });
  });

  it('the network drops mid-call: reconnecting, then the same call resumes and keeps working', async () => {
    const call = await reachCall('session-3');
    proxy.cut();
    await call.next('call.reconnecting');
    await doctor.next('call.peerPresence', { present: false });
    // The link tries again after its first backoff, not before.
    proxy.restore();
    await clock.advance(FIRST_RECONNECT_MS - 1);
    expect(call.facts.map((fact) => fact.type)).not.toContain('call.resumed');
    await clock.advance(1);
    await call.next('call.resumed');
    await doctor.next('call.peerPresence', { present: true });
    // The call is the same: the doctor's request still reaches this cabin.
    await doctor.request({ type: 'call.requestMeasurement', sessionId: 'session-3', kind: 'weight' });
    await call.next('call.measurementRequested', (fact) => fact.kind === 'weight');
  });

  it('a network that dies without closing anything is noticed by both sides, and the call resumes', async () => {
    const call = await reachCall('session-5');
    proxy.stall();
    // The first heartbeat's pings get no answer; at the second, each side drops the silent connection.
    await heartbeat();
    expect(call.facts.map((fact) => fact.type)).not.toContain('call.reconnecting');
    await heartbeat();
    await call.next('call.reconnecting');
    await doctor.next('call.peerPresence', { present: false });
    proxy.restore();
    await clock.advance(FIRST_RECONNECT_MS);
    await call.next('call.resumed');
    await doctor.next('call.peerPresence', { present: true });
  });

  it('the doctor ends the call: the cabin is told; leaving the session drops it on the platform', async () => {
    const call = await reachCall('session-4');
    await doctor.request({ type: 'call.end', sessionId: 'session-4' });
    await call.next('call.ended');
    expect(platform.stats().sessionsHeld).toBe(1);
    link.forgetSession('session-4');
    // The platform reads the cabin's messages in order: once this one is answered, the leave was handled.
    await link.lookUpAppointment('123456');
    expect(platform.stats().sessionsHeld).toBe(0);
  });

  it('a help call in the call reaches the support and the doctor; the doctor’s answer comes back to the cabin', async () => {
    await reachCall('session-help');
    const answers: string[] = [];
    const told = await link.reportHelp('session-help', 'requested', (by) => answers.push(by));
    expect(told).toEqual({ ok: true, value: { told: ['support', 'professional'] } });
    await doctor.next('call.helpChanged', { sessionId: 'session-help', active: true });
    await doctor.request({ type: 'help.answer', sessionId: 'session-help' });
    await expect.poll(() => answers).toEqual(['professional']);
  });

  it('a help call while the platform is unreachable says so, and the cabin goes on', async () => {
    proxy.cut();
    let told: unknown = null;
    void link.reportHelp('session-alone', 'requested', () => undefined).then((result) => (told = result));
    // The link waits a moment for a connection to come back before it says the platform is unreachable.
    await expect
      .poll(async () => {
        await clock.advance(CONNECT_WAIT_MS / 3);
        return told;
      })
      .toMatchObject({ ok: false, error: { code: expect.stringMatching(/^platform\./) as unknown } });
  });
});
