// What the consultation costs the patient and who pays back what, from the profession, the age band and
// the cover answers. Facts (PRODUCT.md): téléconsultation 25 € (NGAP TC/TCG), reimbursed 70 %, 100 % for
// ALD and maternity; outside the parcours de soins and outside the listed exemptions (patients under 16,
// no or unavailable médecin traitant, urgency, EHPAD or disability home, detainees) it is not
// reimbursed. Participation forfaitaire: 2 € per consultation since May 2024, deducted from the
// reimbursement; not for minors, pregnant women from the sixth month, or CSS beneficiaries.
import type { AgeBand, Answer, CarePathAnswers, CostInformation, CoverCase, Profession } from '../contract';
import { deductionOf, parcoursApplies } from '../contract';

/** Fee, usual cover and deduction of one kind of act; the operator's configuration may replace the defaults. */
export interface Tariff {
  readonly feeCents: number;
  readonly reimbursedPercent: number;
  /** The participation forfaitaire (doctors) or franchise médicale (auxiliaries); 0 where none applies. */
  readonly deductionCents: number;
}

/**
 * The tiers payant the operator offers (main/config.ts `thirdPartyPayment`). `legalCases`: only where the
 * law gives it (ALD, maternity from the sixth month, CSS); the patient advances the whole fee otherwise.
 * `complementaryPartDue`: for every reimbursed consultation the Assurance Maladie pays the professional
 * directly and the patient pays only the complementary part (the ticket modérateur). `nothingDue`: for
 * every reimbursed consultation the patient pays nothing in the cabin (the professional bills both the
 * Assurance Maladie and the complementary insurance). A consultation that is not reimbursed is always paid whole.
 */
export type ThirdPartyPaymentPolicy = 'legalCases' | 'complementaryPartDue' | 'nothingDue';

/** Every tiers-payant policy an operator may configure. */
export const THIRD_PARTY_PAYMENT_POLICIES: readonly ThirdPartyPaymentPolicy[] = [
  'legalCases',
  'complementaryPartDue',
  'nothingDue',
];

/** Tariffs by profession, for every profession the journey offers. */
export type TariffTable = { readonly [P in Profession]: Tariff };

/**
 * The default tariffs, which the operator's configuration (`tariffs` in main/config.ts) replaces.
 * Téléconsultation (doctor, midwife, dentist): 25 € at 70 % (PRODUCT.md); the participation forfaitaire
 * of 2 € applies to a doctor's consultation only. Télésoin: plausible figures of each profession's
 * usual act (the nurse's télésoin act 10 €, a physiotherapy session about 16,50 €, a speech-therapy
 * session about 20 €, auxiliaries at 60 %, franchise médicale 1 € since April 2024); each operator sets
 * its own in the cabin configuration.
 */
export const DEFAULT_TARIFFS: TariffTable = {
  doctor: { feeCents: 2500, reimbursedPercent: 70, deductionCents: 200 },
  midwife: { feeCents: 2500, reimbursedPercent: 70, deductionCents: 0 },
  dentist: { feeCents: 2500, reimbursedPercent: 70, deductionCents: 0 },
  pharmacist: { feeCents: 1000, reimbursedPercent: 70, deductionCents: 0 },
  nurse: { feeCents: 1000, reimbursedPercent: 60, deductionCents: 100 },
  physiotherapist: { feeCents: 1650, reimbursedPercent: 60, deductionCents: 100 },
  speechTherapist: { feeCents: 2000, reimbursedPercent: 60, deductionCents: 100 },
};

/** Full years of age on the date of `at` (epoch ms, UTC date) for a birth date YYYY-MM-DD. */
export function ageOn(birthDate: string, at: number): number {
  const [year, month, day] = birthDate.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) {
    throw new Error('ageOn: a birth date that is not YYYY-MM-DD');
  }
  const today = new Date(at);
  const beforeBirthday =
    today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day);
  return today.getUTCFullYear() - year - (beforeBirthday ? 1 : 0);
}

/** The age band on the session's date: under 16, 16 to 17, or 18 and over. */
export function ageBandOf(birthDate: string, at: number): AgeBand {
  const age = ageOn(birthDate, at);
  if (age < 16) return 'under16';
  if (age < 18) return 'under18';
  return 'adult';
}

/** The answers of an adult in the parcours de soins without ALD, maternity or CSS: the usual case. */
export const USUAL_ANSWERS: CarePathAnswers = {
  hasRegularDoctor: 'yes',
  referredByRegularDoctor: 'yes',
  regularDoctorUnavailable: null,
  exemptedSituation: null,
  longTermCondition: 'no',
  pregnantSixthMonth: 'no',
  solidarityCover: 'no',
};

/** The cost shown on the information screen, before any answer: an adult's doctor téléconsultation in the parcours. */
export function standardCost(
  tariffs: TariffTable,
  thirdPartyPayment: ThirdPartyPaymentPolicy = 'legalCases',
): CostInformation {
  return costFor(tariffs, 'doctor', 'adult', USUAL_ANSWERS, false, thirdPartyPayment);
}

