// The direct link as the practitioner console and the network see it: the cabin offers, applies the
// console's answer and candidates, reports its state, restarts ICE while media is stopped, drops
// video for sound only, and starts over on a fresh connection when the console's page was reloaded.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock';
import { RECOVERY_INTERVAL_MS } from './video-link';
import { DirectVideoLink, linkStateOf } from './direct-video-link';
import { FakeMediaSignaling, fakeStream, fakeTrack, settle } from '../test-support/fake-media-signaling';
import { FakePeerConnection } from '../test-support/fake-peer-connection';

const ANSWER = { kind: 'description', description: { type: 'answer', sdp: 'console answer' } } as const;

/** A direct link over a fake peer connection, started with a camera and a microphone. */
async function startedLink() {
  const signaling = new FakeMediaSignaling();
  const clock = new ManualClock();
  const connections: FakePeerConnection[] = [];
  const link = new DirectVideoLink({
    signaling,
    iceServers: [{ urls: ['stun:stun.example.org'] }],
    clock,
    createPeerConnection: (configuration) => {
      const pc = new FakePeerConnection(configuration);
      connections.push(pc);
      return pc;
    },
  });
  const audio = fakeTrack('audio');
  const video = fakeTrack('video');
  const result = await link.start(fakeStream([audio, video]));
  const pc = connections[0];
  if (pc === undefined) throw new Error('no peer connection');
  return { link, signaling, clock, pc, connections, audio, video, result };
}

/** The link's connection at `index` (0 the first, 1 the one it started over on, …). */
function connectionAt(connections: FakePeerConnection[], index: number): FakePeerConnection {
  const pc = connections[index];
  if (pc === undefined) throw new Error(`no peer connection ${index}`);
  return pc;
}

/** The offers the cabin sent, as their SDP. */
function offers(signaling: FakeMediaSignaling): string[] {
  return signaling
    .signals()
    .flatMap((payload) =>
      payload.kind === 'description' && payload.description.type === 'offer' ? [payload.description.sdp] : [],
    );
}

