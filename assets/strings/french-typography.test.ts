// The French table keeps French typography: a "?" or a "»" never starts a line on the cabin's screen.
import { describe, expect, it } from 'vitest';
import { fr } from './fr';

/** Every string of a table with its dotted key, depth first. */
function entries(value: unknown, key = ''): [string, string][] {
  if (typeof value === 'string') return [[key, value]];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => entries(v, key === '' ? k : `${key}.${k}`));
}

describe('French typography of the patient strings', () => {
  const all = entries(fr);

  it('puts a non-breaking space before ? ! : ; % and €', () => {
    const wrong = all.filter(([, text]) => / [?!:;%€]/.test(text)).map(([key]) => key);
    expect(wrong).toEqual([]);
  });

  it('puts non-breaking spaces inside « »', () => {
    const wrong = all.filter(([, text]) => /« | »/.test(text)).map(([key]) => key);
    expect(wrong).toEqual([]);
  });

  it('shows no developer text: no backticks, no code names', () => {
    const wrong = all.filter(([, text]) => /`|npm |\{version\}/.test(text)).map(([key]) => key);
    expect(wrong).toEqual([]);
  });
});
