import { describe, expect, it } from 'vitest';
import { doctorQueueEntry, TEST_PATIENT } from '../../test/support/platform-fixtures';
import { billingSummaryOf } from './billing-summary';

/** Noon UTC on a day of 2026. */
const on = (month: number, day: number): number => Date.UTC(2026, month - 1, day, 12);

describe('the billing block the cabin sends with its place in the waiting room', () => {
  const born = (birthDate: string) => ({
    ...doctorQueueEntry('s1'),
    identity: { ...TEST_PATIENT, birthDate },
  });

  it('says the patient is a minor until the day they turn 18', () => {
    expect(billingSummaryOf(born('2008-12-06'), on(12, 5)).cover.minor).toBe(true);
    expect(billingSummaryOf(born('2008-12-05'), on(12, 5)).cover.minor).toBe(false);
  });

  it('claims no minor’s exemption when the card’s birth date could not be read', () => {
    expect(billingSummaryOf(born(''), on(12, 5)).cover.minor).toBe(false);
  });

  it('sends the typed identity as the patient typed it, with no NIR and the birth date', () => {
    expect(billingSummaryOf(doctorQueueEntry('s1'), on(12, 5))).toMatchObject({
      surname: TEST_PATIENT.surname,
      firstName: TEST_PATIENT.firstName,
      nir: null,
      nirStatus: 'missing',
      insured: 'notSaid',
      birthDate: TEST_PATIENT.birthDate,
      source: 'manual',
    });
  });
});
