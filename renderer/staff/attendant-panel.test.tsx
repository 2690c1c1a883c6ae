// @vitest-environment jsdom
// The attendant's part of the staff panel: the cabin, its peripherals with why they are out, the help
// call with its step, and the commands, each sent as a staff command with the session's token.
import { act } from 'react';
import type { CabinView } from '../../contract/cabin-view';
import { describe, expect, it } from 'vitest';
import { SAMPLE_SCREENS, sampleSession, sampleView } from '../sample-screens';
import { openViews, type MountedApp } from '../test-support/dom-harness';
import { loginAs, openStaffPanel } from '../test-support/staff-steps';

const { open } = openViews();

const day = (year: number, month: number, date: number): number =>
  new Date(year, month - 1, date, 12).getTime();

/** Touches the keys one after the other (`key-<name>`). */
async function press(app: MountedApp, ...keys: string[]): Promise<void> {
  for (const key of keys) await app.click(`key-${key}`);
}

describe('the attendant panel', () => {
  it('sends each plain command with the session token and says it is done', async () => {
    const { app, transport } = await open(sampleView(null, { needsCleaning: true }));
    await openStaffPanel(app, 'attendant');
    await app.click('attendant-mark-cleaned');
    expect(transport.staffCalls().at(-1)).toEqual({
      token: 'token-attendant',
      command: { type: 'attendant.markCleaned' },
    });
    expect(app.get('attendant-result').textContent).toBe('Fait\u00a0: Cabine nettoyée');
  });

  it('offers only the commands that fit the cabin now, first, above the peripherals', async () => {
    const offered = async (view: CabinView): Promise<string[]> => {
      const { app } = await open(view);
      await openStaffPanelFromKeys(app);
      return [...app.container.querySelectorAll('.attendant-commands [data-testid]')].map(
        (button) => button.getAttribute('data-testid') ?? '',
      );
    };
    expect(await offered(sampleView(null, { needsCleaning: true }))).toEqual([
      'attendant-mark-cleaned',
      'attendant-out-of-service',
    ]);
    expect(await offered(sampleView(null, { phase: 'outOfService' }))).toEqual([
      'attendant-return-to-service',
    ]);
    const helpCall = { step: 'measurements', since: 0, told: ['attendant'] } as const;
    expect(await offered(sampleView(sampleSession(SAMPLE_SCREENS.consent.asking), { helpCall }))).toEqual([
      'attendant-acknowledge-help',
      'attendant-reset-session',
    ]);
  });

  it('lists the payments waiting for a decision, and sends "paid" or "not paid" for each', async () => {
    const since = new Date(2026, 0, 12, 9, 5).getTime();
    const { app, transport } = await open(
      sampleView(null, {
        paymentsAwaitingDecision: [
          { transactionId: 'ab12', amountCents: 2500, reason: 'unknown', since },
          { transactionId: 'cd34', amountCents: 750, reason: 'counter', since },
        ],
      }),
    );
    await openStaffPanel(app, 'attendant');
    expect(app.get('attendant-payment-ab12').textContent).toMatch(/^25,00\s€, à 9\sh\s05$/);
    expect(app.text()).toContain('vérifiez le journal du terminal de paiement');
    expect(app.text()).toContain("Le patient paie à l'accueil");
    await app.click('attendant-payment-not-paid-ab12');
    await app.click('attendant-payment-paid-cd34');
    expect(transport.staffCommands()).toEqual([
      { type: 'attendant.settlePayment', transactionId: 'ab12', paid: false },
      { type: 'attendant.settlePayment', transactionId: 'cd34', paid: true },
    ]);
    expect(app.get('attendant-result').textContent).toBe('Fait\u00a0: Décision sur le paiement');
  });

  it('says when no payment waits', async () => {
    const { app } = await open(sampleView());
    await openStaffPanel(app, 'attendant');
    expect(app.get('attendant-no-payments').textContent).toBe('Aucun paiement à vérifier.');
  });

  it('asks before resetting the session, and sends nothing when the attendant goes back', async () => {
    const { app, transport } = await open(sampleView(sampleSession(SAMPLE_SCREENS.consent.asking)));
    await openStaffPanelFromKeys(app);
    await app.click('attendant-reset-session');
    expect(app.get('attendant-reset-dialog').textContent).toContain('les données du patient sont effacées');
    await app.click('attendant-reset-cancel');
    expect(transport.staffCommands()).toEqual([]);
    await app.click('attendant-reset-session');
    await app.click('attendant-reset-confirm');
    expect(transport.staffCommands()).toEqual([{ type: 'attendant.resetSession' }]);
    expect(app.query('attendant-reset-dialog')).toBeNull();
  });

  it('puts the cabin out of service with a message typed on the on-screen keyboard', async () => {
    const { app, transport } = await open(sampleView());
    await openStaffPanel(app, 'attendant');
    await app.click('attendant-out-of-service');
    // The message field has the focus at once, with its keyboard.
    expect(app.get('keyboard').getAttribute('data-layout')).toBe('text');
    await press(
      app,
      'capitals',
      'f',
      'e',
      'r',
      'm',
      'é',
      'space',
      'j',
      'u',
      's',
      'q',
      'u',
      'apostrophe',
      'à',
    );
    await app.click('key-space');
    await press(app, '1', '4', 'space', 'h', 'period');
    expect((app.get('attendant-message') as HTMLInputElement).value).toBe("Fermé jusqu'à 14 h.");
    expect(transport.staffCommands()).toEqual([]);
    await app.click('attendant-out-of-service-confirm');
    expect(transport.staffCommands()).toEqual([
      { type: 'attendant.setOutOfService', message: "Fermé jusqu'à 14 h." },
    ]);
    expect(app.query('attendant-out-of-service-form')).toBeNull();
  });

  it('says why each peripheral is out, what is due soon, and where the help call came from', async () => {
    const { app } = await open(
      sampleView(sampleSession(SAMPLE_SCREENS.measurements.instructions), {
        attendantCalled: true,
        helpCall: {
          step: 'measurements',
          since: new Date(2026, 2, 12, 9, 5).getTime(),
          told: ['attendant', 'support'],
        },
        peripherals: [
          { peripheral: 'bloodPressure', state: 'faulty', reason: 'calibration.failed' },
          { peripheral: 'weight', state: 'faulty', reason: 'calibration.overdue', dueAt: day(2026, 3, 1) },
          { peripheral: 'temperature', state: 'ok', notice: 'calibrationDueSoon', dueAt: day(2026, 4, 2) },
          { peripheral: 'oxygenSaturation', state: 'faulty', reason: 'device.timeout' },
          { peripheral: 'printer', state: 'ok', notice: 'lowPaper' },
          { peripheral: 'cardReader', state: 'faulty', reason: 'reader.weird' },
        ],
      }),
    );
    await openStaffPanelFromKeys(app);
    const line = (peripheral: string): string | null =>
      app.get(`attendant-peripheral-${peripheral}`).textContent;
    expect(line('bloodPressure')).toBe(
      'En panne · Dernière vérification non conforme\u00a0: à faire vérifier par le technicien',
    );
    expect(line('weight')).toBe(
      'En panne · Date de vérification dépassée\u00a0: à faire vérifier par le technicien · Prochaine vérification le 01/03/2026',
    );
    expect(line('temperature')).toBe('Fonctionne · Vérification à faire avant le 02/04/2026');
    expect(line('oxygenSaturation')).toBe("En panne · L'appareil ne répond pas");
    expect(line('printer')).toBe(
      'Fonctionne · Papier bientôt épuisé\u00a0: rechargez avant la prochaine séance',
    );
    expect(line('cardReader')).toBe('En panne · Code pour le service technique\u00a0: reader.weird');
    expect(app.get('attendant-peripheral-bloodPressure').getAttribute('data-state')).toBe('faulty');
    expect(app.get('attendant-help-step').textContent).toBe('Mesures');
    expect(app.get('attendant-help-since').textContent).toBe('9\u00a0h\u00a005');
    expect(app.get('attendant-help-told').textContent).toBe("l'accueil, le service d'assistance");
  });

  it('shows an examination instrument the cabin expects as absent, like a missing device', async () => {
    const { app } = await open(
      sampleView(null, {
        peripherals: [
          { peripheral: 'bloodPressure', state: 'ok' },
          { peripheral: 'otoscope', state: 'absent', reason: 'instrument.missing' },
          { peripheral: 'stethoscope', state: 'ok' },
        ],
      }),
    );
    await openStaffPanelFromKeys(app);
    expect(app.get('attendant-peripheral-otoscope').textContent).toBe(
      "Absent · L'instrument n'est pas branché ou l'ordinateur ne le voit pas\u00a0: vérifiez le câble USB",
    );
    expect(app.get('attendant-peripheral-otoscope').getAttribute('data-state')).toBe('absent');
    expect(app.get('attendant-peripheral-stethoscope').textContent).toBe('Fonctionne');
    expect(app.container.textContent).toContain('Otoscope');
    expect(app.container.textContent).toContain('Stéthoscope');
  });

  it('says plainly when a command is refused', async () => {
    const { app, transport } = await open(sampleView(null, { needsCleaning: true }));
    await openStaffPanel(app, 'attendant');
    transport.staffAnswer = () => ({ ok: false, error: { code: 'cabin.busy' } });
    await app.click('attendant-mark-cleaned');
    expect(app.get('attendant-result').textContent).toBe(
      "La commande n'a pas abouti. Si cela recommence, donnez ce code au service d'assistance\u00a0: cabin.busy.",
    );
  });

  it('shows the cabin state and the out-of-service reason, in English too', async () => {
    const { app } = await open(
      sampleView(null, {
        phase: 'outOfService',
        outOfServiceReason: 'wipe.failed',
        outOfServiceMessage: 'Fermé',
      }),
    );
    await openStaffPanel(app, 'attendant');
    expect(app.get('attendant-phase').textContent).toBe('Hors service');
    expect(app.get('attendant-out-of-service-reason').textContent).toBe(
      "Les données de la séance précédente n'ont pas pu être effacées.",
    );
    expect(app.get('attendant-out-of-service-message').textContent).toBe('Fermé');
    expect(app.get('attendant-no-help').textContent).toBe("Aucun appel à l'aide.");
    await app.click('locale-en');
    expect(app.text()).toContain('Reception panel');
    expect(app.get('attendant-phase').textContent).toBe('Out of service');
  });
});

/** Opens the staff login with Ctrl+Alt+P (during a session no button shows) and logs in as attendant. */
async function openStaffPanelFromKeys(app: MountedApp): Promise<void> {
  act(() => {
    window.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'p', code: 'KeyP', ctrlKey: true, altKey: true }),
    );
  });
  await app.settle();
  await loginAs(app, 'attendant');
}
