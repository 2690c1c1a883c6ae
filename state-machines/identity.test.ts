// The typed identity as French civil status and the NIR's rules see it, as tables of real-looking values.
import { describe, expect, it } from 'vitest';
import type { IdentityProblem } from '../contract';
import { checkTypedIdentity, nameProblem, nirProblem } from './identity';

const TODAY = Date.UTC(2026, 10, 23);

/** A fictitious NIR body with its computed key: 97 − (body mod 97), 2A → 19, 2B → 18. */
const withKey = (body: string): string => {
  const key = 97n - (BigInt(body.replace('2A', '19').replace('2B', '18')) % 97n);
  return body + key.toString().padStart(2, '0');
};

describe('names French civil status accepts', () => {
  it.each([
    'Anne-Marie',
    "N'Diaye",
    'N’Diaye', // the typographic apostrophe a phone keyboard types
    'Lætitia',
    'Chloé',
    'Éloïse',
    'Ÿ',
    'Françoise',
    'Œdipe',
    'Jean Pierre',
    'DUPONT', // capitals without accents, as on many cards
    'Marie-Françoise-Élisabeth',
    'Le Guen',
    "D'Artagnan de Castelmore",
    'Hélène Müller',
    'x'.repeat(40),
  ])('%j', (name) => {
    expect(nameProblem(name)).toBeNull();
  });
});

describe('names French civil status refuses, each with its reason', () => {
  it.each<[string, IdentityProblem]>([
    ['', 'empty'],
    ['x'.repeat(41), 'tooLong'],
    ['Jean2', 'digit'],
    ['Louis XIV 14', 'digit'],
    ['Fañch', 'letterNotAllowed'], // the tilde is not on the 2014 list
    ['Søren', 'letterNotAllowed'],
    ['Straße', 'letterNotAllowed'],
    ['Иван', 'letterNotAllowed'],
    ['李', 'letterNotAllowed'],
    ['marie@dupont', 'symbol'],
    ['Anne/Marie', 'symbol'],
    ['<b>', 'symbol'],
    ['Anne.', 'symbol'],
    ['-Anne', 'separatorAtEdge'],
    ['Anne-', 'separatorAtEdge'],
    ["'Anne", 'separatorAtEdge'],
    ['Anne--Marie', 'separatorsTogether'],
    ["N''Diaye", 'separatorsTogether'],
    ['Anne -Marie', 'separatorsTogether'],
  ])('%j: %s', (name, problem) => {
    expect(nameProblem(name)).toBe(problem);
  });
});

describe('NIR', () => {
  it.each([
    withKey('2480375123456'),
    withKey('1850799123456'),
    withKey('185072A123456'), // born in Corse-du-Sud
    withKey('185072B123456'), // born in Haute-Corse
    withKey('7850799123456'), // a temporary number
  ])('accepts %s', (nir) => {
    expect(nirProblem(nir)).toBeNull();
  });

  it.each<[string, IdentityProblem]>([
    ['24803751234', 'nirTooShort'],
    [`${withKey('2480375123456')}1`, 'nirTooLong'],
    ['2480375I2345678', 'nirLetter'], // an I for a 1
    ['A48037512345678', 'nirLetter'],
    ['24803751234A678', 'nirLetter'], // A or B only as the Corsican département
    ['2480-375123456', 'nirLetter'],
    [withKey('5480375123456'), 'nirFirstDigit'],
    [`${withKey('2480375123456').slice(0, 13)}00`, 'nirWrongKey'],
  ])('%s: %s', (nir, problem) => {
    expect(nirProblem(nir)).toBe(problem);
  });
});

describe('the typed identity', () => {
  const typed = { surname: 'Dupont', firstName: 'Chloé', birthDate: '1950-03-02', nir: '' };

  it('composes accents typed as a letter and a combining mark, so "é" is é', () => {
    const checked = checkTypedIdentity({ ...typed, firstName: 'Chloe\u0301' }, TODAY);
    expect(checked).toMatchObject({ ok: true, identity: { firstName: 'Chloé' } });
  });

  it('says for each refused field why, and how long the value was', () => {
    expect(
      checkTypedIdentity(
        { surname: 'D'.repeat(45), firstName: 'Anne-', birthDate: '2099-01-01', nir: '2 48 03 75 123' },
        TODAY,
      ),
    ).toEqual({
      ok: false,
      invalidFields: [
        { field: 'surname', problem: 'tooLong', length: 45 },
        { field: 'firstName', problem: 'separatorAtEdge', length: 5 },
        { field: 'birthDate', problem: 'inFuture', length: 10 },
        { field: 'nir', problem: 'nirTooShort', length: 10 },
      ],
    });
  });

  it.each<[string, IdentityProblem]>([
    ['', 'empty'],
    ['1950-02-30', 'notADate'],
    ['1899-12-31', 'before1900'],
  ])('a birth date %j: %s', (birthDate, problem) => {
    expect(checkTypedIdentity({ ...typed, birthDate }, TODAY)).toMatchObject({
      ok: false,
      invalidFields: [{ field: 'birthDate', problem }],
    });
  });
});
