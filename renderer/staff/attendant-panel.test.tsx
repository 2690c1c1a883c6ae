// @vitest-environment jsdom
// The attendant's panel: reached from the welcome screen, the help banner or #attendant; code and commands.
import { afterEach, describe, expect, it } from 'vitest';
import { openViews, type MountedApp } from '../test-support/dom-harness';
import { SAMPLE_SCREENS, sampleSession, sampleView } from '../sample-screens';

const { open } = openViews();

const panel = (app: MountedApp): Element | null => app.container.querySelector('[data-screen="attendant"]');

afterEach(() => {
  window.history.replaceState(null, '', window.location.pathname);
});

describe('attendant panel', () => {
  it('opens from the welcome screen and sends the typed code with the command', async () => {
    const { app, transport } = await open(sampleView());
    expect(panel(app)).toBeNull();
    await app.click('attendant-open');
    expect(panel(app)).not.toBeNull();
    expect((app.get('attendant-mark-cleaned') as HTMLButtonElement).disabled).toBe(true);
    await app.type('attendant-code', '24a68');
    await app.click('attendant-mark-cleaned');
    expect(transport.calls.at(-1)).toEqual({
      method: 'attend',
      params: { code: '2468', command: { type: 'attendant.markCleaned' } },
    });
    expect(app.get('attendant-result').textContent).toBe('Fait\u00a0: Cabine nettoyée');
    await app.click('attendant-return-to-service');
    expect(transport.calls.at(-1)?.params).toEqual({
      code: '2468',
      command: { type: 'attendant.returnToService' },
    });
  });

  it('says "Code incorrect" when the controller refuses the code', async () => {
    const { app, transport } = await open(sampleView());
    await app.click('attendant-open');
    await app.type('attendant-code', '0000');
    transport.nextResult = { ok: false, error: { code: 'attendant.badCode' } };
    await app.click('attendant-reset-session');
    expect(app.get('attendant-result').textContent).toBe('Code incorrect');
  });

  it('warns the attendant that the printer paper runs low, while the printer still works', async () => {
    const { app } = await open(
      sampleView(null, { peripherals: [{ peripheral: 'printer', state: 'ok', notice: 'lowPaper' }] }),
    );
    await app.click('attendant-open');
    expect(app.get('attendant-peripheral-printer').textContent).toBe(
      'Fonctionne · Papier bientôt épuisé\u00a0: rechargez avant la prochaine séance',
    );
  });

  it('shows the cabin state and a faulty peripheral, and nothing of the patient', async () => {
    const session = sampleSession(SAMPLE_SCREENS.identification.confirming, { helpRequested: true });
    const { app, transport } = await open(
      sampleView(session, {
        needsCleaning: true,
        attendantCalled: true,
        peripherals: [
          { peripheral: 'cardReader', state: 'ok' },
          { peripheral: 'printer', state: 'faulty' },
        ],
      }),
    );
    expect(app.text()).toContain('Dupont');
    // During a session, the help banner carries the entry while the call waits for an attendant.
    await app.click('attendant-open');
    expect(app.get('attendant-phase').textContent).toBe('Séance en cours');
    expect(app.get('attendant-needs-cleaning').textContent).toBe('Oui');
    expect(app.get('attendant-called').textContent).toBe('Oui');
    expect(app.get('attendant-help-told').textContent).toBe("l'accueil");
    expect(app.get('attendant-peripheral-printer').getAttribute('data-state')).toBe('faulty');
    expect(app.get('attendant-peripheral-printer').textContent).toBe('En panne');
    expect(app.get('attendant-peripheral-cardReader').textContent).toBe('Fonctionne');
    expect(app.text()).not.toContain('Dupont');
    expect(app.container.querySelector('[data-screen="identification"]')).toBeNull();
    await app.type('attendant-code', '2468');
    await app.click('attendant-acknowledge-help');
    expect(transport.calls.at(-1)?.params).toEqual({
      code: '2468',
      command: { type: 'attendant.acknowledgeHelp' },
    });
  });

  it('offers no staff entry in a session while no help call waits', async () => {
    const { app } = await open(
      sampleView(sampleSession(SAMPLE_SCREENS.consent.asking, { helpRequested: true })),
    );
    expect(app.query('help-banner')).not.toBeNull();
    expect(app.query('attendant-open')).toBeNull();
  });

  it('clears the code when it closes and returns to the normal screens', async () => {
    const { app } = await open(sampleView());
    await app.click('attendant-open');
    await app.type('attendant-code', '2468');
    await app.click('attendant-close');
    expect(panel(app)).toBeNull();
    expect(app.container.querySelector('[data-screen="welcome"]')).not.toBeNull();
    await app.click('attendant-open');
    expect((app.get('attendant-code') as HTMLInputElement).value).toBe('');
    expect(app.query('attendant-result')).toBeNull();
  });

  it('says why the cabin is out of service in plain words', async () => {
    window.history.replaceState(null, '', '#attendant');
    const { app } = await open(
      sampleView(null, { phase: 'outOfService', outOfServiceReason: 'wipe.failed' }),
    );
    expect(app.get('attendant-out-of-service-reason').textContent).toBe(
      "Les données de la séance précédente n'ont pas pu être effacées.",
    );
    await app.click('attendant-close');
  });

  it('opens at #attendant from a staff device, in the chosen language, and leaves the hash on close', async () => {
    window.history.replaceState(null, '', '#attendant');
    const { app } = await open(
      sampleView(null, { phase: 'outOfService', outOfServiceReason: 'printer.absent' }),
    );
    expect(panel(app)).not.toBeNull();
    expect(app.get('attendant-out-of-service-reason').textContent).toBe(
      "Autre motif. Donnez ce code au service d'assistance\u00a0: printer.absent.",
    );
    await app.click('locale-en');
    expect(app.text()).toContain('Staff panel');
    expect(app.get('attendant-phase').textContent).toBe('Out of service');
    await app.click('attendant-close');
    expect(window.location.hash).toBe('');
    expect(app.container.querySelector('[data-stage="outOfService"]')).not.toBeNull();
  });
});
