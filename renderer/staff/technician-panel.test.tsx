// @vitest-environment jsdom
// The technician's panel: maintenance, the devices as they report themselves, the raw traffic of one,
// a procedure walked prompt by prompt to its record, the register, an intervention and the export.
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_STAFF_NOW, SAMPLE_TRAFFIC, sampleStaffAnswers } from '../sample-staff';
import { sampleView } from '../sample-screens';
import { openViews, type MountedApp } from '../test-support/dom-harness';
import { FakeMediaEnvironment } from '../test-support/fake-media-environment';
import type { FakeCabinTransport } from '../test-support/fake-cabin-transport';
import { openStaffPanel } from '../test-support/staff-steps';
import { TRAFFIC_POLL_MS } from './traffic-monitor';

const { open } = openViews();

let media: FakeMediaEnvironment;
beforeEach(() => {
  media = new FakeMediaEnvironment();
  media.clock.increment(SAMPLE_STAFF_NOW);
});

/** Opens the technician's panel over the sample answers, on the given tab. */
async function technician(
  tab: string,
  view = sampleView(null, { phase: 'maintenance' }),
): Promise<{ app: MountedApp; transport: FakeCabinTransport }> {
  const opened = await open(view, media);
  opened.transport.staffAnswer = sampleStaffAnswers();
  await openStaffPanel(opened.app, 'technician');
  await opened.app.click(`staff-tab-${tab}`);
  return opened;
}

/** Types on the on-screen keys of the field with this test id. */
async function typeKeys(app: MountedApp, testId: string, keys: readonly string[]): Promise<void> {
  act(() => app.get(testId).focus());
  await app.settle();
  for (const key of keys) await app.click(`key-${key}`);
}

const letters = (word: string): string[] => [...word].map((c) => (c === ' ' ? 'space' : c));

