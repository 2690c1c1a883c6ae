// The people who walk in, in Chromium: a child with a parent and a child alone. Each scenario is walked
// as they would walk it, touch by touch, with a screenshot of each screen they meet (test-results/screens,
// named `people-…`), and any console error or failed request fails the test.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  launchChromium,
  openCabinPage,
  startCabinUnderTest,
  type CabinUnderTest,
} from '../support/cabin-under-test';
import { answerCarePath, chooseNextAvailable, throughConsent, type Patient } from '../support/journey-steps';

describe('the people who walk in, in Chromium', () => {
  let browser: Browser;
  let cabin: CabinUnderTest | undefined;
  let page: Page;
  let problems: string[];
  let patient: Patient;
  let text: () => Promise<string>;

  const open = async (overrides: unknown = {}): Promise<void> => {
    cabin = await startCabinUnderTest(overrides);
    const cabinPage = await openCabinPage(browser, cabin);
    ({ page, problems, text } = cabinPage);
    patient = {
      screen: (step, stage, shot) => cabinPage.screen(step, stage, shot && `people-${shot}`),
      tap: cabinPage.tap,
      answer: cabinPage.answer,
    };
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
});
