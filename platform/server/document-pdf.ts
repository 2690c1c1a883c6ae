// Renders a document composed in the console to an A4 PDF: the professional's block, the patient's,
// the date, the document's body, and the signature line; an ordonnance carries its e-prescription
// identifier as a QR code drawn in vectors (filled squares, from lean-qr's modules) and in clear under
// it. The text is set in DejaVu Sans (Debian's fonts-dejavu-core), embedded, so that every French
// character prints; without that font it falls back to pdfkit's Helvetica (WinAnsi: accents, « », €
// and œ print, rarer characters may not) and says so through `fontFallback`.
import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { generate } from 'lean-qr';
import type { ComposedDocument, SickLeaveException } from '../../contract/composed-document';
import type { ProfessionalCard } from '../../contract/domain';
import type { PatientSummary } from '../../contract/platform-protocol';

/** Where the platform looks for DejaVu Sans (Debian's fonts-dejavu-core). */
export const DEJAVU_DIRECTORY = '/usr/share/fonts/truetype/dejavu';

/** The fonts a document is set in: TrueType bytes, or null for pdfkit's standard Helvetica. */
export interface DocumentFonts {
  readonly regular: Buffer | null;
  readonly bold: Buffer | null;
}

/**
 * Reads DejaVu Sans and DejaVu Sans Bold from `directory`; answers null fonts (the Helvetica fallback)
 * when either is missing, so that the caller can say so.
 */
export function loadDocumentFonts(directory = DEJAVU_DIRECTORY): DocumentFonts {
  const regular = `${directory}/DejaVuSans.ttf`;
  const bold = `${directory}/DejaVuSans-Bold.ttf`;
  if (!existsSync(regular) || !existsSync(bold)) return { regular: null, bold: null };
  return { regular: readFileSync(regular), bold: readFileSync(bold) };
}

/** True when the fonts are the Helvetica fallback (DejaVu Sans was not found). */
export function fontFallback(fonts: DocumentFonts): boolean {
  return fonts.regular === null || fonts.bold === null;
}

/** Everything printed on one composed document. */
export interface DocumentToRender {
  readonly professional: ProfessionalCard;
  readonly patient: PatientSummary;
  /** When it is written, epoch ms (printed as the date in Paris). */
  readonly writtenAt: number;
  readonly document: ComposedDocument;
  /** The e-prescription identifier (an ordonnance only). */
  readonly prescriptionId: string | null;
}

/** The title printed on each kind of composed document. */
export const COMPOSED_TITLES: Readonly<Record<ComposedDocument['kind'], string>> = {
  prescription: 'Ordonnance',
  sickLeave: 'Arrêt de travail',
  report: 'Compte rendu de téléconsultation',
};

const EXCEPTION_SENTENCES: Readonly<Record<SickLeaveException, string>> = {
  treatingDoctor: 'le prescripteur est le médecin traitant du patient',
  referringMidwife: 'la prescriptrice est la sage-femme référente de la patiente',
  extensionCouldNotConsult: 'prolongation d’arrêt, le patient ne pouvait pas consulter en personne',
};

const MARGIN = 56;
const QR_MODULE = 3;
const A4_WIDTH = 595.28;

