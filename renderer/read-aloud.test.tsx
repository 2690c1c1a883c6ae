// @vitest-environment jsdom
// With read-aloud on, every screen is spoken whole (title, text, questions, failure messages, buttons),
// the voice can be paused and the screen heard again, and every sound has its words on screen.
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StepScreen } from '../contract/cabin-view';
import { LOCALES } from '../contract/domain';
import { SOUND_NOTICE_MS } from './components/sound-notice';
import {
  allSampleScreens,
  SAMPLE_SCREENS,
  sampleSession,
  sampleSessionView,
  sampleView,
} from './sample-screens';
import { openViews } from './test-support/dom-harness';
import { FakeMediaEnvironment, stubMediaPlayback } from './test-support/fake-media-environment';

stubMediaPlayback();
const { open, push } = openViews();

/** The Web Speech API faked at its seam: what was said, cancelled, paused and resumed. */
let voice: { spoken: string[]; cancels: number; pauses: number; resumes: number };

beforeEach(() => {
  voice = { spoken: [], cancels: 0, pauses: 0, resumes: 0 };
  vi.stubGlobal(
    'SpeechSynthesisUtterance',
    class {
      lang = '';
      constructor(readonly text: string) {}
    },
  );
  vi.stubGlobal('speechSynthesis', {
    cancel: () => void (voice.cancels += 1),
    speak: (utterance: { text: string }) => void voice.spoken.push(utterance.text),
    pause: () => void (voice.pauses += 1),
    resume: () => void (voice.resumes += 1),
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const readAloud = { largeText: false, readAloud: true };
const flat = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();
const stageOf = (screen: StepScreen): string => ('stage' in screen ? `/${screen.stage}` : '');

describe('every screen read aloud', () => {
  for (const locale of LOCALES) {
    for (const screen of allSampleScreens()) {
      it(`speaks ${screen.step}${stageOf(screen)} in ${locale}: title, text and buttons`, async () => {
        const media = new FakeMediaEnvironment();
        const { app } = await open(sampleSessionView(screen, { locale, accessibility: readAloud }), media);
        const said = flat(voice.spoken.join(' '));
        const title = flat(app.container.querySelector('.screen-title')?.textContent);
        expect(title).not.toBe('');
        expect(flat(voice.spoken[0])).toBe(title);
        // Every sentence and every button of the screen (the keyboard's keys aside) is in what was said.
        const frame = app.container.querySelector('[data-screen]');
        const parts = frame?.querySelectorAll(
          '.screen-body p, .screen-body h2, .failure, .screen-actions button',
        );
        for (const part of parts ?? []) {
          if (part.closest('.keyboard, [aria-hidden="true"]') !== null) continue;
          expect(said, `${part.className}`).toContain(flat(part.textContent));
        }
      });
    }
  }

  it('says nothing without read-aloud, and shows no speech controls', async () => {
    const { app } = await open(sampleSessionView(SAMPLE_SCREENS.information));
    expect(voice.spoken).toEqual([]);
    expect(app.query('speech-controls')).toBeNull();
  });

  it('says a failure message after the failure title', async () => {
    const failed = { ...SAMPLE_SCREENS.identification.cardFailed, failure: 'card.cps' };
    await open(sampleSessionView(failed, { accessibility: readAloud }));
    expect(voice.spoken.join(' ')).toContain(
      'Cette carte est une carte de professionnel de santé. Insérez votre carte Vitale.',
    );
  });

  it('says the still-there dialog', async () => {
    const media = new FakeMediaEnvironment();
    await open(
      sampleSessionView(SAMPLE_SCREENS.information, {
        accessibility: readAloud,
        askingStillThere: true,
        stillThereUntil: media.clock.now() + 60_000,
      }),
      media,
    );
    expect(voice.spoken.join(' ')).toContain('Êtes-vous toujours là\u00a0?');
  });
});

describe('a screen that closes by itself, read aloud', () => {
  it('says it will close, with "Plus de temps", once, not at every second', async () => {
    const media = new FakeMediaEnvironment();
    const goodbye = { ...SAMPLE_SCREENS.goodbye, cardInReader: false, closesAt: media.clock.now() + 45_000 };
    await open(sampleSessionView(goodbye, { accessibility: readAloud }), media);
    expect(voice.spoken.join(' ')).not.toContain('fermer');
    await act(async () => {
      media.clock.increment(15_000);
      await Promise.resolve();
    });
    const notices = (): number => voice.spoken.filter((text) => text.includes('va bientôt se fermer')).length;
    expect(notices()).toBe(1);
    expect(voice.spoken.at(-1)).toContain('Plus de temps.');
    await act(async () => {
      media.clock.increment(5_000);
      await Promise.resolve();
    });
    expect(notices()).toBe(1);
  });
});

describe('pause and repeat', () => {
  it('pauses the voice, resumes it where it stopped, and says the whole screen again', async () => {
    const { app } = await open(sampleSessionView(SAMPLE_SCREENS.information, { accessibility: readAloud }));
    const pause = app.get('speech-pause');
    expect(pause.textContent).toBe('Pause');
    expect(pause.getAttribute('aria-pressed')).toBe('false');
    await app.click('speech-pause');
    expect(voice.pauses).toBe(1);
    expect(app.get('speech-pause').textContent).toBe('Reprendre la lecture');
    expect(app.get('speech-pause').getAttribute('aria-pressed')).toBe('true');
    await app.click('speech-pause');
    expect(voice.resumes).toBe(1);
    expect(app.get('speech-pause').textContent).toBe('Pause');

    const before = voice.spoken.length;
    const cancelsBefore = voice.cancels;
    await app.click('speech-repeat');
    const repeated = voice.spoken.slice(before);
    expect(repeated).toHaveLength(1);
    const title = flat(app.container.querySelector('.screen-title')?.textContent);
    expect(repeated[0]?.startsWith(`${title}.`)).toBe(true);
    expect(repeated[0]).toContain(flat(app.get('next').textContent));
    // Repeat cuts what was being said, and ends a pause.
    expect(voice.cancels).toBeGreaterThan(cancelsBefore);
  });

  it('repeats a paused screen and the pause button goes back to "Pause"', async () => {
    const { app } = await open(sampleSessionView(SAMPLE_SCREENS.information, { accessibility: readAloud }));
    await app.click('speech-pause');
    await app.click('speech-repeat');
    expect(voice.resumes).toBe(1);
    expect(app.get('speech-pause').getAttribute('aria-pressed')).toBe('false');
  });

  it('speaks in English with the English buttons', async () => {
    const { app } = await open(
      sampleSessionView(SAMPLE_SCREENS.information, { locale: 'en', accessibility: readAloud }),
    );
    expect(app.get('speech-repeat').textContent).toBe('Repeat');
  });

  it('shows the speech controls on the welcome screen once read-aloud is chosen', async () => {
    const { app } = await open(sampleView(null));
    expect(app.query('speech-controls')).toBeNull();
    await app.click('read-aloud');
    expect(app.query('speech-repeat')).not.toBeNull();
  });
});

describe('every sound has its words on screen', () => {
  it('shows the test chime in words as it plays, then takes the words away', async () => {
    const media = new FakeMediaEnvironment();
    const waiting = { ...SAMPLE_SCREENS.waitingRoom.waiting, mediaCheck: 'pending' as const };
    const { app } = await open(sampleSessionView(waiting), media);
    expect(app.query('sound-notice')).toBeNull();
    await app.click('play-test-sound');
    expect(media.audioContexts.at(-1)?.tones).toHaveLength(2);
    expect(app.get('sound-notice').textContent).toContain('Son de test joué');
    expect(app.get('sound-notice').getAttribute('role')).toBe('status');
    act(() => media.clock.increment(SOUND_NOTICE_MS));
    expect(app.query('sound-notice')).toBeNull();
  });

  it('calls the patient with the chime and a banner when the professional is ready', async () => {
    const media = new FakeMediaEnvironment();
    const { app } = await open(sampleSessionView(SAMPLE_SCREENS.waitingRoom.professionalReady), media);
    expect(media.audioContexts.at(-1)?.tones).toHaveLength(2);
    expect(app.get('sound-notice').textContent).toContain("C'est à vous\u00a0: le professionnel est prêt.");
  });

  it('shows the call in English', async () => {
    const media = new FakeMediaEnvironment();
    const { app } = await open(
      sampleView(sampleSession(SAMPLE_SCREENS.waitingRoom.professionalReady, { locale: 'en' })),
      media,
    );
    expect(app.get('sound-notice').textContent).toContain("It's your turn");
  });
});

describe('dialogs and banners read aloud', () => {
  it('says the quit dialog whole as it opens', async () => {
    const { app } = await open(sampleSessionView(SAMPLE_SCREENS.information, { accessibility: readAloud }));
    const before = voice.spoken.length;
    await app.click('quit');
    const said = voice.spoken.slice(before).join(' ');
    expect(said).toContain('Voulez-vous arrêter\u00a0?');
    expect(said).toContain(flat(app.get('quit-confirm').textContent));
    expect(said).toContain(flat(app.get('quit-cancel').textContent));
  });

  it('says who was told of the help call, and that someone answered', async () => {
    const { transport } = await open(
      sampleSessionView(SAMPLE_SCREENS.information, { accessibility: readAloud, helpRequested: true }),
    );
    const banner = (): string[] => voice.spoken.filter((text) => /accueil/i.test(text));
    expect(banner().length).toBeGreaterThan(0);
    const before = voice.spoken.length;
    await push(
      transport,
      sampleSessionView(SAMPLE_SCREENS.information, {
        accessibility: readAloud,
        helpRequested: false,
        help: { told: ['attendant'], answered: true },
      }),
    );
    expect(voice.spoken.length).toBeGreaterThan(before);
  });
});
