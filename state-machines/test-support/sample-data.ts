// Fictitious but valid patient data and device readings for tests. Nobody real: names are invented and
// NIRs are built from made-up bodies with the official key rule.
import type {
  DocumentSummary,
  Measurement,
  MeasurementKind,
  MeasurementSlot,
  PatientIdentity,
  ProfessionalCard,
  TypedIdentity,
} from '../../contract';

/** Appends the NIR key to a 13-character body: 97 − (body mod 97), Corsica 2A→19 and 2B→18, on 2 digits. */
export function nirWithKey(body: string): string {
  const digits = body.replace('2A', '19').replace('2B', '18');
  const key = 97n - (BigInt(digits) % 97n);
  return `${body}${key.toString().padStart(2, '0')}`;
}

/** A NIR whose key is wrong by one: same body, key + 1 (mod 97, never 0). */
export function nirWithWrongKey(body: string): string {
  const valid = nirWithKey(body);
  const key = Number(valid.slice(13));
  return `${body}${((key % 97) + 1).toString().padStart(2, '0')}`;
}

/** The card holder of the sample Carte Vitale: a man born in July 1985 in Paris. */
export const CARD_HOLDER: PatientIdentity = {
  surname: 'Martin',
  firstName: 'Lucien',
  birthDate: '1985-07-14',
  nir: nirWithKey('1850775123456'),
  source: 'card',
};

/** His daughter, a beneficiary (ayant droit) on the same card. */
export const CHILD_ON_CARD: PatientIdentity = {
  surname: 'Martin',
  firstName: 'Zoé',
  birthDate: '2015-03-02',
  nir: nirWithKey('2150375654321'),
  source: 'card',
};

/** A patient without her card, as she types her details on the manual form. */
export const TYPED_IDENTITY: TypedIdentity = {
  surname: "N'Diaye",
  firstName: 'Awa',
  birthDate: '1962-11-30',
  nir: nirWithKey('2621169012345'),
};

/**
 * The guided list of measurements as the screen shows it, in the cabin's order (written out here so that a
 * test notices a change of order): each kind `others` unless `statuses` names it.
 */
export function measurementSlots(
  statuses: Partial<Record<MeasurementKind, MeasurementSlot['status']>>,
  others: MeasurementSlot['status'] = 'pending',
): MeasurementSlot[] {
  const order: readonly MeasurementKind[] = ['bloodPressure', 'temperature', 'oxygenSaturation', 'weight'];
  return order.map((kind) => ({ kind, status: statuses[kind] ?? others }));
}

/** A plausible blood pressure and pulse (mmHg, bpm). */
export function bloodPressure(systolic: number, diastolic: number, pulse = 72, takenAt = 0): Measurement {
  return {
    kind: 'bloodPressure',
    quantities: [
      { name: 'systolic', value: systolic, unit: 'mmHg' },
      { name: 'diastolic', value: diastolic, unit: 'mmHg' },
      { name: 'pulse', value: pulse, unit: 'bpm' },
    ],
    takenAt,
  };
}

/** A plausible reading of each kind: 128/82 mmHg, 37.1 °C, 97 % SpO2, 71.5 kg. */
export function plausibleMeasurement(kind: MeasurementKind, takenAt = 0): Measurement {
  switch (kind) {
    case 'bloodPressure':
      return bloodPressure(128, 82, 72, takenAt);
    case 'temperature':
      return { kind, quantities: [{ name: 'temperature', value: 37.1, unit: '°C' }], takenAt };
    case 'oxygenSaturation':
      return {
        kind,
        quantities: [
          { name: 'spo2', value: 97, unit: '%' },
          { name: 'pulse', value: 70, unit: 'bpm' },
        ],
        takenAt,
      };
    case 'weight':
      return { kind, quantities: [{ name: 'weight', value: 71.5, unit: 'kg' }], takenAt };
  }
}

/** The general practitioner the waiting room assigns. */
export const DOCTOR: ProfessionalCard = {
  civility: 'Dr',
  name: 'Claire Fontaine',
  profession: 'doctor',
  specialty: 'Médecine générale',
  rpps: '10101010101',
  address: '12 rue des Lilas, 69003 Lyon',
};

/** A prescription deposited at the end of the call. */
export const PRESCRIPTION: DocumentSummary = {
  id: 'doc-prescription-1',
  kind: 'prescription',
  title: 'Ordonnance',
  pages: 1,
};

/** A sick-leave notice deposited at the end of the call. */
export const SICK_LEAVE: DocumentSummary = {
  id: 'doc-sick-leave-1',
  kind: 'sickLeave',
  title: 'Arrêt de travail',
  pages: 1,
};

/** The consent text's version in each language, as the cabin's configuration gives them. */
export const CONSENT_TEXT_VERSIONS = {
  fr: 'fr-2026-12',
  en: 'en-2026-12',
  ar: 'ar-2026-12',
  es: 'es-2026-12',
  pt: 'pt-2026-12',
  tr: 'tr-2026-12',
} as const;
