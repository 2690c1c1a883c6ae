// Live subtitles in Chromium, with the stand-in speech engine configured as an operator would
// configure theirs: the welcome screen offers them, the patient turns them on, and the consultation
// shows the subtitles area under the video, saying they will come when the professional speaks. A
// cabin without an engine does not offer them. (The professional's real voice reaches the engine in
// the media tests' world only: here the platform is the in-process simulated one.)
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { standInEngine } from '../../main/speech/test-support/stand-in-speech-engine';
import { cabinPerTest } from '../support/cabin-per-test';
import { fromConsentToTheCall, type Patient, throughConsent } from '../support/journey-steps';

describe('live subtitles, in Chromium', () => {
  let page: Page;
  let problems: string[];
  let patient: Patient;

  const openCabin = cabinPerTest('subtitles');
  const open = async (overrides: unknown = {}): Promise<void> => {
    ({ page, problems, patient } = await openCabin(overrides));
  };

  it('are not offered by a cabin without a speech engine', async () => {
    await open();
    await patient.screen('welcome');
    await expect(page.getByTestId('read-aloud').count()).resolves.toBe(1);
    await expect(page.getByTestId('subtitles').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  });

  it('are chosen on the welcome screen and shown under the video during the call', async () => {
    await open({
      subtitles: { enabled: true, ...standInEngine() },
      simulation: { stepMs: 150, callMs: 8_000, cardReader: 'domain' },
    });
    await patient.screen('welcome');
    await patient.tap('subtitles');
    await expect(page.getByTestId('subtitles').getAttribute('aria-checked')).resolves.toBe('true');
    await patient.screen('welcome', undefined, 'welcome-chosen');
    await throughConsent(patient, 'alone');
    await fromConsentToTheCall(patient);
    await page.getByTestId('subtitles-waiting').waitFor();
    await patient.screen('consultation', 'inCall', 'in-call');
    await expect(page.getByTestId('subtitles').innerText()).resolves.toContain(
      "Les sous-titres s'afficheront ici quand le professionnel parlera.",
    );
    expect(problems).toEqual([]);
  });
});
