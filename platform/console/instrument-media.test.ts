// The examination instruments' tracks on the practitioner's side, without a browser: told apart from the
// patient's face in direct mode (by the offer's sections) and in SFU mode (by the consumer's appData),
// the stethoscope's Opus asked for in the console's answer, and the frames decoded of one track.
import { FakeMediaStreamTrack } from 'fake-mediastreamtrack';
import { Device } from 'mediasoup-client';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import { FakeHandler } from 'mediasoup-client/handlers/FakeHandler';
import { describe, expect, it } from 'vitest';
import type { SignalPayload } from '../../contract/platform-protocol';
import { FakeSfuRouter } from '../../test/support/fake-sfu-router';
import { trackFramesDecoded, type CallMediaOptions } from './console-media';
import { DirectAnswerer, musicFitAnswer, type PeerConnectionLike } from './direct-answerer';
import { SfuPeer } from './sfu-peer';

const report = (entries: Record<string, unknown>[]): RTCStatsReport =>
  new Map(entries.map((entry, index) => [String(index), entry]));

const fakeStream = (tracks: MediaStreamTrack[], id: string): MediaStream =>
  ({
    id,
    getTracks: () => tracks,
    addTrack: (track: MediaStreamTrack) => tracks.push(track),
  }) as unknown as MediaStream;

/** The cabin's offer: face audio (mid 0), face video (1), an instrument's video (2) and the stethoscope (3). */
const OFFER = [
  'v=0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=mid:0',
  'a=rtpmap:111 opus/48000/2',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=mid:1',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=mid:2',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=mid:3',
  'a=rtpmap:111 opus/48000/2',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  '',
].join('\r\n');

/** The peer connection double: it keeps the offer and answers with the same sections. */
class OfferedPeerConnection implements PeerConnectionLike {
  ontrack: ((event: RTCTrackEvent) => void) | null = null;
  onicecandidate: ((event: RTCPeerConnectionIceEvent) => void) | null = null;
  remoteDescription: RTCSessionDescription | null = null;
  localDescription: RTCSessionDescription | null = null;
  stats = report([]);
  setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.remoteDescription = description as RTCSessionDescription;
    return Promise.resolve();
  }
  createAnswer(): Promise<RTCSessionDescriptionInit> {
    return Promise.resolve({ type: 'answer', sdp: OFFER });
  }
  setLocalDescription(description?: RTCLocalSessionDescriptionInit): Promise<void> {
    this.localDescription = description as RTCSessionDescription;
    return Promise.resolve();
  }
  addIceCandidate(): Promise<void> {
    return Promise.resolve();
  }
  addTrack(): unknown {
    return {};
  }
  getStats(): Promise<RTCStatsReport> {
    return Promise.resolve(this.stats);
  }
  close(): void {}
}

interface Heard {
  readonly options: CallMediaOptions;
  readonly streams: MediaStream[];
  readonly instruments: [string, MediaStreamTrack][];
  readonly signals: SignalPayload[];
}

function heard(mode: 'direct' | 'sfu', sfu?: FakeSfuRouter): Heard {
  const streams: MediaStream[] = [];
  const instruments: [string, MediaStreamTrack][] = [];
  const signals: SignalPayload[] = [];
  return {
    streams,
    instruments,
    signals,
    options: {
      callMedia: { mode, iceServers: [] },
      local: Promise.resolve(null),
      sendSignal: (payload) => signals.push(payload),
      sfuRequest: (method) => Promise.resolve(sfu?.answer(method) ?? { ok: true, value: null }),
      onRemoteStream: (stream) => streams.push(stream),
      onInstrumentTrack: (tag, track) => instruments.push([tag, track]),
      onFailure: () => undefined,
    },
  };
}

