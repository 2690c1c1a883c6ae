// The stethoscope's section of the console's answer asks for music Opus; the other sections stay as they are.
import { describe, expect, it } from 'vitest';
import { withMusicOpus } from './music-opus';

const SDP = [
  'v=0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 0',
  'a=mid:0',
  'a=rtpmap:111 opus/48000/2',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=mid:1',
  'a=rtpmap:96 VP8/90000',
  'm=audio 9 UDP/TLS/RTP/SAVPF 109',
  'a=mid:2',
  'a=rtpmap:109 opus/48000/2',
  '',
].join('\r\n');

describe('music Opus for the stethoscope', () => {
  it('adds the parameters to the section of the mid, leaving the face microphone as it was', () => {
    const sdp = withMusicOpus(
      SDP.replace('a=rtpmap:109 opus/48000/2', 'a=rtpmap:109 opus/48000/2\r\na=fmtp:109 usedtx=1'),
      '2',
    );
    expect(sdp).toContain('a=fmtp:111 minptime=10;useinbandfec=1\r\nm=video');
    expect(sdp).toContain('a=fmtp:109 usedtx=0;stereo=1;sprop-stereo=1;maxaveragebitrate=128000\r\n');
  });

  it('adds an fmtp line when the section has none', () => {
    const sdp = withMusicOpus(SDP, '2');
    expect(
      sdp.endsWith(
        'a=rtpmap:109 opus/48000/2\r\na=fmtp:109 stereo=1;sprop-stereo=1;maxaveragebitrate=128000;usedtx=0\r\n',
      ),
    ).toBe(true);
  });

  it('leaves the SDP unchanged without such a mid, or without Opus there', () => {
    expect(withMusicOpus(SDP, '7')).toBe(SDP);
    expect(withMusicOpus(SDP, '1')).toBe(SDP);
  });
});
