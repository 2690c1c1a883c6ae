// The checks a document pushed by the practitioner goes through before the cabin may print it: its size,
// that it is what its content type says (a PDF starts with `%PDF-`, a text is valid UTF-8), that it is not
// empty (no byte, a PDF without a page, a text of spaces only), and its page count as the cabin's print
// screen shows it.
import {
  MAX_DOCUMENT_BYTES,
  type DocumentContentType,
  type EmptyDocumentReason,
} from '../../contract/platform-protocol';
import { err, ok, type Result } from '../../contract/result';

/** The lines of text the cabin prints on one page. */
export const TEXT_LINES_PER_PAGE = 50;

/** The largest page count a document summary may carry (contract: `pages` ≤ 500). */
const MAX_PAGES = 500;

/** A document that passed the checks. */
export interface CheckedDocument {
  readonly bytes: Buffer;
  readonly pages: number;
}

/**
 * Decodes and checks a pushed document: `document.tooLarge`, `document.invalid`, or `document.empty`
 * (with the contract's EmptyDocumentReason as its detail) when it does not fit.
 */
export function checkDocument(contentType: DocumentContentType, base64: string): Result<CheckedDocument> {
  // 4 base64 characters carry 3 bytes: refuse an oversized document before decoding it.
  if (Math.floor((base64.length * 3) / 4) - 2 > MAX_DOCUMENT_BYTES) return err({ code: 'document.tooLarge' });
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > MAX_DOCUMENT_BYTES) return err({ code: 'document.tooLarge' });
  if (bytes.length === 0) return empty('noBytes');
  switch (contentType) {
    case 'application/pdf':
      if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
        return err({ code: 'document.invalid', detail: 'not a PDF' });
      }
      if (!mayHavePages(bytes)) return empty('noPage');
      return ok({ bytes, pages: pdfPages(bytes) });
    case 'text/plain': {
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        return err({ code: 'document.invalid', detail: 'not UTF-8' });
      }
      if (text.trim() === '') return empty('blankText');
      return ok({ bytes, pages: textPages(text) });
    }
  }
}

/** Pages of a text: one per 50 lines (a final line break opens no new line), at least one. */
export function textPages(text: string): number {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return Math.min(MAX_PAGES, Math.max(1, Math.ceil(lines.length / TEXT_LINES_PER_PAGE)));
}

/** Pages of a PDF: its `/Type /Page` objects (not the `/Pages` tree nodes), at least one. */
export function pdfPages(bytes: Buffer): number {
  const matches = bytes.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g);
  return Math.min(MAX_PAGES, Math.max(1, matches?.length ?? 0));
}

/**
 * Whether a PDF may hold a page: a `/Type /Page` object, or an object stream (`/ObjStm`, PDF 1.5) where
 * page objects may sit compressed, out of sight of a byte search. A PDF with neither has no page.
 */
export function mayHavePages(bytes: Buffer): boolean {
  const text = bytes.toString('latin1');
  return /\/Type\s*\/Page(?![A-Za-z])/.test(text) || /\/Type\s*\/ObjStm(?![A-Za-z])/.test(text);
}

function empty(reason: EmptyDocumentReason): Result<never> {
  return err({ code: 'document.empty', detail: reason });
}
