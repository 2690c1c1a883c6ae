// The cover rules as tables (PRODUCT.md): the age on the session's date, the questions a patient is
// asked, and what the Assurance Maladie, a complementary insurance and the patient pay, in cents.
import { describe, expect, it } from 'vitest';
import type { AgeBand, CarePathAnswers, PartialCarePathAnswers, Profession } from '../contract';
import {
  carePathQuestionsToAsk,
  completeAnswers,
  DIRECT_ACCESS_SPECIALTIES,
  isDirectAccess,
  PROFESSIONS,
} from '../contract';
import {
  ageBandOf,
  ageOn,
  costFor,
  DEFAULT_TARIFFS,
  standardCost,
  USUAL_ANSWERS,
  type TariffTable,
} from './cost';

const SESSION_DAY = Date.UTC(2026, 11, 5, 8, 30);

describe('age on the session date', () => {
  it.each([
    ['2010-12-06', 15, 'under16'], // 15 years and 364 days
    ['2010-12-05', 16, 'under18'], // 16 today
    ['2009-12-06', 16, 'under18'],
    ['2009-12-05', 17, 'under18'],
    ['2008-12-06', 17, 'under18'], // 17 years and 364 days
    ['2008-12-05', 18, 'adult'], // 18 today
    ['2014-09-30', 12, 'under16'], // Lucas, on the simulated card
    ['1948-03-12', 78, 'adult'],
  ] as const)('born %s: %i years old, %s', (birthDate, age, band) => {
    expect(ageOn(birthDate, SESSION_DAY)).toBe(age);
    expect(ageBandOf(birthDate, SESSION_DAY)).toBe(band);
  });

  it('counts a 29 February birthday from 1 March in a common year', () => {
    expect(ageOn('2012-02-29', Date.UTC(2028, 1, 28))).toBe(15);
    expect(ageOn('2012-02-29', Date.UTC(2027, 1, 28))).toBe(14);
    expect(ageOn('2012-02-29', Date.UTC(2027, 2, 1))).toBe(15);
  });
});

describe('the cover questions asked', () => {
  const COVER = ['longTermCondition', 'pregnantSixthMonth', 'solidarityCover'] as const;
  it.each([
    ['a doctor, an adult, at first', 'doctor', 'adult', {}, ['hasRegularDoctor', ...COVER]],
    ['a doctor, 16 or 17: the usual rules', 'doctor', 'under18', {}, ['hasRegularDoctor', ...COVER]],
    ['a doctor, under 16: no parcours question', 'doctor', 'under16', {}, COVER],
    [
      'no médecin traitant: settled',
      'doctor',
      'adult',
      { hasRegularDoctor: 'no' },
      ['hasRegularDoctor', ...COVER],
    ],
    [
      'a médecin traitant: did they refer you?',
      'doctor',
      'adult',
      { hasRegularDoctor: 'yes' },
      ['hasRegularDoctor', 'referredByRegularDoctor', ...COVER],
    ],
    [
      'referred: settled',
      'doctor',
      'adult',
      { hasRegularDoctor: 'yes', referredByRegularDoctor: 'yes' },
      ['hasRegularDoctor', 'referredByRegularDoctor', ...COVER],
    ],
    [
      'not referred: is your médecin traitant unavailable?',
      'doctor',
      'adult',
      { hasRegularDoctor: 'yes', referredByRegularDoctor: 'no' },
      ['hasRegularDoctor', 'referredByRegularDoctor', 'regularDoctorUnavailable', ...COVER],
    ],
    [
      'available: then the listed situations',
      'doctor',
      'adult',
      { hasRegularDoctor: 'yes', referredByRegularDoctor: 'no', regularDoctorUnavailable: 'no' },
      [
        'hasRegularDoctor',
        'referredByRegularDoctor',
        'regularDoctorUnavailable',
        'exemptedSituation',
        ...COVER,
      ],
    ],
    [
      '"je ne sais pas" to referral and availability: the situations too',
      'doctor',
      'adult',
      { hasRegularDoctor: 'yes', referredByRegularDoctor: 'unknown', regularDoctorUnavailable: 'unknown' },
      [
        'hasRegularDoctor',
        'referredByRegularDoctor',
        'regularDoctorUnavailable',
        'exemptedSituation',
        ...COVER,
      ],
    ],
    [
      '"je ne sais pas" to having one: the situations',
      'doctor',
      'adult',
      { hasRegularDoctor: 'unknown' },
      ['hasRegularDoctor', 'exemptedSituation', ...COVER],
    ],
    ...PROFESSIONS.filter((p) => p !== 'doctor').map(
      (profession) => [`a ${profession}: direct access`, profession, 'adult', {}, COVER] as const,
    ),
  ] as [string, Profession, AgeBand, PartialCarePathAnswers, readonly string[]][])(
    '%s',
    (_, profession, band, answers, expected) => {
      expect(carePathQuestionsToAsk(profession, band, answers)).toEqual(expected);
    },
  );
});

