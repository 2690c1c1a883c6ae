// The SFU link as the platform's mediasoup router sees it, with mediasoup-client's FakeHandler in place
// of the browser and a signaling port that answers with mediasoup's fake parameters.
import { FakeMediaStreamTrack } from 'fake-mediastreamtrack';
import { FakeHandler } from 'mediasoup-client/handlers/FakeHandler';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import type { HandlerFactory, HandlerInterface } from 'mediasoup-client/types';
import { describe, expect, it, vi } from 'vitest';
import type { SfuMethod } from '../../contract/platform-protocol';
import { FakeSfuRouter } from '../../test/support/fake-sfu-router';
import { ManualClock } from '../../test/support/manual-clock';
import { RECOVERY_INTERVAL_MS } from './video-link';
import { FakeMediaSignaling, fakeStream, settle } from '../test-support/fake-media-signaling';
import { SfuVideoLink } from './sfu-video-link';

/** An SFU link over FakeHandler, with the handlers it creates (send first, then receive). */
function sfuLink() {
  // The professional already produces sound and video.
  const router = new FakeSfuRouter(['audio', 'video']);
  const signaling = new FakeMediaSignaling((method) => router.answer(method));
  const handlers: HandlerInterface[] = [];
  const base = FakeHandler.createFactory(fakeParameters);
  const handlerFactory: HandlerFactory = {
    ...base,
    factory: (options) => {
      const handler = base.factory(options);
      handlers.push(handler);
      return handler;
    },
  };
  const clock = new ManualClock();
  const link = new SfuVideoLink({
    signaling,
    iceServers: [{ urls: ['turn:turn.example.org'], username: 'cabin', credential: 'secret' }],
    handlerFactory,
    clock,
    createMediaStream: () => fakeStream([]),
  });
  const handler = (index: number): FakeHandler => {
    const found = handlers[index];
    if (found === undefined) throw new Error(`no handler ${index}`);
    return found as FakeHandler;
  };
  return { link, signaling, router, handler, handlers, clock };
}

/** The data of each SFU request of `method` the link sent, in order. */
const requestsOf = (signaling: FakeMediaSignaling, method: SfuMethod): unknown[] =>
  signaling.sfuRequests().flatMap(([sent, data]) => (sent === method ? [data] : []));

/** The kinds of the professional's tracks the link shows, in order. */
const remoteKinds = (link: SfuVideoLink): string[] | undefined =>
  link
    .remoteStream()
    ?.getTracks()
    .map((track) => track.kind);

const cameraAndMicrophone = () =>
  fakeStream([new FakeMediaStreamTrack({ kind: 'audio' }), new FakeMediaStreamTrack({ kind: 'video' })]);

