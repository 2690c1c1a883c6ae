// The demonstration accounts of the reference platform: fictitious practitioners (their RPPS numbers
// are made up, 11 digits, and belong to nobody) and fictitious appointment codes. Their password is
// chosen at launch (start.ts), never written here.
import type { ProfessionalCard } from '../../contract/domain';
import type { Appointment } from './platform-server';

/** A demonstration practitioner, without a password. */
export interface DemoPractitioner {
  readonly login: string;
  readonly professional: ProfessionalCard;
}

/** The demonstration practitioners: a general practitioner first, then a pharmacist and a physiotherapist. */
export const DEMO_PRACTITIONERS: readonly [DemoPractitioner, DemoPractitioner, DemoPractitioner] = [
  {
    login: 'claire.fontaine',
    professional: {
      civility: 'Dr',
      name: 'Claire Fontaine',
      profession: 'doctor',
      specialty: 'Médecine générale',
      rpps: '10000000000',
      address: '12 rue des Lilas, 69003 Lyon',
    },
  },
  {
    login: 'paul.mercier',
    professional: {
      civility: 'Dr',
      name: 'Paul Mercier',
      profession: 'pharmacist',
      specialty: "Pharmacie d'officine",
      rpps: '10000000018',
      address: '3 place du Marché, 69003 Lyon',
    },
  },
  {
    login: 'ines.garnier',
    professional: {
      civility: 'Mme',
      name: 'Inès Garnier',
      profession: 'physiotherapist',
      specialty: 'Masso-kinésithérapie',
      rpps: '10000000026',
      address: '27 avenue des Tilleuls, 69003 Lyon',
    },
  },
];

/**
 * The demonstration appointment codes: one with the doctor, one with an ophthalmologist (direct access:
 * no médecin-traitant question), one with the physiotherapist.
 */
export const DEMO_APPOINTMENTS: readonly Appointment[] = [
  { code: '123456', profession: 'doctor' },
  { code: '135790', profession: 'doctor', specialty: 'ophthalmology' },
  { code: '654321', profession: 'physiotherapist' },
];

/** The demonstration support account of the operator (help calls of every cabin; same password as the practitioners). */
export const DEMO_SUPPORT_LOGIN = 'assistance';
