// The cabin's staff, in Chromium, on the kiosk's screen: the attendant opens the panel with the corner
// gesture, is refused a wrong PIN, puts the cabin out of service with words for the patients and back;
// five wrong PINs lock the role; the technician opens it with the keys, takes the cabin into
// maintenance, sees each device as it reports itself and its raw traffic, verifies the thermometer
// against the simulated reference bench to a record in the register; and during a patient's session the
// panel says the patient sees it, and a reset sends the cabin back to the welcome screen with nothing of
// the patient left. Screenshots are in test-results/screens, named `staff-…`.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_STAFF_PINS } from '../../main/staff/staff-access';
import { SCREENSHOT_DIRECTORY, type CabinUnderTest } from '../support/cabin-under-test';
import { cabinPerTest } from '../support/cabin-per-test';
import { throughConsent, type Patient } from '../support/journey-steps';

describe('the staff on the cabin screen, in Chromium', () => {
  let cabin: CabinUnderTest | undefined;
  let page: Page;
  let problems: string[];
  let patient: Patient;

  const openCabin = cabinPerTest('staff');
  const open = async (): Promise<void> => {
    ({ cabin, page, problems, patient } = await openCabin());
    await page.waitForSelector('[data-screen="welcome"]');
  };
  const shot = (name: string): Promise<Buffer> =>
    page.screenshot({ path: `${SCREENSHOT_DIRECTORY}/staff-${name}.png` });
  const tap = (testId: string): Promise<void> => page.getByTestId(testId).click();

  // The discreet gesture: a press held three seconds in the top-left corner.
  const holdCorner = async (): Promise<void> => {
    await page.mouse.move(20, 20);
    await page.mouse.down();
    await page.waitForTimeout(3_200);
    await page.mouse.up();
    await page.waitForSelector('[data-screen="staff-login"]');
  };
  // The PIN typed on the on-screen digits, as the attendant does on the touch screen.
  const typePin = async (pin: string): Promise<void> => {
    await page.getByTestId('staff-pin').click();
    for (const digit of pin) await tap(`key-${digit}`);
  };
  const login = async (role: 'attendant' | 'technician', pin: string): Promise<void> => {
    await tap(`staff-role-${role}`);
    await page.getByTestId('staff-pin').fill('');
    await typePin(pin);
    await tap('staff-login');
  };

  it('the attendant: a wrong PIN refused, then out of service with a message the patients read, and back', async () => {
    await open();
    await holdCorner();
    await shot('login');
    await login('attendant', '999999');
    await page.getByTestId('staff-login-error').waitFor();
    await shot('login-wrong-pin');
    await login('attendant', DEMO_STAFF_PINS.attendant);
    await page.waitForSelector('[data-screen="staff-panel"][data-role="attendant"]');
    await expect(page.getByTestId('attendant-phase').innerText()).resolves.toMatch(/\S/);
    await shot('attendant-panel');
    // The attendant sees no technician's tab.
    await expect(page.getByTestId('staff-tab-devices').count()).resolves.toBe(0);

    await tap('attendant-out-of-service');
    await page.getByTestId('attendant-message').fill('Cabine fermée cet après-midi. Revenez demain à 9 h.');
    await shot('attendant-out-of-service-form');
    await tap('attendant-out-of-service-confirm');
    await expect(page.getByTestId('attendant-result').innerText()).resolves.toMatch(/\S/);
    await tap('staff-close');
    await page.getByTestId('out-of-service-message').waitFor();
    await expect(page.getByTestId('out-of-service-message').innerText()).resolves.toBe(
      'Cabine fermée cet après-midi. Revenez demain à 9 h.',
    );
    await shot('out-of-service-welcome');

    await page.getByTestId('attendant-open').click();
    await login('attendant', DEMO_STAFF_PINS.attendant);
    await tap('attendant-return-to-service');
    await tap('staff-close');
    await page.waitForSelector('[data-screen="welcome"]');
    await expect(page.getByTestId('out-of-service-message').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  });

  it('five wrong PINs lock the attendant for five minutes, even with the right PIN', async () => {
    await open();
    await page.keyboard.press('Control+Alt+KeyP');
    await page.waitForSelector('[data-screen="staff-login"]');
    for (const pin of ['111111', '222222', '333333', '444444', '555555']) await login('attendant', pin);
    await page.getByTestId('staff-locked').waitFor();
    await expect(page.getByTestId('staff-locked').innerText()).resolves.toMatch(/jusqu’à|jusqu'à/);
    await shot('login-locked');
    // The right PIN is refused until the lock ends.
    const answer = cabin?.cabin.controller.server.staffLogin({
      role: 'attendant',
      pin: DEMO_STAFF_PINS.attendant,
    });
    expect(answer).toEqual({ ok: false, error: { code: 'staff.locked' } });
    expect(problems).toEqual([]);
  });

  it('the technician: maintenance, the devices as they report themselves, their traffic, a thermometer verified to the register', async () => {
    await open();
    await page.keyboard.press('Control+Alt+KeyP');
    await page.waitForSelector('[data-screen="staff-login"]');
    await login('technician', DEMO_STAFF_PINS.technician);
    await page.waitForSelector('[data-screen="staff-panel"][data-role="technician"]');
    await tap('staff-tab-devices');
    await tap('technician-enter-maintenance');
    await page.getByTestId('technician-leave-maintenance').waitFor();
    await expect(page.getByTestId('device-temperature-serial').innerText()).resolves.toContain('SIM-TH-0001');
    await expect(page.getByTestId('device-weight-model').innerText()).resolves.toContain('SCALE-SIM');
    await shot('technician-devices');

    await tap('device-temperature-traffic');
    await page.getByTestId('traffic-line').first().waitFor({ timeout: 10_000 });
    await shot('technician-traffic');
    await tap('traffic-stop');

    await tap('device-temperature-verify');
    await page.getByTestId('procedure-technician').fill('Marc Dupont');
    await page.getByTestId('procedure-instrument').fill('Corps noir CN-40');
    await page.getByTestId('procedure-certificate').fill('COFRAC 2026/0412');
    await tap('procedure-mode-verify');
    await shot('technician-procedure-form');
    await tap('procedure-start');
    await page.getByTestId('procedure-continue').click();
    // Three reference temperatures: the simulated bench applies each target, the device reads it with
    // its simulated error (+0.1 °C), the technician types what the reference shows.
    for (let point = 0; point < 3; point += 1) {
      await page.getByTestId('procedure-target').waitFor();
      const target = await page.getByTestId('procedure-target').innerText();
      const value = /(\d+(?:,\d+)?)\s*°C/.exec(target)?.[1];
      if (value === undefined) throw new Error(`no target in "${target}"`);
      await page.getByTestId('procedure-value').fill(value);
      if (point === 1) await shot('technician-procedure-point');
      await tap('procedure-send');
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="procedure-point-row"]').length >= n,
        point + 1,
        { timeout: 15_000 },
      );
    }
    await page.getByTestId('procedure-verdict').waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('procedure-verdict').getAttribute('data-verdict')).resolves.toBe('pass');
    await expect(page.getByTestId('procedure-point-row').count()).resolves.toBe(3);
    await shot('technician-procedure-verdict');

    await tap('staff-tab-register');
    await page.getByTestId('register-record').first().waitFor();
    await expect(page.getByTestId('register-record').first().innerText()).resolves.toContain('Marc Dupont');
    await shot('technician-register');
    await tap('staff-tab-devices');
    await tap('technician-leave-maintenance');
    await tap('staff-close');
    await page.waitForSelector('[data-screen="welcome"]', { timeout: 15_000 });
    expect(problems).toEqual([]);
  });

  it('during a session the panel says the patient sees it, and a reset leaves nothing of the patient', async () => {
    await open();
    await throughConsent(patient, 'alone');
    await patient.screen('identification', 'choosingBeneficiary');
    await page.keyboard.press('Control+Alt+KeyP');
    await page.waitForSelector('[data-screen="staff-login"]');
    await login('attendant', DEMO_STAFF_PINS.attendant);
    await page.getByTestId('staff-session-running').waitFor();
    const panelText = await page.locator('body').innerText();
    // Nothing of the patient in the staff's panel: no name from the card.
    expect(panelText).not.toMatch(/MARTINEAU|Odile|Lucas/i);
    await shot('attendant-during-session');
    await tap('attendant-reset-session');
    await shot('attendant-reset-confirm');
    await tap('attendant-reset-confirm');
    await tap('staff-close');
    await page.waitForSelector('[data-screen="welcome"], [data-screen="status"]', { timeout: 15_000 });
    expect(await page.locator('body').innerText()).not.toMatch(/MARTINEAU|Odile|Lucas/i);
    expect(problems).toEqual([]);
  });
});
