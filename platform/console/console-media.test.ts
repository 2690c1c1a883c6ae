// The practitioner's media without a browser: the direct-mode answerer over a peer connection double,
// the SFU peer over mediasoup-client's FakeHandler and a fake SFU, the camera fallbacks, and what the
// inbound statistics say is received.
import { FakeMediaStreamTrack } from 'fake-mediastreamtrack';
import { Device } from 'mediasoup-client';
import { FakeHandler } from 'mediasoup-client/handlers/FakeHandler';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import { describe, expect, it } from 'vitest';
import type { SfuMethod, SignalPayload } from '../../contract/platform-protocol';
import type { CabinError, Result } from '../../contract/result';
import {
  inboundCounters,
  openLocalMedia,
  receptionBetween,
  type CallMediaOptions,
  type MediaFailure,
} from './console-media';
import { FakeSfuRouter } from '../../test/support/fake-sfu-router';
import { DirectAnswerer, type PeerConnectionLike } from './direct-answerer';
import { SfuPeer } from './sfu-peer';

/** A stand-in for MediaStream (absent from Node): an id and its tracks. */
function fakeStream(tracks: MediaStreamTrack[], id = 'local'): MediaStream {
  return {
    id,
    getTracks: () => tracks,
    addTrack: (track: MediaStreamTrack) => tracks.push(track),
  } as unknown as MediaStream;
}

/** A stats report as getStats answers it (a Map of stats objects). */
function statsReport(entries: Record<string, unknown>[]): RTCStatsReport {
  return new Map(entries.map((entry, index) => [String(index), entry]));
}

/** A peer connection double that records what the answerer does, in order. */
class RecordingPeerConnection implements PeerConnectionLike {
  ontrack: ((event: RTCTrackEvent) => void) | null = null;
  onicecandidate: ((event: RTCPeerConnectionIceEvent) => void) | null = null;
  remoteDescription: RTCSessionDescription | null = null;
  localDescription: RTCSessionDescription | null = null;
  readonly steps: string[] = [];
  closed = false;
  failNextRemoteDescription = false;
  stats: RTCStatsReport = statsReport([]);
  #answers = 0;

  constructor(readonly configuration: RTCConfiguration) {}

  setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    if (this.failNextRemoteDescription) {
      this.failNextRemoteDescription = false;
      return Promise.reject(new Error('InvalidAccessError'));
    }
    this.steps.push(`remote ${description.type} ${description.sdp}`);
    this.remoteDescription = description as RTCSessionDescription;
    return Promise.resolve();
  }

  createAnswer(): Promise<RTCSessionDescriptionInit> {
    this.#answers += 1;
    this.steps.push('createAnswer');
    return Promise.resolve({ type: 'answer', sdp: `answer ${this.#answers}` });
  }

  setLocalDescription(description?: RTCLocalSessionDescriptionInit): Promise<void> {
    this.steps.push(`local ${description?.sdp}`);
    this.localDescription = description as RTCSessionDescription;
    return Promise.resolve();
  }

  addIceCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    if (candidate.candidate?.includes('stale')) return Promise.reject(new Error('OperationError'));
    this.steps.push(`candidate ${candidate.candidate}`);
    return Promise.resolve();
  }

  addTrack(track: MediaStreamTrack, ...streams: MediaStream[]): unknown {
    this.steps.push(`addTrack ${track.kind} ${streams[0]?.id}`);
    return {};
  }

  getStats(): Promise<RTCStatsReport> {
    return Promise.resolve(this.stats);
  }

  close(): void {
    this.closed = true;
  }
}

interface Recorded {
  readonly options: CallMediaOptions;
  readonly signals: SignalPayload[];
  readonly streams: MediaStream[];
  readonly failures: MediaFailure[];
  readonly requests: { method: SfuMethod; data: unknown }[];
}

