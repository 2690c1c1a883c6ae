// The documents a professional composes in the console and the platform renders to PDF: an ordonnance
// (one line a medicine or an act), an arrêt de travail (with the teleconsultation limit of the 2024
// social security law), a compte rendu for the médecin traitant. Also what the platform answers about
// the deposit of a document in the patient's DMP (Mon espace santé). Pure types and values.
import type { DocumentSummary, Profession } from './domain';
import { err, ok, type Result } from './result';

/** The most lines an ordonnance holds. */
export const MAX_PRESCRIPTION_LINES = 20;

/** The longest medicine or act of one line, in characters. */
export const MAX_PRESCRIPTION_ITEM_LENGTH = 200;

/** The longest dosage or duration of one line, in characters. */
export const MAX_PRESCRIPTION_DETAIL_LENGTH = 200;

/** The longest compte rendu or sick-leave motive, in characters. */
export const MAX_COMPOSED_TEXT_LENGTH = 8000;

/** The longest sick leave the form takes, in days. */
export const MAX_SICK_LEAVE_DAYS = 365;

/**
 * The longest sick leave a teleconsultation may prescribe without an exception, in days (LFSS 2024,
 * art. L. 321-1-1 of the Code de la sécurité sociale).
 */
export const TELECONSULTATION_SICK_LEAVE_DAYS = 3;

/** One line of an ordonnance: a medicine or an act, its dosage and its duration. */
export interface PrescriptionLine {
  readonly item: string;
  readonly dosage: string;
  readonly duration: string;
}

/**
 * The exceptions to the 3-day limit a professional may state: they are the patient's médecin traitant,
 * the referring midwife, or it is an extension and the patient could not consult in person.
 */
export const SICK_LEAVE_EXCEPTIONS = [
  'treatingDoctor',
  'referringMidwife',
  'extensionCouldNotConsult',
] as const;

/** One exception to the teleconsultation limit of a sick leave. */
export type SickLeaveException = (typeof SICK_LEAVE_EXCEPTIONS)[number];

/** A document composed in the console, before the platform renders it. */
export type ComposedDocument =
  | { readonly kind: 'prescription'; readonly lines: readonly PrescriptionLine[] }
  | {
      readonly kind: 'sickLeave';
      /** ISO date YYYY-MM-DD of the first day off. */
      readonly startDate: string;
      readonly days: number;
      /** The medical grounds, as the professional writes them. */
      readonly motive: string;
      readonly exceptions: readonly SickLeaveException[];
    }
  | { readonly kind: 'report'; readonly text: string };

/** Why a sick leave is refused: the `detail` of a `sickLeave.refused` failure. */
export type SickLeaveRefusal = 'tooLongFromTeleconsultation' | 'notAllowedForProfession';

/** The professions that may prescribe a sick leave: doctors, midwives and dentists. */
export const SICK_LEAVE_PROFESSIONS: readonly Profession[] = ['doctor', 'midwife', 'dentist'];

/**
 * The rule of a sick leave prescribed in teleconsultation: at most 3 days, unless the professional
 * states one of the exceptions (a midwife's exception only from a midwife, the médecin traitant's only
 * from a doctor); only doctors, midwives and dentists prescribe one. Answers the refusal's reason.
 */
export function checkSickLeave(
  profession: Profession,
  days: number,
  exceptions: readonly SickLeaveException[],
): Result<null, { readonly code: 'sickLeave.refused'; readonly detail: SickLeaveRefusal }> {
  if (!SICK_LEAVE_PROFESSIONS.includes(profession)) {
    return err({ code: 'sickLeave.refused', detail: 'notAllowedForProfession' });
  }
  if (days <= TELECONSULTATION_SICK_LEAVE_DAYS) return ok(null);
  const holds = exceptions.some(
    (exception) =>
      exception === 'extensionCouldNotConsult' ||
      (exception === 'treatingDoctor' && profession === 'doctor') ||
      (exception === 'referringMidwife' && profession === 'midwife'),
  );
  return holds ? ok(null) : err({ code: 'sickLeave.refused', detail: 'tooLongFromTeleconsultation' });
}

/**
 * What became of a document's deposit in the patient's DMP: deposited, or why not (the patient opposed
 * it, the patient's INS is not qualified, the patient's choice never reached the platform, or the DMP
 * service refused it).
 */
export type DmpOutcome =
  { readonly deposited: true } | { readonly deposited: false; readonly reason: DmpRefusal };

/** Why a document was not deposited in the patient's DMP. */
export const DMP_REFUSALS = ['opposed', 'insNotQualified', 'choiceUnknown', 'serviceFailed'] as const;

/** One reason a document was not deposited in the patient's DMP. */
export type DmpRefusal = (typeof DMP_REFUSALS)[number];

/** What the platform answers to a pushed or composed document: its summary and its DMP deposit. */
export interface DocumentPushed {
  readonly document: DocumentSummary;
  /** Absent from a platform that deposits nothing. */
  readonly dmp?: DmpOutcome;
}
