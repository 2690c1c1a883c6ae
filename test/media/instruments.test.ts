// The examination instruments in a real call: Chromium plays the cabin and the practitioner's console,
// each with four fake cameras (face, a depth camera left unused, otoscope, dermatoscope) and three fake
// microphones playing low tones (the second is the stethoscope), through the reference platform. Checked on what each side
// sees and hears: the instrument's own track decoded at the console beside the face, a still kept by the
// console, a switch, the stethoscope's low band intact after 20 s with the processing off, the patient's
// stop, and afterwards no picture, sound or identity written on the cabin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { SAMPLE_BENEFICIARIES } from '../../devices/simulated/sample-patients';
import { LOW_TONES_HZ } from '../support/low-tones-wav';
import { mediaWrittenUnder } from '../support/media-traces';
import { hitsUnder } from '../support/patient-traces';
import { installAudioProbe, type AudioProbe } from '../support/stethoscope-probe';
import {
  endCallToWelcome,
  framesDecoded,
  startVideoConsultation,
  takeFirstWaitingPatient,
  waitForFrames,
  walkToWaitingRoom,
  type VideoConsultation,
} from '../support/video-consultation';

/** Where the screenshots go (looked at, never compared). */
const SCREENS = join(import.meta.dirname, '../../test-results/screens');

/** How far a received tone may stand below the loudest one (dB): the tones are sent at one level. */
const SPREAD_DB = 6;

const instrumentVideo = (kind: string): string => `[data-testid="instrument-video"][data-kind="${kind}"]`;

/** Frames decoded by the console's video of instrument `kind` (0 before the first). */
function instrumentFrames(consultation: VideoConsultation, kind: string): Promise<number> {
  return consultation.console
    .locator(instrumentVideo(kind))
    .evaluate((element) => {
      // The console's count of the track's decoded frames (getStats), else the element's own.
      const counted = Number(element.getAttribute('data-frames-decoded') ?? Number.NaN);
      if (Number.isFinite(counted)) return counted;
      return element instanceof HTMLVideoElement ? element.getVideoPlaybackQuality().totalVideoFrames : 0;
    })
    .catch(() => 0);
}