function callOptions(
  mode: 'direct' | 'sfu',
  local: Promise<MediaStream | null>,
  sfu: (method: SfuMethod, data: unknown) => Result<unknown, CabinError> = () => ({ ok: true, value: null }),
): Recorded {
  const signals: SignalPayload[] = [];
  const streams: MediaStream[] = [];
  const failures: MediaFailure[] = [];
  const requests: { method: SfuMethod; data: unknown }[] = [];
  return {
    signals,
    streams,
    failures,
    requests,
    options: {
      callMedia: { mode, iceServers: [{ urls: ['turn:turn.test:3478'], username: 'u', credential: 'c' }] },
      local,
      sendSignal: (payload) => signals.push(payload),
      sfuRequest: (method, data) => {
        requests.push({ method, data });
        return Promise.resolve(sfu(method, data));
      },
      onRemoteStream: (stream) => streams.push(stream),
      onInstrumentTrack: () => undefined,
      onFailure: (failure) => failures.push(failure),
    },
  };
}

const offer = (sdp: string): SignalPayload => ({ kind: 'description', description: { type: 'offer', sdp } });
const candidate = (text: string): SignalPayload => ({
  kind: 'candidate',
  candidate: { candidate: text, sdpMid: '0', sdpMLineIndex: 0 },
});

/** Lets the answerer's chain of promises run. */
async function flush(): Promise<void> {
  for (let index = 0; index < 20; index += 1) await Promise.resolve();
}

function directAnswerer(local: Promise<MediaStream | null>): {
  answerer: DirectAnswerer;
  pc: RecordingPeerConnection;
  recorded: Recorded;
  /** Every peer connection the answerer created, in order. */
  connections: RecordingPeerConnection[];
} {
  const recorded = callOptions('direct', local);
  const connections: RecordingPeerConnection[] = [];
  const answerer = new DirectAnswerer(
    recorded.options,
    (configuration) => {
      const pc = new RecordingPeerConnection(configuration);
      connections.push(pc);
      return pc;
    },
    (tracks) => fakeStream(tracks, 'remote'),
  );
  const pc = connections[0];
  if (pc === undefined) throw new Error('no peer connection created');
  return { answerer, pc, recorded, connections };
}

/** An offer of one peer connection of the cabin: its DTLS certificate says which. */
function cabinOffer(label: string, fingerprint: string): string {
  return `${label}\r\na=fingerprint:sha-256 ${fingerprint}\r\n`;
}

/** The connection at `index` (0 the first, 1 the one the answerer started over on, …). */
function connectionAt(connections: RecordingPeerConnection[], index: number): RecordingPeerConnection {
  const pc = connections[index];
  if (pc === undefined) throw new Error(`no peer connection ${index}`);
  return pc;
}

const camera = new FakeMediaStreamTrack({ kind: 'video', id: 'camera' });
const microphone = new FakeMediaStreamTrack({ kind: 'audio', id: 'microphone' });

