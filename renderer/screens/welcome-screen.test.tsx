// @vitest-environment jsdom
// A card left in the reader, or a cabin waiting for its cleaning: the welcome screen says so and no
// session starts until it is done.
import { describe, expect, it } from 'vitest';
import { openViews, type MountedApp } from '../test-support/dom-harness';
import { sampleView } from '../sample-screens';

const { open, push } = openViews();

const startButton = (app: MountedApp): HTMLButtonElement => app.get('start') as HTMLButtonElement;

/** Opens the welcome screen with an empty reader and touches start, which the controller refuses with `code`. */
async function startRefused(code: string): ReturnType<typeof open> {
  const opened = await open(sampleView());
  opened.transport.nextResult = { ok: false, error: { code } };
  await opened.app.click('start');
  return opened;
}

describe('the welcome screen with a card left in the reader', () => {
  it('warns, shows the card coming out, and disables the start until the view says the card is out', async () => {
    const { app, transport } = await open(sampleView(null, { cardInReader: true }));
    const warning = app.get('card-left-warning');
    expect(warning.textContent).toBe('Une carte est restée dans le lecteur. Reprenez-la avant de commencer.');
    expect(warning.getAttribute('role')).toBe('alert');
    expect(warning.querySelector('svg.card-picture')).not.toBeNull();
    expect(startButton(app).disabled).toBe(true);
    await app.click('start');
    expect(transport.calls.some((call) => call.method === 'startSession')).toBe(false);

    await push(transport, sampleView(null, { cardInReader: false }));
    expect(app.query('card-left-warning')).toBeNull();
    expect(startButton(app).disabled).toBe(false);
    await app.click('start');
    expect(transport.calls.at(-1)?.method).toBe('startSession');
  });

  it('says it in English once English is chosen', async () => {
    const { app } = await open(sampleView(null, { cardInReader: true }));
    await app.click('locale-en');
    expect(app.get('card-left-warning').textContent).toBe(
      'A card was left in the reader. Take it back before you start.',
    );
  });

  it('shows no warning and an enabled start when the reader is empty', async () => {
    const { app } = await open(sampleView());
    expect(app.query('card-left-warning')).toBeNull();
    expect(startButton(app).disabled).toBe(false);
  });

  it('shows the same warning when the controller refuses to start for a card left in the reader', async () => {
    const { app, transport } = await startRefused('cabin.cardLeftInReader');
    expect(app.get('card-left-warning').textContent).toContain('Reprenez-la avant de commencer.');
    expect(app.query('action-failed')).toBeNull();
    // The view that follows says where the card is.
    await push(transport, sampleView(null, { cardInReader: true }));
    expect(app.query('card-left-warning')).not.toBeNull();
    expect(startButton(app).disabled).toBe(true);
    await push(transport, sampleView(null, { cardInReader: false }));
    expect(app.query('card-left-warning')).toBeNull();
    expect(startButton(app).disabled).toBe(false);
  });

  it('keeps the general message for another refusal', async () => {
    const { app } = await startRefused('session.refused');
    expect(app.query('action-failed')).not.toBeNull();
    expect(app.query('card-left-warning')).toBeNull();
  });
});

describe('the welcome screen while the cabin waits for its cleaning', () => {
  it('says the cabin will be cleaned and disables the start until the view says it is done', async () => {
    const { app, transport } = await open(
      sampleView(null, { needsCleaning: true, waitingForCleaning: true }),
    );
    expect(app.get('cleaning-notice').textContent).toBe(
      'La cabine va être nettoyée avant la prochaine consultation.Merci de patienter quelques minutes.',
    );
    expect(startButton(app).disabled).toBe(true);
    await app.click('start');
    expect(transport.calls.some((call) => call.method === 'startSession')).toBe(false);

    // Marked cleaned by the attendant, or its time passed: the cabin opens (still marked for the attendant).
    await push(transport, sampleView(null, { needsCleaning: true, waitingForCleaning: false }));
    expect(app.query('cleaning-notice')).toBeNull();
    expect(startButton(app).disabled).toBe(false);
    await app.click('start');
    expect(transport.calls.at(-1)?.method).toBe('startSession');
  });

  it('says it in English once English is chosen', async () => {
    const { app } = await open(sampleView(null, { waitingForCleaning: true }));
    await app.click('locale-en');
    expect(app.get('cleaning-notice').textContent).toContain('The cabin will be cleaned');
  });

  it('adds no general failure when the controller refuses a start for the cleaning', async () => {
    const { app } = await startRefused('cabin.waitingForCleaning');
    expect(app.query('action-failed')).toBeNull();
  });
});
