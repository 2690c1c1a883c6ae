// Domain vocabulary shared by the controller, the renderer and the platform. Plain data only.
import type { Deduction } from './cover';

/**
 * All locales the patient screens speak, default (French) first; Arabic (`ar`) is written right to left.
 */
export const LOCALES = ['fr', 'en', 'ar', 'es', 'pt', 'tr'] as const;

/** The languages the patient screens speak; French is the default. */
export type Locale = (typeof LOCALES)[number];

/**
 * All presence choices, in the order the consent screen offers them. `parent`: a parent or legal
 * guardian, the one presence that lets a patient under 16 consult; `relative`: any other relative.
 */
export const PRESENCES = ['alone', 'parent', 'relative', 'carer', 'healthProfessional'] as const;

/** Who is in the cabin with the patient, as recorded with the consent. */
export type Presence = (typeof PRESENCES)[number];

/** Large text, read-aloud and high contrast, chosen on the welcome screen and kept for the session only. */
export interface Accessibility {
  readonly largeText: boolean;
  readonly readAloud: boolean;
  /**
   * "Je suis sourd ou malentendant": the patient wants the written conversation in the call (the
   * professional knows before the call, the cabin opens it by itself); absent means no.
   */
  readonly writtenConversation?: boolean;
  /**
   * Live subtitles of the professional's speech under the video, offered only where the cabin has an
   * offline speech engine (`CabinView.subtitlesOffered`); absent means not asked.
   */
  readonly subtitles?: boolean;
  /** Black on white, thick borders, no soft tints (contrast 7:1 or more); absent means off. */
  readonly highContrast?: boolean;
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
  /**
   * Read from a card: true for the card's holder (the insured person), false for a beneficiary (ayant
   * droit) on their card; absent for a typed identity, which does not say.
   */
  readonly holder?: boolean;
  /** Read from a card whose NIR for this person is missing or fails its key check (`nir` is then null). */
  readonly cardNirFault?: 'missing' | 'invalidKey';
}

/**
 * The longest surname or first name the cabin takes, in characters. French civil status sets no
 * length in law; 40 is the cabin's choice: it keeps long compound names ("Marie-Françoise-Élisabeth",
 * 25) with room to spare, stays under the controller's 80-character input limit, and still shows whole
 * on the large field and on the professional's screen. A longer name is refused with this number.
 */
export const NAME_MAX_LENGTH = 40;

/** The NIR's length: 13 characters (digits, or 2A / 2B for Corsica) and a 2-digit key. */
export const NIR_LENGTH = 15;

/** The longest appointment code: the platform protocol's limit on `appointment.lookUp`'s code. */
export const APPOINTMENT_CODE_MAX_LENGTH = 20;

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

/** What the Assurance Maladie and a complementary insurance pay back in one case. Amounts in euro cents. */
export interface CoverCase {
  readonly reimbursed: boolean;
  /** The Assurance Maladie's rate: 70 % usually, 100 % for ALD or maternity, 0 when not reimbursed. */
  readonly reimbursedPercent: number;
  /** Deducted from the Assurance Maladie's part (participation forfaitaire or franchise); 0 when exempted. */
  readonly deductionCents: number;
  /** What the Assurance Maladie pays in the end: its rate of the fee, less the deduction. */
  readonly assuranceMaladieCents: number;
  /** The rest a complementary insurance may cover (never the deduction); the CSS pays it for its beneficiaries. */
  readonly complementaryCents: number;
  /** What is left to the patient without a complementary insurance: the fee less the Assurance Maladie's part. */
  readonly patientShareCents: number;
  /** Tiers payant (ALD, maternity, CSS): the patient does not advance what the insurers pay. */
  readonly thirdPartyPayment: boolean;
  /** What the patient pays in the cabin in this case. */
  readonly amountDueTodayCents: number;
}

/**
 * The fee and its cover, shown before the patient accepts. Amounts in euro cents. When an answer that
 * decides the reimbursement is "je ne sais pas", the Assurance Maladie decides between `cover` (the
 * answers in the patient's favour) and `otherwise`; `amountDueTodayCents` is one amount in every case.
 */
export interface CostInformation {
  readonly profession: Profession;
  readonly feeCents: number;
  /** Which deduction this profession's act carries, whether or not this patient is exempted from it. */
  readonly deduction: Deduction | null;
  readonly cover: CoverCase;
  /** The other case when the Assurance Maladie decides; null when the answers decide. */
  readonly otherwise: CoverCase | null;
  /** The patient has the Complémentaire santé solidaire: it pays the complementary part. */
  readonly solidarityCover: boolean;
  /** What the patient pays in the cabin: the least favourable case's amount, so never a surprise. */
  readonly amountDueTodayCents: number;
}