describe('direct video link', () => {
  it('sends an offer with the camera and the microphone when it starts, with the ICE servers', async () => {
    const { signaling, pc, result } = await startedLink();
    expect(result.ok).toBe(true);
    expect(pc.configuration.iceServers).toEqual([{ urls: ['stun:stun.example.org'] }]);
    expect(pc.transceivers.map((transceiver) => transceiver.sender.track?.kind)).toEqual(['audio', 'video']);
    expect(offers(signaling)).toEqual(['offer 1 audio:sendrecv video:sendrecv']);
    expect(pc.signalingState).toBe('have-local-offer');
  });

  it('still receives the professional when the camera did not open', async () => {
    const signaling = new FakeMediaSignaling();
    let pc: FakePeerConnection | null = null;
    const link = new DirectVideoLink({
      signaling,
      iceServers: [],
      clock: new ManualClock(),
      createPeerConnection: (configuration) => (pc = new FakePeerConnection(configuration)),
    });
    await link.start(fakeStream([fakeTrack('audio')]));
    expect(offers(signaling)).toEqual(['offer 1 audio:sendrecv video:recvonly']);
    expect(pc).not.toBeNull();
  });

  it("applies the console's answer, then its candidates; candidates sent early wait for the answer", async () => {
    const { signaling, pc } = await startedLink();
    const early = { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 };
    signaling.signal({ kind: 'candidate', candidate: early });
    await settle();
    expect(pc.addedCandidates).toEqual([]);
    signaling.signal(ANSWER);
    await settle();
    expect(pc.signalingState).toBe('stable');
    expect(pc.remoteDescription).toEqual({ type: 'answer', sdp: 'console answer' });
    expect(pc.addedCandidates).toEqual([early]);
    const later = { candidate: 'candidate:2 1 udp 1 127.0.0.1 5001 typ host', sdpMid: '1', sdpMLineIndex: 1 };
    signaling.signal({ kind: 'candidate', candidate: later });
    await settle();
    expect(pc.addedCandidates).toEqual([early, later]);
  });

  it('sends its gathered candidates, but not the end of gathering', async () => {
    const { signaling, pc } = await startedLink();
    pc.gather({ candidate: 'candidate:3 1 udp 1 127.0.0.1 6000 typ host', sdpMid: '0', sdpMLineIndex: 0 });
    pc.gather(null);
    pc.gather({ candidate: '', sdpMid: '0', sdpMLineIndex: 0 });
    await settle();
    expect(signaling.signals().filter((payload) => payload.kind === 'candidate')).toEqual([
      {
        kind: 'candidate',
        candidate: {
          candidate: 'candidate:3 1 udp 1 127.0.0.1 6000 typ host',
          sdpMid: '0',
          sdpMLineIndex: 0,
        },
      },
    ]);
  });

  it('ignores a second answer that has no offer to answer', async () => {
    const { signaling, pc } = await startedLink();
    signaling.signal(ANSWER);
    signaling.signal({ kind: 'description', description: { type: 'answer', sdp: 'late duplicate' } });
    await settle();
    expect(pc.remoteDescription).toEqual({ type: 'answer', sdp: 'console answer' });
    expect(pc.signalingState).toBe('stable');
  });

  it("answers an offer of the console, but not one that collides with the cabin's own", async () => {
    const { signaling, pc } = await startedLink();
    const consoleOffer = {
      kind: 'description',
      description: { type: 'offer', sdp: 'console offer' },
    } as const;
    signaling.signal(consoleOffer); // the cabin's offer waits for its answer: the cabin's wins
    await settle();
    expect(pc.remoteDescription).toBeNull();
    signaling.signal(ANSWER);
    signaling.signal(consoleOffer);
    await settle();
    expect(pc.remoteDescription).toEqual({ type: 'offer', sdp: 'console offer' });
    expect(signaling.signals().at(-1)).toEqual({
      kind: 'description',
      description: { type: 'answer', sdp: 'cabin answer' },
    });
  });

  it('shows the remote stream when the professional’s tracks arrive', async () => {
    const { link, pc } = await startedLink();
    const seen: MediaStream[] = [];
    link.onRemoteStream((stream) => seen.push(stream));
    const remote = fakeStream([]);
    pc.receiveTrack(fakeTrack('video'), remote);
    expect(link.remoteStream()).toBe(remote);
    expect(seen).toEqual([remote]);
  });

  it('media flows: reports connected', async () => {
    const { link, signaling, pc } = await startedLink();
    signaling.signal(ANSWER);
    await settle();
    pc.setConnectionState('connected', 'connected');
    await settle();
    expect(link.state()).toBe('connected');
    expect(signaling.linkStates()).toEqual(['connected']);
  });

  it('the network drops: reports disconnected, restarts ICE at once and every interval, then reports connected', async () => {
    const { link, signaling, clock, pc } = await startedLink();
    signaling.signal(ANSWER);
    await settle();
    pc.setConnectionState('connected', 'connected');
    await settle();

    pc.setConnectionState('disconnected', 'disconnected');
    await settle();
    expect(link.state()).toBe('disconnected');
    expect(signaling.linkStates()).toEqual(['connected', 'disconnected']);
    expect(pc.offerOptions.at(-1)).toEqual({ iceRestart: true });
    expect(offers(signaling)).toHaveLength(2);
    expect(offers(signaling)[1]).toContain('ice-restart');

    // No answer yet: the restart offer gets one more interval, then a new one replaces it.
    clock.increment(RECOVERY_INTERVAL_MS);
    await settle();
    expect(offers(signaling)).toHaveLength(2);
    clock.increment(RECOVERY_INTERVAL_MS);
    await settle();
    expect(offers(signaling)).toHaveLength(3);
    expect(offers(signaling)[2]).toContain('ice-restart');

    signaling.signal(ANSWER);
    await settle();
    pc.setConnectionState('connected', 'connected');
    await settle();
    expect(link.state()).toBe('connected');
    expect(signaling.linkStates()).toEqual(['connected', 'disconnected', 'connected']);
    clock.increment(RECOVERY_INTERVAL_MS);
    await settle();
    expect(offers(signaling)).toHaveLength(3);
  });

  it('a failed connection restarts ICE too, and a restart offer the relay refused is sent again at the next interval', async () => {
    const { signaling, clock, pc } = await startedLink();
    signaling.signal(ANSWER);
    await settle();
    signaling.nextResult = { ok: false, error: { code: 'platform.unreachable' } };
    pc.setConnectionState('failed', 'failed');
    await settle();
    expect(offers(signaling)).toHaveLength(2);
    signaling.nextResult = { ok: true, value: null };
    clock.increment(RECOVERY_INTERVAL_MS);
    await settle();
    expect(offers(signaling)).toHaveLength(3);
    expect(pc.offerOptions.at(-1)).toEqual({ iceRestart: true });
    // The 'disconnected' report that did not get through is sent again.
    expect(signaling.linkStates().filter((state) => state === 'disconnected')).toHaveLength(2);
  });

  it('sound only: removes the video sender, stops receiving video and renegotiates', async () => {
    const { link, signaling, pc, video } = await startedLink();
    signaling.signal(ANSWER);
    await settle();
    const videoSender = pc.transceivers[1]?.sender;
    await link.setAudioOnly();
    expect(pc.removedSenders).toEqual([videoSender]);
    expect(pc.transceivers.map((transceiver) => transceiver.direction)).toEqual(['sendrecv', 'inactive']);
    expect(offers(signaling).at(-1)).toBe('offer 2 audio:sendrecv video:inactive');
    // The camera still feeds the self view.
    expect(video.readyState).toBe('live');
    await link.setAudioOnly();
    expect(offers(signaling)).toHaveLength(2);
  });

  it("the console's page was reloaded: its answer is refused, the cabin starts over on a fresh connection with the same tracks, and media flows again", async () => {
    const { link, signaling, pc, connections, audio, video } = await startedLink();
    signaling.signal(ANSWER);
    await settle();
    pc.setConnectionState('connected', 'connected');
    await settle();
    pc.setConnectionState('disconnected', 'disconnected');
    await settle();
    expect(offers(signaling)).toHaveLength(2); // the ICE restart the reloaded console receives

    // The reloaded console answers from its new connection: the browser refuses the new certificate.
    pc.refuseNextRemoteDescription = true;
    signaling.signal({ kind: 'description', description: { type: 'answer', sdp: 'new console answer' } });
    await settle();
    expect(pc.closed).toBe(true);
    expect(connections).toHaveLength(2);
    const fresh = connectionAt(connections, 1);
    expect(fresh.transceivers.map((transceiver) => transceiver.sender.track)).toEqual([audio, video]);
    expect(offers(signaling).at(-1)).toBe('offer 1 audio:sendrecv video:sendrecv');
    expect(fresh.signalingState).toBe('have-local-offer');

    signaling.signal(ANSWER);
    await settle();
    expect(fresh.remoteDescription).toEqual({ type: 'answer', sdp: 'console answer' });
    fresh.setConnectionState('connected', 'connected');
    const remote = fakeStream([]);
    fresh.receiveTrack(fakeTrack('video'), remote);
    await settle();
    expect(link.state()).toBe('connected');
    expect(signaling.linkStates()).toEqual(['connected', 'disconnected', 'connected']);
    expect(link.remoteStream()).toBe(remote);
    // The old connection is out of the call: what it still says changes nothing.
    pc.setConnectionState('failed', 'failed');
    await settle();
    expect(link.state()).toBe('connected');
  });

  it('a refused answer while media still flows: the link reports the stop, starts over and stays in sound only', async () => {
    const { link, signaling, pc, connections, audio } = await startedLink();
    signaling.signal(ANSWER);
    await settle();
    pc.setConnectionState('connected', 'connected');
    await settle();
    await link.setAudioOnly();
    pc.refuseNextRemoteDescription = true;
    signaling.signal(ANSWER);
    await settle();
    expect(link.state()).toBe('disconnected');
    expect(signaling.linkStates()).toEqual(['connected', 'disconnected']);
    const fresh = connectionAt(connections, 1);
    expect(fresh.transceivers.map((transceiver) => transceiver.sender.track)).toEqual([audio, null]);
    expect(offers(signaling).at(-1)).toBe('offer 1 audio:sendrecv video:inactive');
  });

  it('a first answer the fresh connection refuses is not a reason to start over: the offer is sent again', async () => {
    const { signaling, clock, pc, connections } = await startedLink();
    pc.refuseNextRemoteDescription = true;
    signaling.signal({ kind: 'description', description: { type: 'answer', sdp: 'garbled' } });
    await settle();
    expect(connections).toHaveLength(1);
    clock.increment(RECOVERY_INTERVAL_MS);
    clock.increment(RECOVERY_INTERVAL_MS);
    await settle();
    expect(offers(signaling)).toHaveLength(2);
    signaling.signal(ANSWER);
    await settle();
    expect(pc.signalingState).toBe('stable');
  });

  it('an offer of the console that the connection refuses: the cabin starts over and offers from a fresh connection', async () => {
    const { signaling, pc, connections } = await startedLink();
    signaling.signal(ANSWER);
    await settle();
    pc.refuseNextRemoteDescription = true;
    signaling.signal({ kind: 'description', description: { type: 'offer', sdp: 'new console offer' } });
    await settle();
    expect(connections).toHaveLength(2);
    expect(pc.closed).toBe(true);
    expect(offers(signaling).at(-1)).toBe('offer 1 audio:sendrecv video:sendrecv');
  });

  it('close ends the connection and the signaling', async () => {
    const { link, signaling, clock, pc } = await startedLink();
    link.close();
    expect(pc.closed).toBe(true);
    expect(clock.pending()).toBe(0);
    signaling.signal(ANSWER);
    await settle();
    expect(pc.remoteDescription).toBeNull();
  });
});

