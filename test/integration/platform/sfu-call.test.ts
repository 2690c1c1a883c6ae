// SFU mode across the real pieces: the cabin renderer's SfuVideoLink (mediasoup-client on its
// FakeHandler) signals through the cabin's PlatformSocketLink to the real platform, whose SFU is the
// FakeSfuBackend; the practitioner drives a mediasoup-client Device the same way. Without a browser
// or media, it checks that both ends speak the same SFU requests, in both directions.
import { FakeMediaStreamTrack } from 'fake-mediastreamtrack';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import { FakeHandler } from 'mediasoup-client/handlers/FakeHandler';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallFact, QueueEvent, SignalPayload } from '../../../contract';
import type { PlatformSocketLink } from '../../../main/platform-client/platform-socket-link';
import { FakeSfuBackend } from '../../../platform/server/test-support/fake-sfu';
import type { RunningPlatform } from '../../../platform/server/platform-server';
import type { TestPeer } from '../../../platform/server/test-support/test-peer';
import { SfuSide } from '../../../platform/server/test-support/test-sfu-side';
import { fakeStream } from '../../../renderer/test-support/fake-media-signaling';
import { SfuVideoLink } from '../../../renderer/video/sfu-video-link';
import type { MediaSignaling } from '../../../renderer/video/video-link';
import { ManualClock } from '../../support/manual-clock';
import {
  connectTestDoctor,
  doctorQueueEntry,
  FactLog,
  startTestPlatform,
  testCabinLink,
} from '../../support/platform-fixtures';

const SESSION = 'sfu-session';

describe('a call in SFU mode from the cabin renderer to the practitioner', () => {
  let platform: RunningPlatform;
  let sfu: FakeSfuBackend;
  let link: PlatformSocketLink;
  let doctor: TestPeer;
  let facts: FactLog<CallFact>;
  /** The video link's listeners of the professional's signaling, fed by the link's call facts. */
  const listeners = {
    signal: new Set<(payload: SignalPayload) => void>(),
    producer: new Set<() => void>(),
  };
  /** Nothing here waits on time: the clock of the platform, the link and the video link never moves. */
  let clock: ManualClock;

  beforeEach(async () => {
    clock = new ManualClock(1_000_000);
    facts = new FactLog<CallFact>();
    listeners.signal.clear();
    listeners.producer.clear();
    sfu = new FakeSfuBackend();
    platform = await startTestPlatform({ sfu, clock });
    link = testCabinLink(platform.url, clock);
    doctor = await connectTestDoctor(platform);
    const queue = new FactLog<QueueEvent>();
    link.joinQueue(doctorQueueEntry(SESSION), queue.report);
    await queue.next('queue.updated');
    await doctor.value({ type: 'call.accept', sessionId: SESSION });
    link.joinCall(SESSION, (fact) => {
      facts.report(fact);
      if (fact.type === 'media.signal') for (const listener of listeners.signal) listener(fact.payload);
      if (fact.type === 'media.producerAdded') for (const listener of listeners.producer) listener();
    });
    await facts.next('call.joined');
  });

  afterEach(async () => {
    expect(doctor.violations).toEqual([]);
    link.close();
    doctor.close();
    await platform.stop();
  });

  /** The renderer's signaling port, as the controller provides it: relayed by the platform link. */
  function signaling(): MediaSignaling {
    return {
      send: (message) =>
        message.kind === 'linkState'
          ? Promise.resolve({ ok: true, value: null })
          : link.relayMedia(SESSION, message),
      onSignal: (listener) => {
        listeners.signal.add(listener);
        return () => listeners.signal.delete(listener);
      },
      onProducerAdded: (listener) => {
        listeners.producer.add(listener);
        return () => listeners.producer.delete(listener);
      },
    };
  }

  it('the joined call says SFU; both sides publish and each consumes the other', async () => {
    expect(facts.facts.find((fact) => fact.type === 'call.joined')).toMatchObject({ media: { mode: 'sfu' } });
    const cabin = new SfuVideoLink({
      signaling: signaling(),
      iceServers: [],
      handlerFactory: FakeHandler.createFactory(fakeParameters),
      clock,
      createMediaStream: () => fakeStream([]),
    });
    const camera = fakeStream([
      new FakeMediaStreamTrack({ kind: 'audio' }),
      new FakeMediaStreamTrack({ kind: 'video' }),
    ]);
    await expect(cabin.start(camera)).resolves.toEqual({ ok: true, value: undefined });

    // The practitioner is told twice (sound, video) and consumes both.
    await doctor.next('sfu.producerAdded', { sessionId: SESSION });
    await doctor.next('sfu.producerAdded', { sessionId: SESSION });
    const practitioner = new SfuSide(doctor, SESSION);
    await practitioner.load();
    await practitioner.openRecv();
    const received = await practitioner.consume();
    expect(received.kinds.sort()).toEqual(['audio', 'video']);

    // The practitioner publishes: the cabin's link consumes it by itself and shows the stream.
    const send = await practitioner.openSend();
    const bothTracks = new Promise<void>((resolve) =>
      cabin.onRemoteStream((stream) => {
        if (stream.getTracks().length === 2) resolve();
      }),
    );
    await send.produce({ track: new FakeMediaStreamTrack({ kind: 'video' }) });
    await send.produce({ track: new FakeMediaStreamTrack({ kind: 'audio' }) });
    await bothTracks;
    expect(
      cabin
        .remoteStream()
        ?.getTracks()
        .map((track) => track.kind)
        .sort(),
    ).toEqual(['audio', 'video']);
    const room = sfu.rooms.get(SESSION);
    expect(room?.requests.filter((request) => !request.ok)).toEqual([]);

    // ICE restart and sound only go through as requests the room accepts.
    await cabin.restartIce();
    await cabin.setAudioOnly();
    expect(room?.requests.filter((request) => !request.ok)).toEqual([]);
    expect(room?.producersOf('cabin')).toHaveLength(1);
    cabin.close();
  });
});
