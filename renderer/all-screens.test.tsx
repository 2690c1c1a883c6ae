// @vitest-environment jsdom
// Every step and stage of the contract draws without throwing, in both languages.
import { afterEach, describe, expect, it } from 'vitest';
import type { StepScreen } from '../contract/cabin-view';
import { en } from '../assets/strings/en';
import { fr } from '../assets/strings/fr';
import { mountApp, type MountedApp } from './dom-harness';
import { FakeCabinTransport } from './fake-cabin-transport';
import { failureMessage } from './i18n';
import { allSampleScreens, sampleSession, sampleView } from './sample-screens';

const stageOf = (screen: StepScreen): string | null => ('stage' in screen ? screen.stage : null);

let mounted: MountedApp | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

describe('every step screen', () => {
  const screens = allSampleScreens();

  it('has a sample for each stage of the contract', () => {
    // 3 steps without stages, then 6 + 8 + 4 + 4 + 5 + 4 + 3 stages.
    expect(screens).toHaveLength(37);
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

describe('failure messages', () => {
  const codes = [
    'card.removed',
    'card.unreadable',
    'card.mute',
    'card.unknown',
    'card.readerAbsent',
    'appointment.unknownCode',
    'appointment.unavailable',
    'measurement.implausible',
    'measurement.unstable',
    'measurement.noFinger',
    'measurement.motion',
    'device.unplugged',
    'device.timeout',
    'device.error',
    'platform.unreachable',
    'queue.failed',
    'call.failed',
    'call.dropped',
    'printer.outOfPaper',
    'printer.jammed',
    'printer.offline',
    'printer.failed',
    'payment.declined',
    'payment.failed',
    'payment.cancelled',
  ];

  it.each(codes)('has a plain message for %s in French and English', (code) => {
    expect(failureMessage(fr, code)).not.toBe(fr.genericFailure);
    expect(failureMessage(en, code)).not.toBe(en.genericFailure);
  });

  it('falls back to the generic message for unknown and missing codes', () => {
    expect(failureMessage(fr, 'nothing.known')).toBe(fr.genericFailure);
    expect(failureMessage(en, null)).toBe(en.genericFailure);
    expect(failureMessage(fr, 'toString')).toBe(fr.genericFailure);
  });
});