describe('direct mode: the console answers the cabin', () => {
  it('answers the first offer with camera and microphone, then applies the candidates that came early', async () => {
    const { answerer, pc, recorded } = directAnswerer(Promise.resolve(fakeStream([microphone, camera])));
    expect(pc.configuration).toEqual({
      iceServers: [{ urls: ['turn:turn.test:3478'], username: 'u', credential: 'c' }],
    });
    answerer.handleSignal(candidate('early-1'));
    answerer.handleSignal(offer('offer 1'));
    answerer.handleSignal(candidate('late-1'));
    await flush();
    expect(pc.steps).toEqual([
      'remote offer offer 1',
      'addTrack audio local',
      'addTrack video local',
      'createAnswer',
      'local answer 1',
      'candidate early-1',
      'candidate late-1',
    ]);
    expect(recorded.signals).toEqual([
      { kind: 'description', description: { type: 'answer', sdp: 'answer 1' } },
    ]);
  });

  it('renegotiates the same connection when the cabin restarts ICE, without adding its tracks again', async () => {
    const { answerer, pc, recorded, connections } = directAnswerer(Promise.resolve(fakeStream([camera])));
    answerer.handleSignal(offer(cabinOffer('offer 1', 'AA:AA')));
    await flush();
    pc.steps.length = 0;
    answerer.handleSignal(candidate('stale-from-before'));
    answerer.handleSignal(offer(cabinOffer('offer 2 ice-restart', 'AA:AA')));
    answerer.handleSignal(candidate('fresh'));
    await flush();
    expect(connections).toHaveLength(1);
    expect(pc.steps).toEqual([
      `remote offer ${cabinOffer('offer 2 ice-restart', 'AA:AA')}`,
      'createAnswer',
      'local answer 2',
      'candidate fresh',
    ]);
    expect(recorded.signals.at(-1)).toEqual({
      kind: 'description',
      description: { type: 'answer', sdp: 'answer 2' },
    });
    expect(recorded.failures).toEqual([]);
  });

  it('waits for the camera before answering, and answers without it when it was refused', async () => {
    let openCamera: (stream: MediaStream | null) => void = () => undefined;
    const { answerer, pc, recorded } = directAnswerer(new Promise((resolve) => (openCamera = resolve)));
    answerer.handleSignal(offer('offer 1'));
    await flush();
    expect(recorded.signals).toEqual([]);
    openCamera(null);
    await flush();
    expect(pc.steps).toEqual(['remote offer offer 1', 'createAnswer', 'local answer 1']);
    expect(recorded.signals).toHaveLength(1);
  });

  it('relays its own candidates to the cabin, but not the end-of-candidates marker', () => {
    const { pc, recorded } = directAnswerer(Promise.resolve(null));
    const iceEvent = (value: RTCIceCandidateInit | null): RTCPeerConnectionIceEvent =>
      ({ candidate: value }) as unknown as RTCPeerConnectionIceEvent;
    pc.onicecandidate?.(
      iceEvent({ candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 }),
    );
    pc.onicecandidate?.(iceEvent(null));
    pc.onicecandidate?.(iceEvent({ candidate: '', sdpMid: '0', sdpMLineIndex: 0 }));
    expect(recorded.signals).toEqual([
      {
        kind: 'candidate',
        candidate: {
          candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host',
          sdpMid: '0',
          sdpMLineIndex: 0,
        },
      },
    ]);
  });

  it('shows the cabin’s tracks as one stream', () => {
    const { pc, recorded } = directAnswerer(Promise.resolve(null));
    const remote = fakeStream([], 'cabin');
    const trackEvent = (track: MediaStreamTrack, streams: MediaStream[]): RTCTrackEvent =>
      ({ track, streams }) as unknown as RTCTrackEvent;
    pc.ontrack?.(trackEvent(new FakeMediaStreamTrack({ kind: 'audio' }), [remote]));
    pc.ontrack?.(trackEvent(new FakeMediaStreamTrack({ kind: 'video' }), [remote]));
    expect(recorded.streams).toEqual([remote]);
  });

  it('reports a negotiation that fails, and goes on with the next offer', async () => {
    const { answerer, pc, recorded } = directAnswerer(Promise.resolve(null));
    pc.failNextRemoteDescription = true;
    answerer.handleSignal(offer('garbled'));
    answerer.handleSignal(offer('offer 2'));
    await flush();
    expect(recorded.failures).toEqual(['media.negotiationFailed']);
    expect(recorded.signals).toHaveLength(1);
  });

  it('the cabin’s page was reloaded: its offer from another certificate is answered from a fresh connection, camera and microphone included', async () => {
    const { answerer, pc, recorded, connections } = directAnswerer(
      Promise.resolve(fakeStream([microphone, camera])),
    );
    answerer.handleSignal(offer(cabinOffer('offer 1', 'AA:AA')));
    await flush();
    const trackEvent = (stream: MediaStream): RTCTrackEvent =>
      ({ track: new FakeMediaStreamTrack({ kind: 'video' }), streams: [stream] }) as unknown as RTCTrackEvent;
    const before = fakeStream([], 'cabin before reload');
    pc.ontrack?.(trackEvent(before));

    const reloaded = cabinOffer('offer 1 of the reloaded cabin', 'BB:BB');
    answerer.handleSignal(offer(reloaded));
    answerer.handleSignal(candidate('of the reloaded cabin'));
    await flush();
    expect(pc.closed).toBe(true);
    expect(connections).toHaveLength(2);
    const fresh = connectionAt(connections, 1);
    expect(fresh.steps).toEqual([
      `remote offer ${reloaded}`,
      'addTrack audio local',
      'addTrack video local',
      'createAnswer',
      'local answer 1',
      'candidate of the reloaded cabin',
    ]);
    expect(recorded.signals.at(-1)).toEqual({
      kind: 'description',
      description: { type: 'answer', sdp: 'answer 1' },
    });
    // The cabin's new stream shows, and what is received is read from the fresh connection.
    const after = fakeStream([], 'cabin after reload');
    fresh.ontrack?.(trackEvent(after));
    expect(recorded.streams).toEqual([before, after]);
    fresh.stats = statsReport([{ type: 'inbound-rtp', kind: 'video', framesDecoded: 12 }]);
    await expect(answerer.readInbound()).resolves.toMatchObject({ framesDecoded: 12 });
    expect(recorded.failures).toEqual([]);
  });

  it('an offer the negotiated connection refuses is answered from a fresh connection', async () => {
    const { answerer, pc, recorded, connections } = directAnswerer(Promise.resolve(fakeStream([camera])));
    answerer.handleSignal(offer('offer 1'));
    await flush();
    pc.failNextRemoteDescription = true;
    answerer.handleSignal(offer('offer from a new connection'));
    await flush();
    expect(pc.closed).toBe(true);
    expect(connectionAt(connections, 1).steps).toEqual([
      'remote offer offer from a new connection',
      'addTrack video local',
      'createAnswer',
      'local answer 1',
    ]);
    expect(recorded.signals).toHaveLength(2);
    expect(recorded.failures).toEqual([]);
  });

  it('stops for good when closed', async () => {
    const { answerer, pc, recorded } = directAnswerer(Promise.resolve(null));
    answerer.close();
    answerer.handleSignal(offer('offer 1'));
    await flush();
    expect(pc.closed).toBe(true);
    expect(recorded.signals).toEqual([]);
    await expect(answerer.readInbound()).resolves.toBeNull();
  });
});

