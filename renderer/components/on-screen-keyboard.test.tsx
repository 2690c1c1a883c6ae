// @vitest-environment jsdom
// The cabin's on-screen keyboard as a patient uses it: only its keys are touched, never a physical keyboard.
import { act, createElement, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PatientAction } from '../../contract/patient-action';
import { mountPage, type DomPage } from '../../test/support/dom-page';
import { ManualClock } from '../../test/support/manual-clock';
import { t } from '../i18n';
import { SAMPLE_SCREENS, sampleSessionView, sampleView } from '../sample-screens';
import { openViews, type MountedApp } from '../test-support/dom-harness';
import { UiContext } from '../ui-context';
import { TextField } from './text-field';
import { TYPING_PRESENCE_EVERY_MS, usePresenceSignal } from './typing-presence';

const { open } = openViews();

/** Touches the field, as a finger does: it takes the focus and its keyboard shows. */
async function touchField(app: DomPage, testId: string): Promise<void> {
  act(() => app.get(testId).focus());
  await app.settle();
}

/** Touches the keys one after the other (`key-<name>`). */
async function press(app: DomPage, ...keys: string[]): Promise<void> {
  for (const key of keys) await app.click(`key-${key}`);
}

const valueOf = (app: DomPage, testId: string): string => (app.get(testId) as HTMLInputElement).value;

/** Lets React's pending effects and promises run. */
const settleReact = (): Promise<void> =>
  act(async () => {
    await Promise.resolve();
  });

/** Leaves out the "still here" that typing sends (see the presence test). */
const typed = (action: { readonly type: string }): boolean => action.type !== 'patient.stillHere';

/** The test ids of the keys the keyboard shows. */
const keysShown = (app: MountedApp): string[] =>
  [...app.get('keyboard').querySelectorAll('[data-testid^="key-"]')].map(
    (key) => key.getAttribute('data-testid') ?? '',
  );

describe('the on-screen keyboard', () => {
  it('types names with French accents, capitals at each word, with the keys alone', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.identification.manualEntry));
    // The first field has the focus at once, so its keyboard is there without a touch.
    expect(app.get('keyboard').getAttribute('data-layout')).toBe('letters');
    await press(app, 'n', 'apostrophe', 'd', 'i', 'a', 'y', 'e');
    expect(valueOf(app, 'field-surname')).toBe("N'Diaye");

    await touchField(app, 'field-firstName');
    await press(app, 'accents', 'é', 'letters', 'l', 'o', 'accents', 'ï', 'letters', 's', 'e');
    await press(app, 'hyphen', 'l', 'accents', 'æ', 'letters', 't', 'i', 't', 'i', 'a');
    expect(valueOf(app, 'field-firstName')).toBe('Éloïse-Lætitia');
    // A wrong letter is erased with ⌫.
    await press(app, 'x', 'erase');
    expect(valueOf(app, 'field-firstName')).toBe('Éloïse-Lætitia');

    await touchField(app, 'field-birthDate-day');
    expect(app.get('keyboard').getAttribute('data-layout')).toBe('date');
    // A full part moves on to the next: 0 2, then 0 3, then 1 9 5 0.
    await press(app, '0', '2', '0', '3', '1', '9', '5', '0');
    expect([
      valueOf(app, 'field-birthDate-day'),
      valueOf(app, 'field-birthDate-month'),
      valueOf(app, 'field-birthDate-year'),
    ]).toEqual(['02', '03', '1950']);

    await app.click('submit-identity');
    expect(transport.actions().filter(typed)).toEqual([
      {
        type: 'patient.submitIdentity',
        identity: { surname: "N'Diaye", firstName: 'Éloïse-Lætitia', birthDate: '1950-03-02', nir: '' },
      },
    ]);
  });

  it('turns a letter into a small one, or a capital, with the capitals key', async () => {
    const { app } = await open(sampleSessionView(SAMPLE_SCREENS.identification.manualEntry));
    await press(app, 'capitals', 'd', 'capitals', 'e', 'space', 'l', 'a');
    expect(valueOf(app, 'field-surname')).toBe('dE La');
  });

  it('offers digits only for the NIR, with A and B apart for Corsica', async () => {
    const { app } = await open(sampleSessionView(SAMPLE_SCREENS.identification.manualEntry));
    await touchField(app, 'field-nir');
    expect(app.get('keyboard').getAttribute('data-layout')).toBe('nir');
    expect(keysShown(app).sort()).toEqual(
      ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'erase'].map((k) => `key-${k}`).sort(),
    );
    await press(app, '1', '8', '5', '0', '7', '2', 'A', '1', '2', '3', '4', '5', '6', '9', '9');
    expect(valueOf(app, 'field-nir')).toBe('185072A12345699');
    // A sixteenth character is refused and the limit said; nothing is cut or added.
    await press(app, '7');
    expect(valueOf(app, 'field-nir')).toBe('185072A12345699');
    expect(app.get('error-nir').textContent).toBe('15 chiffres au plus.');
    await press(app, 'erase', 'erase', '4', '2');
    expect(valueOf(app, 'field-nir')).toBe('185072A12345642');
    expect(app.query('error-nir')).toBeNull();
  });

  it('refuses a name longer than 40 characters and says the limit, without cutting it', async () => {
    const { app } = await open(sampleSessionView(SAMPLE_SCREENS.identification.manualEntry));
    await press(app, ...Array<string>(40).fill('a'));
    expect(valueOf(app, 'field-surname')).toHaveLength(40);
    await press(app, 'b');
    expect(valueOf(app, 'field-surname')).toBe(`A${'a'.repeat(39)}`);
    expect(app.get('error-surname').textContent).toBe('40 caractères au plus.');
    expect(app.get('field-surname').getAttribute('aria-invalid')).toBe('true');

    // A technician's physical keyboard is not cut either: the value stays, the limit is said.
    await app.type('field-firstName', 'b'.repeat(45));
    expect(valueOf(app, 'field-firstName')).toHaveLength(45);
    expect(app.get('error-firstName').textContent).toBe('40 caractères au plus.');
  });

  it('types the appointment code on digits only and sends it', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.appointment.enteringCode));
    expect(app.get('keyboard').getAttribute('data-layout')).toBe('digits');
    expect(keysShown(app)).not.toContain('key-a');
    await press(app, '1', '2', '3', '4', '5', '6');
    await app.click('submit-code');
    expect(transport.actions().filter(typed)).toEqual([
      { type: 'patient.submitAppointmentCode', code: '123456' },
    ]);
  });

  it('hides the keyboard when the field loses the focus', async () => {
    const { app } = await open(sampleSessionView(SAMPLE_SCREENS.appointment.enteringCode));
    act(() => app.get('field-code').blur());
    await app.settle();
    expect(app.query('keyboard')).toBeNull();
  });

  it('types the staff PIN on digits only, and sends it with the role', async () => {
    const { app, transport } = await open(sampleView());
    await app.click('attendant-open');
    await touchField(app, 'staff-pin');
    expect(app.get('keyboard').getAttribute('data-layout')).toBe('digits');
    await press(app, '4', '8', '2', '9', '1', '5');
    await app.click('staff-login');
    expect(transport.calls.at(-1)).toEqual({
      method: 'staffLogin',
      params: { role: 'attendant', pin: '482915' },
    });
  });

  it('offers no decimal comma on the digits of a PIN', async () => {
    const { app } = await open(sampleView());
    await app.click('attendant-open');
    await touchField(app, 'staff-pin');
    expect(app.query('key-comma')).toBeNull();
  });
});

