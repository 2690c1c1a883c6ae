// The French wording of the practitioner console: labels of the protocol's values and the formatting of
// dates, times, durations and measured values the way a French practitioner reads them.
import type { DmpOutcome, DmpRefusal, SickLeaveRefusal } from '../../contract/composed-document';
import type {
  DocumentSummary,
  Locale,
  MeasurementKind,
  Presence,
  Profession,
  Quantity,
} from '../../contract/domain';
import type {
  CallEndReason,
  ConsentSummary,
  CoverAnswer,
  CoverSummary,
  EmptyDocumentReason,
  MediaCheckResult,
  PatientSummary,
} from '../../contract/platform-protocol';

/** A no-break space, between a number and its unit as French typography wants. */
const NBSP = '\u00a0';

/** The professions as the console names them. */
export const PROFESSION_LABELS: Readonly<Record<Profession, string>> = {
  doctor: 'Médecin',
  midwife: 'Sage-femme',
  dentist: 'Chirurgien-dentiste',
  pharmacist: 'Pharmacien',
  nurse: 'Infirmier',
  physiotherapist: 'Masseur-kinésithérapeute',
  speechTherapist: 'Orthophoniste',
};

/** The measurement kinds as the console names them, in the order the table lists them. */
export const MEASUREMENT_LABELS: Readonly<Record<MeasurementKind, string>> = {
  bloodPressure: 'Tension artérielle',
  temperature: 'Température',
  oxygenSaturation: 'Saturation en oxygène (SpO2)',
  weight: 'Poids',
};

/** The document kinds as the console offers them. */
export const DOCUMENT_KIND_LABELS: Readonly<Record<DocumentSummary['kind'], string>> = {
  prescription: 'Ordonnance',
  sickLeave: 'Arrêt de travail',
  report: 'Compte rendu',
  other: 'Autre',
};

const PRESENCE_LABELS: Readonly<Record<Presence, string>> = {
  alone: 'Le patient est seul dans la cabine',
  parent: 'Le patient est accompagné d’un parent ou d’un tuteur',
  relative: 'Le patient est accompagné d’un proche',
  carer: 'Le patient est accompagné d’un aidant',
  healthProfessional: 'Le patient est accompagné d’un professionnel de santé',
};

/** The languages of the patient's screens, as the console names them. */
export const LOCALE_LABELS: Readonly<Record<Locale, string>> = {
  fr: 'Français',
  en: 'Anglais',
  ar: 'Arabe',
  es: 'Espagnol',
  pt: 'Portugais',
  tr: 'Turc',
};

/** Where the patient's identity comes from, as the call screen says it. */
export const IDENTITY_SOURCE_LABELS: Readonly<Record<PatientSummary['source'], string>> = {
  card: 'Identité lue sur la carte Vitale',
  manual: 'Identité saisie, non vérifiée par une carte Vitale',
};

/** The cabin's camera and microphone check, as the call screen says it (null: not done yet). */
export function mediaCheckText(result: MediaCheckResult | null): string {
  switch (result) {
    case null:
      return 'Test caméra et micro de la cabine : pas encore fait';
    case 'passed':
      return 'Test caméra et micro de la cabine : le patient se voit et s’entend';
    case 'problem':
      return 'Test caméra et micro de la cabine : le patient a signalé un problème';
    default: {
      const unknown: never = result;
      return String(unknown);
    }
  }
}

/** A patient's answer to a cover question. */
export const COVER_ANSWER_LABELS: Readonly<Record<CoverAnswer['answer'], string>> = {
  yes: 'Oui',
  no: 'Non',
  unknown: 'Ne sait pas',
};

/** An amount in euro cents as a French reader reads it: 2500 → "25,00 €". */
export function formatEuros(cents: number): string {
  const euros = Math.floor(cents / 100);
  const rest = String(cents % 100).padStart(2, '0');
  return `${euros},${rest}${NBSP}€`;
}

/** The lines of the cost the patient accepted in the cabin. */
export function costLines(cover: CoverSummary): readonly string[] {
  return [
    `Prix de la consultation : ${formatEuros(cover.feeCents)}`,
    cover.reimbursedPercent === 0
      ? 'Non remboursée par l’Assurance Maladie (d’après les réponses du patient)'
      : `Remboursée à ${cover.reimbursedPercent}${NBSP}% par l’Assurance Maladie`,
    `${cover.thirdPartyPayment ? 'Tiers payant' : 'Sans tiers payant'} : ${formatEuros(cover.amountDueCents)} payés dans la cabine`,
  ];
}