describe('what reaches the practitioner', () => {
  it('sums the inbound streams of each kind and ignores the rest of the report', () => {
    const report = statsReport([
      { type: 'inbound-rtp', kind: 'video', framesDecoded: 120 },
      { type: 'inbound-rtp', kind: 'audio', packetsReceived: 300, totalSamplesReceived: 48_000 },
      { type: 'outbound-rtp', kind: 'video', framesEncoded: 999 },
      { type: 'inbound-rtp', kind: 'video' },
    ]);
    expect(inboundCounters(report)).toEqual({
      framesDecoded: 120,
      audioPacketsReceived: 300,
      audioSamplesReceived: 48_000,
    });
  });

  it.each([
    [
      'nothing read yet',
      null,
      { framesDecoded: 10, audioPacketsReceived: 5, audioSamplesReceived: 0 },
      false,
      false,
    ],
    [
      'frames decoded since',
      { framesDecoded: 10, audioPacketsReceived: 5, audioSamplesReceived: 0 },
      { framesDecoded: 40, audioPacketsReceived: 5, audioSamplesReceived: 0 },
      true,
      false,
    ],
    [
      'audio samples only',
      { framesDecoded: 40, audioPacketsReceived: 5, audioSamplesReceived: 0 },
      { framesDecoded: 40, audioPacketsReceived: 5, audioSamplesReceived: 960 },
      false,
      true,
    ],
    [
      'video frozen, audio packets',
      { framesDecoded: 40, audioPacketsReceived: 5, audioSamplesReceived: 0 },
      { framesDecoded: 40, audioPacketsReceived: 55, audioSamplesReceived: 0 },
      false,
      true,
    ],
  ])('%s', (_name, previous, current, video, audio) => {
    expect(receptionBetween(previous, current)).toEqual({ video, audio });
  });
});

