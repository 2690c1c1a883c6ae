import { describe, expect, it } from 'vitest';
import { Downsampler, mixToMono, pcm16ToBase64, PcmFramer, SUBTITLE_FRAME_SAMPLES } from './pcm-encoding';

const decode = (base64: string): number[] => {
  const bytes = Buffer.from(base64, 'base64');
  return Array.from({ length: bytes.length / 2 }, (_, i) => bytes.readInt16LE(i * 2));
};

describe('the voice for the subtitles, as 16 kHz mono 16-bit PCM', () => {
  it('writes samples little-endian, full scale clipped to the 16-bit range', () => {
    const samples = new Int16Array([0, 1, -1, 32767, -32768, 258]);
    const bytes = [...Buffer.from(pcm16ToBase64(samples), 'base64')];
    expect(bytes).toEqual([0, 0, 1, 0, 0xff, 0xff, 0xff, 0x7f, 0x00, 0x80, 0x02, 0x01]);
  });

  it('turns 48 kHz into 16 kHz, one output sample for three, each their mean', () => {
    const out = new Downsampler(48_000).push(new Float32Array([0.5, 0.5, 0.5, 1, 1, 1, -1, -1, -1]));
    expect([...out]).toEqual([16384, 32767, -32768]);
  });

  it('clips what is beyond full scale', () => {
    expect([...new Downsampler(16_000).push(new Float32Array([2, -3, 0.25]))]).toEqual([32767, -32768, 8192]);
  });

  it('turns 44.1 kHz into 16 kHz with the phase kept across buffers', () => {
    const downsampler = new Downsampler(44_100);
    let total = 0;
    for (let i = 0; i < 10; i += 1) total += downsampler.push(new Float32Array(4_410).fill(0.1)).length;
    // One second in, one second out (to a sample).
    expect(Math.abs(total - 16_000)).toBeLessThanOrEqual(1);
  });

  it('keeps a 440 Hz tone a 440 Hz tone', () => {
    const input = Float32Array.from(
      { length: 48_000 },
      (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / 48_000),
    );
    const out = new Downsampler(48_000).push(input);
    let crossings = 0;
    for (let i = 1; i < out.length; i += 1) if (out[i - 1]! < 0 !== out[i]! < 0) crossings += 1;
    expect(Math.abs(crossings - 880)).toBeLessThanOrEqual(2);
  });

  it('refuses to upsample', () => {
    expect(() => new Downsampler(8_000)).toThrow();
  });

  it('mixes stereo to mono', () => {
    expect([...mixToMono([new Float32Array([1, 0.5]), new Float32Array([0, -0.5])])]).toEqual([0.5, 0]);
  });

  it('sends frames of 200 ms, whatever the size of the buffers that fill them', () => {
    const frames: Int16Array[] = [];
    const framer = new PcmFramer((frame) => frames.push(frame));
    for (let i = 0; i < 5; i += 1) framer.push(new Int16Array(1_000).fill(i));
    expect(frames.map((frame) => frame.length)).toEqual([SUBTITLE_FRAME_SAMPLES]);
    expect(frames[0]![0]).toBe(0);
    expect(frames[0]![SUBTITLE_FRAME_SAMPLES - 1]).toBe(3);
    expect(decode(pcm16ToBase64(frames[0]!)).length).toBe(3_200);
  });
});
