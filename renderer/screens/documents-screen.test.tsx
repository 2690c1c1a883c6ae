// @vitest-environment jsdom
// The documents screen as the patient sees it: each document and where it is in the printing, the
// pharmacy of their choice for a prescription, the Mon espace santé choice, and a way on when printing fails.
import { describe, expect, it } from 'vitest';
import type { DocumentsScreen, GoodbyeScreen } from '../../contract/cabin-view';
import { openViews } from '../test-support/dom-harness';
import { SAMPLE_SCREENS, sampleSessionView } from '../sample-screens';

const { open, push } = openViews();

const PHARMACY = 'Vous pouvez apporter votre ordonnance dans la pharmacie de votre choix.';
const printing = SAMPLE_SCREENS.documents.printing;

const withProgress = (
  screen: DocumentsScreen,
  first: DocumentsScreen['progress'][number]['status'],
  second: DocumentsScreen['progress'][number]['status'],
): DocumentsScreen => ({
  ...screen,
  progress: [
    { id: 'doc-1', status: first },
    { id: 'doc-2', status: second },
  ],
});

describe('the documents the professional left', () => {
  it('lists each document with its kind, title and pages before printing', async () => {
    const { app } = await open(sampleSessionView(SAMPLE_SCREENS.documents.review));
    expect(app.get('document-doc-1').textContent).toContain('Ordonnance');
    expect(app.get('document-doc-1').textContent).toContain('1 page');
    expect(app.get('document-doc-2').textContent).toContain('Arrêt de travail');
    expect(app.get('document-doc-2').textContent).toContain('2 pages');
    expect(app.query('document-status-doc-1')).toBeNull();
    expect(app.get('print').textContent).toBe('Imprimer');
  });

  it('says where each document is while printing, in words, as the session reports it', async () => {
    const { app, transport } = await open(sampleSessionView(withProgress(printing, 'printing', 'waiting')));
    expect(app.get('document-status-doc-1').textContent).toBe('Impression en cours…');
    expect(app.get('document-status-doc-2').textContent).toBe('À imprimer');
    await push(transport, sampleSessionView(withProgress(printing, 'printed', 'printing')));
    expect(app.get('document-status-doc-1').textContent).toBe("Dans le bac de l'imprimante");
    expect(app.get('document-status-doc-2').textContent).toBe('Impression en cours…');
  });

  it('after a failure, shows which documents came out and which did not', async () => {
    const { app } = await open(sampleSessionView(SAMPLE_SCREENS.documents.printFailed));
    expect(app.get('document-status-doc-1').textContent).toBe("Dans le bac de l'imprimante");
    expect(app.get('document-status-doc-2').textContent).toBe("Problème d'impression");
    expect(app.text()).toContain("L'imprimante n'a plus de papier.");
  });
});

describe('the pharmacy of the patient’s choice', () => {
  it('is said on the documents screen when there is a prescription', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.documents.review));
    expect(app.get('pharmacy').textContent).toBe(PHARMACY);
    await push(transport, sampleSessionView(SAMPLE_SCREENS.documents.printed));
    expect(app.get('pharmacy').textContent).toBe(PHARMACY);
  });

  it('is not said when the professional left no prescription', async () => {
    const sickLeaveOnly: DocumentsScreen = {
      ...SAMPLE_SCREENS.documents.review,
      documents: [{ id: 'doc-2', kind: 'sickLeave', title: 'Arrêt de travail', pages: 2 }],
      progress: [{ id: 'doc-2', status: 'waiting' }],
    };
    const { app } = await open(sampleSessionView(sickLeaveOnly));
    expect(app.query('pharmacy')).toBeNull();
    expect(app.text()).not.toContain('pharmacie');
  });

  it('is not said again at goodbye', async () => {
    const goodbye: GoodbyeScreen = SAMPLE_SCREENS.goodbye;
    const { app } = await open(sampleSessionView(goodbye));
    expect(app.text()).not.toContain('pharmacie');
  });

  it('says it in English', async () => {
    const { app } = await open(sampleSessionView(SAMPLE_SCREENS.documents.review, { locale: 'en' }));
    expect(app.get('pharmacy').textContent).toBe(
      'You can take your prescription to any pharmacy you choose.',
    );
  });
});

describe('the Mon espace santé choice', () => {
  it('says what Mon espace santé is and what happens with the choice as it stands', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.documents.review));
    expect(app.get('dmp-what').textContent).toContain('Mon espace santé est votre dossier de santé en ligne');
    expect(app.get('dmp-opposed').textContent).toContain('Ne pas envoyer dans Mon espace santé');
    expect(app.get('dmp-opposed').getAttribute('aria-checked')).toBe('false');
    expect(app.get('dmp-choice').textContent).toBe(
      'Une copie de vos documents sera rangée dans Mon espace santé, si votre identité a pu être vérifiée.',
    );
    await app.click('dmp-opposed');
    expect(transport.actions()).toEqual([{ type: 'patient.setDmpOpposition', opposed: true }]);
    await push(transport, sampleSessionView({ ...SAMPLE_SCREENS.documents.review, dmpOpposed: true }));
    expect(app.get('dmp-opposed').getAttribute('aria-checked')).toBe('true');
    expect(app.get('dmp-choice').textContent).toBe(
      'Vos documents ne seront pas envoyés dans Mon espace santé.',
    );
  });
});

describe('a printing failure keeps a way on', () => {
  it('says where else the documents are, and offers to go on without printing or to try again', async () => {
    const { app, transport } = await open(sampleSessionView(SAMPLE_SCREENS.documents.printFailed));
    const elsewhere = app.get('documents-elsewhere').textContent;
    expect(elsewhere).toContain('Une copie peut aussi être rangée dans Mon espace santé');
    expect(elsewhere).toContain('Le professionnel peut aussi vous les envoyer par messagerie sécurisée.');
    expect(elsewhere).toContain("La personne de l'accueil peut vous aider à les imprimer.");
    expect(app.get('skip').textContent).toBe('Continuer sans imprimer');
    expect(app.get('retry').textContent).toBe('Réessayer');
    await app.click('retry');
    await app.click('skip');
    expect(transport.actions()).toEqual([{ type: 'patient.retry' }, { type: 'patient.skip' }]);
  });

  it('does not point to Mon espace santé when the patient opposed it', async () => {
    const { app } = await open(
      sampleSessionView({ ...SAMPLE_SCREENS.documents.printFailed, dmpOpposed: true }),
    );
    const elsewhere = app.get('documents-elsewhere').textContent;
    expect(elsewhere).not.toContain('Mon espace santé');
    expect(elsewhere).toContain('messagerie sécurisée');
  });
});
