// The NIR key rule (DEVICES.md): key = 97 − (first 13 digits mod 97), with Corsica's 2A read as 19 and 2B
// as 18 for the computation. Kept here rather than imported: devices/ may not import state-machines/.

const NIR_SHAPE = /^[12378]\d{4}(?:\d{2}|2A|2B)\d{6}\d{2}$/;

/** True when `nir` is 15 characters of NIR shape whose last two digits are the right key. */
export function nirKeyIsValid(nir: string): boolean {
  if (!NIR_SHAPE.test(nir)) return false;
  const body = nir.slice(0, 13).replace('2A', '19').replace('2B', '18');
  return 97n - (BigInt(body) % 97n) === BigInt(nir.slice(13));
}

/** Appends the key to 13 NIR characters (for fictitious test cards). */
export function withNirKey(thirteen: string): string {
  const body = thirteen.replace('2A', '19').replace('2B', '18');
  return thirteen + (97n - (BigInt(body) % 97n)).toString().padStart(2, '0');
}
