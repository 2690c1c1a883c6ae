// Mettler Toledo MT-SICS level 0/1 (serial 9600 8N1, lines end with CR LF): commands `S` (stable
// weight), `SI` (immediate), `Z` (zero), `T` (tare), `@` (reset), `I1`..`I4` (identity); weight reply
// `S S      12.345 kg` where the second field is S stable, D dynamic, I busy, + overload, - underload,
// L command not executable; `ES` / `ET` / `EL` syntax, transmission and logic errors. A real balance
// answers `SI` with an `S` reply (`S D     129.07 g`), not `SI`; the value is right-aligned with the
// decimals its display shows; at power-on (and after `@`) it sends `I4 A "serial"` unprompted. Layout from DEVICES.md (MT-SICS reference
// manual), learnt from instrumentkit/InstrumentKit `mt_sics.py` and Atlantis-Software/mt-sics. Pure.
import { err, ok, type Result } from '../../contract';

/** One decoded MT-SICS reply line. */
export type MtSicsReply =
  | {
      readonly type: 'weight';
      readonly command: 'S' | 'SI';
      readonly stable: boolean;
      readonly value: number;
      readonly unit: string;
      /** The value in kilograms; null for a unit that is not a mass. */
      readonly kg: number | null;
    }
  | {
      readonly type: 'status';
      readonly command: string;
      /** `refused`: L, the command was understood but cannot be executed now. */
      readonly status: 'busy' | 'overload' | 'underload' | 'done' | 'refused';
    }
  | { readonly type: 'error'; readonly error: 'syntax' | 'transmission' | 'logic' }
  | { readonly type: 'identity'; readonly command: string; readonly text: string };

const ERRORS = { ES: 'syntax', ET: 'transmission', EL: 'logic' } as const;
const STATUS = { I: 'busy', '+': 'overload', '-': 'underload', A: 'done', L: 'refused' } as const;

/** Kilograms per unit of the units a balance may be set to (MT-SICS unit names). */
export const KG_PER_UNIT: Readonly<Record<string, number>> = {
  kg: 1,
  g: 0.001,
  mg: 0.000001,
  lb: 0.45359237,
  oz: 0.028349523125,
};

/** Decodes one reply line (without its CR LF); `mtSics.unreadable` for anything else (noise, a cut line). */
export function decodeMtSics(line: string): Result<MtSicsReply> {
  const text = line.trim();
  if (text in ERRORS) return ok({ type: 'error', error: ERRORS[text as keyof typeof ERRORS] });
  const weight = /^(SI?) ([SD]) +(-?\d+(?:\.\d+)?) +([a-zA-Z]+)$/.exec(text);
  if (weight !== null) {
    const [, command, stability, value, unit] = weight as unknown as [
      string,
      'S' | 'SI',
      string,
      string,
      string,
    ];
    const factor = KG_PER_UNIT[unit];
    const number = Number(value);
    return ok({
      type: 'weight',
      command,
      stable: stability === 'S',
      value: number,
      unit,
      kg: factor === undefined ? null : round(number * factor),
    });
  }
  const status = /^(SI?|ZI?|TI?|@|I[0-4]) ([I+\-AL])$/.exec(text);
  if (status !== null) {
    const [, command, code] = status as unknown as [string, string, keyof typeof STATUS];
    return ok({ type: 'status', command, status: STATUS[code] });
  }
  const identity = /^(I[1-4]) A (.*)$/.exec(text);
  if (identity !== null) return ok({ type: 'identity', command: identity[1] ?? '', text: identity[2] ?? '' });
  return err({ code: 'mtSics.unreadable', detail: JSON.stringify(line.slice(0, 40)) });
}

/** The fields of an identity reply's text, without their quotes: `"PG5002-S" "5100.0 g"` → two fields. */
export function mtSicsQuotedFields(text: string): string[] {
  const quoted = [...text.matchAll(/"([^"]*)"/g)].map((m) => (m[1] ?? '').trim());
  return quoted.length > 0 ? quoted.filter((f) => f !== '') : [text.trim()].filter((f) => f !== '');
}

/**
 * What the identity replies say of the balance (MT-SICS reference manual, level 0): `I2` its type and
 * capacity (`I2 A "PG5002-S DeltaRange 5100.0 g"`), `I3` its software version and type definition number
 * (`I3 A "2.10 10.28.0.493.142"`), `I4` its serial number (`I4 A "B021002593"`); null for a reply missing.
 */
export function mtSicsIdentityFields(replies: {
  readonly I2: string | null;
  readonly I3: string | null;
  readonly I4: string | null;
}): { model: string | null; firmware: string | null; serialNumber: string | null } {
  const field = (text: string | null): string | null =>
    text === null ? null : mtSicsQuotedFields(text).join(' ') || null;
  return { model: field(replies.I2), firmware: field(replies.I3), serialNumber: field(replies.I4) };
}

/** Encodes an identity reply as a balance sends it: `I4 A "B021002593"`. */
export function encodeMtSicsIdentity(command: 'I2' | 'I3' | 'I4', text: string): string {
  return `${command} A "${text}"`;
}

/** Encodes a command line with its CR LF terminator. */
export function encodeMtSicsCommand(
  command: 'S' | 'SI' | 'Z' | 'T' | '@' | 'I1' | 'I2' | 'I3' | 'I4',
): Uint8Array {
  return Uint8Array.from(Buffer.from(`${command}\r\n`, 'latin1'));
}

/**
 * Formats a weight reply as a balance does: value right-aligned in 10 characters. A balance answers both
 * `S` and `SI` with an `S` reply; `command` 'SI' writes the `SI` form a few host libraries expect.
 */
export function encodeMtSicsWeight(command: 'S' | 'SI', stable: boolean, kg: number): string {
  return `${command} ${stable ? 'S' : 'D'} ${kg.toFixed(3).padStart(10)} kg`;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