/** What the console tells the practitioner when a call ends without them. */
export const CALL_END_MESSAGES: Readonly<Record<CallEndReason, string>> = {
  professionalEnded: 'La consultation est terminée.',
  patientLeft: 'Le patient a quitté la consultation.',
  connectionLost: 'La connexion avec la cabine est perdue. La consultation est terminée.',
};

/** Formats a number with at most `decimals` decimals and a decimal comma: 37.25 → "37,3". */
export function formatNumber(value: number, decimals = 1): string {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return String(rounded).replace('.', ',').replace('-', '−');
}

/** Formats an ISO date (YYYY-MM-DD) as dd/mm/yyyy; anything else is shown as given. */
export function formatBirthDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [, year, month, day] = match;
  return `${day}/${month}/${year}`;
}

/** The patient's age in whole years at `now` (epoch ms, local calendar), or null for a malformed date. */
export function ageInYears(iso: string, now: number): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const today = new Date(now);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hadBirthday =
    today.getMonth() + 1 > month || (today.getMonth() + 1 === month && today.getDate() >= day);
  const age = today.getFullYear() - year - (hadBirthday ? 0 : 1);
  return age >= 0 ? age : null;
}

/** The patient's first name then surname, as the console titles them. */
export function patientName(patient: PatientSummary): string {
  return `${patient.firstName} ${patient.surname}`;
}

/** "02/03/1950 (74 ans)": the birth date, with the age when it can be computed. */
export function birthDateWithAge(iso: string, now: number): string {
  const age = ageInYears(iso, now);
  return age === null ? formatBirthDate(iso) : `${formatBirthDate(iso)} (${age} an${age > 1 ? 's' : ''})`;
}

/**
 * The NIR as printed on the Carte Vitale, "2 50 03 49 588 157 09", for billing; "non communiqué" when
 * the patient typed none (the professional then bills in SESAM-sans-Vitale mode with the other details).
 */
export function nirForBilling(nir: string | null): string {
  if (nir === null) return 'non communiqué';
  const groups = [1, 2, 2, 2, 3, 3, 2];
  let at = 0;
  return groups
    .map((length) => {
      const group = nir.slice(at, at + length);
      at += length;
      return group;
    })
    .join(' ');
}