describe('the technician panel', () => {
  it('lists the devices with what they report of themselves, and enters and leaves maintenance', async () => {
    const { app, transport } = await technician('devices', sampleView());
    expect(transport.staffCommands()).toContainEqual({ type: 'technician.listDevices' });
    expect(app.get('device-bloodPressure-serial').textContent).toBe('NIBP-00421');
    expect(app.get('device-bloodPressure-firmware').textContent).toBe('2.1.7');
    expect(app.get('device-bloodPressure-source').textContent).toBe("l'appareil");
    expect(app.get('device-bloodPressure-port').textContent).toBe('/dev/ttyUSB0');
    expect(app.get('device-bloodPressure-last-record').textContent).toBe(
      'Vérification du 12/03/2026\u00a0: conforme · Prochaine vérification le 12/03/2027',
    );
    expect(app.get('device-weight-state').textContent).toBe(
      'En panne · Date de vérification dépassée\u00a0: à faire vérifier par le technicien',
    );
    expect(app.get('device-bloodPressure-frames').textContent).toContain('{"cuff":0}');
    await app.click('technician-enter-maintenance');
    expect(transport.staffCommands().at(-1)).toEqual({ type: 'technician.enterMaintenance' });
  });

  it('watches the raw traffic of a device every second, newest at the bottom', async () => {
    const { app, transport } = await technician('devices');
    await app.click('device-bloodPressure-traffic');
    expect(app.get('traffic-monitor').textContent).toContain('Rien pour le moment.');
    await act(() => media.clock.advance(TRAFFIC_POLL_MS));
    await app.settle();
    const asked = transport.staffCommands().filter((command) => command.type === 'technician.traffic');
    expect(asked).toEqual([
      { type: 'technician.traffic', peripheral: 'bloodPressure', sinceMs: SAMPLE_STAFF_NOW },
    ]);
    const lines = app.all('traffic-line');
    expect(lines.map((line) => line.getAttribute('data-direction'))).toEqual(['toDevice', 'fromDevice']);
    expect(lines[0]?.textContent).toContain('envoyé 02 30 31 3b 3b 44 39');
    expect(lines[1]?.textContent).toContain('reçu 06');
    // The next ask starts after the newest entry seen, so nothing comes twice.
    await act(() => media.clock.advance(TRAFFIC_POLL_MS));
    await app.settle();
    const last = transport
      .staffCommands()
      .filter((command) => command.type === 'technician.traffic')
      .at(-1);
    expect(last).toEqual({
      type: 'technician.traffic',
      peripheral: 'bloodPressure',
      sinceMs: (SAMPLE_TRAFFIC[1]?.atMs ?? 0) + 1,
    });
    expect(app.all('traffic-line')).toHaveLength(2);
    await app.click('traffic-stop');
    expect(app.query('traffic-monitor')).toBeNull();
  });

  it('closes by itself after the idle time even while the traffic monitor asks every second', async () => {
    const { app, transport } = await technician('devices');
    await app.click('device-bloodPressure-traffic');
    await act(() => media.clock.advance(120_000));
    await app.settle();
    expect(app.query('traffic-monitor')).toBeNull();
    expect(app.container.querySelector('[data-screen="staff-panel"]')).toBeNull();
    const polls = transport.staffCommands().filter((command) => command.type === 'technician.traffic').length;
    await act(() => media.clock.advance(5 * TRAFFIC_POLL_MS));
    expect(transport.staffCommands().filter((command) => command.type === 'technician.traffic')).toHaveLength(
      polls,
    );
  });

  it('walks a verification prompt by prompt to its record with its points', async () => {
    const { app, transport } = await technician('devices');
    await app.click('device-bloodPressure-verify');
    expect(app.container.querySelector('[data-screen="procedure"]')?.getAttribute('data-stage')).toBe('form');
    expect((app.get('procedure-start') as HTMLButtonElement).disabled).toBe(true);
    await typeKeys(app, 'procedure-technician', ['capitals', ...letters('paul')]);
    await typeKeys(app, 'procedure-instrument', letters('dpi 104'));
    await typeKeys(app, 'procedure-certificate', ['2', '0', '2', '5', 'slash', '1', '1', '8']);
    await app.click('procedure-mode-adjust');
    await app.click('procedure-start');
    expect(transport.staffCommands().at(-1)).toEqual({
      type: 'technician.startProcedure',
      peripheral: 'bloodPressure',
      technician: 'Paul',
      reference: { instrument: 'dpi 104', certificate: '2025/118' },
      adjust: true,
    });

    expect(app.get('procedure-prompt').getAttribute('data-code')).toBe('bloodPressure.connectReference');
    expect(app.get('procedure-prompt').textContent).toContain('mode manomètre');
    await app.click('procedure-continue');
    expect(transport.staffCommands().at(-1)).toEqual({ type: 'technician.answerProcedure', value: null });

    expect(app.get('procedure-point').textContent).toBe('Point 1 sur 2');
    expect(app.get('procedure-target').textContent).toBe('Valeur à régler\u00a0: 250 mmHg');
    await typeKeys(app, 'procedure-value', ['2', '5', '0', 'comma', '5']);
    await app.click('procedure-send');
    expect(transport.staffCommands().at(-1)).toEqual({ type: 'technician.answerProcedure', value: 250.5 });

    // A value that is not a number is refused on the screen and not sent.
    expect(app.get('procedure-point').textContent).toBe('Point 2 sur 2');
    await app.type('procedure-value', '15o');
    await app.click('procedure-send');
    expect(app.get('error-procedure-value').textContent).toBe('Tapez un nombre, par exemple 120 ou 36,8.');
    // The point taken so far, with the device's reading, its error and its limit.
    expect(app.all('procedure-point-row')).toHaveLength(1);
    expect(app.all('procedure-point-row')[0]?.textContent).toContain('251\u00a0mmHg');
    await app.type('procedure-value', '150');
    await app.click('procedure-send');

    expect(app.get('procedure-prompt').getAttribute('data-code')).toBe('bloodPressure.leakTest');
    expect(app.get('procedure-prompt').textContent).toContain('Durée\u00a0: 60 secondes.');
    await app.click('procedure-continue');

    expect(app.get('procedure-verdict').textContent).toBe('Résultat\u00a0: Conforme');
    expect(app.get('procedure-next-due').textContent).toBe('Prochaine vérification le 12/03/2027.');
    const rows = app.all('procedure-point-row');
    expect(rows).toHaveLength(3);
    expect([...(rows[1]?.querySelectorAll('td') ?? [])].map((cell) => cell.textContent)).toEqual([
      '2',
      '150,5\u00a0mmHg',
      '149\u00a0mmHg',
      '-1,5\u00a0mmHg',
      '±\u00a03\u00a0mmHg',
      'Conforme',
    ]);
  });

  it('cancels a procedure at any time', async () => {
    const { app, transport } = await technician('procedure');
    await app.click('procedure-device-bloodPressure');
    await app.type('procedure-technician', 'Paul');
    await app.type('procedure-instrument', 'DPI 104');
    await app.type('procedure-certificate', 'C-118');
    await app.click('procedure-start');
    await app.click('procedure-cancel');
    expect(transport.staffCommands().at(-1)).toEqual({ type: 'technician.cancelProcedure' });
    expect(app.container.querySelector('[data-screen="procedure"]')?.getAttribute('data-stage')).toBe('form');
  });

  it('says in plain words why a procedure stopped', async () => {
    const { app, transport } = await technician('procedure');
    await app.click('procedure-device-temperature');
    await app.type('procedure-technician', 'Paul');
    await app.type('procedure-instrument', 'Corps noir');
    await app.type('procedure-certificate', 'C-7');
    transport.staffAnswer = () => ({ ok: true, value: { kind: 'stopped', code: 'device.timeout' } });
    await app.click('procedure-start');
    expect(app.get('procedure-stopped').textContent).toBe(
      "La vérification s’est arrêtée. L'appareil ne répond pas.",
    );
    await app.click('procedure-again');
    expect(app.container.querySelector('[data-screen="procedure"]')?.getAttribute('data-stage')).toBe('form');
  });

  it('keeps a running procedure while the technician looks at another tab', async () => {
    const { app } = await technician('procedure');
    await app.click('procedure-device-bloodPressure');
    await app.type('procedure-technician', 'Paul');
    await app.type('procedure-instrument', 'DPI 104');
    await app.type('procedure-certificate', 'C-118');
    await app.click('procedure-start');
    await app.click('procedure-continue');
    await app.click('staff-tab-devices');
    await app.click('staff-tab-procedure');
    expect(app.get('procedure-point').textContent).toBe('Point 1 sur 2');
  });

  it('does not start a procedure outside maintenance', async () => {
    const { app } = await technician('procedure', sampleView());
    await app.click('procedure-device-weight');
    await app.type('procedure-technician', 'Paul');
    await app.type('procedure-instrument', 'Poids F1');
    await app.type('procedure-certificate', 'C-1');
    expect(app.get('procedure-maintenance-needed').textContent).toBe(
      'Passez en maintenance pour lancer une vérification.',
    );
    expect((app.get('procedure-start') as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows the register newest first and records an intervention with its note', async () => {
    const { app, transport } = await technician('register');
    expect(transport.staffCommands()).toContainEqual({ type: 'technician.records', peripheral: null });
    const records = app.all('register-record');
    expect(records.map((record) => record.getAttribute('data-kind'))).toEqual(['verification', 'repair']);
    expect(records[0]?.textContent).toContain(
      'Référence\u00a0: Manomètre DPI 104, certificat COFRAC 2025-118',
    );
    expect(records[1]?.textContent).toContain('Note\u00a0: Câble remplacé');
    await app.click('intervention-device-weight');
    await app.click('intervention-kind-outOfService');
    await app.type('intervention-technician', 'Paul Leroy');
    await app.type('intervention-note', 'Plateau fendu');
    await app.click('intervention-save');
    expect(transport.staffCommands()).toContainEqual({
      type: 'technician.recordIntervention',
      peripheral: 'weight',
      kind: 'outOfService',
      technician: 'Paul Leroy',
      note: 'Plateau fendu',
    });
    expect(app.get('intervention-saved').textContent).toBe('Enregistré dans le registre.');
  });

  it('exports to a folder and says what it wrote', async () => {
    const { app, transport } = await technician('export');
    await app.type('export-directory', '/media/usb0');
    await app.click('export-start');
    expect(transport.staffCommands().at(-1)).toEqual({ type: 'technician.export', directory: '/media/usb0' });
    expect(app.get('export-summary').textContent).toContain(
      'Export terminé dans /media/usb0\u00a0: 2 enregistrements, 318 lignes de journal.',
    );
    expect(app.all('export-file').map((file) => file.textContent)).toEqual([
      'journal.jsonl',
      'registre.jsonl',
      'appareils.json',
    ]);
  });

  it('says plainly when the cabin cannot do it', async () => {
    const { app, transport } = await technician('export');
    transport.staffAnswer = () => ({ ok: false, error: { code: 'technician.unavailable' } });
    await app.type('export-directory', '/media/usb0');
    await app.click('export-start');
    expect(app.get('export-failure').textContent).toBe(
      "Cette fonction n'est pas disponible sur cette cabine.",
    );
  });
});