/** The answers of a doctor's patient: the médecin-traitant ones given, no ALD, maternity or CSS unless said. */
const doctorAnswers = (given: PartialCarePathAnswers): CarePathAnswers =>
  completeAnswers({ longTermCondition: 'no', pregnantSixthMonth: 'no', solidarityCover: 'no', ...given });

const REFERRED: PartialCarePathAnswers = { hasRegularDoctor: 'yes', referredByRegularDoctor: 'yes' };
const OUTSIDE: PartialCarePathAnswers = {
  hasRegularDoctor: 'yes',
  referredByRegularDoctor: 'no',
  regularDoctorUnavailable: 'no',
  exemptedSituation: 'no',
};

/** The usual 70 % less the 2 € participation forfaitaire, the whole 25 € advanced. */
const USUAL = {
  reimbursed: true,
  reimbursedPercent: 70,
  deductionCents: 200,
  assuranceMaladieCents: 1550,
  complementaryCents: 750,
  patientShareCents: 950,
  thirdPartyPayment: false,
  amountDueTodayCents: 2500,
};
const NOT_REIMBURSED = {
  reimbursed: false,
  reimbursedPercent: 0,
  deductionCents: 0,
  assuranceMaladieCents: 0,
  complementaryCents: 0,
  patientShareCents: 2500,
  thirdPartyPayment: false,
  amountDueTodayCents: 2500,
};
const FULL_WITH_PARTICIPATION = {
  reimbursed: true,
  reimbursedPercent: 100,
  deductionCents: 200,
  assuranceMaladieCents: 2300,
  complementaryCents: 0,
  patientShareCents: 200,
  thirdPartyPayment: true,
  amountDueTodayCents: 0,
};
const SEVENTY_NO_PARTICIPATION = {
  ...USUAL,
  deductionCents: 0,
  assuranceMaladieCents: 1750,
  patientShareCents: 750,
};

