// The whole patient journey in Chromium on browser mode with simulated hardware: every screen is
// reached by touching what a patient touches, a screenshot of each is kept in test-results/screens,
// and any console error or failed request fails the test.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  KIOSK_VIEWPORT,
  launchChromium,
  OTHER_VIEWPORTS,
  openCabinPage,
  startCabinUnderTest,
  type CabinPage,
  type CabinUnderTest,
} from '../support/cabin-under-test';
import { privateCupsMissing, startPrivateCups, type PrivateCups } from '../support/private-cups';
import { answerCarePath, chooseNextAvailable, printAndPay, type Patient } from '../support/journey-steps';

describe('a patient in the cabin, in Chromium', () => {
  let browser: Browser;
  let cabin: CabinUnderTest;
  let cabinPage: CabinPage;
  let page: Page;
  let problems: string[];
  let shot = 0;

  // Every screen of the journey is photographed, numbered in the order the patient meets it.
  const screen = async (step: string, stage?: string): Promise<void> => {
    shot += 1;
    await cabinPage.screen(
      step,
      stage,
      `${String(shot).padStart(2, '0')}-${step}${stage ? `-${stage}` : ''}`,
    );
  };
  const tap = (testId: string) => cabinPage.tap(testId);
  /** The screen shown also on the other screen sizes, photographed, its buttons still on screen. */
  const otherSizes = async (step: string, stage?: string): Promise<void> => {
    for (const size of OTHER_VIEWPORTS) {
      await page.setViewportSize(size);
      await cabinPage.screen(
        step,
        stage,
        `size-${size.width}x${size.height}-${step}${stage ? `-${stage}` : ''}`,
      );
    }
    await page.setViewportSize(KIOSK_VIEWPORT);
  };
  const patient: Patient = { screen, tap, answer: (testId) => cabinPage.answer(testId) };

  // The documents print through a private cupsd when this machine has CUPS (CI does), else through
  // the simulated printer.
  let cups: PrivateCups | null = null;

  beforeAll(async () => {
    if (privateCupsMissing() === null) {
      cups = await startPrivateCups();
      cups.addPrinter('cabine', 'print');
    }
    cabin = await startCabinUnderTest(
      cups ? { printer: { kind: 'cups', server: cups.socket, destination: 'cabine' } } : {},
    );
    browser = await launchChromium();
    cabinPage = await openCabinPage(browser, cabin);
    ({ page, problems } = cabinPage);
  });

  afterAll(async () => {
    await browser?.close();
    await cabin?.stop();
    await cups?.stop();
  });

  it('walks from the welcome screen to goodbye and leaves nothing of the patient behind', async () => {
    await screen('welcome');
    await tap('start');

    await screen('information');
    // The cost and what is reimbursed come before any acceptance.
    await expect(page.locator('[data-screen="information"]').innerText()).resolves.toContain('25,00\u00a0€');
    await otherSizes('information');
    await tap('next');

    await screen('consent', 'asking');
    await otherSizes('consent');
    // Lucas is 12: he consults with a parent.
    await tap('presence-parent');
    await tap('consent-accept');

    await screen('identification', 'choosingBeneficiary');
    await tap('beneficiary-1');
    await screen('identification', 'confirming');
    await expect(page.locator('body').innerText()).resolves.toContain('Lucas');
    await tap('confirm-identity');

    await chooseNextAvailable(patient, 'doctor');
    // Under 16: nothing asked about the médecin traitant, reimbursed without the participation.
    await answerCarePath(patient, 'notAsked');
    await expect(page.getByTestId('cost-assurance-maladie').innerText()).resolves.toBe('17,50\u00a0€');
    await tap('accept-cost');

    // Blood pressure, then a reload in the middle of the session resumes the same screen.
    await screen('measurements', 'instructions');
    await tap('start-measurement');
    await screen('measurements', 'result');
    await page.reload();
    await screen('measurements', 'result');
    await tap('next');
    // Temperature: skipped. Oxygen and weight: taken.
    await screen('measurements', 'instructions');
    await tap('skip');
    for (let i = 0; i < 2; i += 1) {
      await screen('measurements', 'instructions');
      await tap('start-measurement');
      await screen('measurements', 'result');
      await tap('next');
    }

    await screen('waitingRoom');
    await screen('waitingRoom', 'professionalReady');
    await expect(page.locator('body').innerText()).resolves.toContain('10000000000');
    await otherSizes('waitingRoom', 'professionalReady');
    await tap('start-call');
    await screen('consultation');
    await screen('consultation', 'inCall');
    // The professional asks for the temperature: its instructions beside the video, started by the
    // patient, then its result, and back to the call.
    await screen('consultation', 'measuring');
    await expect(page.getByTestId('remote-video').count()).resolves.toBe(1);
    await tap('start-measurement');
    await page.locator('[data-testid="call-measurement"][data-stage="result"]').waitFor();
    await screen('consultation', 'measuring');
    await tap('measurement-done');

    const printedBefore = cups?.printedFiles().length ?? 0;
    await printAndPay(patient);
    if (cups) {
      // The prescription came out of the printer, and nothing of it stays in CUPS's spool.
      const printed = cups.printedFiles().slice(printedBefore);
      expect(printed).toHaveLength(1);
      // The simulated professional's prescription is plain text, which the test printer (a raw queue)
      // receives as it is; a PDF is read back with pdftotext.
      const bytes = readFileSync(printed[0]!);
      const text = bytes.subarray(0, 5).toString('latin1').startsWith('%PDF')
        ? spawnSync('pdftotext', [printed[0]!, '-'], { encoding: 'utf8' }).stdout
        : bytes.toString('utf8');
      expect(text).toContain('Paracétamol');
      expect(cups.run('lpstat', ['-W', 'all', '-o'])).toBe('');
    }
    await tap('finish');

    await screen('welcome');
    expect(problems).toEqual([]);
    // The renderer stored nothing either.
    await expect(page.evaluate(() => localStorage.length + sessionStorage.length)).resolves.toBe(0);
    // Nothing of the patient in the cabin's files: the log, the store and its WAL.
    for (const folder of [cabin.config.logDirectory, cabin.config.dataDirectory]) {
      for (const file of readdirSync(folder)) {
        const bytes = readFileSync(join(folder, file)).toString('latin1');
        expect(bytes, file).not.toContain('MARTINEAU');
        expect(bytes, file).not.toContain('Lucas');
      }
    }
  });
});