async function flush(): Promise<void> {
  for (let index = 0; index < 10; index += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** A direct answerer that has answered the cabin's offer with its face and instruments' sections. */
async function answeringTheOffer() {
  const pc = new OfferedPeerConnection();
  const recorded = heard('direct');
  const answerer = new DirectAnswerer(
    recorded.options,
    () => pc,
    (tracks) => fakeStream(tracks, 'remote'),
  );
  answerer.handleSignal({ kind: 'description', description: { type: 'offer', sdp: OFFER } });
  await flush();
  return { pc, recorded, answerer };
}

describe('direct mode: the instruments’ sections of the cabin’s offer', () => {
  it('gives a track of a section after the face’s two as an instrument, tagged by its mid, never in the patient’s stream', async () => {
    const { pc, recorded, answerer } = await answeringTheOffer();
    const face = fakeStream([], 'cabin');
    const event = (mid: string, kind: string, streams: MediaStream[]): RTCTrackEvent =>
      ({
        track: new FakeMediaStreamTrack({ kind, id: `track-${mid}` }),
        streams,
        transceiver: { mid },
      }) as unknown as RTCTrackEvent;
    pc.ontrack?.(event('0', 'audio', [face]));
    pc.ontrack?.(event('1', 'video', [face]));
    pc.ontrack?.(event('2', 'video', [face]));
    pc.ontrack?.(event('3', 'audio', []));
    expect(recorded.streams).toEqual([face]);
    expect(recorded.instruments.map(([tag, track]) => [tag, track.id])).toEqual([
      ['2', 'track-2'],
      ['3', 'track-3'],
    ]);

    pc.stats = report([
      { type: 'inbound-rtp', kind: 'video', mid: '1', framesDecoded: 500 },
      { type: 'inbound-rtp', kind: 'video', mid: '2', framesDecoded: 42 },
    ]);
    await expect(answerer.readTrackFrames('2')).resolves.toBe(42);
    await expect(answerer.readTrackFrames('9')).resolves.toBeNull();
  });

  it('asks the cabin for a stereo, music-rate Opus on the stethoscope’s section only', async () => {
    const { recorded } = await answeringTheOffer();
    const sent = recorded.signals[0];
    if (sent?.kind !== 'description') throw new Error('no answer sent');
    const [face, , , stethoscope] = sent.description.sdp.split(/(?=^m=)/m).slice(1);
    expect(face).toContain('a=fmtp:111 minptime=10;useinbandfec=1\r\n');
    expect(stethoscope).toContain(
      'a=fmtp:111 minptime=10;useinbandfec=1;stereo=1;sprop-stereo=1;maxaveragebitrate=128000\r\n',
    );
  });

  it('adds the Opus parameters to a section that has none', () => {
    const lastFmtp = OFFER.lastIndexOf('a=fmtp:111');
    const answer = OFFER.slice(0, lastFmtp);
    expect(
      musicFitAnswer(answer, OFFER)
        .split(/(?=^m=)/m)
        .at(-1),
    ).toContain('a=rtpmap:111 opus/48000/2\r\na=fmtp:111 stereo=1;sprop-stereo=1;maxaveragebitrate=128000');
  });
});

describe('SFU mode: an instrument’s consumer', () => {
  it('gives a consumer whose appData names an instrument as that instrument, tagged by its producer', async () => {
    const sfu = new FakeSfuRouter(['audio', 'video']);
    const recorded = heard('sfu', sfu);
    const peer = new SfuPeer(
      recorded.options,
      () => Promise.resolve(new Device({ handlerFactory: FakeHandler.createFactory(fakeParameters) })),
      (tracks) => fakeStream(tracks, `remote-${tracks.length}`),
    );
    await flush();
    expect(recorded.streams.at(-1)?.id).toBe('remote-2');
    sfu.publishInstrument('otoscope', 'producer-otoscope');
    peer.handleProducerAdded();
    await flush();
    expect(recorded.instruments.map(([tag, track]) => [tag, track.kind])).toEqual([
      ['producer-otoscope', 'video'],
    ]);
    expect(recorded.streams.at(-1)?.id).toBe('remote-2');
    peer.close();
  });

  it('reads the frames decoded of one track by its identifier', () => {
    const stats = report([
      { type: 'inbound-rtp', kind: 'video', trackIdentifier: 'face', framesDecoded: 900 },
      { type: 'inbound-rtp', kind: 'video', trackIdentifier: 'otoscope', framesDecoded: 30 },
      { type: 'inbound-rtp', kind: 'video', trackIdentifier: 'starting' },
    ]);
    expect(trackFramesDecoded(stats, { trackIdentifier: 'otoscope' })).toBe(30);
    expect(trackFramesDecoded(stats, { trackIdentifier: 'starting' })).toBe(0);
    expect(trackFramesDecoded(stats, { mid: '2' })).toBeNull();
  });
});
