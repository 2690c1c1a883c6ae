// Fictitious beneficiaries for the simulated card: invented names, NIRs with a valid key.
import type { PatientIdentity } from '../../contract';

/** A fictitious family on one simulated Carte Vitale; the NIRs are invented and carry valid keys. */
export const SAMPLE_BENEFICIARIES: readonly PatientIdentity[] = [
  {
    surname: 'MARTINEAU',
    firstName: 'Odile',
    birthDate: '1948-03-12',
    nir: withKey('2480375123456'),
    source: 'card',
    // The card's holder, the insured person; her grandson is a beneficiary on her card.
    holder: true,
  },
  {
    surname: 'MARTINEAU',
    firstName: 'Lucas',
    birthDate: '2014-09-30',
    nir: withKey('1140975123457'),
    source: 'card',
    holder: false,
  },
];

/** Appends the NIR key (97 − number mod 97) to 13 digits. */
export function withKey(thirteenDigits: string): string {
  const key = 97n - (BigInt(thirteenDigits) % 97n);
  return thirteenDigits + key.toString().padStart(2, '0');
}
