// What the controller accepts from a renderer: every well-formed action, nothing else.
import { describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH, parseCall, parsePatientAction } from './validate';

const identity = { surname: 'Martin', firstName: 'Léa', birthDate: '1990-01-31', nir: '' };

describe('patient actions from the screens', () => {
  it.each([
    [{ type: 'patient.next' }],
    [{ type: 'patient.setLocale', locale: 'en' }],
    [{ type: 'patient.setAccessibility', accessibility: { largeText: true, readAloud: false } }],
    [{ type: 'patient.consent', presence: 'carer', attendantStays: true }],
    [{ type: 'patient.chooseBeneficiary', index: 1 }],
    [{ type: 'patient.submitIdentity', identity }],
    [{ type: 'patient.submitAppointmentCode', code: '123 456' }],
    [{ type: 'patient.chooseProfession', profession: 'speechTherapist' }],
    [
      {
        type: 'patient.answerEligibility',
        answers: { physicalActNeeded: false, earlierInPersonSession: true },
      },
    ],
    [
      {
        type: 'patient.answerCarePath',
        answers: {
          hasRegularDoctor: 'yes',
          referredByRegularDoctor: 'unknown',
          regularDoctorUnavailable: 'no',
          exemptedSituation: null,
          longTermCondition: 'no',
          pregnantSixthMonth: 'no',
          solidarityCover: 'unknown',
        },
      },
    ],
    [{ type: 'patient.confirmParentPresent' }],
    [{ type: 'patient.reportProblem', problem: 'printer' }],
  ])('accepts %j', (action) => {
    expect(parsePatientAction(action)).toEqual({ ok: true, value: action });
  });

  const CARE = {
    hasRegularDoctor: null,
    referredByRegularDoctor: null,
    regularDoctorUnavailable: null,
    exemptedSituation: null,
    longTermCondition: 'no',
    pregnantSixthMonth: 'no',
    solidarityCover: 'no',
  };

  it.each([
    ['no type', {}],
    ['an unknown type', { type: 'patient.selfDestruct' }],
    ['a prototype key as type', { type: 'constructor' }],
    ['an extra field', { type: 'patient.next', extra: 1 }],
    ['a locale the cabin does not speak', { type: 'patient.setLocale', locale: 'de' }],
    ['a negative index', { type: 'patient.chooseBeneficiary', index: -1 }],
    ['a fractional index', { type: 'patient.chooseBeneficiary', index: 0.5 }],
    ['a missing consent answer', { type: 'patient.consent', presence: 'alone' }],
    [
      'a care-path answer that is a boolean',
      { type: 'patient.answerCarePath', answers: { ...CARE, longTermCondition: true } },
    ],
    [
      'a care-path question left out',
      { type: 'patient.answerCarePath', answers: { ...CARE, solidarityCover: undefined } },
    ],
    ['a number as name', { type: 'patient.submitIdentity', identity: { ...identity, surname: 42 } }],
    [
      'an over-long name',
      { type: 'patient.submitIdentity', identity: { ...identity, surname: 'x'.repeat(MAX_TEXT_LENGTH + 1) } },
    ],
    [
      'an identity with extra data',
      { type: 'patient.submitIdentity', identity: { ...identity, address: '1 rue' } },
    ],
    ['a string as boolean', { type: 'patient.setDmpOpposition', opposed: 'yes' }],
    ['an array', [{ type: 'patient.next' }]],
    ['null', null],
  ])('refuses %s', (_, action) => {
    expect(parsePatientAction(action)).toMatchObject({ ok: false, error: { code: 'api.invalidInput' } });
  });

  it('names the faulty field in the detail, never the value typed', () => {
    const result = parsePatientAction({
      type: 'patient.submitIdentity',
      identity: { ...identity, nir: 180017512345678 },
    });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('180017512345678');
  });
});

describe('calls on the wire', () => {
  it('accepts each CabinApi method with its argument', () => {
    expect(parseCall('getView', undefined)).toEqual({
      ok: true,
      value: { method: 'getView', params: undefined },
    });
    expect(parseCall('attend', { code: '2468', command: { type: 'attendant.markCleaned' } }).ok).toBe(true);
  });

  it('refuses unknown methods, inherited names and malformed arguments', () => {
    expect(parseCall('toString', undefined)).toMatchObject({
      ok: false,
      error: { code: 'api.unknownMethod' },
    });
    expect(parseCall(42, undefined)).toMatchObject({ ok: false, error: { code: 'api.unknownMethod' } });
    expect(parseCall('getView', { sneaky: true })).toMatchObject({
      ok: false,
      error: { code: 'api.invalidInput' },
    });
    expect(parseCall('attend', { code: '2468', command: { type: 'attendant.formatDisk' } })).toMatchObject({
      ok: false,
    });
  });
});
