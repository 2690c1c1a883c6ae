import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PRACTITIONERS } from './demo-accounts';
import { fontFallback, loadDocumentFonts, renderDocumentPdf, type DocumentToRender } from './document-pdf';

const directory = mkdtempSync(join(tmpdir(), 'document-pdf-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const fonts = loadDocumentFonts();
const patient = {
  surname: 'Lefèvre-Œuvray',
  firstName: 'Anaïs',
  birthDate: '1984-02-29',
  nir: null,
  source: 'card',
} as const;
const ordonnance: DocumentToRender = {
  professional: DEMO_PRACTITIONERS[0].professional,
  patient,
  writtenAt: Date.UTC(2026, 11, 5, 9, 30),
  document: {
    kind: 'prescription',
    lines: [
      {
        item: 'Paracétamol 1 g',
        dosage: '1 comprimé à avaler, 3 fois par jour',
        duration: 'pendant 5 jours',
      },
      {
        item: 'Kinésithérapie « rééducation » du genou',
        dosage: 'séances à domicile',
        duration: '10 séances',
      },
      { item: 'Sirop à l’œuf — 12,50 €', dosage: 'une cuillère', duration: 'si toux' },
    ],
  },
  prescriptionId: 'TEST-ORDO-2026-000123',
};

function text(pdf: Buffer): string {
  const file = join(directory, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('a composed document rendered to PDF', () => {
  it('finds DejaVu Sans on this machine (Debian fonts-dejavu-core)', () => {
    expect(fontFallback(fonts)).toBe(false);
  });

  it('an ordonnance prints the professional, the patient, every French character, the lines and the identifier', async () => {
    const pdf = await renderDocumentPdf(ordonnance, fonts);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const printed = text(pdf);
    for (const expected of [
      'Dr Claire Fontaine',
      'Médecine générale',
      'RPPS : 10000000000',
      '12 rue des Lilas, 69003 Lyon',
      'Le 05/12/2026',
      'ORDONNANCE',
      'LEFÈVRE-ŒUVRAY Anaïs',
      'né(e) le 29/02/1984',
      '1. Paracétamol 1 g',
      '1 comprimé à avaler, 3 fois par jour — pendant 5 jours',
      'Kinésithérapie « rééducation » du genou',
      'Sirop à l’œuf — 12,50 €',
      'Identifiant de l’ordonnance : TEST-ORDO-2026-000123',
      'Signé électroniquement par Dr Claire Fontaine, le 05/12/2026.',
    ]) {
      expect(printed).toContain(expected);
    }
  });

  it('every French letter of a compte rendu prints', async () => {
    const letters = 'é è ê ë à â ç ô ö û ù ü ï î œ æ É È Ê À Ç Ô Œ « » € …';
    const pdf = await renderDocumentPdf(
      { ...ordonnance, document: { kind: 'report', text: letters }, prescriptionId: null },
      fonts,
    );
    const printed = text(pdf);
    expect(printed).toContain('COMPTE RENDU DE TÉLÉCONSULTATION');
    expect(printed).toContain('À l’attention du médecin traitant du patient');
    // pdftotext may drop the spaces between single letters: compare the letters alone.
    expect(printed.replace(/\s/g, '')).toContain(letters.replace(/\s/g, ''));
  });

  it('the QR code of an ordonnance, rasterised at 200 dpi, decodes to its identifier', async () => {
    const pdf = await renderDocumentPdf(ordonnance, fonts);
    const file = join(directory, 'ordonnance.pdf');
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-r', '200', '-png', file, join(directory, 'page')]);
    const page = readdirSync(directory).find((name) => name.startsWith('page') && name.endsWith('.png'));
    expect(page).toBeDefined();
    const decoded = execFileSync('zbarimg', ['-q', '--raw', join(directory, page ?? '')], {
      encoding: 'utf8',
    });
    expect(decoded.trim()).toBe('TEST-ORDO-2026-000123');
    expect(readFileSync(file).length).toBeLessThan(200_000);
  });

  it('an arrêt de travail says its days, its dates and the exception stated', async () => {
    const pdf = await renderDocumentPdf(
      {
        ...ordonnance,
        document: {
          kind: 'sickLeave',
          startDate: '2026-12-05',
          days: 10,
          motive: 'Lombalgie aiguë',
          exceptions: ['treatingDoctor'],
        },
        prescriptionId: null,
      },
      fonts,
    );
    const printed = text(pdf).replace(/\s+/g, ' ');
    expect(printed).toContain('ARRÊT DE TRAVAIL');
    expect(printed).toContain('Arrêt de travail du 05/12/2026 au 14/12/2026 inclus, soit 10 jours.');
    expect(printed).toContain('Éléments d’ordre médical : Lombalgie aiguë');
    expect(printed).toContain('le prescripteur est le médecin traitant du patient');
  });

  it('without DejaVu Sans it falls back to Helvetica and still renders', async () => {
    const none = loadDocumentFonts(join(directory, 'no-fonts'));
    expect(fontFallback(none)).toBe(true);
    const printed = text(await renderDocumentPdf(ordonnance, none));
    expect(printed).toContain('Paracétamol 1 g');
  });
});
