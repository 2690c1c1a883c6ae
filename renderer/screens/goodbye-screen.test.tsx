// @vitest-environment jsdom
// The goodbye screen asks for the Carte Vitale while it is in the reader, out loud too when asked.
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CabinView, GoodbyeScreen } from '../../contract/cabin-view';
import { openViews } from '../test-support/dom-harness';
import { SAMPLE_SCREENS, sampleSession, sampleView } from '../sample-screens';
import { FakeMediaEnvironment } from '../test-support/fake-media-environment';
import { TAKE_CARD_REPEAT_MS } from './goodbye-screen';

const goodbye = (cardInReader: boolean, overrides: Parameters<typeof sampleSession>[1] = {}): CabinView => {
  const screen: GoodbyeScreen = { ...SAMPLE_SCREENS.goodbye, cardInReader };
  return sampleView(sampleSession(screen, overrides), { cardInReader });
};

const { open, push, unmount } = openViews();

describe('the goodbye screen and the Carte Vitale', () => {
  it('asks for the card in a large alert above the title while it is in the reader', async () => {
    const { app } = await open(goodbye(true));
    const alert = app.get('take-card');
    expect(alert.textContent).toBe('Reprenez votre carte Vitale.');
    expect(alert.getAttribute('role')).toBe('alert');
    const title = app.container.querySelector('.screen-title');
    expect(title).not.toBeNull();
    if (title !== null) {
      expect(alert.compareDocumentPosition(title) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    }
  });

  it('drops the alert once the card is out, and keeps the usual goodbye text', async () => {
    const { app, transport } = await open(goodbye(true));
    await push(transport, goodbye(false));
    expect(app.query('take-card')).toBeNull();
    expect(app.text()).toContain('Merci, et au revoir\u00a0!');
    expect(app.query('finish')).not.toBeNull();
  });

  it('shows no alert when the card is already out', async () => {
    const { app } = await open(goodbye(false));
    expect(app.query('take-card')).toBeNull();
  });

  it('says it in English', async () => {
    const { app } = await open(goodbye(true, { locale: 'en' }));
    expect(app.get('take-card').textContent).toBe('Take back your Carte Vitale.');
  });
});

describe('the goodbye screen read aloud', () => {
  let spoken: string[];
  let cancels: number;

  beforeEach(() => {
    vi.useFakeTimers();
    spoken = [];
    cancels = 0;
    vi.stubGlobal(
      'SpeechSynthesisUtterance',
      class {
        lang = '';
        constructor(readonly text: string) {}
      },
    );
    vi.stubGlobal('speechSynthesis', {
      cancel: () => {
        cancels += 1;
      },
      speak: (utterance: { text: string }) => {
        spoken.push(utterance.text);
      },
    });
  });

  afterEach(() => {
    unmount();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  const readAloud = { largeText: false, readAloud: true };
  const pass = (ms: number): void => {
    act(() => {
      vi.advanceTimersByTime(ms);
    });
  };
  const takeCard = (): number => spoken.filter((text) => text === 'Reprenez votre carte Vitale.').length;

  it('says "take your card" after the title, then every 10 seconds until the card is out', async () => {
    const { transport } = await open(goodbye(true, { accessibility: readAloud }));
    // The title, then the rest of the screen (its text and buttons), then the card.
    expect(spoken[0]).toBe("C'est terminé");
    expect(spoken[1]).toContain('Merci, et au revoir');
    expect(spoken.slice(2)).toEqual(['Reprenez votre carte Vitale.']);
    pass(TAKE_CARD_REPEAT_MS - 1);
    expect(takeCard()).toBe(1);
    pass(1);
    expect(takeCard()).toBe(2);
    pass(TAKE_CARD_REPEAT_MS);
    expect(takeCard()).toBe(3);
    // Repeats wait for what is being said: they never cut it off.
    const cancelsBefore = cancels;
    pass(TAKE_CARD_REPEAT_MS);
    expect(cancels).toBe(cancelsBefore);

    await push(transport, goodbye(false, { accessibility: readAloud }));
    const afterOut = takeCard();
    pass(TAKE_CARD_REPEAT_MS * 3);
    expect(takeCard()).toBe(afterOut);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops repeating when the screen goes away', async () => {
    const { transport } = await open(goodbye(true, { accessibility: readAloud }));
    await push(transport, sampleView(null, { phase: 'cleaning', cardInReader: true }));
    const before = takeCard();
    pass(TAKE_CARD_REPEAT_MS * 3);
    expect(takeCard()).toBe(before);
  });

  it('stays silent without read-aloud', async () => {
    await open(goodbye(true));
    pass(TAKE_CARD_REPEAT_MS * 3);
    expect(spoken).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('the goodbye screen announces when it closes', () => {
  const SECOND = 1000;
  const closing = (closesAt: number): CabinView =>
    sampleView(sampleSession({ ...SAMPLE_SCREENS.goodbye, cardInReader: false, closesAt }));

  it('says nothing while more than 30 s are left, then the time left and "Plus de temps"', async () => {
    const media = new FakeMediaEnvironment();
    const { app, transport } = await open(closing(media.clock.now() + 45 * SECOND), media);
    expect(app.query('closing-notice')).toBeNull();
    act(() => media.clock.increment(15 * SECOND));
    expect(app.get('closing-notice').textContent).toContain('Cet écran va bientôt se fermer.');
    expect(app.get('closing-countdown').textContent).toBe('Fermeture dans 30 secondes.');
    act(() => media.clock.increment(10 * SECOND));
    // Announced at least 20 s before the screen closes.
    expect(Number(app.get('closing-countdown').getAttribute('data-seconds'))).toBe(20);
    await app.click('more-time');
    expect(transport.actions()).toEqual([{ type: 'patient.stillHere' }]);
    await push(transport, closing(media.clock.now() + 45 * SECOND));
    expect(app.query('closing-notice')).toBeNull();
  });

  it('says it in English', async () => {
    const media = new FakeMediaEnvironment();
    const view = sampleView(
      sampleSession(
        { ...SAMPLE_SCREENS.goodbye, cardInReader: false, closesAt: media.clock.now() + 10 * SECOND },
        { locale: 'en' },
      ),
    );
    const { app } = await open(view, media);
    expect(app.get('more-time').textContent).toBe('More time');
    expect(app.get('closing-countdown').textContent).toBe('Closing in 10 seconds.');
  });
});
