// The journey in Arabic (right to left) and in Spanish, in Chromium on browser mode with simulated
// hardware: the language chosen on the welcome screen holds on every screen, the document says its
// direction, nothing spills sideways, and the main screens are kept as `ar-*.png` in test-results/screens.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
import {
  answerCarePath,
  chooseNextAvailable,
  skipAllMeasurements,
  type Patient,
} from '../support/journey-steps';

/**
 * Run in the page: the document's direction and language, whether anything is wider than the screen,
 * and whether the header's controls overlap one another. A string, since this file is compiled without
 * the DOM's types.
 */
const LAYOUT = `(() => {
  const boxes = [...document.querySelectorAll('header button, .choice-group > .choice')]
    .map((element) => element.getBoundingClientRect())
    .filter((box) => box.width > 0);
  const overlapping = boxes.some((a, i) => boxes.slice(i + 1).some((b) =>
    a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1));
  return {
    dir: document.documentElement.dir,
    lang: document.documentElement.lang,
    spills: document.documentElement.scrollWidth > window.innerWidth + 1,
    overlapping,
  };
})()`;

interface Layout {
  readonly dir: string;
  readonly lang: string;
  readonly spills: boolean;
  readonly overlapping: boolean;
}

describe('a patient in another language, in Chromium', () => {
  let browser: Browser;
  let cabin: CabinUnderTest | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await page?.close();
    page = undefined;
    await cabin?.stop();
    cabin = undefined;
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** A patient on a fresh page whose every screen is checked in `locale` and photographed as `<locale>-…`. */
  async function patientIn(locale: string, dir: 'ltr' | 'rtl') {
    cabin = await startCabinUnderTest();
    const cabinPage: CabinPage = await openCabinPage(browser, cabin);
    page = cabinPage.page;
    const layout = (): Promise<Layout> => cabinPage.page.evaluate<Layout>(LAYOUT);
    const screen = async (step: string, stage?: string, shot?: string): Promise<void> => {
      await cabinPage.screen(step, stage, shot ?? `${locale}-${step}${stage ? `-${stage}` : ''}`);
      await expect(layout(), `${step} ${stage ?? ''}`).resolves.toEqual({
        dir,
        lang: locale,
        spills: false,
        overlapping: false,
      });
    };
    const patient: Patient = { screen, tap: cabinPage.tap, answer: cabinPage.answer };
    return { cabinPage, page: cabinPage.page, patient, screen, layout };
  }

  it('walks the journey in Arabic, right to left on every screen, to goodbye', async () => {
    const { cabinPage, page, patient, screen, layout } = await patientIn('ar', 'rtl');
    const tap = cabinPage.tap;
    await cabinPage.screen('welcome');
    await expect(page.getByTestId('locale-ar').innerText()).resolves.toBe('العربية');
    await tap('locale-ar');
    await screen('welcome');
    // The six languages hold on the small portrait kiosk and in landscape too.
    for (const size of OTHER_VIEWPORTS) {
      await page.setViewportSize(size);
      await cabinPage.screen('welcome', undefined, `ar-size-${size.width}x${size.height}-welcome`);
      await expect(layout()).resolves.toEqual({ dir: 'rtl', lang: 'ar', spills: false, overlapping: false });
    }
    await page.setViewportSize(KIOSK_VIEWPORT);
    await tap('start');

    await screen('information');
    // Sums keep Latin digits, isolated left to right inside the Arabic sentence.
    await expect(page.getByTestId('cost-fee').innerText()).resolves.toContain('25,00 €');
    // The header's menu lists every language in its own name, the current one pressed.
    await tap('language-menu');
    await expect(page.getByTestId('language-choice-ar').getAttribute('aria-pressed')).resolves.toBe('true');
    await cabinPage.screen('information', undefined, 'ar-language-menu');
    await tap('language-menu');
    await tap('next');
    await screen('consent', 'asking');
    await tap('presence-parent');
    await tap('consent-accept');

    await screen('identification', 'choosingBeneficiary');
    await tap('beneficiary-1');
    await screen('identification', 'confirming');
    // The names stay as the Carte Vitale writes them, in Latin letters.
    await expect(page.locator('body').innerText()).resolves.toContain('Lucas');
    await tap('confirm-identity');

    await chooseNextAvailable(patient, 'doctor');
    await answerCarePath(patient, 'notAsked');
    await expect(page.getByTestId('cost-assurance-maladie').innerText()).resolves.toContain('17,50 €');
    await tap('accept-cost');

    await skipAllMeasurements(patient);
    await screen('waitingRoom');
    await screen('waitingRoom', 'professionalReady');
    await tap('start-call');
    await screen('consultation', 'inCall');
    // The professional asks for the temperature: measured, then back to the call.
    await screen('consultation', 'measuring');
    await tap('start-measurement');
    await page.locator('[data-testid="call-measurement"][data-stage="result"]').waitFor();
    await screen('consultation', 'measuring', 'ar-consultation-measured');
    await tap('measurement-done');

    await screen('documents', 'review');
    await tap('print');
    await screen('documents', 'printed');
    await tap('next');
    await screen('payment', 'confirm');
    await tap('pay');
    await screen('goodbye');
    await tap('finish');
    // The next patient starts in French, left to right.
    await cabinPage.screen('welcome');
    await expect(layout()).resolves.toMatchObject({ dir: 'ltr', lang: 'fr' });
    expect(cabinPage.problems).toEqual([]);
  });

  it('walks the journey in Spanish with larger text to the cost screen, on the small kiosk too', async () => {
    const { cabinPage, page, patient, screen, layout } = await patientIn('es', 'ltr');
    const tap = cabinPage.tap;
    await cabinPage.screen('welcome');
    await expect(page.getByTestId('locale-es').innerText()).resolves.toBe('Español');
    await tap('locale-es');
    await tap('large-text');
    await screen('welcome');
    await expect(page.getByTestId('start').innerText()).resolves.toBe('Empezar');
    await tap('start');
    await screen('information');
    await expect(page.locator('h1').innerText()).resolves.toBe('Cómo funciona la consulta');
    await tap('next');
    await screen('consent', 'asking');
    await tap('presence-parent');
    await tap('consent-accept');
    await screen('identification', 'choosingBeneficiary');
    await tap('beneficiary-1');
    await screen('identification', 'confirming');
    await tap('confirm-identity');
    await chooseNextAvailable(patient, 'doctor');
    await answerCarePath(patient, 'notAsked');
    await expect(page.getByTestId('cost-assurance-maladie').innerText()).resolves.toBe('17,50\u00a0€');
    await expect(page.locator('body').innerText()).resolves.toContain('El coste de su consulta');
    // The header and the cost hold on the small portrait kiosk with larger text.
    await page.setViewportSize(OTHER_VIEWPORTS[0]);
    await cabinPage.screen('appointment', 'cost', 'es-size-800x1280-appointment-cost');
    await expect(layout()).resolves.toEqual({ dir: 'ltr', lang: 'es', spills: false, overlapping: false });
    await page.setViewportSize(KIOSK_VIEWPORT);
    // The patient stops here: the session ends and the cabin is ready again.
    await tap('quit');
    await tap('quit-confirm');
    await cabinPage.screen('welcome');
    expect(cabinPage.problems).toEqual([]);
  });
});