describe("a doctor's téléconsultation, 25 €", () => {
  it.each([
    ['referred by the médecin traitant', 'adult', REFERRED, USUAL, null, 2500],
    ['without a médecin traitant', 'adult', { hasRegularDoctor: 'no' }, USUAL, null, 2500],
    [
      'the médecin traitant unavailable',
      'adult',
      { ...OUTSIDE, regularDoctorUnavailable: 'yes', exemptedSituation: undefined },
      USUAL,
      null,
      2500,
    ],
    ['an urgency, EHPAD or detention', 'adult', { ...OUTSIDE, exemptedSituation: 'yes' }, USUAL, null, 2500],
    ['outside the parcours, no listed case: not reimbursed', 'adult', OUTSIDE, NOT_REIMBURSED, null, 2500],
    [
      '"je ne sais pas" to the referral: the Assurance Maladie decides',
      'adult',
      { ...OUTSIDE, referredByRegularDoctor: 'unknown' },
      USUAL,
      NOT_REIMBURSED,
      2500,
    ],
    [
      '"je ne sais pas" to having one',
      'adult',
      { hasRegularDoctor: 'unknown', exemptedSituation: 'no' },
      USUAL,
      NOT_REIMBURSED,
      2500,
    ],
    [
      '"je ne sais pas" to the listed situations',
      'adult',
      { ...OUTSIDE, exemptedSituation: 'unknown' },
      USUAL,
      NOT_REIMBURSED,
      2500,
    ],
    [
      'ALD, referred: 100 %, tiers payant, the 2 € kept back later',
      'adult',
      { ...REFERRED, longTermCondition: 'yes' },
      FULL_WITH_PARTICIPATION,
      null,
      0,
    ],
    [
      'ALD, outside the parcours: not reimbursed',
      'adult',
      { ...OUTSIDE, longTermCondition: 'yes' },
      NOT_REIMBURSED,
      null,
      2500,
    ],
    [
      '"je ne sais pas" to ALD: 100 % or 70 %, the whole fee advanced',
      'adult',
      { ...REFERRED, longTermCondition: 'unknown' },
      FULL_WITH_PARTICIPATION,
      USUAL,
      2500,
    ],
    [
      'pregnant from the sixth month: 100 %, no participation, tiers payant',
      'adult',
      { ...REFERRED, pregnantSixthMonth: 'yes' },
      { ...FULL_WITH_PARTICIPATION, deductionCents: 0, assuranceMaladieCents: 2500, patientShareCents: 0 },
      null,
      0,
    ],
    [
      'CSS: no participation, tiers payant, nothing to pay',
      'adult',
      { ...REFERRED, solidarityCover: 'yes' },
      { ...SEVENTY_NO_PARTICIPATION, thirdPartyPayment: true, amountDueTodayCents: 0 },
      null,
      0,
    ],
    [
      'CSS outside the parcours: not reimbursed',
      'adult',
      { ...OUTSIDE, solidarityCover: 'yes' },
      NOT_REIMBURSED,
      null,
      2500,
    ],
    [
      '"je ne sais pas" to CSS',
      'adult',
      { ...REFERRED, solidarityCover: 'unknown' },
      { ...SEVENTY_NO_PARTICIPATION, thirdPartyPayment: true, amountDueTodayCents: 0 },
      USUAL,
      2500,
    ],
    [
      '15 years and 364 days: no parcours condition, no participation',
      'under16',
      {},
      SEVENTY_NO_PARTICIPATION,
      null,
      2500,
    ],
    ['16 or 17, referred: no participation', 'under18', REFERRED, SEVENTY_NO_PARTICIPATION, null, 2500],
    ['16 or 17, outside the parcours: not reimbursed', 'under18', OUTSIDE, NOT_REIMBURSED, null, 2500],
  ] as [string, AgeBand, PartialCarePathAnswers, object, object | null, number][])(
    '%s',
    (_, band, given, cover, otherwise, dueToday) => {
      const cost = costFor(DEFAULT_TARIFFS, 'doctor', band, doctorAnswers(given));
      expect(cost.cover).toEqual(cover);
      expect(cost.otherwise).toEqual(otherwise);
      expect(cost.amountDueTodayCents).toBe(dueToday);
      expect(cost.feeCents).toBe(2500);
    },
  );
});

describe('every profession the journey offers, an adult without ALD, maternity or CSS', () => {
  const usual = completeAnswers({ longTermCondition: 'no', pregnantSixthMonth: 'no', solidarityCover: 'no' });
  it.each([
    ['doctor', 2500, 70, 200, 1550, 'participationForfaitaire'],
    ['midwife', 2500, 70, 0, 1750, null],
    ['dentist', 2500, 70, 0, 1750, null],
    ['pharmacist', 1000, 70, 0, 700, null],
    ['nurse', 1000, 60, 100, 500, 'franchiseMedicale'],
    ['physiotherapist', 1650, 60, 100, 890, 'franchiseMedicale'],
    ['speechTherapist', 2000, 60, 100, 1100, 'franchiseMedicale'],
  ] as const)(
    '%s: %i cents at %i %%, less %i: %i from the Assurance Maladie',
    (profession, fee, percent, deduction, paid, kind) => {
      const answers = profession === 'doctor' ? doctorAnswers(REFERRED) : usual;
      const cost = costFor(DEFAULT_TARIFFS, profession, 'adult', answers);
      expect(cost).toMatchObject({
        profession,
        feeCents: fee,
        deduction: kind,
        otherwise: null,
        amountDueTodayCents: fee,
      });
      expect(cost.cover).toMatchObject({
        reimbursedPercent: percent,
        deductionCents: deduction,
        assuranceMaladieCents: paid,
        complementaryCents: fee - Math.round((fee * percent) / 100),
      });
    },
  );

  it('a minor pays no franchise on a télésoin act either', () => {
    const cost = costFor(DEFAULT_TARIFFS, 'nurse', 'under16', usual);
    expect(cost.cover).toMatchObject({ deductionCents: 0, assuranceMaladieCents: 600 });
  });

  it("takes the operator's figures from the configuration", () => {
    const tariffs: TariffTable = {
      ...DEFAULT_TARIFFS,
      dentist: { feeCents: 2300, reimbursedPercent: 70, deductionCents: 0 },
    };
    expect(costFor(tariffs, 'dentist', 'adult', usual)).toMatchObject({
      feeCents: 2300,
      cover: { assuranceMaladieCents: 1610, complementaryCents: 690 },
    });
  });
});

