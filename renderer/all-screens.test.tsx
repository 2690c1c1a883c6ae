// @vitest-environment jsdom
// Every step and stage of the contract draws without throwing, in both languages.
import { afterEach, describe, expect, it } from 'vitest';
import type { StepScreen } from '../contract/cabin-view';
import { en } from '../assets/strings/en';
import { fr } from '../assets/strings/fr';
import { mountApp, type MountedApp } from './test-support/dom-harness';
import { FakeCabinTransport } from './test-support/fake-cabin-transport';
import { failureMessage } from './i18n';
import {
  allSampleScreens,
  SAMPLE_INSTRUMENT_SCREENS,
  SAMPLE_SCREENS,
  sampleSession,
  sampleView,
} from './sample-screens';

const stageOf = (screen: StepScreen): string | null => ('stage' in screen ? screen.stage : null);

let mounted: MountedApp | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

describe('every step screen', () => {
  const screens = allSampleScreens();

  it('has a sample for each stage of the contract', () => {
    // Steps without stages, then each step's stages.
    expect(screens).toHaveLength(42);
  });

  for (const locale of ['fr', 'en'] as const) {
    for (const screen of screens) {
      const stage = stageOf(screen);
      it(`draws ${screen.step}${stage === null ? '' : `/${stage}`} in ${locale}`, async () => {
        const transport = new FakeCabinTransport(
          sampleView(sampleSession(screen, { locale, accessibility: { largeText: true, readAloud: true } })),
        );
        mounted = await mountApp(transport);
        const root = mounted.container.querySelector('[data-screen]');
        expect(root?.getAttribute('data-screen')).toBe(screen.step);
        if (stage !== null) expect(root?.getAttribute('data-stage')).toBe(stage);
        expect(mounted.query('help')).not.toBeNull();
        expect(mounted.query('quit')).not.toBeNull();
        expect(mounted.text()).not.toMatch(/\{\w+\}/); // no template left unfilled
      });
    }
  }
});

describe('the call with an examination instrument', () => {
  for (const locale of ['fr', 'en', 'ar', 'es', 'pt', 'tr'] as const) {
    for (const screen of SAMPLE_INSTRUMENT_SCREENS) {
      const use = screen.instrument;
      it(`draws ${use?.kind ?? ''} ${use?.state ?? ''} in ${locale}`, async () => {
        const transport = new FakeCabinTransport(sampleView(sampleSession(screen, { locale })));
        mounted = await mountApp(transport);
        const guide = mounted.get('instrument-guide');
        expect(guide.getAttribute('data-kind')).toBe(use?.kind);
        expect(guide.getAttribute('data-state')).toBe(use?.state);
        expect(mounted.query('quit')).not.toBeNull();
        expect(mounted.text()).not.toMatch(/\{\w+\}/);
      });
    }
  }
});

describe('failure messages', () => {
  const codes = [
    'card.removed',
    'card.unreadable',
    'card.mute',
    'card.unknown',
    'card.readerAbsent',
    'card.cps',
    'card.noBeneficiary',
    'reader.absent',
    'pcsc.unavailable',
    'appointment.unknownCode',
    'appointment.unavailable',
    'measurement.implausible',
    'measurement.unstable',
    'measurement.noFinger',
    'measurement.motion',
    'measurement.lowPerfusion',
    'measurement.overload',
    'measurement.cuffLeak',
    'measurement.noNewReading',
    'device.unplugged',
    'device.timeout',
    'device.error',
    'device.absent',
    'link.portMissing',
    'platform.unreachable',
    'queue.failed',
    'call.failed',
    'call.dropped',
    'call.lost',
    'call.notJoined',
    'media.unavailable',
    'printer.outOfPaper',
    'printer.jammed',
    'printer.doorOpen',
    'printer.offline',
    'printer.notAccepting',
    'printer.notConfigured',
    'printer.timeout',
    'printer.failed',
    'payment.declined',
    'payment.failed',
    'payment.cancelled',
  ];

  it.each(codes)('has a plain message for %s in French and English', (code) => {
    expect(failureMessage(fr, code)).not.toBe(fr.genericFailure);
    expect(failureMessage(en, code)).not.toBe(en.genericFailure);
  });

  it('draws a new failure code as a plain message on its screen, in French and English', async () => {
    const cardFailed = { ...SAMPLE_SCREENS.identification.cardFailed, failure: 'card.cps' };
    mounted = await mountApp(new FakeCabinTransport(sampleView(sampleSession(cardFailed))));
    expect(mounted.get('failure').textContent).toBe(
      'Cette carte est une carte de professionnel de santé. Insérez votre carte Vitale.',
    );
    mounted.unmount();
    mounted = await mountApp(new FakeCabinTransport(sampleView(sampleSession(cardFailed, { locale: 'en' }))));
    expect(mounted.get('failure').textContent).toBe(
      'This card is a health professional card. Insert your Carte Vitale.',
    );
    mounted.unmount();

    const measurementFailed = { ...SAMPLE_SCREENS.measurements.failed, failure: 'measurement.noNewReading' };
    mounted = await mountApp(new FakeCabinTransport(sampleView(sampleSession(measurementFailed))));
    expect(mounted.get('failure').textContent).toContain(
      'Appuyez sur le bouton «\u00a0START\u00a0» du tensiomètre, puis attendez.',
    );
    mounted.unmount();
    mounted = await mountApp(
      new FakeCabinTransport(sampleView(sampleSession(measurementFailed, { locale: 'en' }))),
    );
    expect(mounted.get('failure').textContent).toContain(
      'Press the "START" button on the monitor, then wait.',
    );
  });

  it('says a mute card may be upside down', () => {
    expect(failureMessage(fr, 'card.mute')).toContain(
      'Vérifiez le sens de la carte\u00a0: la puce en premier, vers le haut.',
    );
    expect(failureMessage(en, 'card.mute')).toContain('upside down');
  });

  it('falls back to the generic message for unknown and missing codes', () => {
    expect(failureMessage(fr, 'nothing.known')).toBe(fr.genericFailure);
    expect(failureMessage(en, null)).toBe(en.genericFailure);
    expect(failureMessage(fr, 'toString')).toBe(fr.genericFailure);
  });
});
