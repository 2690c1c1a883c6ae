import { describe, expect, it } from 'vitest';
import { classifyAtr, fromHex } from './atr';

describe('ATR classification (DEVICES.md)', () => {
  it.each([
    ['3B 75 13 00 00 43 09 EA 90 00', 'vitale2'],
    ['3B 75 13 00 00 44 09 EA 90 00', 'vitale2'],
    ['3B 75 13 00 00 45 09 EA 90 00', 'vitale2'],
    ['3B 75 13 00 00 46 09 EA 90 00', 'unknown'],
    ['3B AC 00 40 2A 00 12 25 00 64 80 00 03 10 00 90 00', 'cps'],
    ['3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00 6A', 'unknown'],
    ['', 'mute'],
  ])('%s is %s', (atr, expected) => {
    expect(classifyAtr(fromHex(atr))).toBe(expected);
  });
});
