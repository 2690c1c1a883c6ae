// Faults as a patient meets them, in Chromium: each one shows a plain message and a way forward,
// and the journey goes on. The simulated hardware is steered through the browser-mode simulator routes.
import { join } from 'node:path';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  KIOSK_VIEWPORT,
  SCREENSHOT_DIRECTORY,
  launchChromium,
  openCabinPage,
  startCabinUnderTest,
  type CabinUnderTest,
} from '../support/cabin-under-test';
import {
  answerCarePath,
  chooseNextAvailable,
  printAndPay,
  skipAllMeasurements,
  throughConsent,
  type Patient,
} from '../support/journey-steps';

describe('when something goes wrong, in Chromium', () => {
  let browser: Browser;
  let cabin: CabinUnderTest | undefined;
  let page: Page;
  let problems: string[];
  let screen: Patient['screen'];
  let tap: Patient['tap'];
  let answer: Patient['answer'];
  let text: () => Promise<string>;
  let patient: Patient;

  const open = async (overrides: unknown = {}): Promise<void> => {
    cabin = await startCabinUnderTest(overrides);
    const cabinPage = await openCabinPage(browser, cabin);
    ({ page, problems, tap, answer, text } = cabinPage);
    screen = (step, stage, shot) => cabinPage.screen(step, stage, shot && `fault-${shot}`);
    patient = { screen, tap, answer };
  };
  /** Through consent to the identity on the card, confirmed, then the next available `profession`. */
  const toProfession = async (profession: 'doctor' | 'nurse'): Promise<void> => {
    await throughConsent(patient);
    await screen('identification', 'confirming');
    await tap('confirm-identity');
    await chooseNextAvailable(patient, profession);
  };
  /** The fault goes away (the simulator steered so) and the patient taps "retry": the journey goes on at `next`. */
  const fixThenRetry = async (
    route: 'script' | 'platform',
    fix: unknown,
    ...next: Parameters<Patient['screen']>
  ): Promise<void> => {
    await cabin?.simulate(route, fix);
    await tap('retry');
    await screen(...next);
  };

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await page?.close();
    await cabin?.stop();
    cabin = undefined;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the page reloaded on every screen comes back to the same screen, and a crashed renderer is replaced without losing the session', async () => {
    // A longer call, so that the page can be reloaded in the middle of it.
    await open({ simulation: { callMs: 8_000 } });
    await cabin?.simulate('script', { card: 'oneBeneficiary' });
    /** The renderer reloads (a kiosk's F5, an update): the same screen comes back, from the controller. */
    const reloaded = async (step: string, stage?: string): Promise<void> => {
      await screen(step, stage);
      await page.reload();
      await screen(step, stage);
    };
    await screen('welcome');
    await tap('start');
    await reloaded('information');
    await tap('next');
    await reloaded('consent', 'asking');
    await tap('presence-alone');
    await tap('consent-accept');
    await reloaded('identification', 'confirming');
    await tap('confirm-identity');
    await reloaded('appointment', 'choosing');
    await tap('next-available');
    await screen('appointment', 'choosingProfession');
    await tap('profession-doctor');
    await reloaded('appointment', 'carePath');
    await answerCarePath(patient, 'referred');
    await reloaded('appointment', 'cost');
    await tap('accept-cost');
    await reloaded('measurements', 'instructions');
    for (let i = 0; i < 4; i += 1) {
      await screen('measurements', 'instructions');
      await tap('skip');
    }
    await reloaded('waitingRoom', 'professionalReady');
    await tap('start-call');
    await reloaded('consultation');
    // The renderer crashes in the call: the shell opens it again (Electron reloads the window) and the
    // controller, which holds the session, gives it back the call's screen.
    // The window's cookie (the API's secret) outlives its renderer, as in the kiosk's own profile.
    const fresh = await browser.newContext({ viewport: KIOSK_VIEWPORT });
    await fresh.addCookies(await page.context().cookies());
    const crashed = new Promise((done) => page.once('crash', done));
    await page.goto('chrome://crash').catch(() => undefined);
    await crashed;
    page = await fresh.newPage();
    await page.goto(cabin?.cabin.url ?? '');
    await page.waitForSelector('[data-screen="consultation"], [data-screen="documents"]', {
      timeout: 15_000,
    });
    const again = (testId: string) => page.getByTestId(testId).click();
    await page.screenshot({ path: join(SCREENSHOT_DIRECTORY, 'fault-renderer-replaced.png') });
    // The professional asks for a measurement, waits the call's length for it, then sends the prescription.
    await page.waitForSelector('[data-screen="documents"][data-stage="review"]', { timeout: 45_000 });
    await page.reload();
    await page.waitForSelector('[data-screen="documents"][data-stage="review"]');
    await again('print');
    await page.waitForSelector('[data-screen="documents"][data-stage="printed"]');
    await again('next');
    await page.waitForSelector('[data-screen="payment"][data-stage="confirm"]');
    await page.reload();
    await page.waitForSelector('[data-screen="payment"][data-stage="confirm"]');
    await again('pay');
    await page.waitForSelector('[data-screen="goodbye"]');
    await page.reload();
    await page.waitForSelector('[data-screen="goodbye"]');
    expect(problems).toEqual([]);
    await fresh.close();
  });

  it('an unreadable card says so and offers to retry or type the details', async () => {
    await open();
    await cabin?.simulate('script', { card: 'unreadable' });
    await throughConsent(patient);
    await screen('identification', 'cardFailed', 'card-unreadable');
    await expect(text()).resolves.not.toContain('card.unreadable');
    await tap('manual-entry');
    await screen('identification', 'manualEntry');
    // Garbage in every field: each is pointed at, nothing is accepted.
    await page.getByTestId('field-surname').fill('<script>alert(1)</script>');
    await page.getByTestId('field-firstName').fill('1234');
    await page.getByTestId('field-nir').fill('999999999999999');
    await tap('submit-identity');
    await screen('identification', 'manualEntry', 'manual-entry-invalid');
    await expect(page.locator('[aria-invalid="true"]').count()).resolves.toBeGreaterThanOrEqual(3);
    // The cabin's own keyboard: its keys type into the field that has the focus, which keeps it.
    await page.getByTestId('field-firstName').fill('');
    for (const key of ['c', 'h', 'l', 'o', 'é']) await tap(`key-${key}`);
    await expect(page.getByTestId('field-firstName').inputValue()).resolves.toBe('Chloé');
    await screen('identification', 'manualEntry', 'manual-entry-keyboard');
    await tap('field-nir');
    await expect(page.getByTestId('keyboard').getAttribute('data-layout')).resolves.toBe('nir');
    await screen('identification', 'manualEntry', 'manual-entry-nir-keyboard');
    expect(problems).toEqual([]);
  });

  it('the English choice and large text hold on every screen, and "are you still there?" comes after silence', async () => {
    await open({ delays: { inactivityMs: 3_000, stillThereGraceMs: 60_000, goodbyeMs: 45_000 } });
    await screen('welcome');
    await tap('locale-en');
    await tap('large-text');
    await tap('start');
    await screen('information');
    await expect(text()).resolves.toContain('€25.00');
    await page.waitForSelector('[data-testid="still-here"]', { timeout: 10_000 });
    // The seconds left count down on the screen.
    const secondsLeft = () => page.getByTestId('still-there-countdown').getAttribute('data-seconds');
    const first = Number(await secondsLeft());
    expect(first).toBeGreaterThan(50);
    await page.waitForFunction(
      (before) =>
        Number(
          document.querySelector('[data-testid="still-there-countdown"]')?.getAttribute('data-seconds'),
        ) < before,
      first,
    );
    await screen('information', undefined, 'still-there');
    await tap('still-here');
    await page.waitForSelector('[data-testid="still-here"]', { state: 'detached', timeout: 2_500 });
    await screen('information');
    expect(problems).toEqual([]);
  });

  it('a printer out of paper and a declined card each leave a way forward to goodbye', async () => {
    await open();
    await cabin?.simulate('script', {
      card: 'oneBeneficiary',
      print: 'outOfPaper',
      payment: 'declined',
      absentDevices: ['bloodPressure', 'temperature', 'oxygenSaturation', 'weight'],
    });
    // The devices were present at boot; absent now means each measurement is offered and skipped.
    await toProfession('doctor');
    await answerCarePath(patient, 'outsideTheParcours', 'cost-not-reimbursed');
    await expect(text()).resolves.toContain('25,00\u00a0€');
    await tap('accept-cost');
    await skipAllMeasurements(patient);
    await screen('waitingRoom', 'professionalReady');
    await tap('start-call');
    await screen('documents', 'review');
    await tap('print');
    await screen('documents', 'printFailed', 'printer-out-of-paper');
    await fixThenRetry('script', { print: 'printed' }, 'documents', 'printed');
    await tap('next');
    await screen('payment', 'confirm');
    await tap('pay');
    await screen('payment', 'failed', 'payment-declined');
    await fixThenRetry('script', { payment: 'paid' }, 'goodbye', undefined, 'goodbye');
    expect(problems).toEqual([]);
  });

  it('a payment the terminal cannot account for is never asked twice: the patient pays at the counter', async () => {
    await open();
    await cabin?.simulate('script', {
      card: 'oneBeneficiary',
      payment: 'garbled',
      absentDevices: ['bloodPressure', 'temperature', 'oxygenSaturation', 'weight'],
    });
    await toProfession('doctor');
    await answerCarePath(patient, 'outsideTheParcours');
    await tap('accept-cost');
    await skipAllMeasurements(patient);
    await screen('waitingRoom', 'professionalReady');
    await tap('start-call');
    await screen('documents', 'review');
    await tap('print');
    await screen('documents', 'printed');
    await tap('next');
    await screen('payment', 'confirm');
    await tap('pay');
    await screen('payment', 'failed', 'payment-awaiting-attendant');
    await expect(text()).resolves.toContain('Ne payez pas une deuxième fois');
    // No second card payment is offered while the attendant has to check the terminal's journal.
    await expect(page.getByTestId('retry').count()).resolves.toBe(0);
    await tap('pay-at-counter');
    await screen('goodbye', undefined, 'goodbye-pay-at-counter');
    await expect(text()).resolves.toContain("Passez à l'accueil pour payer 25,00\u00a0€.");
    expect(problems).toEqual([]);
  });

  it('a platform out of reach shows the waiting room failure and recovers when it is back', async () => {
    await open();
    await cabin?.simulate('script', { card: 'oneBeneficiary' });
    await cabin?.simulate('platform', { reachable: false });
    await toProfession('nurse');
    await screen('appointment', 'eligibility');
    await answer('answer-physicalActNeeded-no');
    await tap('submit-answers');
    await answerCarePath(patient, 'notAsked');
    await tap('accept-cost');
    await skipAllMeasurements(patient);
    await screen('waitingRoom', 'failed', 'platform-unreachable');
    await fixThenRetry('platform', { reachable: true }, 'waitingRoom', 'professionalReady');
    expect(problems).toEqual([]);
  });

  it('a Carte Vitale left in the reader is asked for at goodbye, and the next session waits for it and for the cleaning', async () => {
    // The cabin waits 6 s for its cleaning here (minutes in a pharmacy), then opens by itself.
    await open({ cleaning: { maxWaitMs: 6_000 } });
    await cabin?.simulate('script', { card: 'oneBeneficiary', cardStaysInReader: true });
    await toProfession('doctor');
    await answerCarePath(patient, 'referred');
    await tap('accept-cost');
    await skipAllMeasurements(patient);
    // The simulated platform assigns a doctor; the call ends by itself.
    await screen('waitingRoom', 'professionalReady');
    await tap('start-call');
    await printAndPay(patient);
    await page.getByTestId('take-card').waitFor({ state: 'visible' });
    await screen('goodbye', undefined, 'take-card');
    await expect(page.getByTestId('take-card').innerText()).resolves.toContain(
      'Reprenez votre carte Vitale.',
    );
    await tap('finish');

    await screen('welcome');
    await page.getByTestId('card-left-warning').waitFor({ state: 'visible' });
    await page.getByTestId('cleaning-notice').waitFor({ state: 'visible' });
    await screen('welcome', undefined, 'welcome-card-left-and-cleaning');
    await expect(page.getByTestId('start').isDisabled()).resolves.toBe(true);
    await cabin?.simulate('card', { present: false });
    await page.getByTestId('card-left-warning').waitFor({ state: 'detached' });
    // The card is out, but the cabin still waits for its cleaning.
    await expect(page.getByTestId('start').isDisabled()).resolves.toBe(true);
    await page.getByTestId('cleaning-notice').waitFor({ state: 'detached', timeout: 10_000 });
    await expect(page.getByTestId('start').isEnabled()).resolves.toBe(true);
    expect(problems).toEqual([]);
  });
});
