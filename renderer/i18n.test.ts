// Formats as a French or English reader expects them.
import { describe, expect, it } from 'vitest';
import { fill, formatDate, formatMoney, formatNumber, formatPercent } from './i18n';

describe('formats', () => {
  it.each([
    [2500, 'fr', '25,00\u00a0€'],
    [2500, 'en', '€25.00'],
    [750, 'fr', '7,50\u00a0€'],
    [5, 'fr', '0,05\u00a0€'],
    [0, 'en', '€0.00'],
  ] as const)('formats %i cents in %s as %s', (cents, locale, expected) => {
    expect(formatMoney(cents, locale)).toBe(expected);
  });

  it('formats dates day first in French', () => {
    expect(formatDate('1950-03-12', 'fr')).toBe('12/03/1950');
    expect(formatDate('1950-03-02', 'en')).toBe('2 March 1950');
    expect(formatDate('not a date', 'fr')).toBe('not a date');
  });

  it('formats numbers and percents with the locale separator', () => {
    expect(formatNumber(37.24, 'fr')).toBe('37,2');
    expect(formatNumber(37.24, 'en')).toBe('37.2');
    expect(formatPercent(70, 'fr')).toBe('70\u00a0%');
    expect(formatPercent(70, 'en')).toBe('70%');
  });

  it('fills placeholders and leaves unknown ones as written', () => {
    expect(fill('{count} pages, {other}', { count: 3 })).toBe('3 pages, {other}');
  });
});
