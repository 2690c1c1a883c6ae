// What the professional needs to bill a patient they do not know (SESAM sans Vitale, rights checked with
// ADRi): the surname, first name and NIR, the birth date of a beneficiary who is not the insured person,
// and the answers that decide the cover (parcours de soins, ALD or maternity, CSS, a minor). Sent with
// the cabin's `queue.join`, given by the platform to the professional who takes the patient only, and
// forgotten when the call ends. Sources: PRODUCT.md "Identification for billing" and "More facts".
// A NIR whose key is wrong is never passed on as if it were right: it is dropped and flagged.
import type { Answer, CarePathAnswers } from './cover';
import type { PatientIdentity } from './domain';
import { NIR_SHAPE, nirKeyIsValid } from './nir';
import { boolean, isRecord, matching, nullable, object, oneOf, text, type Check } from './schema';

/**
 * Where the bill's NIR stands: `valid` (its key is right), `missing` (typed without one, or none on the
 * card), `keyWrong` (the card's number failed its key check: it is not sent, the professional asks).
 */
export const NIR_STATUSES = ['valid', 'missing', 'keyWrong'] as const;

/** One state of the bill's NIR. */
export type NirStatus = (typeof NIR_STATUSES)[number];

/**
 * Who the patient is to the Assurance Maladie: the `insured` person (the card's holder), a
 * `beneficiary` (ayant droit) on someone else's card, whose birth date the bill needs, or `notSaid` (a
 * typed identity, or a card reader that does not say: the birth date goes too).
 */
export const INSURED_STATUSES = ['insured', 'beneficiary', 'notSaid'] as const;

/** Whether the patient is the insured person. */
export type InsuredStatus = (typeof INSURED_STATUSES)[number];

/**
 * The parcours de soins as the patient's answers leave it: `followed` (referred, no médecin traitant,
 * médecin traitant unavailable, or a listed exemption), `outside`, `unsure` (a "je ne sais pas" left it
 * to the Assurance Maladie), `notAsked` (the condition does not apply: not a doctor, under 16, direct
 * access).
 */
export const CARE_PATH_STATUSES = ['followed', 'outside', 'unsure', 'notAsked'] as const;

/** The parcours de soins for the bill. */
export type CarePathStatus = (typeof CARE_PATH_STATUSES)[number];

/** The answers that decide the cover, for the bill; an answer is null when the cabin did not ask it. */
export interface BillingCover {
  readonly carePath: CarePathStatus;
  /** ALD (affection de longue durée): 100 %, tiers payant. */
  readonly longTermCondition: Answer | null;
  /** Pregnant from the sixth month: 100 %, no participation forfaitaire. */
  readonly maternity: Answer | null;
  /** Complémentaire santé solidaire. */
  readonly solidarityCover: Answer | null;
  /** Under 18 on the day of the consultation: no participation forfaitaire. */
  readonly minor: boolean;
}

/** The billing block of a call. Patient data: memory only, for the professional who takes the patient. */
export interface BillingDetails {
  readonly surname: string;
  readonly firstName: string;
  /** The NIR (15 characters, key checked) when `nirStatus` is `valid`, else null. */
  readonly nir: string | null;
  readonly nirStatus: NirStatus;
  readonly insured: InsuredStatus;
  /** ISO YYYY-MM-DD; null for the insured person (the bill needs it for a beneficiary only). */
  readonly birthDate: string | null;
  /** `card`: read from the Carte Vitale; `manual`: typed in the cabin, checked by no card. */
  readonly source: 'card' | 'manual';
  readonly cover: BillingCover;
}

/** The parcours de soins the answers leave, with the same reading of each answer as the cabin's cost. */
export function carePathStatusOf(answers: CarePathAnswers | null): CarePathStatus {
  if (answers?.hasRegularDoctor == null) return 'notAsked';
  const settles = [
    answers.referredByRegularDoctor,
    answers.regularDoctorUnavailable,
    answers.exemptedSituation,
  ];
  // No médecin traitant is one of the listed cases: the condition does not hold against the patient.
  if (answers.hasRegularDoctor === 'no' || settles.includes('yes')) return 'followed';
  if (answers.hasRegularDoctor === 'unknown' || settles.includes('unknown')) return 'unsure';
  return 'outside';
}

/**
 * The billing block of `identity` with its cover `answers` (null when none were asked) and whether the
 * patient is `minor` today. A NIR whose key is wrong is dropped and flagged `keyWrong`, never sent.
 */
export function billingDetailsOf(
  identity: PatientIdentity,
  answers: CarePathAnswers | null,
  minor: boolean,
): BillingDetails {
  const nirStatus: NirStatus =
    identity.nir !== null
      ? nirKeyIsValid(identity.nir)
        ? 'valid'
        : 'keyWrong'
      : identity.cardNirFault === 'invalidKey'
        ? 'keyWrong'
        : 'missing';
  const insured: InsuredStatus =
    identity.holder === true ? 'insured' : identity.holder === false ? 'beneficiary' : 'notSaid';
  return {
    surname: identity.surname,
    firstName: identity.firstName,
    nir: nirStatus === 'valid' ? identity.nir : null,
    nirStatus,
    insured,
    birthDate: insured === 'insured' ? null : identity.birthDate,
    source: identity.source,
    cover: {
      carePath: carePathStatusOf(answers),
      longTermCondition: answers?.longTermCondition ?? null,
      maternity: answers?.pregnantSixthMonth ?? null,
      solidarityCover: answers?.solidarityCover ?? null,
      minor,
    },
  };
}

const answer = nullable(oneOf(['yes', 'no', 'unknown']));
const shape = object({
  surname: text(80, 1),
  firstName: text(80, 1),
  nir: nullable(matching(NIR_SHAPE, 15)),
  nirStatus: oneOf(NIR_STATUSES),
  insured: oneOf(INSURED_STATUSES),
  birthDate: nullable(matching(/^\d{4}-\d{2}-\d{2}$/, 10)),
  source: oneOf(['card', 'manual']),
  cover: object({
    carePath: oneOf(CARE_PATH_STATUSES),
    longTermCondition: answer,
    maternity: answer,
    solidarityCover: answer,
    minor: boolean,
  }),
});

/**
 * Checks a billing block from a peer: its shape, then that it says one thing: a NIR exactly when its
 * status is `valid`, with its key right; a birth date exactly when the patient is not the insured.
 */
export const billingDetails: Check = (value, path) => {
  const bad = shape(value, path);
  if (bad !== null || !isRecord(value)) return bad ?? path;
  const nir = value.nir as string | null;
  if ((value.nirStatus === 'valid') !== (nir !== null)) return `${path}.nirStatus`;
  if (nir !== null && !nirKeyIsValid(nir)) return `${path}.nir`;
  if ((value.insured === 'insured') !== (value.birthDate === null)) return `${path}.birthDate`;
  return null;
};
