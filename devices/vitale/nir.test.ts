import { describe, expect, it } from 'vitest';
import { nirKeyIsValid, withNirKey } from './nir';

describe('NIR key', () => {
  it.each([
    ['248037512345658', true],
    ['114097512345726', true],
    ['248037512345659', false],
    ['2480375123456', false],
    [withNirKey('185072A123456'), true],
    [withNirKey('185072B123456'), true],
    ['185072A12345600', false],
    ['948037512345658', false],
  ])('%s → %s', (nir, valid) => {
    expect(nirKeyIsValid(nir)).toBe(valid);
  });
});
