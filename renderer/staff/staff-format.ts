// The few formats of the staff screens: a time of day, a date, a reading, a peripheral's reason, a role.
import type { CabinError } from '../../contract/result';
import type { Locale } from '../../contract/domain';
import { fill, formatDate, type Strings } from '../i18n';

/** Pads a number to two digits. */
const two = (value: number): string => String(value).padStart(2, '0');

/** A time of day on the cabin's local clock: fr "10 h 35" (non-breaking spaces), en "10:35". */
export function formatClockTime(epochMs: number, locale: Locale): string {
  const date = new Date(epochMs);
  return locale === 'fr'
    ? `${date.getHours()}\u00a0h\u00a0${two(date.getMinutes())}`
    : `${date.getHours()}:${two(date.getMinutes())}`;
}

/** A day on the cabin's local clock: fr "12/03/2027", en "12 March 2027". */
export function formatDay(epochMs: number, locale: Locale): string {
  const date = new Date(epochMs);
  return formatDate(`${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`, locale);
}

/** A reading or an error with at most `decimals` decimals (two by default), a `+` when `signed`, the locale's separator. */
export function formatReading(value: number, locale: Locale, signed = false, decimals = 2): string {
  const scale = 10 ** decimals;
  const rounded = Math.round(value * scale) / scale;
  const text = String(rounded).replace('.', locale === 'fr' ? ',' : '.');
  return signed && rounded > 0 ? `+${text}` : text;
}

/** Reads a typed number: digits with a decimal comma (or point), an optional minus; null when it is not one. */
export function parseReading(text: string): number | null {
  const normal = text.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(normal)) return null;
  return Number(normal);
}

/** A peripheral's reason code in plain words; a code the strings do not know is given for the technical service. */
export function peripheralReason(s: Strings['attendant'], reason: string): string {
  const known: Readonly<Record<string, string>> = s.peripheralReasons;
  return Object.hasOwn(known, reason)
    ? (known[reason] ?? reason)
    : fill(s.otherPeripheralReason, { code: reason });
}

/**
 * The tries left after a wrong PIN, when the controller says it: `staff.badPin` with a `detail` that
 * starts with the number of tries left (`"3"`, `"3 tries left"`); null when it does not.
 */
export function triesLeft(error: CabinError): number | null {
  const match = /^\s*(\d{1,2})\b/.exec(error.detail ?? '');
  return match === null ? null : Number(match[1]);
}

/** A time to the millisecond for the traffic monitor, the same in every language: "10:35:07.042". */
export function formatPreciseTime(epochMs: number): string {
  const date = new Date(epochMs);
  const ms = String(date.getMilliseconds()).padStart(3, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${ms}`;
}
