import { describe, expect, it } from 'vitest';
import { nirKey, nirKeyIsValid, withNirKey } from './nir';

describe('the NIR key: 97 − (the first 13 characters mod 97)', () => {
  // Keys worked out by hand from the rule, Corsica's 2A read as 19 and 2B as 18.
  it.each([
    ['2500349588157', 9],
    ['2480375123456', 58],
    ['185072A123456', 65],
    ['185072B123456', 92],
  ])('%s has the key %i', (thirteen, key) => {
    expect(nirKey(thirteen)).toBe(key);
  });

  it.each([
    ['250034958815709', true],
    ['248037512345658', true],
    ['185072A12345665', true],
    ['185072B12345692', true],
    ['250034958815708', false],
    ['185072A12345692', false],
    ['25003495881570', false],
    ['2500349588157090', false],
    ['950034958815709', false],
    ['2500349588157O9', false],
    ['185072C12345665', false],
  ])('%s → %s', (nir, valid) => {
    expect(nirKeyIsValid(nir)).toBe(valid);
  });

  it('pads a key under 10 with a zero', () => {
    expect(withNirKey('2500349588157')).toBe('250034958815709');
  });
});
