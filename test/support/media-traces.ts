// Traces of an instrument's picture or sound in the bytes a cabin wrote: the magic bytes of the image,
// sound and video formats a browser or the cabin could save (raw, or base64 in a data URL), searched in
// every file written since a moment. The application's own pictures (a browser cache holds them) are
// told apart by their first bytes.
import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { filesUnder } from './patient-traces';

/** A format's signature: where it starts in a file's bytes, or null. */
interface Signature {
  readonly name: string;
  find(bytes: Buffer, from: number): number;
}

const ascii = (text: string): Buffer => Buffer.from(text, 'latin1');

/** A signature of fixed bytes, optionally followed within `window` bytes by one of `then`. */
function fixed(name: string, magic: Buffer, then: readonly Buffer[] = [], window = 64): Signature {
  return {
    name,
    find(bytes, from) {
      for (let at = bytes.indexOf(magic, from); at >= 0; at = bytes.indexOf(magic, at + 1)) {
        const after = bytes.subarray(at + magic.length, at + magic.length + window);
        if (then.length === 0 || then.some((next) => after.includes(next))) return at;
      }
      return -1;
    },
  };
}

/** A RIFF container of `form` (WAVE, WEBP): `RIFF` ×4 bytes of size, then the form. */
function riff(name: string, form: string): Signature {
  return {
    name,
    find(bytes, from) {
      for (
        let at = bytes.indexOf('RIFF', from, 'latin1');
        at >= 0;
        at = bytes.indexOf('RIFF', at + 1, 'latin1')
      ) {
        if (bytes.toString('latin1', at + 8, at + 12) === form) return at;
      }
      return -1;
    },
  };
}

/** The formats searched: images (PNG, JPEG, WebP, GIF), sounds (WAV, Ogg), video (WebM), and data URLs. */
const SIGNATURES: readonly Signature[] = [
  fixed('PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  // JPEG's start of image with a JFIF or Exif header, or a quantisation table right after it.
  fixed('JPEG', Buffer.from([0xff, 0xd8, 0xff]), [ascii('JFIF'), ascii('Exif')], 8),
  fixed('JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0x00, 0x43])),
  riff('WebP', 'WEBP'),
  fixed('GIF', ascii('GIF87a')),
  fixed('GIF', ascii('GIF89a')),
  riff('WAV', 'WAVE'),
  fixed('Ogg', Buffer.from([0x4f, 0x67, 0x67, 0x53, 0x00])),
  fixed('WebM', Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), [ascii('webm'), ascii('matroska')]),
  fixed('data URL', ascii('data:image/')),
  fixed('data URL', ascii('data:audio/')),
  fixed('data URL', ascii('data:video/')),
  // PNG, JFIF and RIFF in base64.
  fixed('base64 PNG', ascii('iVBORw0KGgo')),
  fixed('base64 JPEG', ascii('/9j/4AAQSkZJRg')),
  fixed('base64 RIFF', ascii('UklGR')),
];

/** How many bytes of a hit are compared with the application's own files. */
const HEAD_BYTES = 48;

/**
 * Where an image, sound or video was found in files under `roots` modified at or after `sinceMs`:
 * `file: format` per hit. A hit whose first bytes are those of a file under `ownAssets` (the built
 * renderer's pictures, which a browser cache keeps) is not one.
 */
export function mediaWrittenUnder(
  roots: readonly string[],
  sinceMs: number,
  ownAssets: readonly string[] = [],
): string[] {
  const heads = ownAssets
    .flatMap((folder) => filesUnder(folder))
    .map((file) => readFileSync(file).subarray(0, HEAD_BYTES))
    .filter((head) => head.length === HEAD_BYTES);
  const hits: string[] = [];
  for (const root of roots) {
    for (const file of filesUnder(root)) {
      let modified: number;
      try {
        modified = statSync(file).mtimeMs;
      } catch {
        continue; // removed meanwhile
      }
      if (modified < sinceMs) continue;
      const bytes = readFileSync(file);
      for (const signature of SIGNATURES) {
        for (let at = signature.find(bytes, 0); at >= 0; at = signature.find(bytes, at + 1)) {
          const head = bytes.subarray(at, at + HEAD_BYTES);
          if (heads.some((own) => own.equals(head))) continue;
          hits.push(`${relative(root, file)}: ${signature.name}`);
          break;
        }
      }
    }
  }
  return hits;
}
