// A whole SFU call through the real platform: the cabin and the practitioner each drive a real
// mediasoup-client Device with its FakeHandler (no browser, no media), and the platform routes their
// `sfu.request` messages to a FakeSfuBackend room that answers mediasoup's parameter shapes.
import { FakeMediaStreamTrack } from 'fake-mediastreamtrack';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSfuBackend } from './test-support/fake-sfu';
import type { RunningPlatform } from './platform-server';
import { TestPeer } from './test-support/test-peer';
import { SfuSide } from './test-support/test-sfu-side';
import {
  connectTestDoctor,
  queueJoin,
  startTestPlatform,
  TEST_CABIN,
} from '../../test/support/platform-fixtures';

let platform: RunningPlatform;
const peers: TestPeer[] = [];

afterEach(async () => {
  for (const peer of peers) expect(peer.violations).toEqual([]);
  for (const peer of peers.splice(0)) peer.close();
  await platform.stop();
});

async function callWithSfu(sfu: FakeSfuBackend | null): Promise<{ cabin: TestPeer; doctor: TestPeer }> {
  platform = await startTestPlatform({ sfu });
  const cabin = await TestPeer.cabin(platform.url, TEST_CABIN.cabinId, TEST_CABIN.credential);
  const doctor = await connectTestDoctor(platform);
  peers.push(cabin, doctor);
  await cabin.value(queueJoin('s1'));
  await expect(doctor.value({ type: 'call.accept', sessionId: 's1' })).resolves.toEqual({
    mode: sfu === null ? 'direct' : 'sfu',
    iceServers: [],
  });
  await cabin.next('queue.assigned');
  await expect(cabin.value({ type: 'call.join', sessionId: 's1' })).resolves.toMatchObject({
    mode: sfu === null ? 'direct' : 'sfu',
  });
  return { cabin, doctor };
}

describe('a call through the SFU', () => {
  it('the cabin publishes, the practitioner is told and consumes; then the other way round', async () => {
    const sfu = new FakeSfuBackend();
    const { cabin, doctor } = await callWithSfu(sfu);
    const cabinSide = new SfuSide(cabin, 's1');
    const doctorSide = new SfuSide(doctor, 's1');

    // The cabin loads the router's capabilities, opens a send transport and publishes its microphone and camera.
    await cabinSide.load();
    expect(cabinSide.device.canProduce('audio')).toBe(true);
    expect(cabinSide.device.canProduce('video')).toBe(true);
    const send = await cabinSide.openSend();
    const microphone = await send.produce({ track: new FakeMediaStreamTrack({ kind: 'audio' }) });
    const camera = await send.produce({ track: new FakeMediaStreamTrack({ kind: 'video' }) });
    expect(microphone.id).not.toBe(camera.id);
    await doctor.next('sfu.producerAdded', { sessionId: 's1' });
    await doctor.next('sfu.producerAdded', { sessionId: 's1' });

    // The practitioner consumes both, paused until resumed.
    await doctorSide.load();
    await doctorSide.openRecv();
    const received = await doctorSide.consume();
    expect(received.kinds.sort()).toEqual(['audio', 'video']);
    const room = sfu.rooms.get('s1');
    for (const consumerId of received.consumerIds)
      expect(room?.isPaused('practitioner', consumerId)).toBe(false);
    // Asking again consumes nothing twice.
    await expect(doctorSide.consume()).resolves.toEqual({ kinds: [], consumerIds: [], appData: [] });

    // The practitioner publishes the camera; the cabin is told and consumes it.
    const doctorSend = await doctorSide.openSend();
    await doctorSend.produce({ track: new FakeMediaStreamTrack({ kind: 'video' }) });
    await cabin.next('sfu.producerAdded', { sessionId: 's1' });
    await cabinSide.openRecv();
    await expect(cabinSide.consume()).resolves.toMatchObject({ kinds: ['video'] });

    // A request the room cannot honour is a failure value; the call goes on.
    await expect(
      cabin.request({
        type: 'sfu.request',
        sessionId: 's1',
        method: 'produce',
        data: { transportId: 'nope', kind: 'audio', rtpParameters: {} },
      }),
    ).resolves.toMatchObject({ result: { ok: false, error: { code: 'sfu.invalidRequest' } } });
    expect(room?.requests.filter((request) => !request.ok)).toHaveLength(1);

    await doctor.value({ type: 'call.end', sessionId: 's1' });
    await cabin.next('call.ended');
    expect(room?.closed).toBe(true);
    await expect(
      cabin.request({ type: 'sfu.request', sessionId: 's1', method: 'getRouterRtpCapabilities', data: {} }),
    ).resolves.toMatchObject({
      result: { ok: false, error: { code: 'call.ended' } },
    });
  });

  it('a practitioner coming back is told that the cabin already publishes', async () => {
    const sfu = new FakeSfuBackend();
    const { cabin, doctor } = await callWithSfu(sfu);
    const cabinSide = new SfuSide(cabin, 's1');
    await cabinSide.load();
    await (await cabinSide.openSend()).produce({ track: new FakeMediaStreamTrack({ kind: 'audio' }) });
    await doctor.next('sfu.producerAdded');
    doctor.drop();
    await cabin.next('call.peerPresence', { present: false });
    const back = await connectTestDoctor(platform);
    peers.push(back);
    await back.next('call.started');
    await back.next('sfu.producerAdded', { sessionId: 's1' });
    const backSide = new SfuSide(back, 's1');
    await backSide.load();
    await backSide.openRecv();
    await expect(backSide.consume()).resolves.toMatchObject({ kinds: ['audio'] });
  });

  it('an instrument’s producer reaches the practitioner named by its appData; closed, another takes its place', async () => {
    const sfu = new FakeSfuBackend();
    const { cabin, doctor } = await callWithSfu(sfu);
    const cabinSide = new SfuSide(cabin, 's1');
    await cabinSide.load();
    const send = await cabinSide.openSend();
    await send.produce({ track: new FakeMediaStreamTrack({ kind: 'video' }) });
    const otoscope = await send.produce({
      track: new FakeMediaStreamTrack({ kind: 'video' }),
      appData: { instrument: 'otoscope' },
    });
    const doctorSide = new SfuSide(doctor, 's1');
    await doctorSide.load();
    await doctorSide.openRecv();
    await expect(doctorSide.consume()).resolves.toMatchObject({
      appData: [{}, { instrument: 'otoscope' }],
    });
    await cabinSide.call('closeProducer', { producerId: otoscope.id });
    otoscope.close();
    await send.produce({
      track: new FakeMediaStreamTrack({ kind: 'audio' }),
      appData: { instrument: 'stethoscope' },
    });
    await expect(doctorSide.consume()).resolves.toMatchObject({
      kinds: ['audio'],
      appData: [{ instrument: 'stethoscope' }],
    });
  });

  it('in direct mode an SFU request is answered sfu.unavailable', async () => {
    const { cabin } = await callWithSfu(null);
    await expect(
      cabin.request({ type: 'sfu.request', sessionId: 's1', method: 'getRouterRtpCapabilities', data: {} }),
    ).resolves.toMatchObject({ result: { ok: false, error: { code: 'sfu.unavailable' } } });
  });
});
