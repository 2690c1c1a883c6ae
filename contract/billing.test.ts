import { describe, expect, it } from 'vitest';
import { billingDetails, billingDetailsOf, carePathStatusOf, type BillingDetails } from './billing';
import type { CarePathAnswers } from './cover';
import type { PatientIdentity } from './domain';

/** A mother who holds the card, and her son on it (fictitious). */
const HOLDER: PatientIdentity = {
  surname: 'MARTIN',
  firstName: 'Jeanne',
  birthDate: '1950-03-02',
  nir: '250034958815709',
  source: 'card',
  holder: true,
};
const CHILD: PatientIdentity = {
  surname: 'MARTIN',
  firstName: 'Hugo',
  birthDate: '2015-06-20',
  nir: null,
  source: 'card',
  holder: false,
  cardNirFault: 'missing',
};
const TYPED: PatientIdentity = {
  surname: 'DURAND',
  firstName: 'Paul',
  birthDate: '1988-11-30',
  nir: null,
  source: 'manual',
};

const NONE_ASKED: CarePathAnswers = {
  hasRegularDoctor: null,
  referredByRegularDoctor: null,
  regularDoctorUnavailable: null,
  exemptedSituation: null,
  longTermCondition: null,
  pregnantSixthMonth: null,
  solidarityCover: null,
};

describe('the billing block the professional receives', () => {
  it('gives the card holder’s NIR, and no birth date for the insured person', () => {
    expect(billingDetailsOf(HOLDER, null, false)).toEqual({
      surname: 'MARTIN',
      firstName: 'Jeanne',
      nir: '250034958815709',
      nirStatus: 'valid',
      insured: 'insured',
      birthDate: null,
      source: 'card',
      cover: {
        carePath: 'notAsked',
        longTermCondition: null,
        maternity: null,
        solidarityCover: null,
        minor: false,
      },
    });
  });

  it('gives the birth date of a beneficiary on someone else’s card, and says a minor is one', () => {
    const billing = billingDetailsOf(CHILD, { ...NONE_ASKED, longTermCondition: 'yes' }, true);
    expect(billing).toMatchObject({
      insured: 'beneficiary',
      birthDate: '2015-06-20',
      nir: null,
      nirStatus: 'missing',
      cover: { longTermCondition: 'yes', minor: true },
    });
  });

  it('says a typed identity has no NIR, and sends the birth date since the cabin cannot tell the insured', () => {
    expect(billingDetailsOf(TYPED, null, false)).toMatchObject({
      nir: null,
      nirStatus: 'missing',
      insured: 'notSaid',
      birthDate: '1988-11-30',
      source: 'manual',
    });
  });

  it('flags a card NIR whose key is wrong and never sends the number as if it were right', () => {
    const flagged = billingDetailsOf({ ...HOLDER, nir: null, cardNirFault: 'invalidKey' }, null, false);
    expect(flagged).toMatchObject({ nir: null, nirStatus: 'keyWrong' });
    // Even a wrong number that slipped into an identity is dropped.
    const slipped = billingDetailsOf({ ...HOLDER, nir: '250034958815708' }, null, false);
    expect(slipped).toMatchObject({ nir: null, nirStatus: 'keyWrong' });
  });

  it.each<[Partial<CarePathAnswers>, string]>([
    [{}, 'notAsked'],
    [{ hasRegularDoctor: 'yes', referredByRegularDoctor: 'yes' }, 'followed'],
    [{ hasRegularDoctor: 'no' }, 'followed'],
    [{ hasRegularDoctor: 'yes', referredByRegularDoctor: 'no', exemptedSituation: 'yes' }, 'followed'],
    [
      {
        hasRegularDoctor: 'yes',
        referredByRegularDoctor: 'no',
        regularDoctorUnavailable: 'no',
        exemptedSituation: 'no',
      },
      'outside',
    ],
    [{ hasRegularDoctor: 'yes', referredByRegularDoctor: 'unknown' }, 'unsure'],
    [{ hasRegularDoctor: 'unknown' }, 'unsure'],
  ])('reads the parcours de soins from %j as %s', (answers, status) => {
    expect(carePathStatusOf({ ...NONE_ASKED, ...answers })).toBe(status);
  });
});

describe('the billing block’s check refuses what does not say one thing', () => {
  const valid = billingDetailsOf(HOLDER, null, false);
  const check = (value: unknown): string | null => billingDetails(value, 'billing');

  it('accepts the blocks the cabin builds', () => {
    expect(check(valid)).toBeNull();
    expect(check(billingDetailsOf(CHILD, null, true))).toBeNull();
    expect(check(billingDetailsOf(TYPED, null, false))).toBeNull();
  });

  it.each<[string, unknown, string]>([
    ['a NIR whose key is wrong', { ...valid, nir: '250034958815708' }, 'billing.nir'],
    ['a NIR of the wrong shape', { ...valid, nir: '25003495881570X' }, 'billing.nir'],
    ['a NIR said valid but absent', { ...valid, nir: null }, 'billing.nirStatus'],
    ['a NIR sent with a wrong-key status', { ...valid, nirStatus: 'keyWrong' }, 'billing.nirStatus'],
    ['no birth date for a beneficiary', { ...valid, insured: 'beneficiary' }, 'billing.birthDate'],
    ['a birth date for the insured', { ...valid, birthDate: '1950-03-02' }, 'billing.birthDate'],
    ['an unknown insured status', { ...valid, insured: 'spouse' }, 'billing.insured'],
    ['an empty surname', { ...valid, surname: '' }, 'billing.surname'],
    ['an unknown field', { ...valid, iban: 'FR76' }, 'billing.iban'],
    [
      'an unknown care path',
      { ...valid, cover: { ...valid.cover, carePath: 'maybe' } },
      'billing.cover.carePath',
    ],
    [
      'a minor that is not a boolean',
      { ...valid, cover: { ...valid.cover, minor: 'no' } },
      'billing.cover.minor',
    ],
    ['not an object', 'MARTIN Jeanne 250034958815709', 'billing'],
  ])('%s', (_, value, path) => {
    expect(check(value as BillingDetails)).toBe(path);
  });
});