describe('the practitioner’s camera and microphone', () => {
  function devices(answers: Record<'both' | 'video' | 'audio', MediaStream | string>): MediaDevices {
    return {
      getUserMedia: (constraints: MediaStreamConstraints) => {
        const key = constraints.audio && constraints.video ? 'both' : constraints.video ? 'video' : 'audio';
        const answer = answers[key];
        if (typeof answer === 'string') {
          const error = new Error('refused');
          error.name = answer;
          return Promise.reject(error);
        }
        return Promise.resolve(answer);
      },
    } as MediaDevices;
  }

  it('opens both when it can', async () => {
    const stream = fakeStream([camera, microphone]);
    await expect(openLocalMedia(devices({ both: stream, video: 'x', audio: 'x' }))).resolves.toEqual({
      stream,
      problem: null,
    });
  });

  it('falls back to the camera alone, then to the microphone alone', async () => {
    const video = fakeStream([camera]);
    const audio = fakeStream([microphone]);
    await expect(openLocalMedia(devices({ both: 'NotFoundError', video, audio }))).resolves.toEqual({
      stream: video,
      problem: 'noMicrophone',
    });
    await expect(
      openLocalMedia(devices({ both: 'NotFoundError', video: 'NotFoundError', audio })),
    ).resolves.toEqual({ stream: audio, problem: 'noCamera' });
  });

  it('tells a refusal from an absence', async () => {
    await expect(
      openLocalMedia(
        devices({ both: 'NotAllowedError', video: 'NotAllowedError', audio: 'NotAllowedError' }),
      ),
    ).resolves.toEqual({ stream: null, problem: 'denied' });
    await expect(
      openLocalMedia(devices({ both: 'NotFoundError', video: 'NotFoundError', audio: 'NotFoundError' })),
    ).resolves.toEqual({ stream: null, problem: 'unavailable' });
    await expect(openLocalMedia(undefined)).resolves.toEqual({ stream: null, problem: 'unavailable' });
  });
});

describe('SFU mode: the console on the platform’s mediasoup router', () => {
  async function settled(): Promise<void> {
    for (let index = 0; index < 10; index += 1) await new Promise((resolve) => setTimeout(resolve, 0));
  }

  it('joins the router, sends camera and microphone, and receives the cabin’s tracks when published', async () => {
    const sfu = new FakeSfuRouter();
    const recorded = callOptions('sfu', Promise.resolve(fakeStream([microphone, camera])), sfu.answer);
    const peer = new SfuPeer(
      recorded.options,
      () => Promise.resolve(new Device({ handlerFactory: FakeHandler.createFactory(fakeParameters) })),
      (tracks) => fakeStream(tracks, `remote-${tracks.length}`),
    );
    await settled();
    const methods = recorded.requests.map((request) => request.method);
    expect(methods.slice(0, 4)).toEqual([
      'getRouterRtpCapabilities',
      'createTransport',
      'createTransport',
      'consume',
    ]);
    expect(recorded.requests[1]?.data).toEqual({ direction: 'recv' });
    expect(recorded.requests[2]?.data).toEqual({ direction: 'send' });
    const produced = recorded.requests.filter((request) => request.method === 'produce');
    expect(produced.map((request) => (request.data as { kind: string }).kind)).toEqual(['audio', 'video']);
    expect(methods.filter((method) => method === 'connectTransport')).toHaveLength(1);
    expect(recorded.streams).toEqual([]);

    sfu.publish('audio', 'video'); // the cabin's tracks
    peer.handleProducerAdded();
    await settled();
    expect(recorded.streams.at(-1)?.id).toBe('remote-2');
    expect(recorded.requests.filter((request) => request.method === 'resumeConsumer')).toHaveLength(2);
    expect(recorded.requests.filter((request) => request.method === 'connectTransport')).toHaveLength(2);
    expect(recorded.failures).toEqual([]);
    peer.close();
  });

  it('reports an SFU that refuses to set up', async () => {
    const recorded = callOptions('sfu', Promise.resolve(null), () => ({
      ok: false,
      error: { code: 'sfu.unavailable' },
    }));
    new SfuPeer(
      recorded.options,
      () => Promise.resolve(new Device({ handlerFactory: FakeHandler.createFactory(fakeParameters) })),
      (tracks) => fakeStream(tracks),
    );
    await settled();
    expect(recorded.failures).toEqual(['media.sfuFailed']);
  });
});
