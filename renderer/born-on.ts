// "Né le" or "Née le": the wording of a birth date on the identity confirmation, from the card's number.
import type { PatientIdentity } from '../contract/domain';

/** The string of `identification` that says the birth date: for a man, for a woman, or for anyone. */
export type BornOnWording = 'bornOnMan' | 'bornOnWoman' | 'bornOn';

/**
 * The wording for a birth date, from the sex digit of a card's NIR (its first digit, INSEE): 1 a man,
 * 2 a woman; 7 and 8 the same for a temporary number (NIA). Any other digit, no NIR, or a typed
 * identity (the number typed may be the insured parent's, not the patient's) gives the wording for
 * anyone ("Date de naissance").
 */
export function bornOnWording(identity: Pick<PatientIdentity, 'nir' | 'source'>): BornOnWording {
  if (identity.source !== 'card' || identity.nir === null) return 'bornOn';
  switch (identity.nir[0]) {
    case '1':
    case '7':
      return 'bornOnMan';
    case '2':
    case '8':
      return 'bornOnWoman';
    default:
      return 'bornOn';
  }
}
