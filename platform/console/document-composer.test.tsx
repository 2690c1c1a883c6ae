// @vitest-environment jsdom
// The documents the professional writes in the console, with the platform played through a fake
// WebSocket: the ordonnance's lines added and removed, the structured request sent, the platform's
// refusal of a too long sick leave said in French, the DMP deposit's outcome listed.
import { afterEach, describe, expect, it } from 'vitest';
import { billingDetailsOf } from '../../contract/billing';
import type { PatientSummary, VisitSummary } from '../../contract/platform-protocol';
import type { FakeTextSocket } from '../../test/support/fake-text-socket';
import { logIn, openConsole, TEST_NOW, type ConsolePage } from './test-support/console-harness';

let opened: ConsolePage | null = null;
afterEach(() => {
  opened?.unmount();
  opened = null;
});

const PATIENT: PatientSummary = {
  surname: 'Lefèvre',
  firstName: 'Élise',
  birthDate: '1984-02-29',
  nir: null,
  source: 'manual',
};
const VISIT: VisitSummary = { locale: 'fr', cover: null };

/** Élise's call, taken in direct mode. */
async function inCall(): Promise<{ page: ConsolePage; socket: FakeTextSocket }> {
  const page = await openConsole();
  opened = page;
  const socket = await logIn(page);
  const entry = {
    sessionId: 'session-elise',
    profession: 'doctor',
    appointmentCode: null,
    since: TEST_NOW,
    locale: 'fr',
  };
  await page.platform(() => socket.push({ type: 'queue.snapshot', entries: [entry] }));
  await page.click('accept-session-elise');
  await page.platform(() => {
    socket.replyTo('call.accept', { mode: 'direct', iceServers: [] });
    socket.push({
      type: 'call.started',
      sessionId: 'session-elise',
      patient: PATIENT,
      billing: billingDetailsOf(PATIENT, null, false),
      visit: VISIT,
      consent: null,
      measurements: [],
    });
  });
  return { page, socket };
}

describe('the documents the professional writes', () => {
  it('an ordonnance: lines added and removed, sent as structured rows, listed with its DMP outcome', async () => {
    const { page, socket } = await inCall();
    expect(page.get('compose-heading').textContent).toContain(
      'Dr Claire Fontaine — Médecine générale — RPPS 10000000000',
    );
    expect(page.get('compose-heading').textContent).toContain('Patient : LEFÈVRE Élise, né(e) le 29/02/1984');
    expect(page.all('prescription-line')).toHaveLength(1);
    await page.type('line-item-0', 'Paracétamol 1 g');
    await page.type('line-dosage-0', '1 comprimé 3 fois par jour');
    await page.type('line-duration-0', '5 jours');
    await page.click('line-add');
    await page.click('line-add');
    expect(page.all('prescription-line')).toHaveLength(3);
    await page.type('line-item-1', 'À retirer');
    await page.type('line-item-2', 'Ibuprofène 200 mg');
    await page.click('line-remove-1');
    expect(page.all('prescription-line')).toHaveLength(2);
    expect((page.get('line-item-1') as HTMLInputElement).value).toBe('Ibuprofène 200 mg');
    await page.click('compose-send');
    expect(socket.lastSent('document.compose')).toMatchObject({
      sessionId: 'session-elise',
      document: {
        kind: 'prescription',
        lines: [
          { item: 'Paracétamol 1 g', dosage: '1 comprimé 3 fois par jour', duration: '5 jours' },
          { item: 'Ibuprofène 200 mg', dosage: '', duration: '' },
        ],
      },
    });
    await page.platform(() =>
      socket.replyTo('document.compose', {
        document: { id: 'doc-1', kind: 'prescription', title: 'Ordonnance', pages: 1 },
        dmp: { deposited: false, reason: 'insNotQualified' },
      }),
    );
    expect(page.get('compose-sent-note').textContent).toBe('« Ordonnance » envoyé au patient.');
    expect(page.get('document-dmp').textContent).toBe(
      'Non déposé dans Mon espace santé : l’identité du patient n’est pas qualifiée (INS)',
    );
    expect(page.all('prescription-line')).toHaveLength(1);
    expect((page.get('line-item-0') as HTMLInputElement).value).toBe('');
  });

  it('an empty ordonnance is not sent', async () => {
    const { page, socket } = await inCall();
    await page.click('compose-send');
    expect(socket.lastSent('document.compose')).toBeUndefined();
    expect(page.get('console-error').textContent).toBe(
      'L’ordonnance est vide : écrivez au moins un médicament ou un acte.',
    );
  });

  it('a sick leave of 7 days the platform refuses: the reason is said in French; with an exception it goes', async () => {
    const { page, socket } = await inCall();
    await page.choose('compose-kind', 'sickLeave');
    expect(page.query('sick-leave-warning')).toBeNull();
    await page.type('sick-leave-days', '7');
    expect(page.get('sick-leave-warning').textContent).toContain('ne peut pas dépasser 3 jours');
    await page.type('sick-leave-motive', 'Lombalgie aiguë');
    await page.click('compose-send');
    expect(socket.lastSent('document.compose')).toMatchObject({
      document: { kind: 'sickLeave', days: 7, motive: 'Lombalgie aiguë', exceptions: [] },
    });
    await page.platform(() =>
      socket.failTo('document.compose', 'sickLeave.refused', 'tooLongFromTeleconsultation'),
    );
    expect(page.get('console-error').textContent).toContain(
      'Arrêt de travail refusé : en téléconsultation, un arrêt de travail ne peut pas dépasser 3 jours',
    );
    expect(page.query('compose-sent-note')).toBeNull();

    await page.click('exception-treatingDoctor');
    expect(page.query('sick-leave-warning')).toBeNull();
    await page.click('compose-send');
    expect(socket.lastSent('document.compose')).toMatchObject({
      document: { kind: 'sickLeave', days: 7, exceptions: ['treatingDoctor'] },
    });
    await page.platform(() =>
      socket.replyTo('document.compose', {
        document: { id: 'doc-2', kind: 'sickLeave', title: 'Arrêt de travail', pages: 1 },
        dmp: { deposited: false, reason: 'opposed' },
      }),
    );
    expect(page.get('documents-sent').textContent).toContain(
      'Arrêt de travail — Arrêt de travail (1 page)Non déposé dans Mon espace santé : le patient s’y est opposé',
    );
  });

  it('a compte rendu for the médecin traitant', async () => {
    const { page, socket } = await inCall();
    await page.choose('compose-kind', 'report');
    await page.type('report-text', 'Cher confrère, j’ai vu votre patiente…');
    await page.click('compose-send');
    expect(socket.lastSent('document.compose')).toMatchObject({
      document: { kind: 'report', text: 'Cher confrère, j’ai vu votre patiente…' },
    });
    await page.platform(() =>
      socket.replyTo('document.compose', {
        document: { id: 'doc-3', kind: 'report', title: 'Compte rendu de téléconsultation', pages: 1 },
        dmp: { deposited: true },
      }),
    );
    expect(page.get('document-dmp').textContent).toBe('Déposé dans Mon espace santé');
  });
});
