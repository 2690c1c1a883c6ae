// @vitest-environment jsdom
// How staff get in and out: the quiet button, the held corner and Ctrl+Alt+P open the login anywhere; a
// wrong PIN and a locked role are said; the panel closes by itself when idle or ended; the patient is
// told when a panel is open; the first start chooses both PINs.
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_SCREENS, sampleSession, sampleView } from '../sample-screens';
import { sampleStaffAnswers } from '../sample-staff';
import { openViews, type MountedApp } from '../test-support/dom-harness';
import { FakeMediaEnvironment } from '../test-support/fake-media-environment';
import { loginAs, openStaffPanel, SAMPLE_PIN, typePin } from '../test-support/staff-steps';
import { STAFF_LOGIN_IDLE_MS } from './idle-close';
import { STAFF_CORNER_HOLD_MS } from './staff-corner';

const { open, push } = openViews();

const panel = (app: MountedApp): Element | null => app.container.querySelector('[data-screen="staff-panel"]');
const screenShown = (app: MountedApp, name: string): boolean =>
  app.container.querySelector(`[data-screen="${name}"]`) !== null;

/** Presses or releases a finger at this place of the screen (the staff corner by default). */
function pointer(app: MountedApp, type: 'pointerdown' | 'pointerup', x = 10, y = 10): void {
  const Pointer = (window as { PointerEvent?: typeof MouseEvent }).PointerEvent ?? MouseEvent;
  act(() => {
    app.get('staff-corner').dispatchEvent(new Pointer(type, { bubbles: true, clientX: x, clientY: y }));
  });
}

/** Ctrl+Alt+P on a technician's keyboard. */
function staffKeys(): void {
  act(() => {
    window.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'p', code: 'KeyP', ctrlKey: true, altKey: true }),
    );
  });
}

/** A session on the identity confirmation, which shows the patient's name. */
const inSession = () =>
  sampleView(
    sampleSession({
      ...SAMPLE_SCREENS.identification.confirming,
      identity: { surname: 'Dupont', firstName: 'Jeanne', birthDate: '1950-03-12', nir: null },
    } as typeof SAMPLE_SCREENS.identification.confirming),
  );

let media: FakeMediaEnvironment;
beforeEach(() => {
  media = new FakeMediaEnvironment();
});
afterEach(() => {
  window.history.replaceState(null, '', window.location.pathname);
});

describe('the way in', () => {
  it('opens the login from the quiet button; the attendant PIN opens the attendant panel', async () => {
    const { app, transport } = await open(sampleView(null, { needsCleaning: true }), media);
    await openStaffPanel(app, 'attendant');
    expect(transport.calls.find((call) => call.method === 'staffLogin')?.params).toEqual({
      role: 'attendant',
      pin: SAMPLE_PIN,
    });
    expect(panel(app)?.getAttribute('data-role')).toBe('attendant');
    expect(app.text()).toContain("Panneau de l'accueil");
    // The attendant has no technician tabs.
    expect(app.query('staff-tab-devices')).toBeNull();
  });

  it('opens the login when the top-left corner is held for 3 seconds, even during a session', async () => {
    const { app } = await open(inSession(), media);
    expect(app.query('attendant-open')).toBeNull();
    pointer(app, 'pointerdown');
    act(() => media.clock.increment(STAFF_CORNER_HOLD_MS - 100));
    pointer(app, 'pointerup');
    act(() => media.clock.increment(1000));
    expect(screenShown(app, 'staff-login')).toBe(false);
    // Held elsewhere on the screen, nothing opens.
    pointer(app, 'pointerdown', 500, 900);
    act(() => media.clock.increment(STAFF_CORNER_HOLD_MS));
    pointer(app, 'pointerup', 500, 900);
    expect(screenShown(app, 'staff-login')).toBe(false);

    pointer(app, 'pointerdown');
    act(() => media.clock.increment(STAFF_CORNER_HOLD_MS));
    await app.settle();
    expect(screenShown(app, 'staff-login')).toBe(true);
    // The login replaces the patient's screen: nothing of the patient is on it.
    expect(app.text()).not.toContain('Dupont');
  });

  it('opens the login with Ctrl+Alt+P, and "Annuler" goes back to the patient', async () => {
    const { app } = await open(inSession(), media);
    staffKeys();
    await app.settle();
    expect(screenShown(app, 'staff-login')).toBe(true);
    await app.click('staff-login-cancel');
    expect(screenShown(app, 'identification')).toBe(true);
  });
});

