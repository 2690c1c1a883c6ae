// Every language of the cabin has every string of the French table, none empty, and none the French lacks.
import { describe, expect, it } from 'vitest';
import { ar } from './ar';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { pt } from './pt';
import { tr } from './tr';

/** Every leaf of a table with its dotted key, depth first (arrays by index). */
function leaves(value: unknown, key = ''): [string, unknown][] {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, key === '' ? k : `${key}.${k}`));
  }
  return [[key, value]];
}

/** The `{name}` placeholders of a template, sorted. */
function placeholders(text: unknown): string[] {
  return typeof text === 'string' ? [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort() : [];
}

const TABLES = { en, ar, es, pt, tr };
const french = new Map(leaves(fr));

describe('strings of every language', () => {
  for (const [locale, table] of Object.entries(TABLES)) {
    const own = new Map(leaves(table));

    it(`${locale} has every key of the French table`, () => {
      expect([...french.keys()].filter((key) => !own.has(key))).toEqual([]);
    });

    it(`${locale} has no key the French table lacks`, () => {
      expect([...own.keys()].filter((key) => !french.has(key))).toEqual([]);
    });

    it(`${locale} leaves no string empty`, () => {
      expect(
        [...own].filter(([, text]) => typeof text !== 'string' || text.trim() === '').map(([k]) => k),
      ).toEqual([]);
    });

    it(`${locale} keeps the placeholders of each French template`, () => {
      // A date's template picks its own parts (numbers or the month's name): the one free template.
      const wrong = [...own]
        .filter(([key]) => key !== 'meta.date')
        .filter(([key, text]) => placeholders(text).join() !== placeholders(french.get(key)).join())
        .map(([key]) => key);
      expect(wrong).toEqual([]);
    });
  }

  it('names each language in its own language, in every table', () => {
    for (const table of [fr, ...Object.values(TABLES)]) {
      expect(table.languageNames).toEqual({
        fr: 'Français',
        en: 'English',
        ar: 'العربية',
        es: 'Español',
        pt: 'Português',
        tr: 'Türkçe',
      });
    }
  });

  it('writes Arabic right to left and every other language left to right', () => {
    expect(ar.meta.dir).toBe('rtl');
    expect([fr, en, es, pt, tr].map((table) => table.meta.dir)).toEqual(['ltr', 'ltr', 'ltr', 'ltr', 'ltr']);
  });
});
