// The professional's voice as the subtitles' engine takes it: Web Audio's float samples (at the audio
// context's rate, 44.1 or 48 kHz) averaged down to 16 kHz, mono, signed 16-bit little-endian, in frames
// of 200 ms sent as base64 over the call channel. Pure code: no Web Audio here.
import { SUBTITLE_SAMPLE_RATE } from '../../contract/subtitles';

/** The samples of one frame sent to the controller: 200 ms at 16 kHz (6 400 bytes). */
export const SUBTITLE_FRAME_SAMPLES = SUBTITLE_SAMPLE_RATE / 5;

/** Mixes channels of equal length to one (their mean); one channel is returned as it is. */
export function mixToMono(channels: readonly Float32Array[]): Float32Array {
  const [first] = channels;
  if (first === undefined) return new Float32Array(0);
  if (channels.length === 1) return first;
  const mono = new Float32Array(first.length);
  for (const channel of channels)
    for (let i = 0; i < mono.length; i += 1) mono[i]! += (channel[i] ?? 0) / channels.length;
  return mono;
}

/** A float sample (-1 to 1, beyond clipped) as a signed 16-bit integer. */
function toInt16(sample: number): number {
  const clipped = Math.max(-1, Math.min(1, sample));
  return Math.round(clipped < 0 ? clipped * 0x8000 : clipped * 0x7fff);
}

/**
 * Resamples `input` at `inputRate` down to `outputRate` (not above it) as 16-bit integers. Each output
 * sample is the mean of the input samples it stands for: a box filter, enough against aliasing for
 * speech, and the phase carries over from one call to the next, so frames join without a click.
 */
export class Downsampler {
  private position = 0;
  private sum = 0;
  private count = 0;
  private readonly step: number;

  constructor(inputRate: number, outputRate: number = SUBTITLE_SAMPLE_RATE) {
    if (!(inputRate >= outputRate) || outputRate <= 0) {
      throw new Error(`cannot downsample ${inputRate} Hz to ${outputRate} Hz`);
    }
    this.step = inputRate / outputRate;
  }

  /** The output samples that `input` completes (the remainder waits for the next call). */
  push(input: Float32Array): Int16Array {
    const output = new Int16Array(Math.ceil((input.length + this.position) / this.step) + 1);
    let written = 0;
    for (const sample of input) {
      this.sum += sample;
      this.count += 1;
      this.position += 1;
      if (this.position >= this.step) {
        output[written] = toInt16(this.sum / this.count);
        written += 1;
        this.position -= this.step;
        this.sum = 0;
        this.count = 0;
      }
    }
    return output.subarray(0, written);
  }
}

/** 16-bit samples as little-endian bytes in base64, whatever the machine's byte order. */
export function pcm16ToBase64(samples: Int16Array): string {
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  samples.forEach((sample, i) => view.setInt16(i * 2, sample, true));
  let binary = '';
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let at = 0; at < bytes.length; at += 0x2000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x2000));
  }
  return btoa(binary);
}

/** Gathers 16-bit samples into frames of `frameSamples`, handing each full one to `onFrame`. */
export class PcmFramer {
  private readonly frame: Int16Array;
  private filled = 0;

  constructor(
    private readonly onFrame: (frame: Int16Array) => void,
    frameSamples: number = SUBTITLE_FRAME_SAMPLES,
  ) {
    this.frame = new Int16Array(frameSamples);
  }

  /** Adds samples; every frame they complete goes out at once (a copy: the framer reuses its buffer). */
  push(samples: Int16Array): void {
    let at = 0;
    while (at < samples.length) {
      const taken = Math.min(this.frame.length - this.filled, samples.length - at);
      this.frame.set(samples.subarray(at, at + taken), this.filled);
      this.filled += taken;
      at += taken;
      if (this.filled === this.frame.length) {
        this.onFrame(this.frame.slice());
        this.filled = 0;
      }
    }
  }
}
