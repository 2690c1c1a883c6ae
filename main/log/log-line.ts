// One operation-log line: a JSON object whose values are codes, never free text or a NIR.

/** A value the log accepts: a number, a boolean, or a code (≤ 64 characters of [A-Za-z0-9_.:/-]). */
export type LogValue = number | boolean | string;

/** The fields of one log line, beside the time, level and event. */
export type LogFields = Readonly<Record<string, LogValue>>;

/** How serious a line is. */
export type LogLevel = 'info' | 'warn' | 'error';

/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]';

const CODE = /^[A-Za-z0-9_.:/-]*$/;
const MAX_CODE_LENGTH = 64;
// The line's own keys: a field may not overwrite them.
const RESERVED_KEYS = new Set(['t', 'level', 'event', 'redacted']);

/**
 * True when the text could be a NIR: 13 digits or more once separators are taken out, or the
 * Corsican form (department 2A/2B in place of two digits) that a pure digit run would miss.
 */
export function looksLikeNir(text: string): boolean {
  const compact = text.replace(/[^A-Za-z0-9]/g, '');
  return /\d{13,}/.test(compact) || /[12]\d{4}2[AB]\d{6,}/i.test(compact);
}

/** True when the string is a code the log may carry: short, no spaces, no NIR. */
export function isLoggableCode(text: string): boolean {
  return text.length <= MAX_CODE_LENGTH && CODE.test(text) && !looksLikeNir(text);
}

function isLoggableValue(value: unknown): value is LogValue {
  switch (typeof value) {
    case 'boolean':
      return true;
    case 'number':
      // A NIR fits in a double (about 1.8e14), so numbers pass the same test as strings.
      return !looksLikeNir(String(value));
    case 'string':
      return isLoggableCode(value);
    default:
      // Objects, arrays, undefined: the types forbid them, plain JavaScript callers might not.
      return false;
  }
}

/** Builds one JSON line (no trailing newline): t, level, event, the fields, and `redacted: true` when anything was refused. */
export function formatLogLine(time: number, level: LogLevel, event: string, fields: LogFields = {}): string {
  const eventIsCode = isLoggableCode(event);
  let redacted = !eventIsCode;
  const line: Record<string, LogValue> = {
    t: new Date(time).toISOString(),
    level,
    event: eventIsCode ? event : REDACTED,
  };
  for (const [key, value] of Object.entries(fields)) {
    // A key that is not a code could itself be the free text; it cannot be written, even redacted.
    if (key.length === 0 || RESERVED_KEYS.has(key) || !isLoggableCode(key)) {
      redacted = true;
      continue;
    }
    if (isLoggableValue(value)) {
      line[key] = value;
    } else {
      line[key] = REDACTED;
      redacted = true;
    }
  }
  if (redacted) line['redacted'] = true;
  return JSON.stringify(line);
}
