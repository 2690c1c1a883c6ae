// @vitest-environment jsdom
// Every patient screen speaks each of the cabin's languages with no string missing: Arabic right to left,
// the others left to right; the welcome screen names each language in its own words; the staff panel
// shows in its own language and can change the patient's.
import { describe, expect, it } from 'vitest';
import type { StepScreen } from '../contract/cabin-view';
import { LOCALES } from '../contract/domain';
import { t } from './i18n';
import {
  allSampleScreens,
  SAMPLE_SCREENS,
  sampleSession,
  sampleSessionView,
  sampleView,
} from './sample-screens';
import { openViews, type MountedApp } from './test-support/dom-harness';
import { FakeMediaEnvironment } from './test-support/fake-media-environment';
import { openStaffPanel } from './test-support/staff-steps';

const { open, push } = openViews();

const stageOf = (screen: StepScreen): string | null => ('stage' in screen ? screen.stage : null);

/** What a missing string would show: an unfilled template, "undefined", or a dotted key path. */
function missing(app: MountedApp): string[] {
  const text = app.text();
  return [
    ...(text.match(/\{\w+\}/g) ?? []),
    ...(text.match(/undefined|NaN/g) ?? []),
    ...(text.match(/\b[a-z][A-Za-z]*\.[a-z][A-Za-z]*[A-Z][A-Za-z]*\b/g) ?? []),
  ];
}

/** The direction and language the document and the app's root say. */
function direction(app: MountedApp): { dir: string; lang: string; rootDir: string | null } {
  const root = app.container.querySelector('.app');
  return {
    dir: document.documentElement.dir,
    lang: document.documentElement.lang,
    rootDir: root?.getAttribute('dir') ?? null,
  };
}

describe('the patient screens in every language', () => {
  for (const locale of ['ar', 'es', 'pt', 'tr'] as const) {
    const strings = t(locale);
    const dir = locale === 'ar' ? 'rtl' : 'ltr';
    for (const screen of allSampleScreens()) {
      const stage = stageOf(screen);
      it(`draws ${screen.step}${stage === null ? '' : `/${stage}`} in ${locale}, ${dir}`, async () => {
        const { app } = await open(
          sampleView(sampleSession(screen, { locale, accessibility: { largeText: true, readAloud: false } })),
          new FakeMediaEnvironment(),
        );
        expect(app.container.querySelector('[data-screen]')?.getAttribute('data-screen')).toBe(screen.step);
        expect(missing(app)).toEqual([]);
        expect(direction(app)).toEqual({ dir, lang: locale, rootDir: dir });
        // The header speaks the session's language on every screen.
        expect(app.get('help').textContent).toBe(strings.common.help);
        expect(app.get('quit').textContent).toBe(strings.common.quit);
      });
    }
  }
});

describe('the language chosen', () => {
  it('is offered on the welcome screen, each language in its own name', async () => {
    const { app } = await open(sampleView());
    expect(LOCALES.map((locale) => app.get(`locale-${locale}`).textContent)).toEqual([
      'Français',
      'English',
      'العربية',
      'Español',
      'Português',
      'Türkçe',
    ]);
    expect(app.get('locale-ar').getAttribute('lang')).toBe('ar');
  });

  it('turns the welcome screen right to left for Arabic and starts the session in Arabic', async () => {
    const { app, transport } = await open(sampleView());
    await app.click('locale-ar');
    expect(direction(app)).toEqual({ dir: 'rtl', lang: 'ar', rootDir: 'rtl' });
    expect(app.get('start').textContent).toBe(t('ar').welcome.start);
    await app.click('start');
    expect(transport.calls.at(-1)).toMatchObject({ method: 'startSession', params: { locale: 'ar' } });
    await app.click('locale-fr');
    expect(direction(app)).toEqual({ dir: 'ltr', lang: 'fr', rootDir: 'ltr' });
  });

  it('shows sums and dates readable in Arabic: Latin digits, isolated left to right', async () => {
    const { app } = await open(sampleSessionView(SAMPLE_SCREENS.information, { locale: 'ar' }));
    expect(app.get('cost-fee').textContent).toBe('\u206625,00 €\u2069');
  });

  it('keeps the Latin keyboard left to right in Arabic, for names as on the Carte Vitale', async () => {
    const { app } = await open(
      sampleSessionView(SAMPLE_SCREENS.identification.manualEntry, { locale: 'ar' }),
    );
    (app.get('field-surname') as HTMLInputElement).focus();
    await app.settle();
    expect(app.query('key-a')).not.toBeNull();
    expect(app.text()).toContain(t('ar').identification.manualTitle);
  });

  it('can be changed from the header to any language through the menu', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.information, { locale: 'ar' }));
    expect(app.get('locale-fr').textContent).toBe('Français');
    await app.click('language-menu');
    expect(app.get('language-choice-ar').getAttribute('aria-pressed')).toBe('true');
    await app.click('language-choice-tr');
    expect(transport.actions()).toEqual([{ type: 'patient.setLocale', locale: 'tr' }]);
    expect(app.query('language-choice-tr')).toBeNull();
    await push(transport, sampleSessionView(SAMPLE_SCREENS.information, { locale: 'tr' }));
    expect(direction(app)).toEqual({ dir: 'ltr', lang: 'tr', rootDir: 'ltr' });
    expect(app.get('cost-fee').textContent).toBe('25,00\u00a0€');
  });

  it("opens the staff panel in the patient's language, which the attendant can change for the session", async () => {
    const { app, transport } = await open(
      sampleView(
        sampleSession(SAMPLE_SCREENS.payment.confirm, {
          locale: 'ar',
          helpRequested: true,
          help: { told: ['attendant'], answered: false },
        }),
        { attendantCalled: true },
      ),
    );
    await openStaffPanel(app, 'attendant');
    expect(direction(app)).toEqual({ dir: 'rtl', lang: 'ar', rootDir: 'rtl' });
    expect(app.text()).toContain(t('ar').staff.panelTitles.attendant);
    expect(app.get('patient-locale-ar').getAttribute('aria-pressed')).toBe('true');
    // The panel's own switch changes the panel only…
    await app.click('locale-fr');
    expect(app.text()).toContain(t('fr').staff.panelTitles.attendant);
    expect(direction(app)).toEqual({ dir: 'ltr', lang: 'fr', rootDir: 'ltr' });
    expect(transport.actions()).toEqual([]);
    // …and the patient's row changes the session's language.
    await app.click('patient-locale-es');
    expect(transport.actions()).toEqual([{ type: 'patient.setLocale', locale: 'es' }]);
  });
});
