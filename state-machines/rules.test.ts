// The rules the session applies, as tables: the NIR key, birth dates, physiological ranges (the cover
// and its cost: cover-rules.test.ts).
import { describe, expect, it } from 'vitest';
import type { Measurement } from '../contract';
import { checkTypedIdentity, isPlausibleBirthDate, isValidNir, normaliseNir } from './identity';
import { isPlausible } from './plausibility';

const TODAY = Date.UTC(2026, 10, 23);

describe('NIR key', () => {
  it.each([
    // key = 97 − (first 13 digits mod 97); fictitious numbers.
    ['2480375123456'],
    ['1850799123456'],
    ['185072A123456'], // born in Corse-du-Sud: 2A counts as 19
    ['185072B123456'], // born in Haute-Corse: 2B counts as 18
  ])('accepts %s with its computed key', (body) => {
    const numeric = BigInt(body.replace('2A', '19').replace('2B', '18'));
    const key = (97n - (numeric % 97n)).toString().padStart(2, '0');
    expect(isValidNir(body + key)).toBe(true);
    const wrongKey = ((Number(key) % 97) + 1).toString().padStart(2, '0');
    expect(isValidNir(body + wrongKey)).toBe(false);
  });

  it.each(['', '12345', '3480375123456xx', '1850799123456789', 'ABCDEFGHIJKLMNO'])('refuses %j', (nir) => {
    expect(isValidNir(nir)).toBe(false);
  });

  it('ignores the spaces and dots people type', () => {
    expect(normaliseNir('1 85 07 2a 123.456 12')).toBe('185072A12345612');
  });
});

describe('birth dates', () => {
  it.each([
    ['1948-03-12', true],
    ['2026-11-23', true],
    ['2026-11-24', false], // tomorrow
    ['1899-12-31', false],
    ['2023-02-29', false], // not a leap year
    ['2024-02-29', true],
    ['12/03/1948', false],
    ['', false],
  ])('%s → %s', (date, expected) => {
    expect(isPlausibleBirthDate(date, TODAY)).toBe(expected);
  });
});

describe('typed identity', () => {
  it('accepts accented and compound names and trims them', () => {
    const checked = checkTypedIdentity(
      { surname: "  N'Diaye-Lefèvre ", firstName: 'Anne  Marie', birthDate: '1975-06-01', nir: '' },
      TODAY,
    );
    expect(checked).toEqual({
      ok: true,
      identity: {
        surname: "N'Diaye-Lefèvre",
        firstName: 'Anne Marie',
        birthDate: '1975-06-01',
        nir: null,
        source: 'manual',
      },
    });
  });

  it('points at every field to correct', () => {
    expect(
      checkTypedIdentity({ surname: '<b>', firstName: '1234', birthDate: '2099-01-01', nir: '123' }, TODAY),
    ).toMatchObject({
      ok: false,
      invalidFields: ['surname', 'firstName', 'birthDate', 'nir'].map((field) => ({ field })),
    });
  });
});

const measurement = (quantities: Measurement['quantities']): Measurement => ({
  kind: 'bloodPressure',
  quantities,
  takenAt: 0,
});

describe('plausibility', () => {
  it.each([
    [
      [
        { name: 'systolic', value: 128, unit: 'mmHg' },
        { name: 'diastolic', value: 82, unit: 'mmHg' },
      ],
      true,
    ],
    [
      [
        { name: 'systolic', value: 80, unit: 'mmHg' },
        { name: 'diastolic', value: 90, unit: 'mmHg' },
      ],
      false,
    ],
    [[{ name: 'systolic', value: 300, unit: 'mmHg' }], false],
    [[{ name: 'temperature', value: 45, unit: '°C' }], false],
    [[{ name: 'temperature', value: 36.9, unit: '°C' }], true],
    [[{ name: 'spo2', value: 127, unit: '%' }], false], // the Nonin "no value" marker
    [[{ name: 'pulse', value: Number.NaN, unit: 'bpm' }], false],
    [[], false],
  ] as const)('%j → %s', (quantities, expected) => {
    expect(isPlausible(measurement(quantities))).toBe(expected);
  });
});
