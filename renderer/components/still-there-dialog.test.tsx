// @vitest-environment jsdom
// "Are you still there?" counts the seconds left down to the deadline the cabin gives, on the page's
// clock (a manual one here), and says it aloud once when read-aloud is on.
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openViews, type MountedApp } from '../test-support/dom-harness';
import { FakeMediaEnvironment } from '../test-support/fake-media-environment';
import { SAMPLE_SCREENS, sampleSessionView } from '../sample-screens';
import { t } from '../i18n';
import { countdownText, secondsLeft } from './still-there-dialog';

const { open, push } = openViews();

const SECOND = 1000;

/** The consent screen with the prompt up, ending the session at `until` (epoch ms), read aloud or not. */
function asking(until: number | null, readAloud = false) {
  return sampleSessionView(SAMPLE_SCREENS.consent.asking, {
    askingStillThere: true,
    stillThereUntil: until,
    accessibility: { largeText: false, readAloud },
  });
}

describe('the seconds left of "are you still there?"', () => {
  let media: FakeMediaEnvironment;
  let app: MountedApp;
  const pass = (ms: number): void => {
    act(() => media.clock.increment(ms));
  };
  const countdown = (): string | null => app.get('still-there-countdown').textContent;

  beforeEach(() => {
    media = new FakeMediaEnvironment();
    media.clock.increment(1_000_000);
  });

  it('counts down each second to the cabin’s deadline, and stops at zero', async () => {
    ({ app } = await open(asking(media.clock.now() + 30 * SECOND), media));
    expect(app.get('still-there-dialog').textContent).toContain('Êtes-vous toujours là\u00a0?');
    expect(countdown()).toBe('Arrêt dans 30 secondes.');
    pass(999);
    expect(countdown()).toBe('Arrêt dans 30 secondes.');
    pass(1);
    expect(countdown()).toBe('Arrêt dans 29 secondes.');
    pass(28 * SECOND);
    expect(countdown()).toBe('Arrêt dans 1 seconde.');
    pass(1 * SECOND);
    expect(countdown()).toBe('Arrêt de la séance…');
    expect(media.clock.pending()).toBe(0);
  });

  it('a page opened during the prompt (a reload) shows the time really left, not the whole grace', async () => {
    ({ app } = await open(asking(media.clock.now() + 12_400), media));
    expect(countdown()).toBe('Arrêt dans 13 secondes.');
    pass(400);
    expect(countdown()).toBe('Arrêt dans 12 secondes.');
  });

  it('stops counting when the patient answers and the prompt goes', async () => {
    let transport;
    ({ app, transport } = await open(asking(media.clock.now() + 30 * SECOND), media));
    await app.click('still-here');
    expect(transport.actions()).toEqual([{ type: 'patient.stillHere' }]);
    await push(transport, sampleSessionView(SAMPLE_SCREENS.consent.asking));
    expect(app.query('still-there-dialog')).toBeNull();
    expect(media.clock.pending()).toBe(0);
  });

  it('shows no countdown when the cabin gives no deadline', async () => {
    ({ app } = await open(asking(null), media));
    expect(app.query('still-there-dialog')).not.toBeNull();
    expect(app.query('still-there-countdown')).toBeNull();
  });

  it('says it in English', async () => {
    const view = asking(media.clock.now() + 30 * SECOND);
    ({ app } = await open({ ...view, session: view.session && { ...view.session, locale: 'en' } }, media));
    expect(countdown()).toBe('Stopping in 30 seconds.');
    pass(29 * SECOND);
    expect(countdown()).toBe('Stopping in 1 second.');
  });
});

describe('"are you still there?" read aloud', () => {
  let spoken: string[];

  beforeEach(() => {
    spoken = [];
    vi.stubGlobal(
      'SpeechSynthesisUtterance',
      class {
        lang = '';
        constructor(readonly text: string) {}
      },
    );
    vi.stubGlobal('speechSynthesis', {
      cancel: () => undefined,
      speak: (utterance: { text: string }) => void spoken.push(utterance.text),
    });
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('speaks the question and the time left once, not at every second', async () => {
    const media = new FakeMediaEnvironment();
    await open(asking(media.clock.now() + 30 * SECOND, true), media);
    const prompt = spoken.filter((text) => text.startsWith('Êtes-vous toujours là\u00a0?'));
    expect(prompt).toEqual([
      "Êtes-vous toujours là\u00a0? Sans réponse, la séance va s'arrêter et vos informations seront effacées. Arrêt dans 30 secondes.",
    ]);
    act(() => media.clock.increment(10 * SECOND));
    expect(spoken.filter((text) => text.includes('Arrêt dans'))).toHaveLength(1);
  });

  it('stays silent without read-aloud', async () => {
    const media = new FakeMediaEnvironment();
    await open(asking(media.clock.now() + 30 * SECOND), media);
    expect(spoken.filter((text) => text.includes('toujours là'))).toEqual([]);
  });
});

describe('secondsLeft', () => {
  it.each([
    [30_000, 30],
    [29_001, 30],
    [29_000, 29],
    [1, 1],
    [0, 0],
    [-500, 0],
  ])('%i ms left shows %i', (left, seconds) => {
    expect(secondsLeft(1_000_000 + left, 1_000_000)).toBe(seconds);
  });
});

describe('countdownText', () => {
  it.each([
    [30, 'Arrêt dans 30 secondes.'],
    [2, 'Arrêt dans 2 secondes.'],
    [1, 'Arrêt dans 1 seconde.'],
    [0, 'Arrêt de la séance…'],
  ])('%i seconds left reads "%s"', (seconds, text) => {
    expect(countdownText(t('fr'), seconds)).toBe(text);
  });
});
