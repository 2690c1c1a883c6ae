// Traces of a patient in the bytes a cabin wrote: every textual form of their identity and of their
// measured values, searched in every file under a folder (the forensic check and the fault matrix).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { PatientIdentity, Quantity } from '../../contract';

/** Every textual form of an identity the cabin could write: as typed, in upper and lower case, spaced, reordered. */
export function identityForms(patient: PatientIdentity): string[] {
  const [year, month, day] = patient.birthDate.split('-') as [string, string, string];
  const nir = patient.nir ?? '';
  return [
    patient.surname,
    patient.firstName,
    patient.birthDate,
    `${year}${month}${day}`,
    `${day}/${month}/${year}`,
    `${day}.${month}.${year}`,
    `${day}${month}${year}`,
    ...(nir === ''
      ? []
      : [
          nir,
          nir.slice(0, 13),
          `${nir.slice(0, 1)} ${nir.slice(1, 3)} ${nir.slice(3, 5)} ${nir.slice(5, 7)} ${nir.slice(7, 10)} ${nir.slice(10, 13)}`,
        ]),
  ];
}

// What stands around a number written as a value (JSON, a log field, a CSV or a line of text), and not
// around two digits that happen to sit in a random id, a hash or a page of the database file.
const BEFORE_VALUE = `(?<=[:=\\s"'\\[(,;])`;
const AFTER_VALUE = `(?=[\\s"'\\]),;}]|$)`;

/**
 * Measured values as text: JSON numbers, fixed decimals, French decimal commas. A decimal is distinctive on
 * its own; a whole number (86) counts only where a value is written, so that the random bytes of an id
 * or of the database file cannot look like a diastolic pressure.
 */
function valuePatterns(quantities: readonly Quantity[]): RegExp[] {
  const values = new Set(quantities.map((q) => q.value));
  const sources = new Set(
    [...values].flatMap((value) =>
      [String(value), value.toFixed(1), value.toFixed(2)]
        .map((form) => form.replace(/\.0+$/, ''))
        .flatMap((form) => [form.replace('.', '\\.'), form.replace('.', ',')])
        .map((form) =>
          /^\d+$/.test(form) ? `${BEFORE_VALUE}${form}${AFTER_VALUE}` : `(?<![0-9.,])${form}(?![0-9])`,
        ),
    ),
  );
  return [...sources].map((source) => new RegExp(source));
}

/** Every file under `directory`, recursively. */
export function filesUnder(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });
}

/**
 * Where a patient's data was found under `root`: `file: form` for each hit, in latin1, UTF-8 lower case
 * and UTF-16LE; `quantities` are their measured values (none: the identity only).
 */
export function hitsUnder(
  root: string,
  patient: PatientIdentity,
  quantities: readonly Quantity[] = [],
): string[] {
  const forms = identityForms(patient);
  const patterns = valuePatterns(quantities);
  const hits: string[] = [];
  for (const file of filesUnder(root)) {
    const bytes = readFileSync(file);
    const name = relative(root, file);
    const asLatin1 = bytes.toString('latin1');
    const lower = asLatin1.toLowerCase();
    const asUtf16 = bytes.toString('utf16le');
    const utf16Shifted = bytes.subarray(1).toString('utf16le');
    for (const form of forms) {
      const needle = form.toLowerCase();
      if (
        lower.includes(needle) ||
        [asUtf16, utf16Shifted].some((text) => text.toLowerCase().includes(needle))
      ) {
        hits.push(`${name}: ${form}`);
      }
    }
    for (const pattern of patterns) {
      if ([asLatin1, asUtf16, utf16Shifted].some((text) => pattern.test(text)))
        hits.push(`${name}: ${pattern.source}`);
    }
  }
  return hits;
}
