// One cabin in browser mode and its Chromium page for each test of a describe block: Chromium launched
// once for the block, each test's cabin and page closed after it (the end-to-end tests' shared setup).
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  launchChromium,
  openCabinPage,
  startCabinUnderTest,
  type CabinPage,
  type CabinUnderTest,
} from './cabin-under-test';
import type { Patient } from './journey-steps';

/** A running cabin and its page; `screen` and `patient` name screenshots `<prefix>-<shot>`. */
export interface OpenedCabin extends CabinPage {
  readonly cabin: CabinUnderTest;
  /** The block's Chromium, for a second page (the counter's, the console's). */
  readonly browser: Browser;
  readonly patient: Patient;
}

/**
 * Registers the block's hooks (Chromium launched before, closed after; each test's cabin and page closed
 * after it) and answers the function that starts a cabin with `overrides` and opens its page.
 */
export function cabinPerTest(shotPrefix: string): (overrides?: unknown) => Promise<OpenedCabin> {
  let browser: Browser | undefined;
  let opened: OpenedCabin | null = null;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await opened?.page.close();
    await opened?.cabin.stop();
    opened = null;
  });
  afterAll(async () => {
    await browser?.close();
  });
  return async (overrides = {}) => {
    if (browser === undefined) throw new Error('cabinPerTest: Chromium is not launched yet');
    const cabin = await startCabinUnderTest(overrides);
    const cabinPage = await openCabinPage(browser, cabin);
    const screen: CabinPage['screen'] = (step, stage, shot) =>
      cabinPage.screen(step, stage, shot && `${shotPrefix}-${shot}`);
    opened = {
      ...cabinPage,
      cabin,
      browser,
      screen,
      patient: { screen, tap: cabinPage.tap, answer: cabinPage.answer },
    };
    return opened;
  };
}