describe('examination instruments in a video consultation', () => {
  let consultation: VideoConsultation;
  let startedAt: number;

  beforeAll(async () => {
    startedAt = Date.now();
    consultation = await startVideoConsultation({ instruments: true });
  });

  afterAll(async () => {
    await consultation?.stop();
  });

  it('the patient and the doctor are in the call', async () => {
    const { patient, console: practitioner } = consultation;
    await walkToWaitingRoom(patient);
    await patient.tap('media-check-ok');
    await takeFirstWaitingPatient(practitioner);
    await patient.tap('start-call');
    await patient.screen('consultation', 'inCall');
    await waitForFrames(practitioner, 'remote-video');
  });

  it('the doctor asks for the otoscope: the patient is guided and the console sees it beside the face', async () => {
    const { patient, console: practitioner } = consultation;
    await practitioner.getByTestId('request-instrument-otoscope').click();
    await patient.page.locator('[data-testid="instrument-guide"][data-kind="otoscope"]').waitFor();
    await patient.page.getByTestId('instrument-preview').waitFor();
    await expect
      .poll(() => instrumentFrames(consultation, 'otoscope'), { timeout: 20_000 })
      .toBeGreaterThan(0);
    const first = await instrumentFrames(consultation, 'otoscope');
    const face = await framesDecoded(practitioner, 'remote-video');
    await patient.screen('consultation', 'inCall', 'media-10-otoscope-guide');
    await practitioner.screenshot({ path: join(SCREENS, 'media-11-console-otoscope.png') });
    await expect
      .poll(() => instrumentFrames(consultation, 'otoscope'), { timeout: 10_000 })
      .toBeGreaterThan(first);
    await waitForFrames(practitioner, 'remote-video', face, 10_000);
  });

  it('the doctor takes a still: the console lists it', async () => {
    const { console: practitioner } = consultation;
    await practitioner.getByTestId('take-still').click();
    await practitioner.getByTestId('instrument-still').first().waitFor({ timeout: 10_000 });
  });

  it('the doctor switches to the dermatoscope, then ends it: the patient is no longer guided', async () => {
    const { patient, console: practitioner } = consultation;
    await practitioner.getByTestId('request-instrument-dermatoscope').click();
    await patient.page.locator('[data-testid="instrument-guide"][data-kind="dermatoscope"]').waitFor();
    await expect
      .poll(() => instrumentFrames(consultation, 'dermatoscope'), { timeout: 20_000 })
      .toBeGreaterThan(0);
    const first = await instrumentFrames(consultation, 'dermatoscope');
    await expect
      .poll(() => instrumentFrames(consultation, 'dermatoscope'), { timeout: 10_000 })
      .toBeGreaterThan(first);
    await practitioner.getByTestId('end-instrument').click();
    await patient.page.getByTestId('instrument-guide').waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('the examination camera sends no frame (a depth camera): both sides are told, the call goes on', async () => {
    const { patient, console: practitioner } = consultation;
    await practitioner.getByTestId('request-instrument-examinationCamera').click();
    await patient.page.locator('[data-testid="instrument-guide"][data-kind="examinationCamera"]').waitFor();
    await patient.page.getByTestId('instrument-failed').waitFor({ timeout: 25_000 });
    await expect
      .poll(() => practitioner.getByTestId('instrument-state').getAttribute('data-state'), {
        timeout: 10_000,
      })
      .toBe('failed');
    await expect(practitioner.getByTestId('instrument-failure').innerText()).resolves.toMatch(/\S/);
    await patient.tap('instrument-failed-ok');
    await patient.page.getByTestId('instrument-guide').waitFor({ state: 'detached', timeout: 10_000 });
    await waitForFrames(practitioner, 'remote-video', await framesDecoded(practitioner, 'remote-video'));
  });

  it('the doctor listens with the stethoscope: processing off, the low band still there after 20 s', async () => {
    const { patient, console: practitioner } = consultation;
    await practitioner.getByTestId('request-instrument-stethoscope').click();
    await patient.page.getByTestId('auscultation-notice').waitFor({ timeout: 10_000 });
    // The settings are there once the stethoscope's input is open.
    const guide = patient.page.locator('[data-testid="instrument-guide"][data-track-settings]');
    await guide.waitFor({ timeout: 10_000 });
    const settings = await guide.getAttribute('data-track-settings');
    expect(JSON.parse(settings ?? '{}')).toMatchObject({
      echoCancellation: false,
      noiseSuppression: false,
      autoGainControl: false,
    });
    const audio = practitioner.getByTestId('auscultation-audio');
    await audio.waitFor({ state: 'attached', timeout: 10_000 });
    await practitioner.evaluate(installAudioProbe);
    await patient.screen('consultation', 'inCall', 'media-12-stethoscope-guide');
    await practitioner.screenshot({ path: join(SCREENS, 'media-13-console-stethoscope.png') });
    // 20 s of real time with the stethoscope on, then its tones read at the console.
    await practitioner.waitForTimeout(20_000);
    const levels = await audio.evaluate(
      (element, tones) => {
        const stream = (element as HTMLMediaElement).srcObject;
        if (!(stream instanceof MediaStream)) throw new Error('auscultation-audio plays no stream');
        const probe = (window as unknown as { cabineAudioProbe: AudioProbe }).cabineAudioProbe;
        return probe.toneLevels(stream, tones, 2000);
      },
      [...LOW_TONES_HZ],
    );
    console.log(
      `stethoscope at the console after 20 s: ${LOW_TONES_HZ.map((hz, i) => `${hz} Hz ${(levels[i] ?? Number.NaN).toFixed(1)} dB`).join(', ')}`,
    );
    const loudest = Math.max(...levels);
    // The face microphone plays the same file: a tone far under the others is voice processing or Opus's voice mode.
    expect(loudest).toBeGreaterThan(-50);
    LOW_TONES_HZ.forEach((hz, i) => expect(levels[i], `${hz} Hz`).toBeGreaterThan(loudest - SPREAD_DB));
  });

  it('the patient stops the stethoscope: the console says the patient stopped it', async () => {
    const { patient, console: practitioner } = consultation;
    await patient.tap('instrument-stop');
    await expect
      .poll(() => practitioner.getByTestId('instrument-state').getAttribute('data-state'), {
        timeout: 10_000,
      })
      .toBe('stoppedByPatient');
  });

  it('after the session, no picture, sound or identity of the patient is written on the cabin', async () => {
    const { patient, console: practitioner, cabin } = consultation;
    await endCallToWelcome(practitioner, patient);
    const profile = consultation.cabinProfile;
    if (profile === null) throw new Error('the cabin Chromium has no profile folder of its own');
    const root = resolve(import.meta.dirname, '../..');
    const media = mediaWrittenUnder([cabin.directory, profile], startedAt, [
      resolve(root, 'dist/renderer'),
      resolve(root, 'assets'),
    ]);
    expect(media).toEqual([]);
    const patientSeen = SAMPLE_BENEFICIARIES[0];
    if (!patientSeen) throw new Error('no sample beneficiary');
    expect([
      ...hitsUnder(cabin.config.dataDirectory, patientSeen),
      ...hitsUnder(profile, patientSeen),
    ]).toEqual([]);
    expect(patient.problems).toEqual([]);
    expect(consultation.consoleProblems).toEqual([]);
  });
});