describe('SFU video link', () => {
  it('loads the device, opens both transports, produces sound and video, connecting the send transport once', async () => {
    const { link, signaling } = sfuLink();
    const result = await link.start(cameraAndMicrophone());
    expect(result).toEqual({ ok: true, value: undefined });
    const methods = signaling.sfuRequests().map(([method]) => method);
    expect(methods.slice(0, 3)).toEqual(['getRouterRtpCapabilities', 'createTransport', 'createTransport']);
    expect(signaling.sfuRequests()[1]?.[1]).toEqual({ direction: 'send' });
    expect(signaling.sfuRequests()[2]?.[1]).toEqual({ direction: 'recv' });
    const produced = requestsOf(signaling, 'produce');
    expect(produced.map((data) => (data as { kind: string }).kind)).toEqual(['audio', 'video']);
    // One DTLS connection per transport: the send one at the first produce, the receive one at the first consume.
    const connects = requestsOf(signaling, 'connectTransport').map(
      (data) => (data as { transportId: string }).transportId,
    );
    expect(connects).toHaveLength(2);
    expect(new Set(connects).size).toBe(2);
    expect(methods.indexOf('connectTransport')).toBeLessThan(methods.indexOf('produce'));
  });

  it("consumes the professional's tracks and resumes each consumer", async () => {
    const { link, signaling } = sfuLink();
    const seen: MediaStream[] = [];
    link.onRemoteStream((stream) => seen.push(stream));
    await link.start(cameraAndMicrophone());
    const [consume] = requestsOf(signaling, 'consume');
    expect(consume).toMatchObject({ rtpCapabilities: { codecs: expect.any(Array) as unknown } });
    expect(requestsOf(signaling, 'resumeConsumer')).toEqual([
      { consumerId: 'consumer-audio' },
      { consumerId: 'consumer-video' },
    ]);
    expect(remoteKinds(link)).toEqual(['audio', 'video']);
    expect(seen.length).toBeGreaterThan(0);
  });

  it('a producer announced later is consumed and resumed', async () => {
    const { link, signaling, router } = sfuLink();
    router.pending.splice(0); // nothing produced by the professional yet
    await link.start(cameraAndMicrophone());
    expect(requestsOf(signaling, 'resumeConsumer')).toEqual([]);
    router.publish('video');
    signaling.producerAdded();
    await settle();
    expect(requestsOf(signaling, 'resumeConsumer')).toEqual([{ consumerId: 'consumer-video' }]);
    expect(remoteKinds(link)).toEqual(['video']);
  });

  it("reports the transports' state, and restarts ICE with the router's ICE parameters while disconnected", async () => {
    const { link, signaling, router, handler, clock } = sfuLink();
    await link.start(cameraAndMicrophone());
    const sendRestart = vi.spyOn(handler(0), 'restartIce');
    handler(0).setConnectionState('connected');
    handler(1).setConnectionState('connected');
    await settle();
    expect(link.state()).toBe('connected');
    expect(signaling.linkStates()).toEqual(['connected']);

    handler(0).setConnectionState('disconnected');
    await settle();
    expect(link.state()).toBe('disconnected');
    expect(signaling.linkStates()).toEqual(['connected', 'disconnected']);
    expect(sendRestart).toHaveBeenCalledTimes(1);
    expect(sendRestart).toHaveBeenCalledWith(router.restartIceParameters[0]);
    clock.increment(RECOVERY_INTERVAL_MS);
    await settle();
    expect(sendRestart).toHaveBeenCalledTimes(2);

    handler(0).setConnectionState('connected');
    await settle();
    expect(signaling.linkStates()).toEqual(['connected', 'disconnected', 'connected']);
  });

  it('restartIce asks the router for each transport and applies its ICE parameters', async () => {
    const { link, signaling, router, handler } = sfuLink();
    await link.start(cameraAndMicrophone());
    const sendRestart = vi.spyOn(handler(0), 'restartIce');
    const recvRestart = vi.spyOn(handler(1), 'restartIce');
    await link.restartIce();
    expect(requestsOf(signaling, 'restartIce')).toHaveLength(2);
    expect(sendRestart).toHaveBeenCalledWith(router.restartIceParameters[0]);
    expect(recvRestart).toHaveBeenCalledWith(router.restartIceParameters[1]);
  });

  it('sound only closes the video producer on the router and stops the video consumer', async () => {
    const { link, signaling } = sfuLink();
    const local = cameraAndMicrophone();
    await link.start(local);
    await link.setAudioOnly();
    expect(requestsOf(signaling, 'closeProducer')).toEqual([{ producerId: 'producer-2' }]);
    expect(remoteKinds(link)).toEqual(['audio']);
    // The camera still feeds the self view.
    expect(local.getVideoTracks()[0]?.readyState).toBe('live');
  });

  it('sends an instrument as its own producer named for the console, closed on removal', async () => {
    const { link, signaling } = sfuLink();
    await link.start(cameraAndMicrophone());
    const otoscope = new FakeMediaStreamTrack({ kind: 'video' });
    const tag = await link.addInstrument('otoscope', otoscope);
    expect(tag).toEqual({ ok: true, value: 'producer-3' });
    const produced = requestsOf(signaling, 'produce').at(-1) as { kind: string; appData: unknown };
    expect(produced).toMatchObject({ kind: 'video', appData: { instrument: 'otoscope' } });
    await link.removeInstrument('otoscope');
    expect(requestsOf(signaling, 'closeProducer')).toEqual([{ producerId: 'producer-3' }]);
    // The instrument's track stays with its owner.
    expect(otoscope.readyState).toBe('live');
  });

  it('sends the stethoscope with music-fit Opus: stereo, 128 kb/s, no discontinuous transmission', async () => {
    const { link, handler } = sfuLink();
    await link.start(cameraAndMicrophone());
    const send = vi.spyOn(handler(0), 'send');
    const tag = await link.addInstrument('stethoscope', new FakeMediaStreamTrack({ kind: 'audio' }));
    expect(tag.ok).toBe(true);
    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({
        codecOptions: { opusStereo: true, opusDtx: false, opusMaxAverageBitrate: 128_000 },
      }),
    );
  });

  it('refuses an instrument before the link is set up', async () => {
    const { link } = sfuLink();
    const tag = await link.addInstrument('otoscope', new FakeMediaStreamTrack({ kind: 'video' }));
    expect(tag.ok).toBe(false);
  });

  it('close closes both transports', async () => {
    const { link, handler, clock } = sfuLink();
    await link.start(cameraAndMicrophone());
    const sendClose = vi.spyOn(handler(0), 'close');
    const recvClose = vi.spyOn(handler(1), 'close');
    link.close();
    expect(sendClose).toHaveBeenCalled();
    expect(recvClose).toHaveBeenCalled();
    expect(clock.pending()).toBe(0);
  });

  it('answers the refusal when the router cannot be reached', async () => {
    const signaling = new FakeMediaSignaling(() => ({ ok: false, error: { code: 'platform.unreachable' } }));
    const link = new SfuVideoLink({
      signaling,
      iceServers: [],
      handlerFactory: FakeHandler.createFactory(fakeParameters),
      clock: new ManualClock(),
    });
    await expect(link.start(cameraAndMicrophone())).resolves.toEqual({
      ok: false,
      error: { code: 'platform.unreachable' },
    });
  });
});
