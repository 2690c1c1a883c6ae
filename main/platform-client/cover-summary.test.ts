// What the professional is told of the patient's cover: every question asked, its French wording, the
// answer, and the cost the patient accepted.
import { describe, expect, it } from 'vitest';
import type { CarePathAnswers } from '../../contract';
import { parseCabinMessage } from '../../contract/validate-platform';
import { costFor, DEFAULT_TARIFFS } from '../../state-machines/cost';
import { TEST_BILLING, TEST_PATIENT_SUMMARY } from '../../test/support/platform-fixtures';
import { coverSummaryOf } from './cover-summary';

const IN_ALD: CarePathAnswers = {
  hasRegularDoctor: 'yes',
  referredByRegularDoctor: 'yes',
  regularDoctorUnavailable: null,
  exemptedSituation: null,
  longTermCondition: 'yes',
  pregnantSixthMonth: 'no',
  solidarityCover: 'unknown',
};

describe('the cover summary sent with the patient', () => {
  it('lists every question asked with its wording and answer, and the cost the patient accepted', () => {
    const summary = coverSummaryOf(IN_ALD, costFor(DEFAULT_TARIFFS, 'doctor', 'adult', IN_ALD));
    expect(summary?.answers.map(({ question, answer }) => [question, answer])).toEqual([
      ['hasRegularDoctor', 'yes'],
      ['referredByRegularDoctor', 'yes'],
      ['longTermCondition', 'yes'],
      ['pregnantSixthMonth', 'no'],
      ['solidarityCover', 'unknown'],
    ]);
    expect(summary?.answers[0]?.label).toBe('Avez-vous un médecin traitant\u00a0?');
    expect(summary).toMatchObject({ feeCents: 2500, reimbursedPercent: 100, thirdPartyPayment: true });
    // It fits the protocol the platform checks.
    const join = {
      type: 'queue.join',
      requestId: 1,
      sessionId: 's1',
      profession: 'doctor',
      appointmentCode: null,
      patient: TEST_PATIENT_SUMMARY,
      visit: { locale: 'en', cover: summary },
      billing: TEST_BILLING,
      measurements: [],
    };
    expect(parseCabinMessage(join).ok).toBe(true);
  });

  it('gives the figures the patient paid for when the Assurance Maladie decides', () => {
    const unsure: CarePathAnswers = { ...IN_ALD, longTermCondition: 'unknown', solidarityCover: 'no' };
    const cost = costFor(DEFAULT_TARIFFS, 'doctor', 'adult', unsure);
    expect(cost.otherwise).not.toBeNull();
    expect(coverSummaryOf(unsure, cost)).toMatchObject({
      reimbursedPercent: 70,
      amountDueCents: 2500,
      thirdPartyPayment: false,
    });
  });

  it('sends nothing without a cost', () => {
    expect(coverSummaryOf(null, null)).toBeNull();
  });
});
