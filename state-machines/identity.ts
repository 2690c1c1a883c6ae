// Checks of identities typed by the patient or read from a card. Pure functions.
import type { IdentityField, PatientIdentity, TypedIdentity } from '../contract';

// Letters of any script, with spaces, hyphens and apostrophes inside a name ("Anne-Marie", "N'Diaye").
const NAME_PATTERN = /^\p{L}[\p{L}\p{M} '’-]*$/u;
const NIR_PATTERN = /^[12378]\d{4}(?:\d{2}|2A|2B)\d{6}\d{2}$/;

/** True when the NIR's last two digits are its key: 97 − (first 13 digits mod 97), Corsica 2A→19, 2B→18. */
export function isValidNir(nir: string): boolean {
  if (!NIR_PATTERN.test(nir)) return false;
  const body = nir.slice(0, 13).replace('2A', '19').replace('2B', '18');
  const key = 97n - (BigInt(body) % 97n);
  return key === BigInt(nir.slice(13));
}

/** Removes the spaces and dots people type inside a NIR, and upper-cases the Corsican letters. */
export function normaliseNir(raw: string): string {
  return raw.replace(/[\s.]/g, '').toUpperCase();
}

/** True when `iso` is a real calendar date YYYY-MM-DD between 1900-01-01 and `today` (epoch ms). */
export function isPlausibleBirthDate(iso: string, today: number): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real && year >= 1900 && date.getTime() <= today;
}

/** Validates the manual-entry form; answers the identity, or the list of fields to correct. */
export function checkTypedIdentity(
  typed: TypedIdentity,
  today: number,
): { ok: true; identity: PatientIdentity } | { ok: false; invalidFields: IdentityField[] } {
  const surname = typed.surname.trim().replace(/\s+/g, ' ');
  const firstName = typed.firstName.trim().replace(/\s+/g, ' ');
  const nir = normaliseNir(typed.nir);
  const invalidFields: IdentityField[] = [];
  if (!NAME_PATTERN.test(surname)) invalidFields.push('surname');
  if (!NAME_PATTERN.test(firstName)) invalidFields.push('firstName');
  if (!isPlausibleBirthDate(typed.birthDate, today)) invalidFields.push('birthDate');
  if (nir !== '' && !isValidNir(nir)) invalidFields.push('nir');
  if (invalidFields.length > 0) return { ok: false, invalidFields };
  return {
    ok: true,
    identity: {
      surname,
      firstName,
      birthDate: typed.birthDate,
      nir: nir === '' ? null : nir,
      source: 'manual',
    },
  };
}
