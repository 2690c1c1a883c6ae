// The cabin's platform link against the real reference platform over real WebSockets, with a TCP relay
// in between that the tests cut like a dropping network. A bare protocol client plays the doctor.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallFact, QueueFact } from '../../../main/platform-client/platform-link';
import { PlatformSocketLink } from '../../../main/platform-client/platform-socket-link';
import { startPlatform, type RunningPlatform } from '../../../platform/server/platform-server';
import { TEST_DOCTOR as DOCTOR, TEST_PATIENT as PATIENT } from '../../support/platform-fixtures';
import { DISCARDING_LOG } from '../../support/simulated-cabin';
import { TestPeer, tokenFor } from '../../../platform/server/test-support/test-peer';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy';

/** Resolves when `predicate` holds for one of the facts recorded so far or to come. */
function waitFor<T>(facts: T[], predicate: (fact: T) => boolean, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const look = (): void => {
      const found = facts.find(predicate);
      if (found !== undefined) return resolve(found);
      if (Date.now() > deadline) return reject(new Error(`not seen within ${timeoutMs} ms`));
      setTimeout(look, 10);
    };
    look();
  });
}

describe('the cabin and the reference platform', () => {
  let platform: RunningPlatform;
  let proxy: TcpProxy;
  let link: PlatformSocketLink;
  let doctor: TestPeer;

  beforeEach(async () => {
    platform = await startPlatform({
      port: 0,
      cabins: [{ cabinId: 'cabin-a', credential: 'secret-a' }],
      practitioners: [DOCTOR],
      appointments: [{ code: '123456', profession: 'doctor' }],
      consoleDirectory: null,
      resumeGraceMs: 10_000,
      heartbeatMs: 200,
    });
    proxy = await startTcpProxy(platform.port);
    link = new PlatformSocketLink({
      url: `http://127.0.0.1:${proxy.port}`,
      cabinId: 'cabin-a',
      credential: 'secret-a',
      log: DISCARDING_LOG,
      reconnectMs: { first: 50, max: 200 },
      heartbeatMs: 200,
    });
    doctor = await TestPeer.practitioner(
      platform.url,
      await tokenFor(platform.url, DOCTOR.login, DOCTOR.password),
    );
  });

  afterEach(async () => {
    expect(doctor.violations).toEqual([]);
    link.close();
    doctor.close();
    await proxy.close();
    await platform.stop();
  });

  /** Queue, acceptance by the doctor, and the call joined; answers the call's facts. */
  async function reachCall(sessionId: string): Promise<CallFact[]> {
    const queue: QueueFact[] = [];
    link.joinQueue(
      { sessionId, profession: 'doctor', appointmentCode: null, identity: PATIENT, measurements: [] },
      (fact) => queue.push(fact),
    );
    await waitFor(queue, (fact) => fact.type === 'updated');
    const accepted = await doctor.request({ type: 'call.accept', sessionId });
    expect(accepted).toMatchObject({ type: 'reply', result: { ok: true } });
    await expect(waitFor(queue, (fact) => fact.type === 'assigned')).resolves.toMatchObject({
      professional: { name: 'Claire Fontaine', rpps: '10000000000' },
    });
    const call: CallFact[] = [];
    link.joinCall(sessionId, (fact) => call.push(fact));
    await waitFor(call, (fact) => fact.type === 'joined');
    return call;
  }

  it('is authenticated, resolves an appointment code and refuses an unknown one', async () => {
    await expect(link.check()).resolves.toBe('ok');
    await expect(link.lookUpAppointment('123 456')).resolves.toEqual({
      ok: true,
      value: { profession: 'doctor' },
    });
    await expect(link.lookUpAppointment('999999')).resolves.toMatchObject({
      ok: false,
      error: { code: 'appointment.unknownCode' },
    });
  });

  it('a wrong credential never gets in: the link reports the platform as faulty', async () => {
    const intruder = new PlatformSocketLink({
      url: platform.url,
      cabinId: 'cabin-a',
      credential: 'guess',
      log: DISCARDING_LOG,
      reconnectMs: { first: 50, max: 200 },
    });
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
      presence: 'relative',
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
    await waitFor(call, (fact) => fact.type === 'measurementRequested' && fact.kind === 'bloodPressure');

    const text = 'Paracétamol 1 g, 3 fois par jour.';
    await doctor.request({
      type: 'document.push',
      sessionId: 'session-1',
      kind: 'prescription',
      title: 'Ordonnance',
      contentType: 'text/plain',
      base64: Buffer.from(text).toString('base64'),
    });
    const received = await waitFor(call, (fact) => fact.type === 'documentReceived');
    if (received.type !== 'documentReceived') throw new Error('unreachable');
    const content = await link.fetchDocument('session-1', received.document.id);
    expect(content.ok && new TextDecoder().decode(content.value.content)).toBe(text);
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
    await expect(waitFor(call, (fact) => fact.type === 'signal')).resolves.toMatchObject({ payload: answer });
    await expect(waitFor(call, (fact) => fact.type === 'receptionChanged')).resolves.toMatchObject({
      reception: { audio: true, video: true },
    });
  });

  it('the network drops mid-call: reconnecting, then the same call resumes and keeps working', async () => {
    const call = await reachCall('session-3');
    proxy.cut();
    await waitFor(call, (fact) => fact.type === 'reconnecting');
    await doctor.next('call.peerPresence', { present: false });
    proxy.restore();
    await waitFor(call, (fact) => fact.type === 'resumed');
    await doctor.next('call.peerPresence', { present: true });
    // The call is the same: the doctor's request still reaches this cabin.
    await doctor.request({ type: 'call.requestMeasurement', sessionId: 'session-3', kind: 'weight' });
    await waitFor(call, (fact) => fact.type === 'measurementRequested' && fact.kind === 'weight');
  });

  it('a network that dies without closing anything is noticed by both sides, and the call resumes', async () => {
    const call = await reachCall('session-5');
    proxy.stall();
    await waitFor(call, (fact) => fact.type === 'reconnecting');
    await doctor.next('call.peerPresence', { present: false });
    proxy.restore();
    await waitFor(call, (fact) => fact.type === 'resumed');
    await doctor.next('call.peerPresence', { present: true });
  });

  it('the doctor ends the call: the cabin is told; leaving the session drops it on the platform', async () => {
    const call = await reachCall('session-4');
    await doctor.request({ type: 'call.end', sessionId: 'session-4' });
    await waitFor(call, (fact) => fact.type === 'ended');
    link.forgetSession('session-4');
    await expect.poll(() => platform.stats().sessionsHeld, { timeout: 5_000 }).toBe(0);
  });
});
