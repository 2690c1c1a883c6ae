// A&D standard format (A&D balances and platform scales, default 2400 baud 7E1, lines end with CR LF):
// 15 characters, `ST,+00123.45  g` = header (ST stable, US unstable, OL overload, QT counting, WT stable
// weight on some models), comma, the value in 9 characters (sign, leading zeros, decimal point), the
// unit right-aligned in 3 characters (so `ST,+0068.350 kg`, and no space at all before a 3-letter unit).
// Commands `Q` (output now), `S` (when stable), `SI`, `Z`, `T`. Layout from DEVICES.md (A&D instruction
// manuals, "standard format") and the A&D FX-i driver in the public code corpus (`encode_AnD`, header
// `WT`). Lines are read leniently: any run of spaces (or none) before the unit, DEVICES.md's own
// `ST,+0004775.7   g` included; an overload line may carry no unit. Pure.
import { err, ok, type Result } from '../../contract';

/** One decoded A&D standard-format line. */
export interface AndStandardFrame {
  readonly header: 'ST' | 'US' | 'OL' | 'QT' | 'WT';
  readonly value: number | null;
  readonly unit: string;
  /** The value in kilograms; null for overload, a count or a unit that is not a mass. */
  readonly kg: number | null;
}

const KG_PER_UNIT: Readonly<Record<string, number>> = { kg: 1, g: 0.001, lb: 0.45359237, oz: 0.028349523125 };

/** Decodes one line (without CR LF); `andStandard.unreadable` for noise or a cut line. */
export function decodeAndStandard(line: string): Result<AndStandardFrame> {
  const text = line.trimStart();
  const match =
    /^(ST|US|OL|QT|WT),([+-][0-9. ]{1,9}(?:E\d*)?) *([a-zA-Z%]{1,3}) *$/.exec(text) ??
    /^(OL),([+-][0-9.E ]{1,10}) *()$/.exec(text);
  if (match === null)
    return err({ code: 'andStandard.unreadable', detail: JSON.stringify(line.slice(0, 40)) });
  const [, header, rawValue, unit] = match as unknown as [string, AndStandardFrame['header'], string, string];
  if (!/\d/.test(rawValue))
    return err({ code: 'andStandard.unreadable', detail: JSON.stringify(line.slice(0, 40)) });
  // Overload lines carry `+9999999E` style placeholders: no value.
  const value = header === 'OL' || /E/.test(rawValue) ? null : Number(rawValue.replace(/ /g, ''));
  if (value !== null && !Number.isFinite(value))
    return err({ code: 'andStandard.unreadable', detail: JSON.stringify(line.slice(0, 40)) });
  const factor = KG_PER_UNIT[unit];
  const kg =
    value === null || factor === undefined || header === 'QT' ? null : Math.round(value * factor * 1e6) / 1e6;
  return ok({ header, value, unit, kg });
}

/**
 * Formats a line as the scale sends it: 15 characters, the value in kg in 9 (sign, then zero-padded to 8
 * with `decimals` digits after the point, 2 by default), the unit right-aligned in 3 (` kg`).
 */
export function encodeAndStandard(
  header: AndStandardFrame['header'],
  kg: number | null,
  decimals = 2,
): string {
  if (kg === null) return `${header},+9999999E kg`;
  const sign = kg < 0 ? '-' : '+';
  return `${header},${sign}${Math.abs(kg).toFixed(decimals).padStart(8, '0')} kg`;
}

/** Encodes a command line with its CR LF terminator. */
export function encodeAndCommand(command: 'Q' | 'S' | 'SI' | 'Z' | 'T'): Uint8Array {
  return Uint8Array.from(Buffer.from(`${command}\r\n`, 'latin1'));
}
