// A page reloaded in the middle of a video call, with real media: Chromium plays the cabin and the
// practitioner's console (both on loopback, this file runs inside the network namespace of
// test/support/in-loopback-namespace.ts). The reloaded side comes back with a new peer connection
// (a new DTLS certificate); the call must get its video back both ways by itself, within the 20 s
// the cabin waits before it falls back to sound only.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  framesDecoded,
  takeFirstWaitingPatient,
  startVideoConsultation,
  waitForFrames,
  walkToWaitingRoom,
  type VideoConsultation,
} from '../support/video-consultation';

/** How long the video may take to come back: the cabin's window before sound only. */
const RECOVERY_MS = 20_000;

/**
 * Waits until the page's video `testId` decodes new frames, read after read (a new stream on the
 * element may start its count again from zero). Throws at `deadline` (a Date.now() value).
 */
async function waitForFramesFlowing(page: Page, testId: string, deadline: number): Promise<void> {
  let last = await framesDecoded(page, testId).catch(() => 0);
  for (;;) {
    await page.waitForTimeout(100);
    const frames = await framesDecoded(page, testId).catch(() => 0);
    if (frames > last) return;
    last = frames;
    if (Date.now() > deadline) throw new Error(`${testId}: no new video frame in time`);
  }
}

describe('a page reloaded during a video consultation', () => {
  let consultation: VideoConsultation;

  beforeAll(async () => {
    consultation = await startVideoConsultation({ resumeGraceMs: 30_000 });
  });

  afterAll(async () => {
    await consultation?.stop();
  });

  it('the patient and the doctor see each other', async () => {
    const { patient, console: practitioner } = consultation;
    await walkToWaitingRoom(patient);
    await patient.page.getByTestId('media-check').waitFor();
    await patient.tap('media-check-ok');
    await takeFirstWaitingPatient(practitioner);
    await patient.screen('waitingRoom', 'professionalReady');
    await patient.tap('start-call');
    await patient.screen('consultation', 'inCall');
    await waitForFrames(patient.page, 'remote-video');
    await waitForFrames(practitioner, 'remote-video');
  });

  it('the console page is reloaded: the doctor stays logged in and the video comes back both ways', async () => {
    const { patient, console: practitioner } = consultation;
    await practitioner.reload();
    const deadline = Date.now() + RECOVERY_MS;
    // The tab kept the login: no login form; the platform gives the call back, the console takes it again.
    await expect(practitioner.getByTestId('login-form').count()).resolves.toBe(0);
    await practitioner.getByTestId('call-view').waitFor({ timeout: 15_000 });
    await waitForFrames(practitioner, 'remote-video', 0, deadline - Date.now());
    // The old console's connection is closed: frames at the cabin now come over a new one.
    await waitForFramesFlowing(patient.page, 'remote-video', deadline);
    await patient.screen('consultation', 'inCall', 'reload-01-after-console-reload');
    await expect(practitioner.getByTestId('media-failure').count()).resolves.toBe(0);
  });

  it('the cabin page is reloaded: the call resumes on screen and the video comes back both ways', async () => {
    const { patient, console: practitioner } = consultation;
    await patient.page.reload();
    const deadline = Date.now() + RECOVERY_MS;
    await patient.screen('consultation');
    await waitForFrames(patient.page, 'remote-video', 0, deadline - Date.now());
    // The old cabin's connection is closed: frames at the console now come over a new one.
    await waitForFramesFlowing(practitioner, 'remote-video', deadline);
    await patient.screen('consultation', 'inCall', 'reload-02-after-cabin-reload');
    await expect(practitioner.getByTestId('media-failure').count()).resolves.toBe(0);
  });

  it('the doctor ends the call: the cabin leaves the consultation, and neither page showed an error', async () => {
    const { patient, console: practitioner } = consultation;
    await practitioner.getByTestId('end-call').click();
    await practitioner.getByTestId('end-confirm').click();
    // No document was sent: the journey goes on past the documents step.
    await patient.page.waitForSelector('[data-screen="payment"], [data-screen="goodbye"]', {
      timeout: 15_000,
    });
    expect(patient.problems).toEqual([]);
    expect(consultation.consoleProblems).toEqual([]);
  });
});