describe('link state of a peer connection', () => {
  it.each([
    ['connected', 'connected', 'connected'],
    ['disconnected', 'disconnected', 'disconnected'],
    ['failed', 'failed', 'failed'],
    ['connecting', 'checking', null],
    ['connecting', 'disconnected', 'disconnected'],
    [undefined, 'completed', 'connected'],
    ['closed', 'closed', null],
  ] as const)('%s / ICE %s → %s', (connection, ice, expected) => {
    expect(linkStateOf(connection, ice)).toBe(expected);
  });
});

describe('direct video link: examination instruments', () => {
  /** The link with the console's first answer applied. */
  async function answeredLink() {
    const started = await startedLink();
    started.signaling.signal(ANSWER);
    await settle();
    return started;
  }

  it('sends a camera instrument on a send-only transceiver after the face ones; the tag is its mid', async () => {
    const { link, pc, signaling } = await answeredLink();
    const otoscope = fakeTrack('video');
    const tag = await link.addInstrument('otoscope', otoscope);
    expect(tag).toEqual({ ok: true, value: '2' });
    expect(pc.transceivers[2]?.sender.track).toBe(otoscope);
    expect(offers(signaling).at(-1)).toBe('offer 2 audio:sendrecv video:sendrecv video:sendonly');
  });

  it('reads the frames the instrument camera encoded, and nothing for one not sent', async () => {
    const { link, pc } = await answeredLink();
    expect(await link.instrumentFramesSent('otoscope')).toBeNull();
    await link.addInstrument('otoscope', fakeTrack('video'));
    pc.stats = new Map([['out', { type: 'outbound-rtp', kind: 'video', framesEncoded: 42 }]]);
    expect(await link.instrumentFramesSent('otoscope')).toBe(42);
    expect(await link.instrumentFramesSent('dermatoscope')).toBeNull();
    expect(await link.instrumentFramesSent('stethoscope')).toBeNull();
  });

  it('a switch between cameras replaces the track, without renegotiation, and keeps the tag', async () => {
    const { link, pc, signaling } = await answeredLink();
    await link.addInstrument('otoscope', fakeTrack('video'));
    signaling.signal(ANSWER);
    await settle();
    const before = offers(signaling).length;
    await link.removeInstrument('otoscope');
    expect(pc.transceivers[2]?.sender.track).toBeNull();
    const dermatoscope = fakeTrack('video');
    expect(await link.addInstrument('dermatoscope', dermatoscope)).toEqual({ ok: true, value: '2' });
    expect(pc.transceivers[2]?.sender.track).toBe(dermatoscope);
    expect(offers(signaling)).toHaveLength(before);
  });

  it('sends the stethoscope on its own transceiver, capped at 128 kb/s, with music Opus in the answer', async () => {
    const { link, pc, signaling } = await answeredLink();
    await link.addInstrument('otoscope', fakeTrack('video'));
    signaling.signal(ANSWER);
    await settle();
    const tag = await link.addInstrument('stethoscope', fakeTrack('audio'));
    expect(tag).toEqual({ ok: true, value: '3' });
    expect(pc.transceivers[3]?.sender.maxBitrate).toBe(128_000);
    const sdp = [
      'v=0',
      'm=audio 9 UDP/TLS/RTP/SAVPF 111',
      'a=mid:0',
      'a=rtpmap:111 opus/48000/2',
      'a=fmtp:111 minptime=10;useinbandfec=1',
      'm=audio 9 UDP/TLS/RTP/SAVPF 111',
      'a=mid:3',
      'a=rtpmap:111 opus/48000/2',
      'a=fmtp:111 minptime=10;useinbandfec=1',
      '',
    ].join('\r\n');
    signaling.signal({ kind: 'description', description: { type: 'answer', sdp } });
    await settle();
    const applied = pc.remoteDescriptions.at(-1)?.sdp ?? '';
    expect(applied).toContain(
      'a=mid:0\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n',
    );
    expect(applied).toContain(
      'a=mid:3\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1;stereo=1;sprop-stereo=1;maxaveragebitrate=128000;usedtx=0',
    );
  });

  it('a fresh connection adds the instruments again after the face tracks, so the tags stay', async () => {
    const { link, connections, signaling } = await answeredLink();
    const stethoscope = fakeTrack('audio');
    const otoscope = fakeTrack('video');
    await link.addInstrument('stethoscope', stethoscope);
    signaling.signal(ANSWER);
    await settle();
    await link.addInstrument('otoscope', otoscope);
    connectionAt(connections, 0).refuseNextRemoteDescription = true;
    signaling.signal(ANSWER);
    await settle();
    const fresh = connectionAt(connections, 1);
    expect(fresh.transceivers.map((transceiver) => transceiver.sender.track)).toEqual([
      expect.anything(),
      expect.anything(),
      stethoscope,
      otoscope,
    ]);
    expect(fresh.transceivers.map((transceiver) => transceiver.mid)).toEqual(['0', '1', '2', '3']);
  });

  it('refuses a camera instrument in sound only', async () => {
    const { link } = await answeredLink();
    await link.setAudioOnly();
    const tag = await link.addInstrument('otoscope', fakeTrack('video'));
    expect(tag.ok).toBe(false);
  });
});
