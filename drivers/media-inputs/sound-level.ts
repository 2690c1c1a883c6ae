// A sound input's level for the technician's command line: one second of ALSA capture through `arecord`
// (alsa-utils), its RMS in dBFS. Only where `arecord` is installed; the cabin's screen has its own meter.
import { spawn } from 'node:child_process';

/** The RMS level of signed 16-bit little-endian samples, in dB relative to full scale; -Infinity for silence. */
export function rmsDbfs(pcm: Buffer): number {
  const count = Math.floor(pcm.length / 2);
  if (count === 0) return -Infinity;
  let sum = 0;
  for (let i = 0; i < count; i += 1) {
    const sample = pcm.readInt16LE(i * 2) / 32768;
    sum += sample * sample;
  }
  const rms = Math.sqrt(sum / count);
  return rms === 0 ? -Infinity : 20 * Math.log10(rms);
}

/**
 * Records `seconds` from the ALSA device (`hw:N`, opened through `plughw:N` so any rate works) and answers
 * its level in dBFS, or null when `arecord` is missing or the device cannot be opened.
 */
export function captureLevel(device: string, seconds = 1): Promise<number | null> {
  const plug = device.replace(/^hw:/u, 'plughw:');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let child;
    try {
      child = spawn(
        'arecord',
        ['-q', '-D', plug, '-f', 'S16_LE', '-c', '1', '-r', '48000', '-d', String(seconds), '-t', 'raw'],
        {
          stdio: ['ignore', 'pipe', 'ignore'],
        },
      );
    } catch {
      resolve(null);
      return;
    }
    child.on('error', () => resolve(null));
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('close', (code) => resolve(code === 0 ? rmsDbfs(Buffer.concat(chunks)) : null));
  });
}
