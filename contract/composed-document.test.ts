import { describe, expect, it } from 'vitest';
import { checkSickLeave, type SickLeaveException, type SickLeaveRefusal } from './composed-document';
import type { Profession } from './domain';

describe('a sick leave from teleconsultation (LFSS 2024)', () => {
  const cases: readonly [Profession, number, readonly SickLeaveException[], 'ok' | SickLeaveRefusal][] = [
    ['doctor', 1, [], 'ok'],
    ['doctor', 3, [], 'ok'],
    ['doctor', 4, [], 'tooLongFromTeleconsultation'],
    ['doctor', 15, [], 'tooLongFromTeleconsultation'],
    ['doctor', 15, ['treatingDoctor'], 'ok'],
    ['doctor', 15, ['extensionCouldNotConsult'], 'ok'],
    ['doctor', 15, ['referringMidwife'], 'tooLongFromTeleconsultation'],
    ['midwife', 10, ['referringMidwife'], 'ok'],
    ['midwife', 10, ['treatingDoctor'], 'tooLongFromTeleconsultation'],
    ['midwife', 3, [], 'ok'],
    ['dentist', 4, [], 'tooLongFromTeleconsultation'],
    ['dentist', 4, ['extensionCouldNotConsult'], 'ok'],
    ['physiotherapist', 1, [], 'notAllowedForProfession'],
    ['pharmacist', 2, ['treatingDoctor'], 'notAllowedForProfession'],
  ];
  it.each(cases)('%s, %i days, exceptions %j → %s', (profession, days, exceptions, expected) => {
    const result = checkSickLeave(profession, days, exceptions);
    if (expected === 'ok') expect(result.ok).toBe(true);
    else expect(result).toEqual({ ok: false, error: { code: 'sickLeave.refused', detail: expected } });
  });
});
