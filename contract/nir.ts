// The NIR (numéro de sécurité sociale) the professional bills with: its shape and its key, the one rule
// every side shares (the card reader, the typed identity, the platform's check of the billing block).
// INSEE's rule: 15 characters, digits except 2A / 2B (Corsica) as the département (characters 6-7); the
// key (characters 14-15) is 97 − (the first 13 characters as a number mod 97), 2A read as 19 and 2B as 18.

/** The shape of a NIR: a first digit 1, 2 (a man, a woman), 3 or 7 / 8 (a temporary number), 2A / 2B allowed. */
export const NIR_SHAPE = /^[12378]\d{4}(?:\d{2}|2A|2B)\d{8}$/;

/** The key of 13 NIR characters: 97 − (their number mod 97), with Corsica's 2A as 19 and 2B as 18. */
export function nirKey(thirteen: string): number {
  const body = thirteen.replace('2A', '19').replace('2B', '18');
  return Number(97n - (BigInt(body) % 97n));
}

/** True when `nir` has the NIR's shape and its last two digits are the key of the first 13. */
export function nirKeyIsValid(nir: string): boolean {
  if (!NIR_SHAPE.test(nir)) return false;
  return nirKey(nir.slice(0, 13)) === Number(nir.slice(13));
}

/** Appends the key to 13 NIR characters (fictitious numbers for tests and simulators). */
export function withNirKey(thirteen: string): string {
  return thirteen + String(nirKey(thirteen)).padStart(2, '0');
}