describe('the PIN', () => {
  it('says how many tries are left after a wrong PIN when the cabin tells it', async () => {
    const { app, transport } = await open(sampleView(), media);
    transport.staffLoginAnswer = () => ({ ok: false, error: { code: 'staff.badPin', detail: '3' } });
    await openStaffPanel(app, 'technician', '111112');
    expect(app.get('staff-login-error').textContent).toBe('Code incorrect. Il vous reste 3 essais.');
    expect((app.get('staff-pin') as HTMLInputElement).value).toBe('');
    transport.staffLoginAnswer = () => ({ ok: false, error: { code: 'staff.badPin', detail: '1' } });
    await loginAs(app, 'technician', '111113');
    expect(app.get('staff-login-error').textContent).toBe('Code incorrect. Il vous reste 1 essai.');
    transport.staffLoginAnswer = () => ({ ok: false, error: { code: 'staff.badPin' } });
    await loginAs(app, 'technician', '111114');
    expect(app.get('staff-login-error').textContent).toBe('Code incorrect.');
    expect(panel(app)).toBeNull();
  });

  it('says until when a locked role is locked, and does not send its PIN', async () => {
    const until = new Date(2026, 2, 12, 10, 35).getTime();
    media.clock.increment(until - 30_000);
    const { app, transport } = await open(
      sampleView(null, {
        staff: { onScreen: null, locks: [{ role: 'technician', until }], pinsNeeded: false },
      }),
      media,
    );
    await app.click('attendant-open');
    expect(app.query('staff-locked')).toBeNull();
    await app.click('staff-role-technician');
    expect(app.get('staff-locked').textContent).toBe(
      "Trop de codes incorrects. L'accès Technicien est bloqué jusqu'à 10\u00a0h\u00a035.",
    );
    expect((app.get('staff-login') as HTMLButtonElement).disabled).toBe(true);
    expect(transport.calls.some((call) => call.method === 'staffLogin')).toBe(false);
    // At the end of the lock, the role can be tried again.
    act(() => media.clock.increment(30_000));
    await app.settle();
    expect(app.query('staff-locked')).toBeNull();
    await loginAs(app, 'technician');
    expect(panel(app)?.getAttribute('data-role')).toBe('technician');
  });

  it('says the role is locked when the cabin refuses the login for that', async () => {
    const { app, transport } = await open(sampleView(), media);
    transport.staffLoginAnswer = () => ({ ok: false, error: { code: 'staff.locked' } });
    await openStaffPanel(app, 'attendant');
    expect(app.get('staff-locked').textContent).toBe(
      "Trop de codes incorrects. L'accès Accueil est bloqué pendant 5 minutes.",
    );
  });
});

describe('the panel closes', () => {
  it('by itself after the idle time without a touch; a touch starts the time again', async () => {
    const { app, transport } = await open(sampleView(null, { needsCleaning: true }), media);
    transport.staffLoginAnswer = (role) => ({ ok: true, value: { token: 't1', role, idleMs: 60_000 } });
    await openStaffPanel(app, 'attendant');
    act(() => media.clock.increment(50_000));
    await app.click('attendant-mark-cleaned');
    act(() => media.clock.increment(50_000));
    expect(panel(app)).not.toBeNull();
    act(() => media.clock.increment(10_000));
    await app.settle();
    expect(panel(app)).toBeNull();
    expect(screenShown(app, 'welcome')).toBe(true);
  });

  it('gives the screen back when the login is left without a touch for a minute', async () => {
    const { app } = await open(inSession(), media);
    staffKeys();
    await app.settle();
    act(() => media.clock.increment(STAFF_LOGIN_IDLE_MS - 1));
    expect(screenShown(app, 'staff-login')).toBe(true);
    act(() => media.clock.increment(1));
    await app.settle();
    expect(screenShown(app, 'identification')).toBe(true);
  });

  it('when the cabin says the staff session has ended', async () => {
    const { app, transport } = await open(sampleView(null, { needsCleaning: true }), media);
    await openStaffPanel(app, 'attendant');
    transport.staffAnswer = () => ({ ok: false, error: { code: 'staff.sessionEnded' } });
    await app.click('attendant-mark-cleaned');
    expect(panel(app)).toBeNull();
  });

  it('when the view says no staff panel is open any more', async () => {
    const onScreen = (role: 'attendant' | null) =>
      sampleView(null, { staff: { onScreen: role, locks: [], pinsNeeded: false } });
    const { app, transport } = await open(onScreen(null), media);
    await openStaffPanel(app, 'attendant');
    // Just after the login the view may not say it yet: the panel stays.
    await push(transport, onScreen(null));
    expect(panel(app)).not.toBeNull();
    await push(transport, onScreen('attendant'));
    expect(panel(app)).not.toBeNull();
    await push(transport, onScreen(null));
    expect(panel(app)).toBeNull();
  });

  it('on "Fermer", which ends the staff session', async () => {
    const { app, transport } = await open(sampleView(null, { needsCleaning: true }), media);
    await openStaffPanel(app, 'attendant');
    await app.click('staff-close');
    expect(transport.staffCalls().at(-1)).toEqual({
      token: 'token-attendant',
      command: { type: 'staff.logout' },
    });
    expect(panel(app)).toBeNull();
    expect(screenShown(app, 'welcome')).toBe(true);
  });
});

