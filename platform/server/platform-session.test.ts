// What the platform keeps of a patient, and when it lets go: the billing block lives with the call.
import { describe, expect, it } from 'vitest';
import { billingDetailsOf } from '../../contract/billing';
import { TEST_PATIENT, TEST_PATIENT_SUMMARY, TEST_VISIT } from '../../test/support/platform-fixtures';
import { entryOf, forgetCall, forgetSession, openSession } from './platform-session';

const BILLING = billingDetailsOf(
  { ...TEST_PATIENT, nir: '250034958815709', source: 'card', holder: true },
  null,
  false,
);

function waitingSession() {
  return openSession({
    id: 's1',
    cabinId: 'cabin-a',
    profession: 'doctor',
    appointmentCode: null,
    since: 0,
    patient: TEST_PATIENT_SUMMARY,
    visit: TEST_VISIT,
    billing: BILLING,
    measurements: [],
    ttl: () => undefined,
  });
}

describe('the billing block on the platform', () => {
  it('is held while the patient waits and is in the call, and never shown in the waiting room', () => {
    const session = waitingSession();
    expect(session.billing).toEqual(BILLING);
    const entry = JSON.stringify(entryOf(session));
    for (const secret of ['250034958815709', TEST_PATIENT.surname, TEST_PATIENT.firstName]) {
      expect(entry).not.toContain(secret);
    }
  });

  it('is forgotten when the call ends, with the identity', () => {
    const session = waitingSession();
    forgetCall(session);
    expect(session.billing).toBeNull();
    expect(session.patient).toBeNull();
  });

  it('is forgotten when the session is dropped', () => {
    const session = waitingSession();
    forgetSession(session);
    expect(session.billing).toBeNull();
  });
});
