// Every screen of the journey checked by axe-core in Chromium, in every language of the contract and in
// each display mode (normal, large text, high contrast): no serious or critical violation, every control
// at least 44x44 CSS pixels, contrast 4.5:1 (7:1 in high contrast). A short summary of axe's results is
// printed; the high-contrast screens are kept as test-results/screens/hc-*.png.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LOCALES, type Locale } from '../../contract/domain';
import {
  launchChromium,
  openCabinPage,
  SCREENSHOT_DIRECTORY,
  startCabinUnderTest,
  type CabinPage,
  type CabinUnderTest,
} from '../support/cabin-under-test';
import { auditScreen, DISPLAY_MODES, FAILING_IMPACTS, type AxeFinding } from '../support/accessibility-audit';
import { answerCarePath, chooseNextAvailable } from '../support/journey-steps';

/** Totals of one language's walk, printed at its end. */
interface Tally {
  screens: number;
  runs: number;
  counts: Record<string, number>;
  rules: Map<string, number>;
}

describe('every screen of the journey passes axe-core, in every language and display mode', () => {
  let browser: Browser;
  let cabin: CabinUnderTest | undefined;
  let cabinPage: CabinPage;
  let page: Page;

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

  /** An auditor of one language's screens: `check` audits the screen shown in each mode; the totals. */
  const auditor = (locale: Locale) => {
    const tally: Tally = { screens: 0, runs: 0, counts: {}, rules: new Map() };
    const failing: string[] = [];

    /** Waits for the screen, then audits it in each mode; photographs it in high contrast. */
    const check = async (step: string, stage?: string, name?: string): Promise<void> => {
      await cabinPage.screen(step, stage);
      const label = name ?? `${step}${stage ? `-${stage}` : ''}`;
      tally.screens += 1;
      for (const mode of DISPLAY_MODES) {
        const audit = await auditScreen(page, mode);
        tally.runs += 1;
        for (const [impact, count] of Object.entries(audit.counts)) {
          tally.counts[impact] = (tally.counts[impact] ?? 0) + count;
        }
        for (const finding of audit.violations) {
          tally.rules.set(
            `${finding.impact} ${finding.rule}`,
            (tally.rules.get(`${finding.impact} ${finding.rule}`) ?? 0) + 1,
          );
          if ((FAILING_IMPACTS as readonly string[]).includes(finding.impact)) {
            failing.push(describeFinding(locale, label, mode.name, finding));
          }
        }
        for (const small of audit.smallTargets)
          failing.push(`${locale} ${label} ${mode.name}: small target ${small}`);
        if (mode.name === 'high-contrast' && locale === LOCALES[0]) {
          await page.evaluate(`document.querySelector('.app')?.classList.add('high-contrast')`);
          await page.screenshot({ path: join(SCREENSHOT_DIRECTORY, `hc-${label}.png`) });
          await page.evaluate(`document.querySelector('.app')?.classList.remove('high-contrast')`);
        }
      }
    };
    return { tally, failing, check };
  };

  for (const locale of LOCALES) {
    it(`in ${locale}: the journey, its failures and the staff login`, async () => {
      // A goodbye shorter than its notice's 30 s: the "closes soon" notice shows at once, and is checked.
      cabin = await startCabinUnderTest({ delays: { goodbyeMs: 25_000 } });
      cabinPage = await openCabinPage(browser, cabin);
      page = cabinPage.page;
      const { tally, failing, check } = auditor(locale);
      const tap = (testId: string) => cabinPage.tap(testId);

      await cabin.simulate('script', { card: 'unreadable', print: 'outOfPaper', payment: 'declined' });
      await check('welcome');
      // The high-contrast choice reaches the page's classes, and goes back off.
      await tap('high-contrast');
      await expect(page.locator('.app.high-contrast').count()).resolves.toBe(1);
      await tap('high-contrast');
      await expect(page.locator('.app.high-contrast').count()).resolves.toBe(0);
      if (locale !== LOCALES[0]) await tap(`locale-${locale}`);
      // Read-aloud on for the whole walk, so its pause and repeat buttons are checked on every screen.
      await tap('read-aloud');
      await page.getByTestId('speech-repeat').waitFor();
      await check('welcome', undefined, `welcome-${locale}`);

      await tap('attendant-open');
      await check('staff-login');
      await tap('staff-login-cancel');
      await cabinPage.screen('welcome');

      await tap('start');
      await check('information');
      await tap('help');
      await page.getByTestId('help-banner').waitFor();
      await check('information', undefined, 'information-help');
      await tap('help-cancel');
      await tap('quit');
      await page.getByTestId('quit-dialog').waitFor();
      await check('information', undefined, 'quit-dialog');
      await tap('quit-cancel');
      await tap('next');
      await check('consent', 'asking');
      await tap('presence-alone');
      await tap('consent-accept');
      await check('identification', 'cardFailed');
      await cabin.simulate('script', { card: 'oneBeneficiary' });
      await tap('retry');
      await check('identification', 'confirming');
      await tap('confirm-identity');

      const patient = { screen: check, tap, answer: cabinPage.answer };
      await chooseNextAvailable(patient, 'doctor');
      await answerCarePath(patient, 'referred');
      await tap('accept-cost');

      // Blood pressure taken, temperature skipped (the professional asks for it in the call), the rest taken.
      await check('measurements', 'instructions');
      await tap('start-measurement');
      await check('measurements', 'result');
      await tap('next');
      await cabinPage.screen('measurements', 'instructions');
      await tap('skip');
      for (let i = 0; i < 2; i += 1) {
        await cabinPage.screen('measurements', 'instructions');
        await tap('start-measurement');
        await cabinPage.screen('measurements', 'result');
        await tap('next');
      }
      await check('waitingRoom', 'professionalReady');
      await tap('start-call');
      await check('consultation', 'measuring');
      await tap('start-measurement');
      await page.locator('[data-testid="call-measurement"][data-stage="result"]').waitFor();
      await tap('measurement-done');

      await check('documents', 'review');
      await tap('print');
      await check('documents', 'printFailed');
      await cabin.simulate('script', { print: 'printed' });
      await tap('retry');
      await check('documents', 'printed');
      await tap('next');
      await check('payment', 'confirm');
      await tap('pay');
      await check('payment', 'failed');
      await cabin.simulate('script', { payment: 'paid' });
      await tap('retry');
      await page.getByTestId('closing-notice').waitFor();
      await check('goodbye');
      await tap('more-time');
      await cabinPage.screen('goodbye');

      printSummary(locale, tally);
      expect(failing).toEqual([]);
      expect(cabinPage.problems).toEqual([]);
    }, 600_000);

    it(`in ${locale}: typing on the on-screen keyboard, and "are you still there?"`, async () => {
      cabin = await startCabinUnderTest({ delays: { inactivityMs: 6_000, stillThereGraceMs: 60_000 } });
      cabinPage = await openCabinPage(browser, cabin);
      page = cabinPage.page;
      const { tally, failing, check } = auditor(locale);
      const tap = (testId: string) => cabinPage.tap(testId);
      await cabin.simulate('script', { card: 'unreadable' });
      await cabinPage.screen('welcome');
      if (locale !== LOCALES[0]) await tap(`locale-${locale}`);
      await tap('start');
      await cabinPage.screen('information');
      await tap('next');
      await cabinPage.screen('consent', 'asking');
      await tap('presence-alone');
      await tap('consent-accept');
      await cabinPage.screen('identification', 'cardFailed');
      await tap('manual-entry');
      await page.getByTestId('keyboard').waitFor();
      await check('identification', 'manualEntry', 'manual-entry-keyboard');
      await page.getByTestId('still-there-dialog').waitFor({ timeout: 15_000 });
      await check('identification', 'manualEntry', 'still-there');
      await tap('still-here');
      printSummary(locale, tally);
      expect(failing).toEqual([]);
      expect(cabinPage.problems).toEqual([]);
    }, 300_000);
  }
});

/** One failing finding in a line: where, which mode, which rule, and the elements it names. */
function describeFinding(locale: Locale, screen: string, mode: string, finding: AxeFinding): string {
  return `${locale} ${screen} ${mode}: ${finding.impact} ${finding.rule} (${finding.help}) at ${finding.targets.slice(0, 4).join(' | ')}`;
}

/** The short summary of axe's results kept in the test output: counts per impact and the rules seen. */
function printSummary(locale: Locale, tally: Tally): void {
  const impacts = ['critical', 'serious', 'moderate', 'minor']
    .map((impact) => `${impact} ${tally.counts[impact] ?? 0}`)
    .join(', ');
  const rules = [...tally.rules.entries()].map(([rule, times]) => `${rule} x${times}`).join('; ');
  console.log(
    `axe-core, ${locale}: ${tally.screens} screens x ${DISPLAY_MODES.length} modes = ${tally.runs} runs; nodes in violation: ${impacts}${rules ? `; rules: ${rules}` : ''}`,
  );
}