describe('the patient sees it', () => {
  it('shows a banner on the patient screen while a staff panel is open', async () => {
    const view = inSession();
    const { app, transport } = await open(view, media);
    expect(app.query('staff-on-screen')).toBeNull();
    await push(transport, { ...view, staff: { onScreen: 'technician', locks: [], pinsNeeded: false } });
    expect(app.get('staff-on-screen').textContent).toBe(
      'Un membre du personnel a ouvert le panneau de service.',
    );
  });

  it('says in the panel that a session is running, and shows nothing of the patient', async () => {
    const view = sampleView(inSession().session, {
      helpCall: { step: 'identification', since: new Date(2026, 2, 12, 9, 5).getTime(), told: ['attendant'] },
      attendantCalled: true,
    });
    const { app, transport } = await open(view, media);
    transport.staffAnswer = sampleStaffAnswers();
    expect(app.text()).toContain('Dupont');
    staffKeys();
    await app.settle();
    await loginAs(app, 'technician');
    expect(app.get('staff-session-running').textContent).toBe(
      'Une séance est en cours\u00a0: la personne dans la cabine voit cet écran.',
    );
    for (const tab of ['cabin', 'devices', 'procedure', 'register', 'export']) {
      await app.click(`staff-tab-${tab}`);
      expect(app.text()).not.toContain('Dupont');
      expect(app.text()).not.toContain('Jeanne');
      expect(app.text()).not.toContain('1950');
    }
  });
});

describe('the first start', () => {
  const needsPins = () => sampleView(null, { staff: { onScreen: null, locks: [], pinsNeeded: true } });

  /** Types the four PINs, each on its field's on-screen keys. */
  async function typeAll(app: MountedApp, pins: readonly [string, string, string, string]): Promise<void> {
    const fields = ['attendantPin', 'attendantPinAgain', 'technicianPin', 'technicianPinAgain'];
    for (const [index, field] of fields.entries()) {
      await app.type(`setup-${field}`, '');
      act(() => app.get(`setup-${field}`).focus());
      await app.settle();
      await typePin(app, pins[index] ?? '');
    }
  }

  it('asks for both PINs instead of the welcome screen, and refuses weak or mismatched ones in plain words', async () => {
    const { app, transport } = await open(needsPins(), media);
    expect(screenShown(app, 'staff-setup')).toBe(true);
    expect(screenShown(app, 'welcome')).toBe(false);
    expect(app.query('attendant-open')).toBeNull();

    await typeAll(app, ['123456', '123456', '5050', '5050']);
    await app.click('setup-save');
    expect(app.get('error-setup-attendantPin').textContent).toContain('trop facile à deviner');
    expect(app.get('error-setup-technicianPin').textContent).toBe(
      'Le code doit avoir de 6 à 12 chiffres, sans lettre.',
    );
    await typeAll(app, ['482915', '482916', '736201', '736201']);
    await app.click('setup-save');
    expect(app.get('error-setup-attendantPinAgain').textContent).toBe(
      'Les deux codes tapés ne sont pas les mêmes.',
    );
    expect(transport.calls.some((call) => call.method === 'staffSetPins')).toBe(false);

    await typeAll(app, ['482915', '482915', '736201', '736201']);
    await app.click('setup-save');
    expect(transport.calls.at(-1)).toEqual({
      method: 'staffSetPins',
      params: { attendantPin: '482915', technicianPin: '736201' },
    });
    await push(transport, sampleView());
    expect(screenShown(app, 'welcome')).toBe(true);
  });
});

describe('out of service', () => {
  it("shows the attendant's message to patients", async () => {
    const { app } = await open(
      sampleView(null, { phase: 'outOfService', outOfServiceMessage: 'Retour prévu à 14 h.' }),
      media,
    );
    expect(app.get('out-of-service-message').textContent).toBe('Retour prévu à 14 h.');
  });
});