/**
 * The cost of this consultation for this patient. A "je ne sais pas" that changes what is reimbursed
 * makes two cases, the answer in the patient's favour (`cover`) and against (`otherwise`): the
 * Assurance Maladie decides. What is paid in the cabin is the case against, so never more than shown.
 */
export function costFor(
  tariffs: TariffTable,
  profession: Profession,
  band: AgeBand,
  answers: CarePathAnswers,
  directAccess = false,
  thirdPartyPayment: ThirdPartyPaymentPolicy = 'legalCases',
): CostInformation {
  const tariff = tariffs[profession];
  const facts = (favourable: boolean) => factsOf(profession, band, answers, favourable, directAccess);
  const favourable = coverCase(tariff, profession, band, facts(true), thirdPartyPayment);
  const against = coverCase(tariff, profession, band, facts(false), thirdPartyPayment);
  const decided = sameCase(favourable, against);
  return {
    profession,
    feeCents: tariff.feeCents,
    deduction: tariff.deductionCents > 0 ? deductionOf(profession) : null,
    cover: favourable,
    otherwise: decided ? null : against,
    solidarityCover: answers.solidarityCover === 'yes',
    amountDueTodayCents: against.amountDueTodayCents,
  };
}

/** The facts that decide the cover, once each "je ne sais pas" is taken one way. */
interface CoverFacts {
  readonly inParcours: boolean;
  readonly longTermCondition: boolean;
  readonly pregnantSixthMonth: boolean;
  readonly solidarityCover: boolean;
}

// `favourable`: each unknown answer taken in the patient's favour; otherwise against them.
function factsOf(
  profession: Profession,
  band: AgeBand,
  answers: CarePathAnswers,
  favourable: boolean,
  directAccess: boolean,
): CoverFacts {
  const holds = (answer: Answer | null): boolean => answer === 'yes' || (favourable && answer === 'unknown');
  // Having a médecin traitant is what brings the parcours condition: its favourable side is "no".
  const hasRegularDoctor =
    answers.hasRegularDoctor === 'yes' || (!favourable && answers.hasRegularDoctor === 'unknown');
  const inParcours =
    !parcoursApplies(profession, band, directAccess) ||
    !hasRegularDoctor ||
    holds(answers.referredByRegularDoctor) ||
    holds(answers.regularDoctorUnavailable) ||
    holds(answers.exemptedSituation);
  return {
    inParcours,
    longTermCondition: holds(answers.longTermCondition),
    pregnantSixthMonth: holds(answers.pregnantSixthMonth),
    solidarityCover: holds(answers.solidarityCover),
  };
}

function coverCase(
  tariff: Tariff,
  profession: Profession,
  band: AgeBand,
  facts: CoverFacts,
  policy: ThirdPartyPaymentPolicy,
): CoverCase {
  const reimbursed = facts.inParcours;
  // ALD and maternity (from the sixth month): 100 %, with tiers payant.
  const fullCover = facts.longTermCondition || facts.pregnantSixthMonth;
  const reimbursedPercent = !reimbursed ? 0 : fullCover ? 100 : tariff.reimbursedPercent;
  // Not for minors (under 18), pregnant women from the sixth month, CSS beneficiaries.
  const exempted = band !== 'adult' || facts.pregnantSixthMonth || facts.solidarityCover;
  const deductionCents =
    reimbursed && !exempted && deductionOf(profession) !== null ? tariff.deductionCents : 0;
  const grossCents = Math.round((tariff.feeCents * reimbursedPercent) / 100);
  const assuranceMaladieCents = Math.max(0, grossCents - deductionCents);
  // The law's cases, and every reimbursed consultation where the operator offers tiers payant.
  const thirdPartyPayment = reimbursed && (fullCover || facts.solidarityCover || policy !== 'legalCases');
  return {
    reimbursed,
    reimbursedPercent,
    deductionCents,
    assuranceMaladieCents,
    // The ticket modérateur, which a complementary insurance may cover; it never covers the deduction.
    complementaryCents: reimbursed ? tariff.feeCents - grossCents : 0,
    patientShareCents: tariff.feeCents - assuranceMaladieCents,
    thirdPartyPayment,
    // Without tiers payant the patient advances the whole fee and is paid back later. With it they pay
    // only the ticket modérateur (nothing under the CSS, which pays it); a deduction is then kept back
    // from a later reimbursement (ameli), not paid in the cabin. The operator's `nothingDue` has the
    // professional bill the complementary part too.
    amountDueTodayCents: !thirdPartyPayment
      ? tariff.feeCents
      : facts.solidarityCover || policy === 'nothingDue'
        ? 0
        : tariff.feeCents - grossCents,
  };
}

function sameCase(a: CoverCase, b: CoverCase): boolean {
  return (Object.keys(a) as (keyof CoverCase)[]).every((key) => a[key] === b[key]);
}