/** Renders the document to PDF bytes. */
export function renderDocumentPdf(input: DocumentToRender, fonts: DocumentFonts): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: COMPOSED_TITLES[input.document.kind], Author: professionalName(input.professional) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const regular = fonts.regular === null ? 'Helvetica' : 'body';
  const bold = fonts.bold === null ? 'Helvetica-Bold' : 'body-bold';
  if (fonts.regular !== null) pdf.registerFont('body', fonts.regular);
  if (fonts.bold !== null) pdf.registerFont('body-bold', fonts.bold);
  const width = A4_WIDTH - 2 * MARGIN;

  // The professional, and the date on the right.
  const { professional, patient } = input;
  const date = frenchDate(input.writtenAt);
  pdf
    .font(bold)
    .fontSize(13)
    .text(professionalName(professional), MARGIN, MARGIN, { width: width * 0.65 });
  pdf.font(regular).fontSize(10);
  for (const line of [professional.specialty, `RPPS : ${professional.rpps}`, professional.address]) {
    if (line.trim() !== '') pdf.text(line, { width: width * 0.65 });
  }
  pdf.text(`Le ${date}`, MARGIN, MARGIN, { width, align: 'right' });
  pdf.text('Téléconsultation', { width, align: 'right' });

  // The title and the patient.
  pdf.moveDown(5);
  pdf.font(bold).fontSize(16).text(COMPOSED_TITLES[input.document.kind].toUpperCase(), MARGIN, undefined, {
    width,
    align: 'center',
  });
  pdf.moveDown(1);
  pdf.font(regular).fontSize(11).text('Patient : ', { continued: true });
  pdf.font(bold).text(`${patient.surname.toUpperCase()} ${patient.firstName}`, { continued: true });
  pdf.font(regular).text(`, né(e) le ${isoToFrench(patient.birthDate)}`);
  pdf.moveDown(1.5);

  const body = input.document;
  switch (body.kind) {
    case 'prescription':
      body.lines.forEach((line, index) => {
        pdf
          .font(bold)
          .fontSize(11)
          .text(`${index + 1}. ${line.item}`, MARGIN, undefined, { width });
        const detail = [line.dosage, line.duration].filter((part) => part.trim() !== '').join(' — ');
        if (detail !== '')
          pdf
            .font(regular)
            .fontSize(10.5)
            .text(detail, MARGIN + 16, undefined, { width: width - 16 });
        pdf.moveDown(0.6);
      });
      if (input.prescriptionId !== null) drawIdentifier(pdf, input.prescriptionId, regular, width);
      break;
    case 'sickLeave': {
      const last = addDays(body.startDate, body.days - 1);
      pdf.font(regular).fontSize(11);
      pdf.text(
        `Arrêt de travail du ${isoToFrench(body.startDate)} au ${isoToFrench(last)} inclus, ` +
          `soit ${body.days} jour${body.days > 1 ? 's' : ''}.`,
        { width },
      );
      pdf.moveDown(0.8);
      if (body.motive.trim() !== '') {
        pdf.font(bold).text('Éléments d’ordre médical : ', { continued: true });
        pdf.font(regular).text(body.motive, { width });
        pdf.moveDown(0.8);
      }
      pdf.fontSize(10).text('Prescrit en téléconsultation.', { width });
      for (const exception of body.exceptions) {
        pdf.text(`Au-delà de 3 jours : ${EXCEPTION_SENTENCES[exception]}.`, { width });
      }
      break;
    }
    case 'report':
      pdf.font(regular).fontSize(11).text('À l’attention du médecin traitant du patient', { width });
      pdf.moveDown(1);
      pdf.text(body.text, { width, align: 'left' });
      break;
  }

  // The signature.
  pdf.moveDown(2);
  pdf
    .font(regular)
    .fontSize(10)
    .text(`Signé électroniquement par ${professionalName(professional)}, le ${date}.`, MARGIN, undefined, {
      width,
      align: 'right',
    });
  pdf.end();
  return done;
}

/** Draws the identifier's QR code (filled squares, one a dark module) and the identifier under it. */
function drawIdentifier(pdf: PDFKit.PDFDocument, identifier: string, font: string, width: number): void {
  const code = generate(identifier);
  const side = code.size * QR_MODULE;
  if (pdf.y + side + 60 > pdf.page.height - MARGIN) pdf.addPage();
  pdf.moveDown(1);
  const left = MARGIN;
  const top = pdf.y;
  for (let y = 0; y < code.size; y += 1) {
    for (let x = 0; x < code.size; x += 1) {
      if (code.get(x, y)) pdf.rect(left + x * QR_MODULE, top + y * QR_MODULE, QR_MODULE, QR_MODULE);
    }
  }
  pdf.fillColor('black').fill();
  pdf
    .font(font)
    .fontSize(10)
    .text(`Identifiant de l’ordonnance : ${identifier}`, left, top + side + 8, { width });
}

/** "Dr Claire Fontaine": the civility and the name. */
function professionalName(professional: ProfessionalCard): string {
  return `${professional.civility} ${professional.name}`.trim();
}

/** The date in Paris as dd/mm/yyyy. */
function frenchDate(epochMs: number): string {
  return new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(epochMs);
}

/** YYYY-MM-DD → dd/mm/yyyy. */
function isoToFrench(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

/** The ISO date `days` days after `iso`. */
function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
