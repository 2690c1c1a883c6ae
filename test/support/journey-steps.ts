// Stretches of the patient journey that several end-to-end tests walk the same way, touch by touch.
import type { CabinPage } from './cabin-under-test';

/** What a step needs of a cabin page; `screen` may be a test's own, which names the screenshots. */
export type Patient = Pick<CabinPage, 'screen' | 'tap' | 'answer'>;

/** Who may be with the patient, as the consent screen offers it (`presence-<presence>`). */
export type PresenceChoice = 'alone' | 'parent' | 'relative' | 'carer' | 'healthProfessional';

/** Welcome, information and consent, the patient present alone unless `presence` says who is there. */
export async function throughConsent(patient: Patient, presence: PresenceChoice = 'alone'): Promise<void> {
  await patient.screen('welcome');
  await patient.tap('start');
  await patient.screen('information');
  await patient.tap('next');
  await patient.screen('consent', 'asking');
  await patient.tap(`presence-${presence}`);
  await patient.tap('consent-accept');
}

/**
 * After the identity of a child under 16 is confirmed without a parent said present: the cabin asks
 * for one (and calls the attendant); the parent is there. `shot` names that screen's screenshot.
 */
export async function parentArrives(patient: Patient, shot?: string): Promise<void> {
  await patient.screen('identification', 'parentNeeded', shot);
  await patient.tap('parent-present');
}

/** Asks for the next available professional, then chooses this profession. */
export async function chooseNextAvailable(patient: Patient, profession: 'doctor' | 'nurse'): Promise<void> {
  await patient.screen('appointment', 'choosing');
  await patient.tap('next-available');
  await patient.screen('appointment', 'choosingProfession');
  await patient.tap(`profession-${profession}`);
}

/**
 * How the cover questions are answered: `referred`, an adult sent by their médecin traitant;
 * `outsideTheParcours`, an adult whose médecin traitant neither sent them nor is unavailable, in no listed
 * situation; `notAsked`, nobody asks about the médecin traitant (a child under 16, a midwife, a
 * dentist, télésoin). Then no ALD, no pregnancy, no CSS.
 */
export type CarePathWay = 'referred' | 'outsideTheParcours' | 'notAsked';

/** The cover questions, one at a time, answered `way`; ends on the cost screen, not yet accepted. */
export async function answerCarePath(patient: Patient, way: CarePathWay, costShot?: string): Promise<void> {
  await patient.screen('appointment', 'carePath');
  if (way !== 'notAsked') {
    await patient.answer('answer-hasRegularDoctor-yes');
    if (way === 'referred') {
      await patient.answer('answer-referredByRegularDoctor-yes');
    } else {
      await patient.answer('answer-referredByRegularDoctor-no');
      await patient.answer('answer-regularDoctorUnavailable-no');
      await patient.answer('answer-exemptedSituation-no');
    }
  }
  await patient.answer('answer-longTermCondition-no');
  await patient.answer('answer-pregnantSixthMonth-no');
  await patient.answer('answer-solidarityCover-no');
  await patient.tap('submit-answers');
  await patient.screen('appointment', 'cost', costShot);
}

/** Skips each of the four measurements on its instructions. */
export async function skipAllMeasurements(patient: Patient): Promise<void> {
  for (let i = 0; i < 4; i += 1) {
    await patient.screen('measurements', 'instructions');
    await patient.tap('skip');
  }
}

/** From the documents to review: prints them, goes on and pays, up to goodbye. */
export async function printAndPay(patient: Patient): Promise<void> {
  await patient.screen('documents', 'review');
  await patient.tap('print');
  await patient.screen('documents', 'printed');
  await patient.tap('next');
  await patient.screen('payment', 'confirm');
  await patient.tap('pay');
  await patient.screen('goodbye');
}

/**
 * After consent, with the two-beneficiary card: the holder chosen and confirmed, the next available
 * doctor, referred by the médecin traitant, the cost accepted, the measurements skipped, then the call
 * started; ends in the call (`consultation`, `inCall`).
 */
export async function fromConsentToTheCall(patient: Patient): Promise<void> {
  await patient.screen('identification', 'choosingBeneficiary');
  await patient.tap('beneficiary-0');
  await patient.screen('identification', 'confirming');
  await patient.tap('confirm-identity');
  await chooseNextAvailable(patient, 'doctor');
  await answerCarePath(patient, 'referred');
  await patient.tap('accept-cost');
  await skipAllMeasurements(patient);
  await patient.screen('waitingRoom', 'professionalReady');
  await patient.tap('start-call');
  await patient.screen('consultation', 'inCall');
}
