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

  it.each(['', 'ST,+0004775.7', 'XX,+0004775.7   g', 'ST,+00.4.77.7   g', '\xffST'])('refuses %j', (line) => {
    expect(decodeAndStandard(line)).toMatchObject({ ok: false, error: { code: 'andStandard.unreadable' } });
  });

  it('reads back what the simulator writes', () => {
    expect(decodeAndStandard(encodeAndStandard('ST', 68.4))).toMatchObject({ ok: true, value: { kg: 68.4 } });
    expect(decodeAndStandard(encodeAndStandard('OL', null))).toMatchObject({
      ok: true,
      value: { header: 'OL' },
    });
  });
});