describe('the information screen, before any answer', () => {
  it("shows an adult's doctor téléconsultation in the parcours: 25 €, 15,50 € back, 7,50 € for a mutuelle", () => {
    expect(standardCost(DEFAULT_TARIFFS)).toEqual({
      profession: 'doctor',
      feeCents: 2500,
      deduction: 'participationForfaitaire',
      cover: USUAL,
      otherwise: null,
      solidarityCover: false,
      amountDueTodayCents: 2500,
    });
  });
});

describe('a booked direct-access specialist (PRODUCT.md: gynécologie, ophtalmologie, stomatologie, chirurgie orale et maxillo-faciale, psychiatrie, pédiatrie)', () => {
  it.each([
    ...DIRECT_ACCESS_SPECIALTIES.filter((s) => s !== 'psychiatry').map((s) => [s, 78, true] as const),
    ['psychiatry', 16, true],
    ['psychiatry', 25, true], // ameli: psychiatry is direct access from 16 to 25 years old
    ['psychiatry', 26, false],
    [null, 40, false], // no specialty known: a general practitioner's téléconsultation
  ] as const)('%s at %i years old: direct access %s', (specialty, age, direct) => {
    expect(isDirectAccess(specialty, age)).toBe(direct);
  });

  it('asks nothing of the médecin traitant, and reimburses without a referral', () => {
    expect(carePathQuestionsToAsk('doctor', 'adult', {}, true)).toEqual([
      'longTermCondition',
      'pregnantSixthMonth',
      'solidarityCover',
    ]);
    const answers = completeAnswers({
      longTermCondition: 'no',
      pregnantSixthMonth: 'no',
      solidarityCover: 'no',
    });
    // 70 % of 25 € less the 2 € participation: the same as in the parcours.
    expect(costFor(DEFAULT_TARIFFS, 'doctor', 'adult', answers, true)).toMatchObject({
      cover: { reimbursed: true, assuranceMaladieCents: 1550 },
      otherwise: null,
    });
  });
});

describe("the tiers payant the operator offers (configuration's thirdPartyPayment)", () => {
  const usual = USUAL_ANSWERS;
  const outside = {
    ...USUAL_ANSWERS,
    referredByRegularDoctor: 'no' as const,
    exemptedSituation: 'no' as const,
  };

  it.each([
    ['legalCases', 2500, false],
    ['complementaryPartDue', 750, true],
    ['nothingDue', 0, true],
  ] as const)('%s: a usual reimbursed consultation asks %i cents today', (policy, due, thirdParty) => {
    const cost = costFor(DEFAULT_TARIFFS, 'doctor', 'adult', usual, false, policy);
    expect(cost.amountDueTodayCents).toBe(due);
    expect(cost.cover.thirdPartyPayment).toBe(thirdParty);
    // What the Assurance Maladie pays back is the same: only who advances it changes.
    expect(cost.cover.assuranceMaladieCents).toBe(1550);
  });

  it.each(['legalCases', 'complementaryPartDue', 'nothingDue'] as const)(
    '%s: a consultation that is not reimbursed is paid whole',
    (policy) => {
      const cost = costFor(DEFAULT_TARIFFS, 'doctor', 'adult', outside, false, policy);
      expect(cost.cover.reimbursed).toBe(false);
      expect(cost.amountDueTodayCents).toBe(2500);
    },
  );

  it('a "je ne sais pas" is paid as the case against the patient, whatever the policy', () => {
    const unsure = {
      ...USUAL_ANSWERS,
      referredByRegularDoctor: 'unknown' as const,
      exemptedSituation: 'no' as const,
    };
    const cost = costFor(DEFAULT_TARIFFS, 'doctor', 'adult', unsure, false, 'nothingDue');
    expect(cost.cover.amountDueTodayCents).toBe(0);
    expect(cost.otherwise?.amountDueTodayCents).toBe(2500);
    expect(cost.amountDueTodayCents).toBe(2500);
  });

  it('the information screen shows the policy too', () => {
    expect(standardCost(DEFAULT_TARIFFS, 'complementaryPartDue').amountDueTodayCents).toBe(750);
  });
});
