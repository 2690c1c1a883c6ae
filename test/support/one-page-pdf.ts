// A one-page PDF with a line of text and, if asked, a QR code drawn as vector squares, written by hand
// so the printing tests need no PDF library: pdftotext reads the line back from what the printer
// received, pdftoppm and zbarimg the QR code.
import { generate } from 'lean-qr';

/** Vector squares drawing `payload` as a QR code, 4 points a module, its corner at (72, 400). */
function qrDrawing(payload: string): string {
  const code = generate(payload);
  const squares: string[] = [];
  for (let y = 0; y < code.size; y += 1) {
    for (let x = 0; x < code.size; x += 1) {
      if (code.get(x, y)) squares.push(`${72 + x * 4} ${400 + (code.size - 1 - y) * 4} 4 4 re`);
    }
  }
  return `0 g ${squares.join(' ')} f`;
}

/** A valid one-page A4 PDF showing `text` (ASCII) in Helvetica, and `qr` as a QR code when given. */
export function onePagePdf(text: string, qr?: string): Uint8Array {
  const escaped = text.replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = `BT /F1 18 Tf 72 760 Td (${escaped}) Tj ET${qr === undefined ? '' : `\n${qrDrawing(qr)}`}`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, 'latin1'));
}
