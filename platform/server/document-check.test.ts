// Pushed documents: sizes, types and page counts as the cabin's print screen shows them.
import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES } from '../../contract/platform-protocol';
import { checkDocument, pdfPages, textPages } from './document-check';

const lines = (count: number): string => Array.from({ length: count }, (_, i) => `ligne ${i}`).join('\n');
const base64 = (text: string | Buffer): string => Buffer.from(text).toString('base64');

describe('page counts', () => {
  it.each([
    ['one line', 'Paracétamol 1 g', 1],
    ['an empty text', '', 1],
    ['50 lines', lines(50), 1],
    ['50 lines and a final line break', `${lines(50)}\n`, 1],
    ['51 lines', lines(51), 2],
    ['Windows line breaks', Array(101).fill('x').join('\r\n'), 3],
  ])('a text of %s has the right number of pages', (_, text, pages) => {
    expect(textPages(text)).toBe(pages);
  });

  it.each([
    [
      'a page tree with three pages',
      '%PDF-1.7 <</Type /Pages /Count 3>> <</Type /Page>> <</Type/Page>> <</Type  /Page /Parent 1 0 R>>',
      3,
    ],
    ['no page object at all', '%PDF-1.7 garbage', 1],
    ['only the page tree', '%PDF-1.7 <</Type /Pages>>', 1],
  ])('a PDF with %s has the right number of pages', (_, text, pages) => {
    expect(pdfPages(Buffer.from(text, 'latin1'))).toBe(pages);
  });
});

describe('document checks', () => {
  it('accepts a UTF-8 text and a PDF', () => {
    expect(checkDocument('text/plain', base64('Arrêt de travail : 3 jours'))).toMatchObject({
      ok: true,
      value: { pages: 1 },
    });
    expect(checkDocument('application/pdf', base64('%PDF-1.4 <</Type /Page>>'))).toMatchObject({
      ok: true,
      value: { pages: 1 },
    });
  });

  it.each([
    ['a PDF that is not one', 'application/pdf', base64('<html></html>'), 'document.invalid'],
    ['a text that is not UTF-8', 'text/plain', base64(Buffer.from([0x66, 0xff, 0x66])), 'document.invalid'],
    [
      'a document one byte too large',
      'application/pdf',
      base64(Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x20)),
      'document.tooLarge',
    ],
  ] as const)('refuses %s', (_, contentType, content, code) => {
    expect(checkDocument(contentType, content)).toMatchObject({ ok: false, error: { code } });
  });

  it.each([
    ['a file of no byte', 'application/pdf', '', 'noBytes'],
    ['a text of no byte', 'text/plain', '', 'noBytes'],
    [
      'a PDF without any page',
      'application/pdf',
      base64('%PDF-1.7 <</Type /Pages /Kids [] /Count 0>>'),
      'noPage',
    ],
    ['a PDF of its header only', 'application/pdf', base64('%PDF-1.4\n%%EOF\n'), 'noPage'],
    ['a text of spaces and line breaks', 'text/plain', base64(' \n\t\r\n  '), 'blankText'],
  ] as const)('refuses %s as empty, and says why', (_, contentType, content, reason) => {
    expect(checkDocument(contentType, content)).toEqual({
      ok: false,
      error: { code: 'document.empty', detail: reason },
    });
  });

  it('accepts a PDF whose pages are compressed in object streams', () => {
    const pdf = '%PDF-1.7\n5 0 obj <</Type /ObjStm /N 3 /First 20 /Filter /FlateDecode>> stream';
    expect(checkDocument('application/pdf', base64(pdf))).toMatchObject({ ok: true, value: { pages: 1 } });
  });

  it('accepts a document of exactly the largest size', () => {
    const pdf = Buffer.alloc(MAX_DOCUMENT_BYTES, 0x20);
    pdf.write('%PDF-', 0, 'latin1');
    pdf.write('<</Type /Page>>', 100, 'latin1');
    expect(checkDocument('application/pdf', pdf.toString('base64')).ok).toBe(true);
  });
});
