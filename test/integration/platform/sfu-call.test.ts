// SFU mode across the real pieces: the cabin renderer's SfuVideoLink (mediasoup-client on its
// FakeHandler) signals through the cabin's PlatformSocketLink to the real platform, whose SFU is the
// FakeSfuBackend; the practitioner drives a mediasoup-client Device the same way. Without a browser
// or media, it checks that both ends speak the same SFU requests, in both directions.
import { FakeMediaStreamTrack } from 'fake-mediastreamtrack';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import { FakeHandler } from 'mediasoup-client/handlers/FakeHandler';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SignalPayload } from '../../../contract';
import type { CallFact, QueueFact } from '../../../main/platform-client/platform-link';
import { PlatformSocketLink } from '../../../main/platform-client/platform-socket-link';
import { FakeSfuBackend } from '../../../platform/server/test-support/fake-sfu';
import { startPlatform, type RunningPlatform } from '../../../platform/server/platform-server';
import { TestPeer, tokenFor } from '../../../platform/server/test-support/test-peer';
import { SfuSide } from '../../../platform/server/test-support/test-sfu-side';
import { fakeStream, ManualTimers } from '../../../renderer/test-support/fake-media-signaling';
import { SfuVideoLink } from '../../../renderer/video/sfu-video-link';
import type { MediaSignaling } from '../../../renderer/video/video-link';
import { TEST_DOCTOR as DOCTOR, TEST_PATIENT as PATIENT } from '../../support/platform-fixtures';
import { DISCARDING_LOG } from '../../support/simulated-cabin';

const SESSION = 'sfu-session';

/** Waits until `predicate` holds, polling. */
async function until(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`not seen: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('a call in SFU mode from the cabin renderer to the practitioner', () => {
  let platform: RunningPlatform;
  let sfu: FakeSfuBackend;
  let link: PlatformSocketLink;
  let doctor: TestPeer;
  const facts: CallFact[] = [];

  beforeEach(async () => {
    facts.length = 0;
    sfu = new FakeSfuBackend();
    platform = await startPlatform({
      port: 0,
      cabins: [{ cabinId: 'cabin-a', credential: 'secret-a' }],
      practitioners: [DOCTOR],
      consoleDirectory: null,
      sfu,
    });
    link = new PlatformSocketLink({
      url: platform.url,
      cabinId: 'cabin-a',
      credential: 'secret-a',
      log: DISCARDING_LOG,
    });
    doctor = await TestPeer.practitioner(
      platform.url,
      await tokenFor(platform.url, DOCTOR.login, DOCTOR.password),
    );
    const queue: QueueFact[] = [];
    link.joinQueue(
      {
        sessionId: SESSION,
        profession: 'doctor',
        appointmentCode: null,
        identity: PATIENT,
        measurements: [],
      },
      (fact) => queue.push(fact),
    );
    await until(() => queue.some((fact) => fact.type === 'updated'), 'queue position');
    await doctor.value({ type: 'call.accept', sessionId: SESSION });
    link.joinCall(SESSION, (fact) => facts.push(fact));
    await until(() => facts.some((fact) => fact.type === 'joined'), 'call joined');
  });

  afterEach(async () => {
    expect(doctor.violations).toEqual([]);
    link.close();
    doctor.close();
    await platform.stop();
  });

  /** The renderer's signaling port, as the controller provides it: relayed by the platform link. */
  function signaling(): MediaSignaling {
    const listeners = {
      signal: new Set<(payload: SignalPayload) => void>(),
      producer: new Set<() => void>(),
    };
    let seen = 0;
    const pump = setInterval(() => {
      for (const fact of facts.slice(seen)) {
        if (fact.type === 'signal') for (const listener of listeners.signal) listener(fact.payload);
        if (fact.type === 'producerAdded') for (const listener of listeners.producer) listener();
      }
      seen = facts.length;
    }, 5);
    pump.unref();
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
    expect(facts.find((fact) => fact.type === 'joined')).toMatchObject({ media: { mode: 'sfu' } });
    const cabin = new SfuVideoLink({
      signaling: signaling(),
      iceServers: [],
      handlerFactory: FakeHandler.createFactory(fakeParameters),
      timers: new ManualTimers(),
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
    await send.produce({ track: new FakeMediaStreamTrack({ kind: 'video' }) });
    await send.produce({ track: new FakeMediaStreamTrack({ kind: 'audio' }) });
    await until(() => (cabin.remoteStream()?.getTracks().length ?? 0) === 2, "the professional's two tracks");
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
