// @vitest-environment jsdom
// High contrast and large text, chosen on the welcome screen, hold on every screen of the session.
import { describe, expect, it } from 'vitest';
import { appClassName } from './app';
import { allSampleScreens, sampleSessionView, sampleView } from './sample-screens';
import { openViews } from './test-support/dom-harness';

const { open } = openViews();

describe('display modes', () => {
  it('starts a session in high contrast when the patient chose it', async () => {
    const { app, transport } = await open(sampleView());
    const toggle = app.get('high-contrast');
    expect(toggle.textContent).toContain('Contraste renforcé');
    await app.click('high-contrast');
    expect(app.container.querySelector('.app')?.classList.contains('high-contrast')).toBe(true);
    await app.click('start');
    expect(transport.calls.at(-1)).toEqual({
      method: 'startSession',
      params: { locale: 'fr', accessibility: { largeText: false, readAloud: false, highContrast: true } },
    });
  });

  it('names the classes of each combination, an absent high contrast being off', () => {
    expect(appClassName({ largeText: false, readAloud: false })).toBe('app');
    expect(appClassName({ largeText: true, readAloud: false, highContrast: true })).toBe(
      'app large-text high-contrast',
    );
  });

  it.each(
    allSampleScreens().map((screen) => [
      `${screen.step}${'stage' in screen ? `/${screen.stage}` : ''}`,
      screen,
    ]),
  )('keeps large text and high contrast on %s', async (_, screen) => {
    const { app } = await open(
      sampleSessionView(screen, { accessibility: { largeText: true, readAloud: false, highContrast: true } }),
    );
    const root = app.container.querySelector('.app');
    expect(root?.classList.contains('high-contrast')).toBe(true);
    expect(root?.classList.contains('large-text')).toBe(true);
  });
});
