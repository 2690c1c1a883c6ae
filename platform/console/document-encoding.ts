// Turns what the practitioner writes or picks into the base64 body of a `document.push`: UTF-8 text for
// a composed document, the bytes of a PDF for an uploaded one, both within MAX_DOCUMENT_BYTES.
import { MAX_DOCUMENT_BYTES } from '../../contract/platform-protocol';

/** Why a document cannot be sent, as the console explains it. */
export type DocumentProblem = 'empty' | 'tooLarge' | 'notPdf';

/** A document body ready for `document.push`, or why it is not. */
export type EncodedDocument =
  | { readonly ok: true; readonly base64: string; readonly bytes: number }
  | { readonly ok: false; readonly problem: DocumentProblem };

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-", ISO 32000-1 §7.5.2 (file header)

/** Encodes bytes as standard base64 (with padding). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode's argument list short on a 1.5 MB file.
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}

/** Decodes standard base64 into bytes. */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** Encodes a composed text as UTF-8 then base64; empty (blank) and oversized texts are refused. */
export function encodeText(text: string): EncodedDocument {
  if (text.trim() === '') return { ok: false, problem: 'empty' };
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > MAX_DOCUMENT_BYTES) return { ok: false, problem: 'tooLarge' };
  return { ok: true, base64: bytesToBase64(bytes), bytes: bytes.length };
}

/** Encodes the bytes of a PDF file; empty, oversized and non-PDF files are refused. */
export function encodePdf(bytes: Uint8Array): EncodedDocument {
  if (bytes.length === 0) return { ok: false, problem: 'empty' };
  if (bytes.length > MAX_DOCUMENT_BYTES) return { ok: false, problem: 'tooLarge' };
  if (!PDF_MAGIC.every((byte, index) => bytes[index] === byte)) return { ok: false, problem: 'notPdf' };
  return { ok: true, base64: bytesToBase64(bytes), bytes: bytes.length };
}

/** Reads a picked file's bytes (FileReader, which every browser and jsdom implement). */
export function readFileBytes(file: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const result = reader.result;
      if (result instanceof ArrayBuffer) resolve(new Uint8Array(result));
      else reject(new Error('file.unreadable'));
    };
    reader.onerror = () => reject(new Error('file.unreadable'));
    reader.readAsArrayBuffer(file);
  });
}

/** A title from a file name: without the .pdf extension, trimmed, at most 120 characters. */
export function titleFromFileName(name: string): string {
  return name
    .replace(/\.pdf$/i, '')
    .trim()
    .slice(0, 120);
}
