// The people who walk in, in Chromium: a child with a parent and a child alone, a patient who asks for
// a dentist when none is online, a patient asked for their blood pressure during the call, and a help
// call seen on the attendant page at the counter. Each scenario is walked as they would walk it, touch
// by touch, with a screenshot of the screens they meet (test-results/screens, named `people-…`), and
// any console error or failed request fails the test.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { type CabinUnderTest } from '../support/cabin-under-test';
import { cabinPerTest } from '../support/cabin-per-test';
import {
  answerCarePath,
  chooseNextAvailable,
  skipAllMeasurements,
  throughConsent,
  type Patient,
} from '../support/journey-steps';

describe('the people who walk in, in Chromium', () => {
  let browser: Browser;
  let cabin: CabinUnderTest | undefined;
  let page: Page;
  let problems: string[];
  let patient: Patient;
  let text: () => Promise<string>;

  const openCabin = cabinPerTest('people');
  const open = async (overrides: unknown = {}): Promise<void> => {
    ({ browser, cabin, page, problems, patient, text } = await openCabin(overrides));
  };

  it('a child of 12 with a parent goes on, and is asked nothing about a médecin traitant', async () => {
    await open();
    await throughConsent(patient, 'parent');
    await patient.screen('identification', 'choosingBeneficiary');
    // Lucas, born 30 September 2014, on his parent's card.
    await patient.tap('beneficiary-1');
    await patient.screen('identification', 'confirming', 'child-confirming');
    await patient.tap('confirm-identity');
    await chooseNextAvailable(patient, 'doctor');
    await patient.screen('appointment', 'carePath', 'child-cover-question');
    // Under 16: no parcours-de-soins condition, so the first question is about ALD.
    await expect(page.getByTestId('question-hasRegularDoctor').count()).resolves.toBe(0);
    await answerCarePath(patient, 'notAsked', 'child-cost');
    // 70 % of 25 € with no participation forfaitaire (a minor): 17,50 € back from the Assurance Maladie.
    await expect(page.getByTestId('cost-assurance-maladie').innerText()).resolves.toContain('17,50');
    expect(problems).toEqual([]);
  });

  it('a child of 12 alone is stopped, the attendant is called, and goes on once a parent is there', async () => {
    await open();
    await throughConsent(patient, 'alone');
    await patient.screen('identification', 'choosingBeneficiary');
    await patient.tap('beneficiary-1');
    await patient.screen('identification', 'confirming');
    await patient.tap('confirm-identity');
    await patient.screen('identification', 'parentNeeded', 'child-alone');
    const screenText = await text();
    expect(screenText).toMatch(/moins de 16 ans/);
    // The attendant was called for the child: the help banner says so, and the panel shows the call.
    await expect(page.getByTestId('parent-needed-called').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('help-banner').isVisible()).resolves.toBe(true);
    // No way around it: the appointment cannot be reached from here without a parent.
    await expect(page.getByTestId('next-available').count()).resolves.toBe(0);
    await patient.tap('parent-present');
    await patient.screen('appointment', 'choosing', 'child-parent-arrived');
    expect(problems).toEqual([]);
  });

  it('a child alone who leaves ends the session, and nothing of them stays on the screen', async () => {
    await open();
    await throughConsent(patient, 'relative');
    await patient.screen('identification', 'choosingBeneficiary');
    await patient.tap('beneficiary-1');
    await patient.screen('identification', 'confirming');
    await patient.tap('confirm-identity');
    await patient.screen('identification', 'parentNeeded');
    await patient.tap('parent-needed-leave');
    await patient.tap('quit-confirm');
    await patient.screen('welcome');
    await expect(text()).resolves.not.toContain('Lucas');
    expect(problems).toEqual([]);
  });

  /** An adult (the card's holder, born 1948) through consent and identification, alone. */
  const adultIdentified = async (): Promise<void> => {
    await throughConsent(patient, 'alone');
    await patient.screen('identification', 'choosingBeneficiary');
    await patient.tap('beneficiary-0');
    await patient.screen('identification', 'confirming');
    await patient.tap('confirm-identity');
  };

  it('a patient who asks for a dentist when none is online is told at once, and sees a doctor instead', async () => {
    await open();
    await cabin?.simulate('platform', { online: { dentist: 0 } });
    await adultIdentified();
    await patient.screen('appointment', 'choosing');
    await patient.tap('next-available');
    await patient.screen('appointment', 'choosingProfession');
    // The choice already says nobody is there now, and the dentist stays choosable.
    await page.getByTestId('profession-dentist-nobody-online').waitFor();
    await expect(page.getByTestId('profession-doctor-nobody-online').count()).resolves.toBe(0);
    await patient.screen('appointment', 'choosingProfession', 'dentist-nobody-on-the-choice');
    await patient.tap('profession-dentist');
    // Said at once, before any question, measurement or waiting room.
    await patient.screen('appointment', 'nobodyOnline', 'dentist-nobody-online');
    await expect(page.getByTestId('nobody-online').innerText()).resolves.toContain(
      "Aucun chirurgien-dentiste n'est connecté en ce moment.",
    );
    await expect(page.getByTestId('have-appointment-code').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('nobody-online-quit').isVisible()).resolves.toBe(true);
    await patient.tap('choose-another-profession');
    await patient.screen('appointment', 'choosingProfession');
    await patient.tap('profession-doctor');
    await answerCarePath(patient, 'referred');
    await patient.tap('accept-cost');
    await skipAllMeasurements(patient);
    await patient.screen('waitingRoom', 'professionalReady');
    expect(problems).toEqual([]);
  });

  it('a patient who does not know whether they have a médecin traitant sees both cases, and one amount to pay', async () => {
    await open();
    await adultIdentified();
    await chooseNextAvailable(patient, 'doctor');
    await patient.screen('appointment', 'carePath');
    await patient.answer('answer-hasRegularDoctor-unknown');
    // Not pushed to "no": the listed situations may still settle it, so they are asked.
    await patient.answer('answer-exemptedSituation-no');
    await patient.answer('answer-longTermCondition-no');
    await patient.answer('answer-pregnantSixthMonth-no');
    await patient.answer('answer-solidarityCover-no');
    await patient.tap('submit-answers');
    await patient.screen('appointment', 'cost', 'cost-undecided');
    // The Assurance Maladie decides: both cases on the same screen, and the amount paid in the cabin
    // is that of the less favourable one.
    await expect(page.getByTestId('cost-undecided').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('cost-case-cover').innerText()).resolves.toContain('15,50');
    await expect(page.getByTestId('cost-case-otherwise').count()).resolves.toBe(1);
    await expect(page.getByTestId('amount-due-today').innerText()).resolves.toContain('25,00');
    expect(problems).toEqual([]);
  });

  it('a blood pressure the doctor asks for: instructions, inflating then deflating, the result, the video kept', async () => {
    // A call long enough for the doctor to ask before the simulated one asks for a temperature.
    await open({ simulation: { stepMs: 150, callMs: 8_000, cardReader: 'domain' } });
    await adultIdentified();
    await chooseNextAvailable(patient, 'doctor');
    await answerCarePath(patient, 'referred');
    await patient.tap('accept-cost');
    await skipAllMeasurements(patient);
    await patient.screen('waitingRoom', 'professionalReady');
    await patient.tap('start-call');
    await patient.screen('consultation', 'inCall');
    await cabin?.simulate('platform', { requestMeasurement: 'bloodPressure' });
    await patient.screen('consultation', 'measuring', 'requested-blood-pressure');
    await expect(page.getByTestId('call-measurement').getAttribute('data-stage')).resolves.toBe(
      'instructions',
    );
    // Blood pressure needs silence: said here, and only for it.
    await expect(page.getByTestId('keep-silent').isVisible()).resolves.toBe(true);
    // Every progress sentence the patient sees, in order.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="progress"]')?.textContent ?? '';
        if (text !== '' && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await patient.tap('start-measurement');
    await page.locator('[data-testid="call-measurement"][data-stage="result"]').waitFor();
    await patient.screen('consultation', 'measuring', 'requested-blood-pressure-result');
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    const inflating = seen.findIndex((text) => text.includes('se gonfle'));
    const deflating = seen.findIndex((text) => text.includes('se dégonfle'));
    expect(inflating).toBeGreaterThanOrEqual(0);
    expect(deflating).toBeGreaterThan(inflating);
    await expect(page.getByTestId('result').innerText()).resolves.toMatch(/mmHg/);
    // The professional's video stays on screen, and stays the larger part of it.
    const video = await page.getByTestId('remote-video').boundingBox();
    const panel = await page.getByTestId('call-measurement').boundingBox();
    expect(video && panel && video.width * video.height > panel.width * panel.height).toBe(true);
    await patient.tap('measurement-done');
    await patient.screen('consultation', 'inCall');
    expect(problems).toEqual([]);
  });

  it('a help call is seen on the attendant page at the counter, and the patient sees it answered', async () => {
    await open({ attendantPage: { enabled: true, port: 0 } });
    const attendantPage = await cabin?.cabin.controller.attendantPage;
    if (!attendantPage) throw new Error('the attendant page did not start');
    // The counter's phone, portrait.
    const counter = await browser.newPage({ viewport: { width: 412, height: 915 }, locale: 'fr-FR' });
    try {
      await counter.goto(attendantPage.url);
      await counter.getByTestId('attendant-page-code').fill('1111');
      await counter.getByTestId('attendant-page-login').click();
      await counter.getByTestId('attendant-page-login-error').waitFor();
      await counter.getByTestId('attendant-page-code').fill('246813');
      await counter.getByTestId('attendant-page-login').click();
      await counter.getByTestId('attendant-page-no-help').waitFor();

      await adultIdentified();
      await patient.screen('appointment', 'choosing');
      await patient.tap('help');
      await expect(page.getByTestId('help-banner').innerText()).resolves.toContain("l'accueil");
      await patient.screen('appointment', 'choosing', 'help-called');
      // At the counter: the call, since when and who was told; nothing of the patient.
      await counter.getByTestId('attendant-page-help').waitFor();
      await counter.screenshot({ path: 'test-results/screens/people-attendant-page-help.png' });
      const counterText = await counter.locator('body').innerText();
      expect(counterText).not.toMatch(/MARTINEAU|Odile|1948|248037/i);
      await counter.getByTestId('attendant-page-acknowledge').click();
      await counter.getByTestId('attendant-page-no-help').waitFor();
      // The patient sees that someone answered, and the call is over.
      await page.getByTestId('help-answered').waitFor();
      await expect(page.getByTestId('help-banner').count()).resolves.toBe(0);

      // A second call, cancelled by the patient: it goes from the counter's page too.
      await patient.tap('help');
      await counter.getByTestId('attendant-page-help').waitFor();
      await patient.tap('help-cancel');
      await counter.getByTestId('attendant-page-no-help').waitFor();
      await page.getByTestId('help-banner').waitFor({ state: 'detached' });
      expect(problems).toEqual([]);
    } finally {
      await counter.close();
    }
  });
});
