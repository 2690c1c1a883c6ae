// A small checker language for untrusted JSON: each checker answers null when the value fits, or the
// path of the first field that does not. Errors name fields, never values (values may be patient data).

/** Checks one untrusted value; answers null when it fits, else the path of the offending field. */
export type Check = (value: unknown, path: string) => string | null;

/** True for a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string of at most `max` characters (and at least `min`). */
export const text =
  (max: number, min = 0): Check =>
  (value, path) =>
    typeof value === 'string' && value.length <= max && value.length >= min ? null : path;

/** A string matching a pattern (anchored by the caller). */
export const matching =
  (pattern: RegExp, max: number): Check =>
  (value, path) =>
    typeof value === 'string' && value.length <= max && pattern.test(value) ? null : path;

/** An integer within [min, max]. */
export const integer =
  (min: number, max: number): Check =>
  (value, path) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max ? null : path;

/** A finite number within [min, max]. */
export const finite =
  (min: number, max: number): Check =>
  (value, path) =>
    typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? null : path;

/** A boolean. */
export const boolean: Check = (value, path) => (typeof value === 'boolean' ? null : path);

/** One of the given strings. */
export const oneOf =
  (options: readonly string[]): Check =>
  (value, path) =>
    typeof value === 'string' && options.includes(value) ? null : path;

/** The value itself or null. */
export const nullable =
  (check: Check): Check =>
  (value, path) =>
    value === null ? null : check(value, path);

/** An array of at most `max` items, each fitting `item`. */
export const arrayOf =
  (item: Check, max: number): Check =>
  (value, path) => {
    if (!Array.isArray(value) || value.length > max) return path;
    for (let index = 0; index < value.length; index += 1) {
      const bad = item(value[index], `${path}[${index}]`);
      if (bad !== null) return bad;
    }
    return null;
  };

/** A field that may be absent (undefined); when present it must fit. */
export interface Optional {
  readonly optional: Check;
}

/** Marks an object field as optional. */
export const optional = (check: Check): Optional => ({ optional: check });

const FIELD_NAME = /^[A-Za-z0-9_$-]{1,40}$/;

/** An object with exactly these fields (optional ones may be missing; unknown fields are refused). */
export const object =
  (fields: Readonly<Record<string, Check | Optional>>): Check =>
  (value, path) => {
    if (!isRecord(value)) return path;
    for (const key of Object.keys(value)) {
      // The key is the sender's text: named when it reads as a field name, never echoed at any length.
      if (!Object.hasOwn(fields, key)) return `${path}.${FIELD_NAME.test(key) ? key : '(unknown)'}`;
    }
    for (const [key, field] of Object.entries(fields)) {
      const present = Object.hasOwn(value, key) && value[key] !== undefined;
      if (typeof field === 'function') {
        const bad = field(value[key], `${path}.${key}`);
        if (bad !== null) return bad;
      } else if (present) {
        const bad = field.optional(value[key], `${path}.${key}`);
        if (bad !== null) return bad;
      }
    }
    return null;
  };

/** A JSON value of bounded depth and size, for opaque payloads (SDP, ICE candidates, SFU parameters). */
export const boundedJson =
  (maxDepth: number, maxStringLength: number): Check =>
  (value, path) => {
    const visit = (node: unknown, depth: number): boolean => {
      if (node === null || typeof node === 'boolean') return true;
      if (typeof node === 'number') return Number.isFinite(node);
      if (typeof node === 'string') return node.length <= maxStringLength;
      if (depth >= maxDepth) return false;
      if (Array.isArray(node)) return node.length <= 256 && node.every((item) => visit(item, depth + 1));
      if (isRecord(node)) {
        const entries = Object.entries(node);
        return (
          entries.length <= 128 && entries.every(([key, item]) => key.length <= 64 && visit(item, depth + 1))
        );
      }
      return false;
    };
    return visit(value, 0) ? null : path;
  };
