// Domain vocabulary shared by the controller, the renderer and the platform. Plain data only.

/** All locales the patient screens speak, default (French) first. */
export const LOCALES = ['fr', 'en'] as const;

/** The languages the patient screens speak; French is the default. */
export type Locale = (typeof LOCALES)[number];

/** All presence choices, in the order the consent screen offers them. */
export const PRESENCES = ['alone', 'relative', 'carer', 'healthProfessional'] as const;

/** Who is in the cabin with the patient, as recorded with the consent. */
export type Presence = (typeof PRESENCES)[number];

/** Large text and read-aloud, chosen on the welcome screen and kept for the session only. */
export interface Accessibility {
  readonly largeText: boolean;
  readonly readAloud: boolean;
}

/** A patient's names and birth date: what every identity of the patient starts with. Patient data. */
export interface PatientName {
  readonly surname: string;
  readonly firstName: string;
  /** ISO date YYYY-MM-DD. */
  readonly birthDate: string;
}

/** A person the patient may be identified as: read from the Carte Vitale or typed in. Patient data: memory only. */
export interface PatientIdentity extends PatientName {
  /** 15 characters (13 digits or 2A/2B, plus the 2-digit key), or null when typed without it. */
  readonly nir: string | null;
  readonly source: 'card' | 'manual';
}

/** Professions offered on the appointment screen, téléconsultation first. */
export const PROFESSIONS = [
  'doctor',
  'midwife',
  'dentist',
  'pharmacist',
  'nurse',
  'physiotherapist',
  'speechTherapist',
] as const;

/** The professionals a patient can consult: téléconsultation (doctor, midwife, dentist) or télésoin (the others). */
export type Profession = (typeof PROFESSIONS)[number];

/** True for the professions of téléconsultation (NGAP TC/TCG billing), false for télésoin. */
export function isTeleconsultation(profession: Profession): boolean {
  return profession === 'doctor' || profession === 'midwife' || profession === 'dentist';
}

/** The patient's answers to the parcours-de-soins questions that decide reimbursement. */
export interface CarePathAnswers {
  /** Referred by, or the consultation is with, the médecin traitant (or the patient has none or it is unavailable). */
  readonly referredOrNoRegularDoctor: boolean;
  /** Under 16, EHPAD or disability-home resident, detainee, urgency, or a direct-access specialty. */
  readonly exemptedCase: boolean;
  /** ALD or maternity: covered at 100 %. */
  readonly fullCover: boolean;
}

/** Télésoin eligibility answers: no physical act needed, and for physiotherapy an earlier in-person session. */
export interface TelecareEligibility {
  readonly physicalActNeeded: boolean;
  readonly earlierInPersonSession: boolean;
}

/** All measurement kinds in journey order. */
export const MEASUREMENT_KINDS = ['bloodPressure', 'temperature', 'oxygenSaturation', 'weight'] as const;

/** The measurements the cabin can take, in the order the measurement step guides them. */
export type MeasurementKind = (typeof MEASUREMENT_KINDS)[number];

/** A measured quantity in its normalised unit. */
export interface Quantity {
  readonly name: 'systolic' | 'diastolic' | 'meanArterial' | 'pulse' | 'temperature' | 'spo2' | 'weight';
  readonly value: number;
  readonly unit: 'mmHg' | 'bpm' | '°C' | '%' | 'kg';
}

/** One accepted measurement. Patient data: memory only, sent to the professional. */
export interface Measurement {
  readonly kind: MeasurementKind;
  readonly quantities: readonly Quantity[];
  /** Epoch milliseconds. */
  readonly takenAt: number;
}

/**
 * Live progress of a measurement in progress, for the patient's screen. A cuff that reports its pressure
 * all along (the NIBP module) is `inflating`, then `deflating` once the pressure falls from its peak.
 */
export type MeasurementProgress =
  | { readonly stage: 'preparing' }
  | { readonly stage: 'inflating'; readonly cuffPressureMmHg: number }
  | { readonly stage: 'deflating'; readonly cuffPressureMmHg: number }
  | { readonly stage: 'keepStill' }
  | { readonly stage: 'fingerDetected' }
  | { readonly stage: 'stepOnScale' };

/** The health professional assigned to the patient, shown before the call starts. */
export interface ProfessionalCard {
  readonly civility: string;
  readonly name: string;
  readonly profession: Profession;
  readonly specialty: string;
  readonly rpps: string;
  readonly address: string;
}

/** The kinds of document a professional may deposit. */
export const DOCUMENT_KINDS = ['prescription', 'sickLeave', 'report', 'other'] as const;

/** A document deposited by the professional at the end of the call. */
export interface DocumentSummary {
  readonly id: string;
  readonly kind: (typeof DOCUMENT_KINDS)[number];
  readonly title: string;
  readonly pages: number;
}

/** The fee and its cover, shown before the patient accepts. Amounts in euro cents. */
export interface CostInformation {
  readonly feeCents: number;
  readonly reimbursedPercent: number;
  readonly patientShareCents: number;
  readonly reimbursed: boolean;
  readonly thirdPartyPayment: boolean;
  /** What the patient pays in the cabin: the whole fee, or only their share under tiers payant. */
  readonly amountDueTodayCents: number;
}
