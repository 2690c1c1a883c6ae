// Decode rate of the two HID codecs (Omron HEM-7322U replies and records, Beurer PO 80 live reports):
// measured, not asserted. Run with `tsx test/bench/hid-benchmark.ts`.
import { performance } from 'node:perf_hooks';
import { decodeReport, encodeLive } from '../../devices/beurer-po80';
import {
  decodeMemory,
  decodeReply,
  encodeBlockReply,
  encodeRecord,
  OMRON_BLOCK_SIZE,
} from '../../devices/omron-hem7322u';

const rate = (frames: number, ms: number): string =>
  `${Math.round((frames / ms) * 1000).toLocaleString('en')} frames/s`;

function timed(frames: number, decodeOne: (i: number) => boolean): number {
  for (let i = 0; i < 10_000; i += 1) decodeOne(i); // warm-up
  const begin = performance.now();
  let decoded = 0;
  for (let i = 0; i < frames; i += 1) if (decodeOne(i)) decoded += 1;
  const elapsed = performance.now() - begin;
  if (decoded !== frames) throw new Error(`only ${decoded} of ${frames} frames decoded`);
  return elapsed;
}

/** Measures the decode rate of each HID codec; answers one line per figure. */
export async function benchmarkHidCodecs(): Promise<string[]> {
  const frames = 200_000;
  const block = new Uint8Array(OMRON_BLOCK_SIZE).fill(0xff);
  block.set(
    encodeRecord({
      systolic: 128,
      diastolic: 82,
      pulse: 72,
      year: 2026,
      month: 11,
      day: 19,
      hour: 8,
      minute: 30,
    }),
  );
  const omronReport = new Uint8Array(64);
  omronReport.set(encodeBlockReply(0x02ac, block));
  const omronMs = timed(frames, () => decodeReply(omronReport).ok);

  const memory = new Uint8Array(2800).fill(0xff);
  for (let slot = 0; slot < 100; slot += 1)
    memory.set(
      encodeRecord({
        systolic: 120 + (slot % 20),
        diastolic: 80,
        pulse: 70,
        year: 2026,
        month: 11,
        day: 1 + (slot % 28),
        hour: 8,
        minute: slot % 60,
      }),
      slot * 14,
    );
  const memoryMs = timed(2000, () => decodeMemory(memory)[0]?.length === 100);

  const beurerReports = Array.from({ length: 64 }, (_, i) => {
    const report = new Uint8Array(64);
    report.set(encodeLive(60 + (i % 30), 90 + (i % 10)));
    return report;
  });
  const beurerMs = timed(frames, (i) => decodeReport(beurerReports[i % 64] ?? new Uint8Array()).ok);

  await Promise.resolve();
  return [
    `omron-hem7322u read reply (64-byte report): ${rate(frames, omronMs)}`,
    `omron-hem7322u full memory image (200 slots): ${rate(2000, memoryMs).replace('frames', 'images')}`,
    `beurer-po80 live report (64-byte report): ${rate(frames, beurerMs)}`,
  ];
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  for (const line of await benchmarkHidCodecs()) console.log(line);
}