/** Formats an epoch-ms instant as the local time of day, "14:05". */
export function formatTime(epochMs: number): string {
  const date = new Date(epochMs);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** Whole minutes elapsed from `since` to `now` (never negative). */
export function waitingMinutes(since: number, now: number): number {
  return Math.max(0, Math.floor((now - since) / 60_000));
}

/** "Attend depuis 12 min", or "Vient d'arriver" under a minute. */
export function waitingText(since: number, now: number): string {
  const minutes = waitingMinutes(since, now);
  return minutes === 0 ? 'Vient d’arriver' : `Attend depuis ${minutes}${NBSP}min`;
}

function quantity(quantities: readonly Quantity[], name: Quantity['name']): Quantity | undefined {
  return quantities.find((item) => item.name === name);
}

function withUnit(item: Quantity, decimals: number): string {
  return `${formatNumber(item.value, decimals)}${NBSP}${item.unit}`;
}

/** The value of one measurement as read in the table: "128/82 mmHg · pouls 72 bpm", "37,2 °C", "72,4 kg". */
export function measurementValue(kind: MeasurementKind, quantities: readonly Quantity[]): string {
  const pulse = quantity(quantities, 'pulse');
  const pulseText = pulse === undefined ? '' : ` · pouls ${withUnit(pulse, 0)}`;
  switch (kind) {
    case 'bloodPressure': {
      const systolic = quantity(quantities, 'systolic');
      const diastolic = quantity(quantities, 'diastolic');
      if (systolic === undefined || diastolic === undefined) return '—';
      return `${formatNumber(systolic.value, 0)}/${formatNumber(diastolic.value, 0)}${NBSP}mmHg${pulseText}`;
    }
    case 'temperature': {
      const temperature = quantity(quantities, 'temperature');
      return temperature === undefined ? '—' : withUnit(temperature, 1);
    }
    case 'oxygenSaturation': {
      const spo2 = quantity(quantities, 'spo2');
      return spo2 === undefined ? '—' : `${withUnit(spo2, 0)}${pulseText}`;
    }
    case 'weight': {
      const weight = quantity(quantities, 'weight');
      return weight === undefined ? '—' : withUnit(weight, 1);
    }
    default: {
      const unknown: never = kind;
      return String(unknown);
    }
  }
}

/** The lines of the consent panel: who is present, the attendant, the text version and the time. */
export function consentLines(consent: ConsentSummary): readonly string[] {
  return [
    PRESENCE_LABELS[consent.presence],
    consent.attendantStays
      ? 'La personne de l’accueil reste dans la cabine'
      : 'La personne de l’accueil ne reste pas dans la cabine',
    `Texte de consentement : version ${consent.textVersion}`,
    `Accord donné le ${formatDay(consent.at)} à ${formatTime(consent.at)}`,
  ];
}

function formatDay(epochMs: number): string {
  const date = new Date(epochMs);
  const day = String(date.getDate()).padStart(2, '0');
  const month = String(date.getMonth() + 1).padStart(2, '0');
  return `${day}/${month}/${date.getFullYear()}`;
}

const EMPTY_DOCUMENT_REASONS: Readonly<Record<EmptyDocumentReason, string>> = {
  noBytes: 'Le fichier ne contient aucune donnée (0 octet).',
  noPage: 'Le fichier PDF ne contient aucune page.',
  blankText: 'Le texte ne contient que des espaces ou des retours à la ligne.',
};

/** Why an empty document was not sent; an unknown reason still says that it was empty. */
export function emptyDocumentText(reason: string | undefined): string {
  const known = Object.hasOwn(EMPTY_DOCUMENT_REASONS, reason ?? '')
    ? EMPTY_DOCUMENT_REASONS[reason as EmptyDocumentReason]
    : null;
  return known === null
    ? 'Le document est vide : il n’a pas été envoyé.'
    : `Le document est vide : il n’a pas été envoyé. ${known}`;
}

/** "1 page", "3 pages". */
export function pagesText(pages: number): string {
  return `${pages} page${pages > 1 ? 's' : ''}`;
}

const SICK_LEAVE_REFUSALS: Readonly<Record<SickLeaveRefusal, string>> = {
  tooLongFromTeleconsultation:
    'Arrêt de travail refusé : en téléconsultation, un arrêt de travail ne peut pas dépasser 3 jours (loi de financement de la sécurité sociale pour 2024), sauf si vous êtes le médecin traitant du patient, sa sage-femme référente, ou pour une prolongation quand le patient ne pouvait pas consulter en personne. Raccourcissez l’arrêt ou cochez l’exception qui s’applique.',
  notAllowedForProfession:
    'Arrêt de travail refusé : seuls les médecins, les sages-femmes et les chirurgiens-dentistes peuvent prescrire un arrêt de travail.',
};

/** The French sentence of a refused sick leave, from the refusal's detail. */
export function sickLeaveRefusalText(detail: string | undefined): string {
  return Object.hasOwn(SICK_LEAVE_REFUSALS, detail ?? '')
    ? SICK_LEAVE_REFUSALS[detail as SickLeaveRefusal]
    : 'Arrêt de travail refusé.';
}

const DMP_REFUSAL_TEXTS: Readonly<Record<DmpRefusal, string>> = {
  opposed: 'le patient s’y est opposé',
  insNotQualified: 'l’identité du patient n’est pas qualifiée (INS)',
  choiceUnknown: 'le choix du patient n’est pas connu',
  serviceFailed: 'le service Mon espace santé n’a pas répondu',
};

/** What became of a document's deposit in Mon espace santé, in French. */
export function dmpOutcomeText(outcome: DmpOutcome): string {
  if (outcome.deposited) return 'Déposé dans Mon espace santé';
  // The patient answers on the cabin's documents screen, after the call.
  if (outcome.reason === 'choiceUnknown') {
    return 'Mon espace santé : en attente du choix du patient (à la fin de la consultation)';
  }
  return `Non déposé dans Mon espace santé : ${DMP_REFUSAL_TEXTS[outcome.reason]}`;
}
