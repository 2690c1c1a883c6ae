// Frames written as the datasheets and captures write them (hex bytes separated by spaces), and the
// refusal tables of the codecs' tests.
import { expect, it } from 'vitest';
import type { Result } from '../../contract';

/** Reads hex bytes separated by single spaces (`EB 01 05`). */
export const hex = (text: string): Uint8Array =>
  Uint8Array.from(text.split(' '), (b) => Number.parseInt(b, 16));

/** Writes bytes as upper-case hex separated by spaces, the way the tables write them. */
export const toHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');

/** A 64-byte HID input report starting with `text`'s bytes, zero-padded as node-hid hands reports over. */
export function paddedReport(text: string): Uint8Array {
  const report = new Uint8Array(64);
  report.set(hex(text));
  return report;
}

/** A frame a codec must refuse: what it is, its hex bytes, and the failure code expected. */
export type RefusedFrame = readonly [name: string, bytes: string, code: string];

/** Declares one test per refused frame: `decode` answers a failure with the frame's code. */
export function itRefuses(
  decode: (bytes: string) => Result<unknown, { readonly code: string }>,
  frames: readonly RefusedFrame[],
): void {
  it.each(frames)('%s is refused (%s)', (_name, bytes, code) => {
    expect(decode(bytes)).toMatchObject({ ok: false, error: { code } });
  });
}
