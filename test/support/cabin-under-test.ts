// A whole cabin in browser mode for end-to-end tests and benchmarks: fast simulated hardware, a
// fresh data folder, and Debian's Chromium driven by playwright-core.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { defaultConfig, mergeConfig, type CabinConfig } from '../../main/config';
import { runBrowserMode, type RunningBrowserMode } from '../../main/browser-mode';

/** The Chromium the tests drive: Debian's, never a downloaded one. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium quiet on a machine without internet, as MACHINE.md says. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

/** A running cabin and what the test observes of it. */
export interface CabinUnderTest {
  readonly cabin: RunningBrowserMode;
  readonly directory: string;
  readonly config: CabinConfig;
  /** POSTs to the simulated hardware's control routes (`script`, `platform`, `card`). */
  simulate(route: 'script' | 'platform' | 'card', body: unknown): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a cabin in browser mode with fast simulated hardware in a temporary folder. */
export async function startCabinUnderTest(overrides: unknown = {}): Promise<CabinUnderTest> {
  const directory = mkdtempSync(join(tmpdir(), 'cabine-test-'));
  const base = defaultConfig(directory);
  const merged = mergeConfig(base, {
    simulation: { stepMs: 150, callMs: 1500, cardReader: 'domain' },
    // The journey tests run on the in-process platform; the media tests start the reference platform.
    platform: { kind: 'simulated' },
    ...(overrides as object),
  });
  if (!merged.ok) throw new Error(`bad test config: ${merged.error.detail ?? merged.error.code}`);
  const cabin = await runBrowserMode(merged.value, resolve(import.meta.dirname, '../../dist/renderer'));
  // The harness comes in as a window does: a one-time launch address exchanged for the cookie.
  const launched = await fetch(cabin.launchUrl(), { redirect: 'manual' });
  const cookie = (launched.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const url = new URL(cabin.url);
  return {
    cabin,
    directory,
    config: merged.value,
    async simulate(route, body) {
      const response = await fetch(`${url.origin}/simulator/${route}`, {
        method: 'POST',
        headers: { cookie },
        body: JSON.stringify(body),
      });
      if (response.status !== 204) throw new Error(`simulator refused ${route}: ${response.status}`);
    },
    async stop() {
      await cabin.stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Launches Debian's Chromium headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
}

/** Collects console errors and failed requests of a page; the tests fail on any. */
export function watchForErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

/** As in renderer/components/question-screen.tsx: a newly shown question ignores taps for that long. */
export const NEW_QUESTION_GUARD_MS = 300;

/** Where the end-to-end tests keep their screenshots (a CI artifact). */
export const SCREENSHOT_DIRECTORY = resolve(import.meta.dirname, '../../test-results/screens');

/** A cabin page as a patient uses it: wait for a screen, touch a control, read the text. */
export interface CabinPage {
  readonly page: Page;
  /** Console errors and failed requests seen so far. */
  readonly problems: string[];
  /** Waits for `[data-screen=step][data-stage=stage]`; saves a screenshot named `shot` when given. */
  readonly screen: (step: string, stage?: string, shot?: string) => Promise<void>;
  readonly tap: (testId: string) => Promise<void>;
  /** Taps a yes/no answer a moment after its question appears, as a patient does (see `NEW_QUESTION_GUARD_MS`). */
  readonly answer: (testId: string) => Promise<void>;
  readonly text: () => Promise<string>;
}

/**
 * The cabin's touch screen: a 21-24" portrait kiosk, Full HD turned upright, at device scale 1. The
 * layout also holds on a small portrait kiosk (800×1280) and in landscape (1280×800).
 */
export const KIOSK_VIEWPORT = { width: 1080, height: 1920 } as const;

/** The other screens the layout must hold on: a small portrait kiosk, and landscape. */
export const OTHER_VIEWPORTS = [
  { width: 800, height: 1280 },
  { width: 1280, height: 800 },
] as const;

/**
 * Run in the page: the test ids of the screen's buttons (its actions, a question's answers, a dialog's)
 * that end below the bottom of the viewport, which a patient would have to scroll to reach. A string,
 * since this file is compiled without the DOM's types.
 */
const BUTTONS_OFF_SCREEN = `[...document.querySelectorAll(
  '.screen-actions [data-testid], .question-answers [data-testid], .modal [data-testid]'
)].filter((button) => button.getBoundingClientRect().bottom > window.innerHeight + 1)
  .map((button) => button.dataset.testid)`;

/**
 * Opens the cabin's URL in a new page of the kiosk's size and watches it for errors; a screen whose
 * buttons do not fit on it is one of the problems. A persistent context (a Chromium with a profile folder
 * of its own) gives its page the kiosk's size when it is launched.
 */
export async function openCabinPage(
  browser: Browser | BrowserContext,
  cabin: CabinUnderTest,
): Promise<CabinPage> {
  mkdirSync(SCREENSHOT_DIRECTORY, { recursive: true });
  const page =
    'newContext' in browser ? await browser.newPage({ viewport: KIOSK_VIEWPORT }) : await browser.newPage();
  const problems = watchForErrors(page);
  await page.goto(cabin.cabin.launchUrl());
  return {
    page,
    problems,
    screen: async (step, stage, shot) => {
      const selector = stage ? `[data-screen="${step}"][data-stage="${stage}"]` : `[data-screen="${step}"]`;
      await page.waitForSelector(selector, { timeout: 15_000 });
      const offScreen = await page.evaluate<string[]>(BUTTONS_OFF_SCREEN);
      if (offScreen.length > 0) problems.push(`off screen on ${selector}: ${offScreen.join(', ')}`);
      if (shot) await page.screenshot({ path: join(SCREENSHOT_DIRECTORY, `${shot}.png`) });
    },
    tap: (testId) => page.getByTestId(testId).click(),
    answer: async (testId) => {
      await page.getByTestId(testId).waitFor({ state: 'visible' });
      await page.waitForTimeout(NEW_QUESTION_GUARD_MS + 100);
      await page.getByTestId(testId).click();
    },
    text: () => page.locator('body').innerText(),
  };
}
