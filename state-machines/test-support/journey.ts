// Shortcuts through the journey for scenarios that test a later step: each one does what a patient
// (and the fakes) would do, and leaves the session on the screen its name says.
import { USUAL_ANSWERS } from '../cost';
import type { CarePathAnswers, PatientIdentity, Profession, StepName } from '../../contract';
import { CARD_HOLDER, DOCTOR } from './sample-data';
import type { SessionHarness } from './session-harness';

/** The journey's steps in the order a complete session goes through them. */
export const JOURNEY_STEPS: readonly StepName[] = [
  'information',
  'consent',
  'identification',
  'appointment',
  'measurements',
  'waitingRoom',
  'consultation',
  'documents',
  'payment',
  'goodbye',
];

/** An adult referred by the médecin traitant: the usual 70 % cover less the 2 € participation, no tiers payant. */
export const REFERRED_BY_REGULAR_DOCTOR: CarePathAnswers = USUAL_ANSWERS;

/** An adult with a médecin traitant who neither referred them nor is unavailable, in no listed situation. */
export const OUTSIDE_THE_PARCOURS: CarePathAnswers = {
  ...REFERRED_BY_REGULAR_DOCTOR,
  referredByRegularDoctor: 'no',
  regularDoctorUnavailable: 'no',
  exemptedSituation: 'no',
};

/** The answers of a patient who is not asked about the médecin traitant (under 16, midwife, dentist, télésoin). */
export const NO_PARCOURS_QUESTION: CarePathAnswers = {
  ...REFERRED_BY_REGULAR_DOCTOR,
  hasRegularDoctor: null,
  referredByRegularDoctor: null,
};

/** From the information screen to "insert your card", consenting alone. */
export function consentAlone(session: SessionHarness): void {
  session.send({ type: 'patient.next' });
  session.send({ type: 'patient.consent', presence: 'alone', attendantStays: false });
}

/** From the start to the appointment screen, identified by a Carte Vitale with one beneficiary. */
export function identifyWithCard(session: SessionHarness, holder: PatientIdentity = CARD_HOLDER): void {
  consentAlone(session);
  session.cardReader.insert([holder]);
  session.send({ type: 'patient.confirmIdentity' });
}

/** From the start to the questions after the choice of the next available professional of `profession`. */
export function chooseProfession(session: SessionHarness, profession: Profession): void {
  identifyWithCard(session);
  session.send({ type: 'patient.seeNextAvailable' });
  session.send({ type: 'patient.chooseProfession', profession });
}

/** From the start to the cost screen of a doctor's téléconsultation. */
export function chooseDoctor(
  session: SessionHarness,
  carePath: CarePathAnswers = REFERRED_BY_REGULAR_DOCTOR,
): void {
  chooseProfession(session, 'doctor');
  session.send({ type: 'patient.answerCarePath', answers: carePath });
}

/** From the start to the first measurement's instructions. */
export function reachMeasurements(session: SessionHarness, carePath?: CarePathAnswers): void {
  chooseDoctor(session, carePath);
  session.send({ type: 'patient.acceptCost' });
}

/** From the start to the waiting room, every measurement skipped. */
export function reachWaitingRoom(session: SessionHarness, carePath?: CarePathAnswers): void {
  reachMeasurements(session, carePath);
  // At most one skip per measurement kind: a machine that never leaves the step must not hang the test.
  for (let kind = 0; kind < 4 && session.view().screen.step === 'measurements'; kind += 1) {
    session.send({ type: 'patient.skip' });
  }
}

/** From the start to the call with the doctor, connected. */
export function reachCall(session: SessionHarness, carePath?: CarePathAnswers): void {
  reachWaitingRoom(session, carePath);
  session.waitingRoom.assign(DOCTOR);
  session.send({ type: 'patient.startCall' });
  session.call.connect();
}

/** From the start to the goodbye screen: a call without documents, the 25 € paid. */
export async function reachGoodbye(session: SessionHarness): Promise<void> {
  reachCall(session);
  session.call.end();
  session.send({ type: 'patient.pay' });
  await session.paymentTerminal.answer({ ok: true, value: undefined });
}
