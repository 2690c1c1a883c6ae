// The examination instruments as the staff meet them, in Chromium with four fake cameras and three fake microphones
// (test/support/stethoscope-probe.ts): the cabin lists its inputs at load (it opens its default devices
// for a moment so that the browser shows their labels), the attendant sees a required instrument that is
// not plugged in as a device fault beside the ones that are, and the technician sees every input with its
// role and kind, and a live picture of the otoscope. Screenshots: test-results/screens/instruments-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_STAFF_PINS } from '../../main/staff/staff-access';
import {
  openCabinPage,
  SCREENSHOT_DIRECTORY,
  startCabinUnderTest,
  type CabinUnderTest,
} from '../support/cabin-under-test';
import { writeLowTonesWav } from '../support/low-tones-wav';
import { launchInstrumentChromium } from '../support/stethoscope-probe';
import { INSTRUMENTS_CONFIG } from '../support/video-consultation';

describe('the examination instruments on the staff panels, in Chromium', () => {
  let browser: Browser;
  let cabin: CabinUnderTest;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    browser = await launchInstrumentChromium(writeLowTonesWav());
    // The fake devices' instruments, and an examination camera the cabin expects but does not have.
    cabin = await startCabinUnderTest({
      instruments: [
        ...INSTRUMENTS_CONFIG.filter((expected) => expected.kind !== 'examinationCamera'),
        { kind: 'examinationCamera', labelPattern: 'Examination Camera', required: true },
      ],
    });
    ({ page, problems } = await openCabinPage(browser, cabin));
    await page.waitForSelector('[data-screen="welcome"]');
  });

  afterAll(async () => {
    await page?.close();
    await cabin?.stop();
    await browser?.close();
  });

  const tap = (testId: string): Promise<void> => page.getByTestId(testId).click();
  const login = async (role: 'attendant' | 'technician', pin: string): Promise<void> => {
    await tap(`staff-role-${role}`);
    await page.getByTestId('staff-pin').fill(pin);
    await tap('staff-login');
    await page.waitForSelector(`[data-screen="staff-panel"][data-role="${role}"]`);
  };

  it('the attendant sees the missing examination camera as a fault, the plugged-in instruments as working', async () => {
    await page.keyboard.press('Control+Alt+KeyP');
    await page.waitForSelector('[data-screen="staff-login"]');
    await login('attendant', DEMO_STAFF_PINS.attendant);
    const state = (kind: string): Promise<string | null> =>
      page.getByTestId(`attendant-peripheral-${kind}`).getAttribute('data-state');
    await expect.poll(() => state('examinationCamera').catch(() => null), { timeout: 15_000 }).toBe('absent');
    await expect(state('otoscope')).resolves.toBe('ok');
    await expect(state('dermatoscope')).resolves.toBe('ok');
    await expect(state('stethoscope')).resolves.toBe('ok');
    await page.screenshot({ path: `${SCREENSHOT_DIRECTORY}/instruments-attendant.png`, fullPage: true });
    await tap('staff-close');
    await page.waitForSelector('[data-screen="welcome"]');
  });

  it('the technician sees each input with its role and kind, and the otoscope live', async () => {
    await page.keyboard.press('Control+Alt+KeyP');
    await page.waitForSelector('[data-screen="staff-login"]');
    await login('technician', DEMO_STAFF_PINS.technician);
    await tap('staff-tab-devices');
    const row = (label: string) => page.locator('[data-testid="media-input"]', { hasText: label });
    await expect(row('fake_device_0').getAttribute('data-role')).resolves.toBe('faceCamera');
    await expect(row('fake_device_2').getAttribute('data-role')).resolves.toBe('instrument');
    await expect(row('fake_device_2').innerText()).resolves.toContain('Otoscope');
    await expect(row('fake_device_3').innerText()).resolves.toContain('Dermatoscope');
    await expect(row('Fake Audio Input 1').innerText()).resolves.toContain('Stéthoscope');
    await row('fake_device_2').getByTestId('media-input-try').click();
    const picture = row('fake_device_2').getByTestId('media-input-picture');
    await expect
      .poll(
        () =>
          picture.evaluate((video) =>
            video instanceof HTMLVideoElement ? video.getVideoPlaybackQuality().totalVideoFrames : 0,
          ),
        { timeout: 10_000 },
      )
      .toBeGreaterThan(5);
    await row('fake_device_2').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOT_DIRECTORY}/instruments-technician.png` });
    expect(problems).toEqual([]);
  });
});
