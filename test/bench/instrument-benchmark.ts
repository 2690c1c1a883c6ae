// The examination instruments in a real call, with Chromium's fake cameras and microphones on loopback:
//   - the professional's request to the first frame of the instrument decoded at the console (median of
//     5 requests switching between the otoscope and the dermatoscope; target under 1 s);
//   - the stethoscope's audio delay from cabin to console: the 1 kHz burst's onset in the cabin page on
//     the stream it opened and in the console page on the received one, on the host's one clock (median).
// Runs inside the loopback network namespace (`npm run bench` starts it there). A console without the
// instruments' controls is reported and skipped, not failed.
//   tsx test/support/in-loopback-namespace.ts tsx test/bench/instrument-benchmark.ts
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { BURST_HZ } from '../support/low-tones-wav';
import { installAudioProbe, type AudioProbe } from '../support/stethoscope-probe';
import {
  startVideoConsultation,
  takeFirstWaitingPatient,
  waitForFrames,
  walkToWaitingRoom,
  type VideoConsultation,
} from '../support/video-consultation';

const REQUESTS = 5;
const LISTEN_MS = 12_000;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Frames decoded by the console's video of instrument `kind` (0 while there is none). */
function instrumentFrames(practitioner: Page, kind: string): Promise<number> {
  return practitioner
    .locator(`[data-testid="instrument-video"][data-kind="${kind}"]`)
    .evaluate((element) => {
      // The element's own count, at once; else the console's count of the track's frames (getStats).
      if (element instanceof HTMLVideoElement) return element.getVideoPlaybackQuality().totalVideoFrames;
      const counted = Number(element.getAttribute('data-frames-decoded') ?? Number.NaN);
      return Number.isFinite(counted) ? counted : 0;
    })
    .catch(() => 0);
}

async function requestToFirstFrame(consultation: VideoConsultation): Promise<number[]> {
  const practitioner = consultation.console;
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i += 1) {
    const kind = i % 2 === 0 ? 'otoscope' : 'dermatoscope';
    const before = await instrumentFrames(practitioner, kind);
    const asked = performance.now();
    await practitioner.getByTestId(`request-instrument-${kind}`).click();
    while ((await instrumentFrames(practitioner, kind)) <= before) {
      if (performance.now() - asked > 20_000) throw new Error(`no ${kind} frame within 20 s`);
      await practitioner.waitForTimeout(5);
    }
    times.push(performance.now() - asked);
    await practitioner.waitForTimeout(500);
  }
  await practitioner.getByTestId('end-instrument').click();
  return times;
}

/** The stethoscope's burst onsets on both sides, paired: console onset minus the cabin's just before it. */
async function stethoscopeDelays(consultation: VideoConsultation): Promise<number[]> {
  const { patient, console: practitioner } = consultation;
  await practitioner.getByTestId('request-instrument-stethoscope').click();
  await patient.page.getByTestId('auscultation-notice').waitFor({ timeout: 10_000 });
  await practitioner.getByTestId('auscultation-audio').waitFor({ state: 'attached', timeout: 10_000 });
  await patient.page.evaluate(installAudioProbe);
  await practitioner.evaluate(installAudioProbe);
  await patient.page.evaluate((burstHz) => {
    const streams = (window as unknown as { cabineUnprocessedAudio?: MediaStream[] }).cabineUnprocessedAudio;
    const stream = streams?.[streams.length - 1];
    if (!stream) throw new Error('the cabin opened no stream with the processing off');
    (window as unknown as { cabineAudioProbe: AudioProbe }).cabineAudioProbe.watchBursts(
      stream,
      'sent',
      burstHz,
    );
  }, BURST_HZ);
  await practitioner.getByTestId('auscultation-audio').evaluate((element, burstHz) => {
    const stream = (element as HTMLMediaElement).srcObject;
    if (!(stream instanceof MediaStream)) throw new Error('auscultation-audio plays no stream');
    (window as unknown as { cabineAudioProbe: AudioProbe }).cabineAudioProbe.watchBursts(
      stream,
      'received',
      burstHz,
    );
  }, BURST_HZ);
  await practitioner.waitForTimeout(LISTEN_MS);
  const onsets = (page: Page, name: string): Promise<number[]> =>
    page.evaluate(
      (key) => (window as unknown as { cabineAudioProbe: AudioProbe }).cabineAudioProbe.burstOnsets(key),
      name,
    );
  const sent = await onsets(patient.page, 'sent');
  const received = await onsets(practitioner, 'received');
  await practitioner.getByTestId('end-instrument').click();
  return received.flatMap((at) => {
    const last = sent.filter((s) => s <= at && at - s < 1000).pop();
    return last === undefined ? [] : [at - last];
  });
}

async function main(): Promise<void> {
  const consultation = await startVideoConsultation({ instruments: true });
  try {
    const { patient, console: practitioner } = consultation;
    await walkToWaitingRoom(patient);
    await patient.tap('media-check-ok');
    await takeFirstWaitingPatient(practitioner);
    await patient.page.getByTestId('start-call').waitFor({ timeout: 15_000 });
    await patient.tap('start-call');
    await waitForFrames(practitioner, 'remote-video');
    if ((await practitioner.getByTestId('request-instrument-otoscope').count()) === 0) {
      process.stdout.write('examination instruments: skipped (the console has no instrument request)\n');
      return;
    }
    const toFrame = await requestToFirstFrame(consultation);
    process.stdout.write(
      `professional's request to the instrument's first frame decoded at the console (${REQUESTS} requests, otoscope and dermatoscope in turn): ` +
        `median ${median(toFrame).toFixed(0)} ms, max ${Math.max(...toFrame).toFixed(0)} ms (target < 1000 ms)\n`,
    );
    const delays = await stethoscopeDelays(consultation);
    process.stdout.write(
      `stethoscope's audio delay from the cabin's stream to the console's (1 kHz burst onsets, ${delays.length} bursts): ` +
        `median ${median(delays).toFixed(0)} ms, max ${Math.max(...delays).toFixed(0)} ms\n`,
    );
  } finally {
    await consultation.stop();
  }
}

void main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    process.stderr.write(
      `instrument benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
