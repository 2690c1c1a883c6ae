// The stethoscope's sound through real WebRTC in Debian's Chromium, one page and two peer connections:
// each low tone's level sent and received after 20 s, in Opus's voice mode, its music mode (the cabin's)
// and with the voice processing on, and the burst's delay through the loop. Runs inside the loopback
// network namespace (`npm run bench` starts it there) and prints its lines.
//   tsx test/support/in-loopback-namespace.ts tsx test/bench/stethoscope-benchmark.ts
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { LOW_TONES_HZ, writeLowTonesWav } from '../support/low-tones-wav';
import {
  describeLoop,
  launchInstrumentChromium,
  listMediaInputs,
  loopStethoscope,
  openProbePage,
  type StethoscopeLoop,
  type StethoscopeMode,
} from '../support/stethoscope-probe';

const SECONDS = Number(process.env.STETHOSCOPE_SECONDS ?? 20);

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function main(): Promise<void> {
  const wav = writeLowTonesWav();
  const browser = await launchInstrumentChromium(wav);
  try {
    const page = await openProbePage(browser);
    const inputs = await listMediaInputs(page);
    process.stdout.write(
      `fake media inputs (device-count=4): ${inputs.map((input) => `${input.kind} "${input.label}"`).join(', ')}\n`,
    );
    const modes: StethoscopeMode[] = ['voice', 'music', 'processed'];
    const loops: StethoscopeLoop[] = [];
    for (const mode of modes) {
      const loop = await loopStethoscope(page, mode, SECONDS);
      loops.push(loop);
      process.stdout.write(`stethoscope after ${SECONDS} s, ${describeLoop(loop)}\n`);
      process.stdout.write(
        `  fmtp ${loop.opusFmtp}; burst delay through the loop: median ${median(loop.burstDelaysMs).toFixed(0)} ms over ${loop.burstDelaysMs.length} bursts\n`,
      );
    }
    // The processing acts on the local track already: against the file's level (an unprocessed track).
    const file = loops.find((loop) => loop.mode === 'music')?.sent ?? [];
    process.stdout.write(
      `stethoscope after ${SECONDS} s, received minus the file's level: ` +
        loops
          .map(
            (loop) =>
              `${loop.mode} ${LOW_TONES_HZ.map((hz, i) => `${hz} Hz ${((loop.receivedLate[i] ?? Number.NaN) - (file[i] ?? Number.NaN)).toFixed(1)}`).join(', ')} dB`,
          )
          .join('; ') +
        '\n',
    );
  } finally {
    await browser.close();
    rmSync(dirname(wav), { recursive: true, force: true });
  }
  process.exit(0);
}

void main().catch((error: unknown) => {
  process.stderr.write(
    `stethoscope benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
