// Staff PINs as scrypt hashes: a self-describing string `scrypt$N$r$p$salt$hash` (salt and hash in
// base64url), so that the cost can grow without breaking the hashes already written. The PIN itself is
// never kept anywhere.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** The scrypt cost of new hashes: about 50 ms and 16 MB a check on the cabin's PC. */
export const PIN_HASH_COST = { N: 16_384, r: 8, p: 1 } as const;

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** The most memory one check may take, so that a hash from a file cannot exhaust the cabin. */
const MAX_MEMORY = 256 * 1024 * 1024;

/** A parsed hash: the cost, the salt and the key. */
interface ParsedHash {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly key: Buffer;
}

/** Hashes a PIN with a fresh random salt; `cost` is for tests that need cheaper hashes. */
export function hashPin(pin: string, cost: { N: number; r: number; p: number } = PIN_HASH_COST): string {
  const salt = randomBytes(SALT_BYTES);
  const key = scryptSync(pin, salt, KEY_BYTES, { ...cost, maxmem: MAX_MEMORY });
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `text` is a PIN hash this cabin can check (the format and a bounded cost). */
export function isPinHash(text: string): boolean {
  return parseHash(text) !== null;
}

/** Whether `pin` is the one `hash` was made from; constant time in the key's comparison. */
export function pinMatches(pin: string, hash: string): boolean {
  const parsed = parseHash(hash);
  if (parsed === null) return false;
  const { N, r, p, salt, key } = parsed;
  const given = scryptSync(pin, salt, key.length, { N, r, p, maxmem: MAX_MEMORY });
  return timingSafeEqual(given, key);
}

function parseHash(text: string): ParsedHash | null {
  if (text.length > 256) return null;
  const parts = text.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((part) => (/^\d{1,8}$/.test(part) ? Number(part) : NaN));
  const [salt, key] = parts.slice(4).map((part) => (/^[A-Za-z0-9_-]+$/.test(part) ? part : ''));
  if (N === undefined || r === undefined || p === undefined || !salt || !key) return null;
  const powerOfTwo = Number.isInteger(Math.log2(N));
  if (!powerOfTwo || N < 1_024 || r < 1 || r > 16 || p < 1 || p > 4) return null;
  if (128 * N * r * p > MAX_MEMORY / 2) return null;
  const saltBytes = Buffer.from(salt, 'base64url');
  const keyBytes = Buffer.from(key, 'base64url');
  if (saltBytes.length < 8 || keyBytes.length < 16 || keyBytes.length > 64) return null;
  return { N, r, p, salt: saltBytes, key: keyBytes };
}
