// What the controller accepts from a renderer: every well-formed action, nothing else.
import { describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH, parseCall, parsePatientAction } from './validate';

const identity = { surname: 'Martin', firstName: 'Léa', birthDate: '1990-01-31', nir: '' };

describe('patient actions from the screens', () => {
  it.each([
    [{ type: 'patient.next' }],
    [{ type: 'patient.setLocale', locale: 'en' }],
    [{ type: 'patient.setAccessibility', accessibility: { largeText: true, readAloud: false } }],
    [
      {
        type: 'patient.setAccessibility',
        accessibility: { largeText: false, readAloud: true, highContrast: true },
      },
    ],
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
    [
      'a high contrast that is not a boolean',
      {
        type: 'patient.setAccessibility',
        accessibility: { largeText: false, readAloud: false, highContrast: 'yes' },
      },
    ],
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
    expect(parseCall('staffLogin', { role: 'attendant', pin: '246813' }).ok).toBe(true);
    expect(parseCall('staffSetPins', { attendantPin: '739164', technicianPin: '582017' }).ok).toBe(true);
    expect(parseCall('staff', { token: 'abc_DEF-123', command: { type: 'attendant.markCleaned' } }).ok).toBe(
      true,
    );
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
    expect(parseCall('staff', { token: 'abc', command: { type: 'attendant.formatDisk' } })).toMatchObject({
      ok: false,
    });
    expect(parseCall('attend', { code: '2468', command: { type: 'attendant.markCleaned' } })).toMatchObject({
      ok: false,
      error: { code: 'api.unknownMethod' },
    });
  });
});

describe('staff calls on the wire', () => {
  const staff = (command: unknown) => parseCall('staff', { token: 'tok-en_1', command });

  it.each([
    [{ type: 'attendant.acknowledgeHelp' }],
    [{ type: 'attendant.resetSession' }],
    [{ type: 'attendant.markCleaned' }],
    [{ type: 'attendant.setOutOfService', message: '' }],
    [{ type: 'attendant.setOutOfService', message: 'Fermée jusqu’à 14 h, merci de votre patience.' }],
    [{ type: 'attendant.returnToService' }],
    [{ type: 'attendant.settlePayment', transactionId: 'k7p2qz9mab3xc4de', paid: true }],
    [{ type: 'technician.enterMaintenance' }],
    [{ type: 'technician.leaveMaintenance' }],
    [{ type: 'technician.listDevices' }],
    [{ type: 'technician.traffic', peripheral: 'weight', sinceMs: 1_768_208_400_000 }],
    [
      {
        type: 'technician.startProcedure',
        peripheral: 'bloodPressure',
        technician: 'Paul Hébert',
        reference: { instrument: 'Manomètre Druck DPI 104', certificate: 'COFRAC 2026-0412' },
        adjust: true,
      },
    ],
    [{ type: 'technician.answerProcedure', value: 249.5 }],
    [{ type: 'technician.answerProcedure', value: null }],
    [{ type: 'technician.cancelProcedure' }],
    [{ type: 'technician.records', peripheral: null }],
    [{ type: 'technician.records', peripheral: 'temperature' }],
    [
      {
        type: 'technician.recordIntervention',
        peripheral: 'oxygenSaturation',
        kind: 'repair',
        technician: 'Paul Hébert',
        note: '',
      },
    ],
    [{ type: 'technician.export', directory: '/media/usb0/cabine' }],
    [{ type: 'staff.logout' }],
  ])('accepts the staff command %j', (command) => {
    expect(staff(command)).toEqual({
      ok: true,
      value: { method: 'staff', params: { token: 'tok-en_1', command } },
    });
  });

  it.each([
    ['an unknown command', { type: 'technician.formatDisk' }],
    ['an extra field', { type: 'attendant.markCleaned', force: true }],
    ['a message too long', { type: 'attendant.setOutOfService', message: 'x'.repeat(161) }],
    ['a message on two lines', { type: 'attendant.setOutOfService', message: 'Fermée\nà 14 h' }],
    ['a message missing', { type: 'attendant.setOutOfService' }],
    [
      'a card number as reference',
      { type: 'attendant.settlePayment', transactionId: '4970 1234', paid: true },
    ],
    ['a reference too long', { type: 'attendant.settlePayment', transactionId: 'a'.repeat(17), paid: true }],
    ['a decision that is not yes or no', { type: 'attendant.settlePayment', transactionId: 'ab12', paid: 1 }],
    ['a device kind unknown', { type: 'technician.traffic', peripheral: 'glucose', sinceMs: 0 }],
    ['a negative time', { type: 'technician.traffic', peripheral: 'weight', sinceMs: -1 }],
    [
      'a technician name too long',
      {
        type: 'technician.startProcedure',
        peripheral: 'weight',
        technician: 'x'.repeat(121),
        reference: { instrument: 'Masses M1', certificate: 'C-1' },
        adjust: false,
      },
    ],
    [
      'a blank instrument',
      {
        type: 'technician.startProcedure',
        peripheral: 'weight',
        technician: 'Paul',
        reference: { instrument: ' ', certificate: 'C-1' },
        adjust: false,
      },
    ],
    ['a reading that is not a number', { type: 'technician.answerProcedure', value: '250' }],
    ['an infinite reading', { type: 'technician.answerProcedure', value: Infinity }],
    [
      'an intervention of another kind',
      {
        type: 'technician.recordIntervention',
        peripheral: 'weight',
        kind: 'calibration',
        technician: 'P',
        note: '',
      },
    ],
    ['a relative directory', { type: 'technician.export', directory: 'media/usb0' }],
    ['a directory climbing up', { type: 'technician.export', directory: '/media/../etc' }],
    ['a directory too long', { type: 'technician.export', directory: `/${'d'.repeat(255)}` }],
  ])('refuses %s', (_, command) => {
    expect(staff(command)).toMatchObject({ ok: false, error: { code: 'api.invalidInput' } });
  });

  it('refuses a login with an unknown role or a PIN that is not digits, and a token that is not one', () => {
    expect(parseCall('staffLogin', { role: 'director', pin: '246813' }).ok).toBe(false);
    expect(parseCall('staffLogin', { role: 'attendant', pin: '24a813' }).ok).toBe(false);
    expect(parseCall('staffLogin', { role: 'attendant', pin: '1'.repeat(13) }).ok).toBe(false);
    expect(parseCall('staffLogin', { role: 'attendant', pin: '246813', remember: true }).ok).toBe(false);
    expect(parseCall('staffSetPins', { attendantPin: '739164' }).ok).toBe(false);
    expect(parseCall('staffSetPins', { attendantPin: '7'.repeat(33), technicianPin: '582017' }).ok).toBe(
      false,
    );
    expect(parseCall('staff', { token: 'a b', command: { type: 'staff.logout' } }).ok).toBe(false);
    expect(parseCall('staff', { token: 'x'.repeat(65), command: { type: 'staff.logout' } }).ok).toBe(false);
  });
});
