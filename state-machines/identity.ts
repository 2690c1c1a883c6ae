// Checks of identities typed by the patient or read from a card. Pure functions.
// Card identities are not re-checked: a card may carry names in capitals without accents, as written.
import {
  NAME_MAX_LENGTH,
  NIR_LENGTH,
  nirKey,
  type IdentityProblem,
  type InvalidField,
  type PatientIdentity,
  type TypedIdentity,
} from '../contract';

/**
 * The letters French civil status writes: the Latin alphabet and the diacritics listed by the
 * circulaire of 23 July 2014 (état civil, annexe: à â ä é è ê ë ï î ô ö ù û ü ÿ ç, and the ligatures
 * æ œ), in both cases. Anything else (ñ, ø, ß, another script) is refused.
 */
const CIVIL_STATUS_LETTER = /^[a-zA-ZàâäçéèêëîïôöùûüÿæœÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÆŒ]$/u;
/** Separators a name may have inside it: hyphen, apostrophe (straight or typographic), space. */
const SEPARATOR = /^[-'’ ]$/u;

/** Why a surname or first name (already trimmed) is refused, or null when French civil status accepts it. */
export function nameProblem(name: string): IdentityProblem | null {
  if (name === '') return 'empty';
  if (name.length > NAME_MAX_LENGTH) return 'tooLong';
  const characters = [...name];
  if (characters.some((c) => /\p{N}/u.test(c))) return 'digit';
  if (characters.some((c) => /\p{L}|\p{M}/u.test(c) && !CIVIL_STATUS_LETTER.test(c)))
    return 'letterNotAllowed';
  if (characters.some((c) => !CIVIL_STATUS_LETTER.test(c) && !SEPARATOR.test(c))) return 'symbol';
  if (SEPARATOR.test(characters[0] ?? '') || SEPARATOR.test(characters.at(-1) ?? ''))
    return 'separatorAtEdge';
  if (characters.some((c, i) => i > 0 && SEPARATOR.test(c) && SEPARATOR.test(characters[i - 1] ?? '')))
    return 'separatorsTogether';
  return null;
}

/** Removes the spaces and dots people type inside a NIR, and upper-cases the Corsican letters. */
export function normaliseNir(raw: string): string {
  return raw.replace(/[\s.]/g, '').toUpperCase();
}

/**
 * Why a normalised NIR is refused, or null when it is right. Its shape: 15 characters, digits only
 * except 2A / 2B as the département (characters 6 and 7); a first digit of 1 or 2 (a man, a woman), 3,
 * or 7 / 8 (a temporary number); the key is 97 − (the first 13 characters as a number, mod 97).
 */
export function nirProblem(nir: string): IdentityProblem | null {
  const corsica = /^2[AB]$/.test(nir.slice(5, 7));
  const digitsOnly = corsica ? nir.slice(0, 5) + nir.slice(7) : nir;
  if (!/^\d*$/.test(digitsOnly)) return 'nirLetter';
  if (nir.length < NIR_LENGTH) return 'nirTooShort';
  if (nir.length > NIR_LENGTH) return 'nirTooLong';
  if (!/^[12378]/.test(nir)) return 'nirFirstDigit';
  // The key rule is the contract's (Corsica's 2A counts as 19, 2B as 18: INSEE's rule).
  return nirKey(nir.slice(0, 13)) === Number(nir.slice(13)) ? null : 'nirWrongKey';
}

/** True when the NIR's last two digits are its key: 97 − (first 13 digits mod 97), Corsica 2A→19, 2B→18. */
export function isValidNir(nir: string): boolean {
  return nirProblem(nir) === null;
}

/** Why `iso` is not a birth date, or null when it is a real date YYYY-MM-DD from 1900-01-01 to `today` (epoch ms). */
export function birthDateProblem(iso: string, today: number): IdentityProblem | null {
  if (iso === '') return 'empty';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return 'notADate';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real) return 'notADate';
  if (year < 1900) return 'before1900';
  return date.getTime() > today ? 'inFuture' : null;
}

/** True when `iso` is a real calendar date YYYY-MM-DD between 1900-01-01 and `today` (epoch ms). */
export function isPlausibleBirthDate(iso: string, today: number): boolean {
  return birthDateProblem(iso, today) === null;
}

/** Validates the manual-entry form; answers the identity, or the fields to correct with their reasons. */
export function checkTypedIdentity(
  typed: TypedIdentity,
  today: number,
): { ok: true; identity: PatientIdentity } | { ok: false; invalidFields: InvalidField[] } {
  // NFC: a pasted or physically typed "é" may arrive as "e" + a combining accent.
  const tidy = (name: string): string => name.normalize('NFC').trim().replace(/\s+/g, ' ');
  const surname = tidy(typed.surname);
  const firstName = tidy(typed.firstName);
  const nir = normaliseNir(typed.nir);
  const checks: readonly [InvalidField['field'], string, IdentityProblem | null][] = [
    ['surname', surname, nameProblem(surname)],
    ['firstName', firstName, nameProblem(firstName)],
    ['birthDate', typed.birthDate, birthDateProblem(typed.birthDate, today)],
    ['nir', nir, nir === '' ? null : nirProblem(nir)],
  ];
  const invalidFields = checks.flatMap(([field, value, problem]): InvalidField[] =>
    problem === null ? [] : [{ field, problem, length: [...value].length }],
  );
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
