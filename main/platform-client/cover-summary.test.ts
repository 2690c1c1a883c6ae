// What the professional is told of the patient's cover: every question asked, its French wording, the
// answer, and the cost the patient accepted.
import { describe, expect, it } from 'vitest';
import { parseCabinMessage } from '../../contract/validate-platform';
import { costFor, DEFAULT_TARIFFS } from '../../state-machines/cost';
import { TEST_PATIENT_SUMMARY } from '../../test/support/platform-fixtures';
import { coverSummaryOf } from './cover-summary';

describe('the cover summary sent with the patient', () => {
  it('lists every question with its wording and answer, and the cost the patient accepted', () => {
    const answers = { referredOrNoRegularDoctor: false, exemptedCase: false, fullCover: true };
    const summary = coverSummaryOf(answers, costFor(DEFAULT_TARIFFS, 'doctor', answers));
    expect(summary?.answers.map(({ question, answer }) => [question, answer])).toEqual([
      ['referredOrNoRegularDoctor', 'no'],
      ['exemptedCase', 'no'],
      ['fullCover', 'yes'],
    ]);
    expect(summary?.answers[2]?.label).toContain('100 %');
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
      measurements: [],
    };
    expect(parseCabinMessage(join).ok).toBe(true);
  });

  it('sends the cost without questions when none was asked (télésoin), and nothing without a cost', () => {
    expect(coverSummaryOf(null, costFor(DEFAULT_TARIFFS, 'nurse', null))).toMatchObject({
      answers: [],
      feeCents: 1000,
    });
    expect(coverSummaryOf(null, null)).toBeNull();
  });
});
