// What a patient can do on the screens. Each action is a command to the session; the controller
// refuses one that does not fit the current step (the screen shows only those that fit).
import type { CarePathAnswers } from './cover';
import type { Accessibility, Locale, PatientName, Presence, Profession, TelecareEligibility } from './domain';

/** All problem kinds, in the order the goodbye screen offers them. */
export const PROBLEM_KINDS = ['video', 'sound', 'device', 'printer', 'card', 'other'] as const;

/** The problems a patient can report on the goodbye screen. */
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/** The typed identity of the manual-entry form; `nir` may be empty. */
export interface TypedIdentity extends PatientName {
  readonly nir: string;
}

/** Every patient command, dot-namespaced; payloads are validated by `parsePatientAction`. */
export type PatientAction =
  | { readonly type: 'patient.setLocale'; readonly locale: Locale }
  | { readonly type: 'patient.setAccessibility'; readonly accessibility: Accessibility }
  | { readonly type: 'patient.next' }
  | { readonly type: 'patient.back' }
  | { readonly type: 'patient.quit' }
  | { readonly type: 'patient.help' }
  /** The patient no longer needs the help they asked for. */
  | { readonly type: 'patient.cancelHelp' }
  | { readonly type: 'patient.stillHere' }
  | { readonly type: 'patient.retry' }
  | { readonly type: 'patient.skip' }
  | { readonly type: 'patient.consent'; readonly presence: Presence; readonly attendantStays: boolean }
  /** On the consent screen: asks to refuse; on the "are you sure?" that follows: refuses. */
  | { readonly type: 'patient.declineConsent' }
  /** A patient under 16 who came without a parent: a parent or guardian is now with them. */
  | { readonly type: 'patient.confirmParentPresent' }
  | { readonly type: 'patient.useManualEntry' }
  | { readonly type: 'patient.chooseBeneficiary'; readonly index: number }
  | { readonly type: 'patient.confirmIdentity' }
  | { readonly type: 'patient.submitIdentity'; readonly identity: TypedIdentity }
  | { readonly type: 'patient.haveAppointmentCode' }
  | { readonly type: 'patient.submitAppointmentCode'; readonly code: string }
  | { readonly type: 'patient.seeNextAvailable' }
  | { readonly type: 'patient.chooseProfession'; readonly profession: Profession }
  | { readonly type: 'patient.answerEligibility'; readonly answers: TelecareEligibility }
  | { readonly type: 'patient.answerCarePath'; readonly answers: CarePathAnswers }
  | { readonly type: 'patient.acceptCost' }
  | { readonly type: 'patient.startMeasurement' }
  | { readonly type: 'patient.startCall' }
  /** The camera and microphone check before the call: the patient saw themselves and heard the sound, or not. */
  | { readonly type: 'patient.checkMedia'; readonly works: boolean }
  | { readonly type: 'patient.setDmpOpposition'; readonly opposed: boolean }
  | { readonly type: 'patient.print' }
  | { readonly type: 'patient.pay' }
  /** The patient will pay at the counter instead: the payment step ends and the attendant is told. */
  | { readonly type: 'patient.payAtCounter' }
  | { readonly type: 'patient.reportProblem'; readonly problem: ProblemKind }
  /**
   * In the call: one message of the written conversation to the professional, typed or a ready-made
   * answer (1 to MAX_CHAT_TEXT_LENGTH characters, never logged).
   */
  | { readonly type: 'patient.sendMessage'; readonly text: string }
  /** In the call: the patient stops the examination instrument (or closes the message that it failed). */
  | { readonly type: 'patient.stopInstrument' }
  | { readonly type: 'patient.finish' };

/** The type names of all patient actions. */
export type PatientActionType = PatientAction['type'];
