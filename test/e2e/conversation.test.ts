// The written conversation in Chromium, on the simulated platform: a deaf patient says so on the welcome
// screen, reads the professional's message large in the call, and answers with a ready-made answer; the
// professional writes back. Screenshots in test-results/screens, named `conversation-…`; any console
// error or failed request fails the test.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';

import { cabinPerTest } from '../support/cabin-per-test';
import { fromConsentToTheCall, type Patient, throughConsent } from '../support/journey-steps';

describe('the written conversation, in Chromium', () => {
  let page: Page;
  let problems: string[];
  let patient: Patient;

  const openCabin = cabinPerTest('conversation');

  it('asked for at the start, read large in the call, answered with one touch', async () => {
    // A call long enough for the conversation before the simulated doctor asks for a measurement.
    const opened = await openCabin({ simulation: { stepMs: 150, callMs: 20_000, cardReader: 'domain' } });
    ({ page, problems, patient } = opened);
    const cabin = opened.cabin;

    await patient.screen('welcome');
    await patient.tap('written-conversation');
    await expect(page.getByTestId('written-conversation').getAttribute('aria-checked')).resolves.toBe('true');
    await patient.screen('welcome', undefined, 'welcome');
    await throughConsent(patient, 'alone');
    await fromConsentToTheCall(patient);

    // The panel is open from the start, and the doctor's first message shows large.
    await expect(page.getByTestId('conversation').getAttribute('data-open')).resolves.toBe('true');
    const written = page.locator('[data-testid="conversation-message"][data-from="professional"]');
    await written.first().waitFor();
    await expect(written.first().innerText()).resolves.toContain('Bonjour');
    const sizes = await written.first().evaluate((element) => ({
      message: parseFloat(getComputedStyle(element).fontSize),
      page: parseFloat(getComputedStyle(document.body).fontSize),
    }));
    expect(sizes.message).toBeGreaterThanOrEqual(sizes.page * 1.5);
    await patient.screen('consultation', 'inCall', 'professional-writes');

    await patient.tap('quick-answer-yes');
    await page.locator('[data-testid="conversation-message"][data-from="patient"]').first().waitFor();
    await expect(
      page.locator('[data-testid="conversation-message"][data-from="patient"]').first().innerText(),
    ).resolves.toContain('Oui');
    // The doctor reads it and writes back.
    await written.nth(1).waitFor();
    await expect(written.nth(1).innerText()).resolves.toContain('bien lu votre message');
    await patient.screen('consultation', 'inCall', 'answered');
    // Nothing of the conversation in the cabin's operation log.
    const directory = cabin.config.logDirectory;
    const logged = readdirSync(directory)
      .map((name) => readFileSync(join(directory, name), 'utf8'))
      .join('\n');
    expect(logged).toContain('session.step');
    for (const said of ['Bonjour, je suis', 'bien lu votre message', '"Oui"']) {
      expect(logged).not.toContain(said);
    }
    expect(problems).toEqual([]);
  });
});
