// The bodies of pushed documents: composed text as UTF-8 base64, PDF files checked and encoded.
import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES } from '../../contract/platform-protocol';
import { base64ToBytes, encodePdf, encodeText, titleFromFileName } from './document-encoding';

describe('document bodies', () => {
  it('encodes a prescription with accents as UTF-8 base64', () => {
    const encoded = encodeText('Paracétamol 1 g — 3 fois par jour');
    expect(encoded).toEqual({
      ok: true,
      base64: Buffer.from('Paracétamol 1 g — 3 fois par jour', 'utf8').toString('base64'),
      bytes: Buffer.byteLength('Paracétamol 1 g — 3 fois par jour'),
    });
  });

  it('refuses a blank text and a text beyond the size limit', () => {
    expect(encodeText('  \n ')).toEqual({ ok: false, problem: 'empty' });
    expect(encodeText('é'.repeat(MAX_DOCUMENT_BYTES / 2 + 1))).toEqual({ ok: false, problem: 'tooLarge' });
    expect(encodeText('a'.repeat(MAX_DOCUMENT_BYTES)).ok).toBe(true);
  });

  it('encodes a PDF byte for byte, large ones included', () => {
    const pdf = new Uint8Array(MAX_DOCUMENT_BYTES);
    pdf.set(new TextEncoder().encode('%PDF-1.7\n'));
    for (let index = 9; index < pdf.length; index += 1) pdf[index] = index % 251;
    const encoded = encodePdf(pdf);
    if (!encoded.ok) throw new Error(encoded.problem);
    expect(encoded.bytes).toBe(MAX_DOCUMENT_BYTES);
    expect(Buffer.from(base64ToBytes(encoded.base64)).equals(Buffer.from(pdf))).toBe(true);
    expect(encoded.base64).toBe(Buffer.from(pdf).toString('base64'));
  });

  it('refuses an empty file, a file beyond the limit and a file that is not a PDF', () => {
    const header = new TextEncoder().encode('%PDF-1.4');
    const tooLarge = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
    tooLarge.set(header);
    expect(encodePdf(new Uint8Array())).toEqual({ ok: false, problem: 'empty' });
    expect(encodePdf(tooLarge)).toEqual({ ok: false, problem: 'tooLarge' });
    expect(encodePdf(new TextEncoder().encode('<html>not a pdf'))).toEqual({ ok: false, problem: 'notPdf' });
  });

  it.each([
    ['ordonnance.pdf', 'ordonnance'],
    ['Compte rendu 12-05.PDF', 'Compte rendu 12-05'],
    ['  scan  .pdf', 'scan'],
    [`${'x'.repeat(200)}.pdf`, 'x'.repeat(120)],
  ])('titles the file %s as "%s"', (name, title) => {
    expect(titleFromFileName(name)).toBe(title);
  });
});
