// Beurer PO 80 pulse oximeter (a Contec design) over USB HID, 64-byte reports: pure encoding and decoding.
//
// Source (learned from, not copied): stgloorious/hid-pulse-oximeter `src/beurer/transport/hid.py`,
// summarised in docs/DEVICES.md.
// - Host → device: start live data `9B 01 1C`, keep-alive `9A 1A` (hid.py sends one every ~10 reports
//   received), padded with zeros to 64 bytes.
// - Device → host: live data `EB 01 xx PR SpO2` (PR in bpm, SpO2 in %, 127 = no value: no finger or
//   not yet computed); `EB 00 …` waveform samples (not used by the cabin); byte xx is not documented.
// - The last byte of each command equals the sum of the bytes before it modulo 128 (9B+01 → 1C,
//   9A → 1A, 8E+03 → 11 in hid.py): Contec's framing, where only a frame's first byte has bit 7 set.
//   The decoder uses that rule to refuse corrupted live frames (a data byte with bit 7 set).
import { err, ok, type CabinError, type Result } from '../../contract';

/** The value the device sends for "no value" (no finger, or not computed yet). */
export const BEURER_NO_VALUE = 127;

const LIVE = 0xeb;

/** A decoded input report. */
export type BeurerFrame =
  /** Live values; null where the device sent 127 (no value). */
  | {
      readonly type: 'live';
      readonly status: number;
      readonly pulse: number | null;
      readonly spo2: number | null;
    }
  /** Plethysmogram samples (`EB 00`), not interpreted. */
  | { readonly type: 'waveform' }
  /** Another report of the device (identity, user, time): its first byte. */
  | { readonly type: 'other'; readonly code: number };

/** A command the host sends (for the simulator and the monitor). */
export type BeurerCommand =
  | { readonly type: 'start' }
  | { readonly type: 'keepAlive' }
  | { readonly type: 'other'; readonly code: number };

/** Contec's check byte: the sum of the preceding bytes modulo 128. */
export function contecCheck(bytes: readonly number[]): number {
  return bytes.reduce((sum, b) => sum + b, 0) & 0x7f;
}

/** The command that starts live data: `9B 01 1C`. */
export function encodeStart(): Uint8Array {
  return Uint8Array.from([0x9b, 0x01, contecCheck([0x9b, 0x01])]);
}

/** The keep-alive the host sends while it wants live data: `9A 1A`. */
export function encodeKeepAlive(): Uint8Array {
  return Uint8Array.from([0x9a, contecCheck([0x9a])]);
}

/** Decodes a host report (zero padding ignored). */
export function decodeCommand(report: Uint8Array): Result<BeurerCommand> {
  const [code, b1, b2] = report;
  if (code === undefined || code < 0x80) return err(frameError('frame.unknown', report));
  if (code === 0x9b && b1 === 0x01 && b2 === 0x1c) return ok({ type: 'start' });
  if (code === 0x9a && b1 === 0x1a) return ok({ type: 'keepAlive' });
  return ok({ type: 'other', code });
}

/** Encodes a live frame as the device sends it (null → 127). */
export function encodeLive(pulse: number | null, spo2: number | null, status = 0): Uint8Array {
  return Uint8Array.from([LIVE, 0x01, status, pulse ?? BEURER_NO_VALUE, spo2 ?? BEURER_NO_VALUE]);
}

/** Decodes one input report; garbage, cut frames (zero-padded by HID) and corrupted bytes are errors. */
export function decodeReport(report: Uint8Array): Result<BeurerFrame> {
  const code = report[0];
  if (code === undefined || code < 0x80) return err(frameError('frame.unknown', report));
  if (code !== LIVE) return ok({ type: 'other', code });
  const kind = report[1];
  if (kind === 0x00) return ok({ type: 'waveform' });
  if (kind !== 0x01) return err(frameError('frame.unknown', report));
  const [, , status, pulse, spo2] = report;
  if (status === undefined || pulse === undefined || spo2 === undefined) {
    return err(frameError('frame.truncated', report));
  }
  if ((status | pulse | spo2) & 0x80) return err(frameError('frame.invalid', report));
  // A report cut short reaches us padded with zeros: 0 bpm or 0 % is no reading of a living patient.
  if (pulse === 0 || spo2 === 0) return err(frameError('frame.truncated', report));
  const value = (v: number): number | null => (v === BEURER_NO_VALUE ? null : v);
  if (spo2 !== BEURER_NO_VALUE && spo2 > 100) return err(frameError('frame.invalid', report));
  return ok({ type: 'live', status, pulse: value(pulse), spo2: value(spo2) });
}

function frameError(code: string, report: Uint8Array): CabinError {
  const hex = Array.from(report.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return { code, detail: `beurer report ${hex}` };
}
