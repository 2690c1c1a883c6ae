// The fake stethoscope's sound for Chromium's `--use-file-for-fake-audio-capture`: steady low tones where
// heart and lung sounds live, plus a short 1 kHz burst every 2 s whose onset times the audio delay.
// Generated at run time into a temporary file (never committed as a binary); Chromium loops it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The steady tones of the file (Hz): all in the low band (20-200 Hz) a stethoscope must carry. */
export const LOW_TONES_HZ = [30, 50, 80, 150] as const;
/** Each tone's amplitude (a fraction of full scale): about -18.4 dBFS each, the sum stays under full scale. */
export const LOW_TONE_AMPLITUDE = 0.12;
/** The burst's frequency (Hz), its length (ms), its amplitude and its period (ms, the file's length). */
export const BURST_HZ = 1000;
export const BURST_MS = 40;
export const BURST_AMPLITUDE = 0.3;
export const BURST_PERIOD_MS = 2000;
/** The file's sample rate (Hz), as WebRTC's Opus runs. */
export const WAV_SAMPLE_RATE = 48_000;

/** The burst's envelope at `t` seconds into the period: raised-cosine ramps of 2 ms, so no click spreads it. */
function burstEnvelope(t: number): number {
  const length = BURST_MS / 1000;
  const ramp = 0.002;
  if (t < 0 || t > length) return 0;
  if (t < ramp) return 0.5 - 0.5 * Math.cos((Math.PI * t) / ramp);
  if (t > length - ramp) return 0.5 - 0.5 * Math.cos((Math.PI * (length - t)) / ramp);
  return 1;
}

/**
 * The samples of one period (2 s, mono, 48 kHz) as 16-bit PCM: whole cycles of every tone, so the loop
 * joins without a click; the burst starts at the period's start.
 */
export function lowTonesSamples(): Int16Array {
  const count = (WAV_SAMPLE_RATE * BURST_PERIOD_MS) / 1000;
  const samples = new Int16Array(count);
  for (let i = 0; i < count; i += 1) {
    const t = i / WAV_SAMPLE_RATE;
    let value = 0;
    for (const hz of LOW_TONES_HZ) value += LOW_TONE_AMPLITUDE * Math.sin(2 * Math.PI * hz * t);
    value += BURST_AMPLITUDE * burstEnvelope(t) * Math.sin(2 * Math.PI * BURST_HZ * t);
    samples[i] = Math.round(Math.max(-1, Math.min(1, value)) * 32767);
  }
  return samples;
}

/** A RIFF/WAVE file (PCM, mono, 16-bit, 48 kHz) holding `samples`. */
export function wavFile(samples: Int16Array): Buffer {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(WAV_SAMPLE_RATE, 24);
  header.writeUInt32LE(WAV_SAMPLE_RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** Writes the low tones' WAV into a new temporary folder; answers its path (the caller may remove the folder). */
export function writeLowTonesWav(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'cabine-tones-')), 'low-tones.wav');
  writeFileSync(path, wavFile(lowTonesSamples()));
  return path;
}
