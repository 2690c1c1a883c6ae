import { describe, expect, it } from 'vitest';
import { decodeAndStandard, encodeAndStandard } from './and-standard-codec';

describe('A&D standard format', () => {
  it.each([
    ['ST,+0004775.7   g', { header: 'ST', value: 4775.7, unit: 'g', kg: 4.7757 }],
    ['US,+0068.350  kg', { header: 'US', value: 68.35, unit: 'kg', kg: 68.35 }],
    ['ST,-0000000.2   g', { header: 'ST', value: -0.2, kg: -0.0002 }],
    ['ST,+00150.00  lb', { header: 'ST', value: 150, unit: 'lb', kg: 68.038856 }],
    ['OL,+9999999E kg', { header: 'OL', value: null, kg: null }],
    ['QT,+00000012 PC', { header: 'QT', value: 12, kg: null }],
  ] as const)('%j decodes', (line, expected) => {
    expect(decodeAndStandard(line)).toEqual({
      ok: true,
      value: expect.objectContaining(expected) as unknown,
    });
  });

  it.each(['', 'ST,+0004775.7', 'XX,+0004775.7   g', 'ST,+00.4.77.7   g', '\xffST', 'ST,+  kg', 'OL,'])(
    'refuses %j',
    (line) => {
      expect(decodeAndStandard(line)).toMatchObject({ ok: false, error: { code: 'andStandard.unreadable' } });
    },
  );

  it.each([
    // The 15-character layout real A&D balances send (A&D FX-i driver `encode_AnD`: value in 9 characters,
    // unit right-aligned in 3, no space before a 3-letter unit).
    ['ST,+00123.45  g', { header: 'ST', value: 123.45, unit: 'g', kg: 0.12345 }],
    ['US,+0068.350 kg', { header: 'US', value: 68.35, unit: 'kg', kg: 68.35 }],
    ['ST,+0072.35 kg', { header: 'ST', kg: 72.35 }],
    ['WT,+0072.350 kg', { header: 'WT', kg: 72.35 }],
    ['ST,-00000.12  g', { header: 'ST', kg: -0.00012 }],
    ['ST,+00004.00ozt', { header: 'ST', unit: 'ozt', kg: null }],
    ['ST,+00100.00  %', { header: 'ST', unit: '%', kg: null }],
    ['QT,+00000123 PC', { header: 'QT', value: 123, kg: null }],
    ['OL,+1E19', { header: 'OL', value: null, kg: null }],
    ['OL,-9999999E kg', { header: 'OL', value: null }],
  ] as const)('the real layout %j decodes', (line, expected) => {
    expect(decodeAndStandard(line)).toEqual({
      ok: true,
      value: expect.objectContaining(expected) as unknown,
    });
  });

  it('writes the 15 characters a real scale sends', () => {
    expect(encodeAndStandard('ST', 68.4)).toBe('ST,+00068.40 kg');
    expect(encodeAndStandard('US', 68.4, 3)).toBe('US,+0068.400 kg');
    expect(encodeAndStandard('ST', 68.4)).toHaveLength(15);
  });

  it('reads back what the simulator writes', () => {
    expect(decodeAndStandard(encodeAndStandard('ST', 68.4))).toMatchObject({ ok: true, value: { kg: 68.4 } });
    expect(decodeAndStandard(encodeAndStandard('OL', null))).toMatchObject({
      ok: true,
      value: { header: 'OL' },
    });
  });
});