describe('typing proves the patient is there', () => {
  it('tells the controller "still here" on the first key of a burst, not on every key', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.identification.manualEntry));
    await press(app, 'd', 'u', 'p', 'o', 'n', 't');
    expect(transport.actions()).toEqual([{ type: 'patient.stillHere' }]);
  });

  it('tells it again once the interval has passed, so slow typing never meets "are you still there?"', async () => {
    const clock = new ManualClock(1_000);
    const sent: PatientAction[] = [];
    const page = await mountPage(
      createElement(PresenceProbe, { act: (action) => sent.push(action), now: () => clock.now() }),
      settleReact,
    );
    await page.click('probe');
    await clock.advance(TYPING_PRESENCE_EVERY_MS - 1);
    await page.click('probe');
    expect(sent).toHaveLength(1);
    await clock.advance(1);
    await page.click('probe');
    expect(sent).toEqual([{ type: 'patient.stillHere' }, { type: 'patient.stillHere' }]);
    page.unmount();
  });
});

/** A button calling the session's presence signal, on a clock the test moves. */
function PresenceProbe({
  act: send,
  now,
}: {
  readonly act: (action: PatientAction) => void;
  readonly now: () => number;
}) {
  const signal = usePresenceSignal(send, now);
  return createElement('button', { type: 'button', 'data-testid': 'probe', onClick: signal }, 'key');
}

describe('the on-screen keyboard with read-aloud', () => {
  let spoken: string[] = [];
  afterEach(() => {
    vi.unstubAllGlobals();
  });
  const listen = (): void => {
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
      speak: (utterance: { text: string }) => spoken.push(utterance.text),
    });
  };
  const readAloud = { accessibility: { largeText: false, readAloud: true } };

  it('says each key touched, and the limit when a key is refused', async () => {
    listen();
    const { app } = await open(sampleSessionView(SAMPLE_SCREENS.appointment.enteringCode, readAloud));
    spoken = [];
    await press(app, ...Array<string>(20).fill('1'), '2', 'erase');
    expect(spoken).toEqual([...Array<string>(20).fill('1'), '20 chiffres au plus.', 'Effacer']);
  });

  it('never says the keys of a secret code', async () => {
    listen();
    const page = await mountPage(createElement(SecretField, { initial: '' }), settleReact);
    act(() => page.get('field-secret').focus());
    await press(page, '2', '4', '6', '8');
    expect(valueOf(page, 'field-secret')).toBe('2468');
    expect(spoken).toEqual([]);
    page.unmount();
  });
});

/** A secret digits field under read-aloud, as the staff code would be if read-aloud reached it. */
function SecretField({ initial }: { readonly initial: string }) {
  const [value, setValue] = useState(initial);
  return createElement(
    UiContext.Provider,
    { value: { locale: 'fr', strings: t('fr'), readAloud: true } },
    createElement(TextField, {
      name: 'secret',
      label: 'Code',
      value,
      onChange: setValue,
      maxLength: 12,
      layout: 'digits',
      secret: true,
      invalid: false,
    }),
  );
}
