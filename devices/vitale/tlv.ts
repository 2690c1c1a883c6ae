// BER-TLV as ISO/IEC 7816-4 §5.2 uses it on the Carte Vitale (layout described in DEVICES.md, learned from
// cardpeek's vitale_2.lua): one- or multi-byte tags (7F21, 5F37), short and long lengths (81 xx, 82 xx xx),
// constructed objects (bit 0x20 of the first tag byte) decoded into children. Pure: bytes in, values out.
import { err, ok, type CabinError, type Result } from '../../contract';

/** One decoded TLV object; `children` is set for a constructed tag (65 beneficiary, 66 card, E0, A0). */
export interface Tlv {
  readonly tag: number;
  readonly value: Uint8Array;
  readonly children: readonly Tlv[] | null;
}

// The Vitale nests objects three deep (E0 { A0 { 82 } }); a card that nests thousands of them (a 32 KiB file
// holds 8,000 levels of 4 bytes) would overflow the stack of this recursive decoder.
const MAX_DEPTH = 16;

/** Decodes a sequence of TLV objects; answers `card.unreadable` for a truncated or malformed one. */
export function decodeTlv(bytes: Uint8Array): Result<readonly Tlv[], CabinError> {
  return decodeLevel(bytes, 0);
}

function decodeLevel(bytes: Uint8Array, depth: number): Result<readonly Tlv[], CabinError> {
  const objects: Tlv[] = [];
  let at = 0;
  while (at < bytes.length) {
    const first = bytes[at] ?? 0;
    // ISO 7816-4 §5.2: 00 and FF may pad before, between and after objects (files are fixed-size).
    if (first === 0x00 || first === 0xff) {
      at += 1;
      continue;
    }
    let tag = first;
    at += 1;
    if ((first & 0x1f) === 0x1f) {
      // Multi-byte tag: following bytes while their bit 8 is set, then one more.
      for (;;) {
        const next = bytes[at];
        if (next === undefined || tag > 0xffffff) return malformed('tlv-tag');
        tag = tag * 256 + next;
        at += 1;
        if ((next & 0x80) === 0) break;
      }
    }
    const lengthByte = bytes[at];
    if (lengthByte === undefined) return malformed('tlv-length');
    at += 1;
    let length = lengthByte;
    if (lengthByte > 0x80) {
      const count = lengthByte & 0x7f;
      if (count > 2) return malformed('tlv-length');
      length = 0;
      for (let i = 0; i < count; i += 1) {
        const b = bytes[at];
        if (b === undefined) return malformed('tlv-length');
        length = length * 256 + b;
        at += 1;
      }
    } else if (lengthByte === 0x80) {
      return malformed('tlv-indefinite-length');
    }
    if (at + length > bytes.length) return malformed('tlv-truncated');
    const value = bytes.subarray(at, at + length);
    at += length;
    const constructed = (leadingByte(tag) & 0x20) !== 0;
    if (constructed) {
      if (depth >= MAX_DEPTH) return malformed('tlv-depth');
      const children = decodeLevel(value, depth + 1);
      if (!children.ok) return children;
      objects.push({ tag, value, children: children.value });
    } else {
      objects.push({ tag, value, children: null });
    }
  }
  return ok(objects);
}

/** Encodes one TLV object (tag up to 3 bytes, definite length); the virtual card and the tests use it. */
export function encodeTlv(tag: number, value: Uint8Array | readonly Uint8Array[]): Uint8Array {
  const content = value instanceof Uint8Array ? value : concatBytes(value);
  const tagBytes =
    tag > 0xffff ? [tag >> 16, (tag >> 8) & 0xff, tag & 0xff] : tag > 0xff ? [tag >> 8, tag & 0xff] : [tag];
  const n = content.length;
  const lengthBytes = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return concatBytes([Uint8Array.from(tagBytes), Uint8Array.from(lengthBytes), content]);
}

/** The first object with `tag` among `objects`, or undefined. */
export function findTlv(objects: readonly Tlv[], tag: number): Tlv | undefined {
  return objects.find((o) => o.tag === tag);
}

/** Concatenates byte arrays. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function leadingByte(tag: number): number {
  let t = tag;
  while (t > 0xff) t = Math.floor(t / 256);
  return t;
}

function malformed(detail: string): Result<never, CabinError> {
  return err({ code: 'card.unreadable', detail });
}
