// The video consultation with real media: Chromium plays the cabin and the practitioner's console,
// each with a fake camera and microphone, through the reference platform. The cabin and the platform
// are on one host, the practitioner's browser on a second one joined by a virtual cable (this file runs
// inside the network namespace of test/support/in-loopback-namespace.ts). Checked on what each side
// sees: frames decoded both ways, a measurement reaching the console, the professional's request and
// document reaching the cabin, and the call surviving a cut of the cable.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  framesDecoded,
  startVideoConsultation,
  takeFirstWaitingPatient,
  waitForFrames,
  walkToWaitingRoom,
  type VideoConsultation,
} from '../support/video-consultation';

/** The cabin's operation log so far, as one text (codes only: it never holds patient data). */
function operationLog(consultation: VideoConsultation): string {
  const folder = consultation.cabin.config.logDirectory;
  return readdirSync(folder)
    .map((file) => readFileSync(join(folder, file), 'utf8'))
    .join('\n');
}

describe('a video consultation between the cabin and the practitioner console', () => {
  let consultation: VideoConsultation;

  beforeAll(async () => {
    consultation = await startVideoConsultation({ resumeGraceMs: 30_000, practitionerOnOtherHost: true });
  });

  afterAll(async () => {
    await consultation?.stop();
  });

  it('the patient checks camera and microphone, then sees and is seen by the doctor', async () => {
    const { patient, console: practitioner } = consultation;
    await walkToWaitingRoom(patient);
    // The camera check: the patient sees themselves before the call.
    await patient.page.getByTestId('media-check').waitFor();
    await waitForFrames(patient.page, 'self-view');
    await patient.screen('waitingRoom', undefined, 'media-01-camera-check');
    await patient.tap('play-test-sound');
    await patient.tap('media-check-ok');

    // The doctor sees the patient waiting, with the measurement taken before, and takes the call.
    await takeFirstWaitingPatient(practitioner, 'media-02-console-queue');

    await patient.screen('waitingRoom', 'professionalReady', 'media-03-professional-ready');
    await expect(patient.text()).resolves.toContain(TEST_RPPS);
    await patient.tap('start-call');
    await patient.screen('consultation', 'inCall');

    // Frames decoded on both sides, and the indicator tells the patient they are seen and heard.
    await waitForFrames(patient.page, 'remote-video');
    await waitForFrames(practitioner, 'remote-video');
    await expect
      .poll(() => patient.page.getByTestId('seen-heard').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('seenAndHeard');
    await practitioner.getByTestId('patient-sees').waitFor();
    await patient.screen('consultation', 'inCall', 'media-04-in-call');
    await practitioner.screenshot({
      path: join(import.meta.dirname, '../../test-results/screens/media-05-console-call.png'),
    });
    // The temperature taken before the call is on the console.
    await expect(practitioner.getByTestId('measurement-temperature').innerText()).resolves.toMatch(/°C/);
  });

  it('the doctor asks for the blood pressure: the cabin takes it and the value reaches the console', async () => {
    const { patient, console: practitioner } = consultation;
    await practitioner.getByTestId('request-bloodPressure').click();
    // The instructions beside the professional's video; the patient starts it, and sees the result.
    await patient.screen('consultation', 'measuring', 'media-06-requested-measurement');
    await patient.tap('start-measurement');
    await patient.page.locator('[data-testid="call-measurement"][data-stage="result"]').waitFor();
    await patient.tap('measurement-done');
    await patient.screen('consultation', 'inCall');
    await expect
      .poll(() => practitioner.getByTestId('measurement-bloodPressure').innerText(), { timeout: 15_000 })
      .toMatch(/mmHg/);
  });

  it('the patient asks for help during the call: the doctor sees it, takes care of it, the cabin sees it answered', async () => {
    const { patient, console: practitioner } = consultation;
    await patient.tap('help');
    // The banner names who was told: the counter, the support and the doctor in the call.
    await expect
      .poll(() => patient.page.getByTestId('help-banner').innerText(), { timeout: 10_000 })
      .toMatch(/médecin/);
    await practitioner.getByTestId('call-help').waitFor({ timeout: 10_000 });
    await patient.screen('consultation', 'inCall', 'media-07-help-called');
    await practitioner.getByTestId('call-help-answer').click();
    await patient.page.getByTestId('help-answered').waitFor({ timeout: 10_000 });
    await practitioner.getByTestId('call-help').waitFor({ state: 'detached' });
  });

  it('the doctor writes a prescription: the cabin has it', async () => {
    const { patient, console: practitioner } = consultation;
    await practitioner.getByTestId('document-title').fill('Ordonnance');
    await practitioner.getByTestId('document-text').fill('Paracétamol 1 g, 3 fois par jour pendant 3 jours.');
    await practitioner.getByTestId('document-send').click();
    await expect
      .poll(() => patient.page.getByTestId('documents-received').innerText(), { timeout: 10_000 })
      .toMatch(/1/);
  });

  it('the cable is cut for 8 s: the cabin says so, restarts ICE, and the same call comes back', async () => {
    const { patient, console: practitioner, network } = consultation;
    if (network === null) throw new Error('this test needs the practitioner on another host');
    const before = await framesDecoded(patient.page, 'remote-video');
    network.cut();
    // The patient is told the link is lost, while the cabin's own screen keeps working.
    await patient.page.getByTestId('call-reconnecting').waitFor({ timeout: 15_000 });
    await patient.screen('consultation', 'reconnecting', 'media-07-reconnecting');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    network.restore();
    // Back into the same call within the 20 s window: new frames on both sides, the cabin in the call.
    await patient.screen('consultation', 'inCall');
    await waitForFrames(patient.page, 'remote-video', before, 20_000);
    const consoleFrames = await framesDecoded(practitioner, 'remote-video');
    await waitForFrames(practitioner, 'remote-video', consoleFrames, 20_000);
    await patient.screen('consultation', 'inCall', 'media-08-after-reconnection');
    const log = operationLog(consultation);
    expect(log).toMatch(/"call\.mediaLink".*"disconnected"/);
    expect(log.lastIndexOf('"connected"')).toBeGreaterThan(log.lastIndexOf('"disconnected"'));
  });

  it('the doctor ends the call: the documents step follows, and nothing leaked to the logs', async () => {
    const { patient, console: practitioner } = consultation;
    await practitioner.getByTestId('end-call').click();
    await practitioner.getByTestId('end-confirm').click();
    await patient.screen('documents', 'review', 'media-09-documents');
    await expect(patient.text()).resolves.toContain('Ordonnance');
    expect(patient.problems).toEqual([]);
    expect(consultation.consoleProblems).toEqual([]);
    const log = operationLog(consultation);
    expect(log).not.toMatch(/MARTINEAU|Paracétamol/);
  });
});

const TEST_RPPS = '10000000000';
