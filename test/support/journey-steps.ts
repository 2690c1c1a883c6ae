// Stretches of the patient journey that several end-to-end tests walk the same way, touch by touch.
import type { CabinPage } from './cabin-under-test';

/** What a step needs of a cabin page; `screen` may be a test's own, which names the screenshots. */
export type Patient = Pick<CabinPage, 'screen' | 'tap' | 'answer'>;

/** Welcome, information and consent, the patient present alone. */
export async function throughConsent(patient: Patient): Promise<void> {
  await patient.screen('welcome');
  await patient.tap('start');
  await patient.screen('information');
  await patient.tap('next');
  await patient.screen('consent');
  await patient.tap('presence-alone');
  await patient.tap('consent-accept');
}

/** Asks for the next available professional, then chooses this profession. */
export async function chooseNextAvailable(patient: Patient, profession: 'doctor' | 'nurse'): Promise<void> {
  await patient.screen('appointment', 'choosing');
  await patient.tap('next-available');
  await patient.screen('appointment', 'choosingProfession');
  await patient.tap(`profession-${profession}`);
}

/**
 * The doctor's care path: referred (or without a regular doctor) or not, no exemption, no full
 * cover; ends on the cost screen, not yet accepted. `costShot` names that screen's screenshot.
 */
export async function answerCarePath(patient: Patient, referred: boolean, costShot?: string): Promise<void> {
  await patient.screen('appointment', 'carePath');
  await patient.answer(`answer-referredOrNoRegularDoctor-${referred ? 'yes' : 'no'}`);
  await patient.answer('answer-exemptedCase-no');
  await patient.answer('answer-fullCover-no');
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
