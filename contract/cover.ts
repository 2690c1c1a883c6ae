// The cover questions: which plain yes/no facts decide what the Assurance Maladie reimburses, which of
// them a patient is asked (from the profession and the age band, never asked again), and the answers.
// Pure rules shared by the session (which checks the answers) and the screen (which asks them).
// Sources: PRODUCT.md "Rules that the cabin must follow" and "More facts, found since".
import { isTeleconsultation, type Profession } from './domain';

/** The three answers every cover question offers, "je ne sais pas" included. */
export const ANSWERS = ['yes', 'no', 'unknown'] as const;

/** One answer: yes, no, or "I do not know" (never taken as a no: the Assurance Maladie decides). */
export type Answer = (typeof ANSWERS)[number];

/**
 * Age bands on the session's date, from the identity's birth date (PRODUCT.md: "Minors: from 3 to 16
 * years old, with a parent whose card covers the child; 16–18, with their own card").
 * `under16`: no parcours-de-soins condition, no participation; `under18`: usual parcours rules, no
 * participation; `adult`: all rules.
 */
export const AGE_BANDS = ['under16', 'under18', 'adult'] as const;

/** The patient's age band on the session's date. */
export type AgeBand = (typeof AGE_BANDS)[number];

/** All cover questions, in the order they are asked; each one plain fact. */
export const CARE_PATH_QUESTIONS = [
  // Parcours de soins (doctors only, 16 and over): "a self-initiated consultation outside the parcours
  // de soins is not reimbursed, except listed cases (…; no or unavailable médecin traitant; urgency;
  // residents of EHPAD or disability homes; detainees)".
  'hasRegularDoctor',
  'referredByRegularDoctor',
  'regularDoctorUnavailable',
  'exemptedSituation',
  // "reimbursed 70 % (100 % for ALD, maternity)".
  'longTermCondition',
  // Maternity from the sixth month: 100 %, no participation forfaitaire.
  'pregnantSixthMonth',
  // Complémentaire santé solidaire: no participation forfaitaire, tiers payant.
  'solidarityCover',
] as const;

/** One cover question. */
export type CarePathQuestion = (typeof CARE_PATH_QUESTIONS)[number];

/** The patient's answers; null for a question not asked (it does not apply to this patient). */
export type CarePathAnswers = { readonly [Q in CarePathQuestion]: Answer | null };

/** Answers so far, while the questions are being asked one at a time. */
export type PartialCarePathAnswers = Partial<Record<CarePathQuestion, Answer>>;

/**
 * The doctors' specialties a patient may consult without being referred by the médecin traitant
 * (PRODUCT.md: "direct-access specialists: gynécologie, ophtalmologie, stomatologie, chirurgie orale et
 * maxillo-faciale, psychiatrie, pédiatrie"). The cabin learns the specialty only from a booked
 * appointment; "next available" is a general practitioner's téléconsultation.
 */
export const DIRECT_ACCESS_SPECIALTIES = [
  'gynecology',
  'ophthalmology',
  'stomatology',
  'oralMaxillofacialSurgery',
  'psychiatry',
  'pediatrics',
] as const;

/** A direct-access specialty of a booked doctor. */
export type DirectAccessSpecialty = (typeof DIRECT_ACCESS_SPECIALTIES)[number];

/**
 * True when seeing this booked specialty at this age is direct access; psychiatry is direct access
 * only from 16 to 25 years old (ameli, "parcours de soins coordonnés": "psychiatrie ou
 * neuropsychiatrie pour les patients âgés de 16 à 25 ans"). Null (no specialty known) is not.
 */
export function isDirectAccess(specialty: DirectAccessSpecialty | null, age: number): boolean {
  if (specialty === null) return false;
  return specialty !== 'psychiatry' || age <= 25;
}

/**
 * True when the parcours-de-soins questions apply: a doctor (midwives and dentists are direct access),
 * 16 or over, and not a booked direct-access specialist (`directAccess`).
 */
