// What the platform tests of test/integration share: the doctor who takes the calls and the patient
// who waits (both fictitious).
import type { PatientIdentity } from '../../contract';
import { DEMO_PRACTITIONERS } from '../../platform/server/demo-accounts';

/** Dr Claire Fontaine of the demo accounts, with a password of the test's own. */
export const TEST_DOCTOR = { ...DEMO_PRACTITIONERS[0], password: 'correct horse' };

/** The patient who joins the waiting room, typed in by hand (no NIR). */
export const TEST_PATIENT: PatientIdentity = {
  surname: 'MARTINEAU',
  firstName: 'Lucas',
  birthDate: '1950-03-12',
  nir: null,
  source: 'manual',
};
