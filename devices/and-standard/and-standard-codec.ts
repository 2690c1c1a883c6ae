// A&D standard format (A&D balances and platform scales, default 2400 baud 7E1, lines end with CR LF):
// `ST,+0004775.7   g` = header (ST stable, US unstable, OL overload, QT counting), comma, sign and
// 8-character value, unit right-aligned in 3 characters. Commands `Q` (output now), `S` (when stable),
// `SI`, `Z`, `T`. Layout from DEVICES.md (A&D instruction manuals, "standard format"). Pure.
import { err, ok, type Result } from '../../contract';

/** One decoded A&D standard-format line. */
export interface AndStandardFrame {
  readonly header: 'ST' | 'US' | 'OL' | 'QT';
  readonly value: number | null;
  readonly unit: string;
  /** The value in kilograms; null for overload, a count or a unit that is not a mass. */
  readonly kg: number | null;
}

const KG_PER_UNIT: Readonly<Record<string, number>> = { kg: 1, g: 0.001, lb: 0.45359237, oz: 0.028349523125 };

/** Decodes one line (without CR LF); `andStandard.unreadable` for noise or a cut line. */
export function decodeAndStandard(line: string): Result<AndStandardFrame> {
  const match = /^(ST|US|OL|QT),([+-][0-9.E]{1,10})\s+([a-zA-Z%]{1,3})\s*$/.exec(line.trimStart());
  if (match === null)
    return err({ code: 'andStandard.unreadable', detail: JSON.stringify(line.slice(0, 40)) });
  const [, header, rawValue, unit] = match as unknown as [string, AndStandardFrame['header'], string, string];
  // Overload lines carry `+9999999E` style placeholders: no value.
  const value = header === 'OL' || /E/.test(rawValue) ? null : Number(rawValue.replace(/ /g, ''));
  if (value !== null && !Number.isFinite(value))
    return err({ code: 'andStandard.unreadable', detail: JSON.stringify(line.slice(0, 40)) });
  const factor = KG_PER_UNIT[unit];
  const kg =
    value === null || factor === undefined || header === 'QT' ? null : Math.round(value * factor * 1e6) / 1e6;
  return ok({ header, value, unit, kg });
}

/** Formats a line as the scale sends it (value in kg, zero-padded to 8 characters). */
export function encodeAndStandard(header: AndStandardFrame['header'], kg: number | null): string {
  if (kg === null) return `${header},+9999999E kg`;
  const sign = kg < 0 ? '-' : '+';
  return `${header},${sign}${Math.abs(kg).toFixed(2).padStart(8, '0')}  kg`;
}

/** Encodes a command line with its CR LF terminator. */
export function encodeAndCommand(command: 'Q' | 'S' | 'SI' | 'Z' | 'T'): Uint8Array {
  return Uint8Array.from(Buffer.from(`${command}\r\n`, 'latin1'));
}