export function parcoursApplies(profession: Profession, band: AgeBand, directAccess = false): boolean {
  return profession === 'doctor' && band !== 'under16' && !directAccess;
}

/**
 * The questions to ask, in order, given the answers so far: a follow-up is asked only when the answer
 * before it leaves the parcours undecided ("Votre médecin traitant vous a-t-il orienté…" only to a
 * patient who has one; "indisponible" only when not referred; the listed situations only when the
 * médecin traitant does not already settle it). ALD, maternity and CSS are asked of everyone.
 */
export function carePathQuestionsToAsk(
  profession: Profession,
  band: AgeBand,
  answers: PartialCarePathAnswers,
  directAccess = false,
): CarePathQuestion[] {
  const asked: CarePathQuestion[] = [];
  if (parcoursApplies(profession, band, directAccess)) {
    asked.push('hasRegularDoctor');
    const hasOne = answers.hasRegularDoctor;
    if (hasOne === 'yes') {
      asked.push('referredByRegularDoctor');
      if (answers.referredByRegularDoctor !== undefined && answers.referredByRegularDoctor !== 'yes') {
        asked.push('regularDoctorUnavailable');
      }
    }
    if (parcoursUnsettled(answers)) asked.push('exemptedSituation');
  }
  asked.push('longTermCondition', 'pregnantSixthMonth', 'solidarityCover');
  return asked;
}

// The médecin-traitant answers given so far do not yet say "reimbursed": the listed situations may.
// "Je ne sais pas" to having one asks the situations too: they may settle it.
function parcoursUnsettled(answers: PartialCarePathAnswers): boolean {
  switch (answers.hasRegularDoctor) {
    case undefined:
      return false;
    case 'no':
      return false; // no médecin traitant: reimbursed (PRODUCT.md exemption)
    case 'unknown':
      return true;
    case 'yes':
      if (answers.referredByRegularDoctor === undefined) return false;
      if (answers.referredByRegularDoctor === 'yes') return false;
      if (answers.regularDoctorUnavailable === undefined) return false;
      return answers.regularDoctorUnavailable !== 'yes';
  }
}

/** True when `answers` answers exactly the questions this patient is asked, and no other. */
export function answersFit(
  profession: Profession,
  band: AgeBand,
  answers: CarePathAnswers,
  directAccess = false,
): boolean {
  const given: PartialCarePathAnswers = {};
  for (const question of CARE_PATH_QUESTIONS) {
    const answer = answers[question];
    if (answer !== null) given[question] = answer;
  }
  const expected = carePathQuestionsToAsk(profession, band, given, directAccess);
  return CARE_PATH_QUESTIONS.every(
    (question) => (answers[question] !== null) === expected.includes(question),
  );
}

/** The full answer record from the answers given, null for each question not asked. */
export function completeAnswers(given: PartialCarePathAnswers): CarePathAnswers {
  const entries = CARE_PATH_QUESTIONS.map((question) => [question, given[question] ?? null] as const);
  return Object.fromEntries(entries) as CarePathAnswers;
}

/** What is deducted from the reimbursement: the participation forfaitaire (doctors) or the franchise médicale (auxiliaries). */
export type Deduction = 'participationForfaitaire' | 'franchiseMedicale';

/**
 * Which deduction a profession's acts carry: the participation forfaitaire on a doctor's consultation,
 * none on a midwife's, a dentist's or a pharmacist's, the franchise médicale on an auxiliaire médical's
 * act (Que Choisir and ameli, 2024: "la participation forfaitaire ne s'applique pas chez le
 * chirurgien-dentiste, ni chez la sage-femme"; the franchise covers paramedical acts).
 */
export function deductionOf(profession: Profession): Deduction | null {
  if (profession === 'doctor') return 'participationForfaitaire';
  if (isTeleconsultation(profession) || profession === 'pharmacist') return null;
  return 'franchiseMedicale';
}
