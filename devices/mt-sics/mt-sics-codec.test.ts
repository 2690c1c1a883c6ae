import { describe, expect, it } from 'vitest';
import { decodeMtSics, encodeMtSicsWeight } from './mt-sics-codec';

describe('MT-SICS replies', () => {
  it.each([
    [
      'S S      12.345 kg',
      { type: 'weight', command: 'S', stable: true, value: 12.345, unit: 'kg', kg: 12.345 },
    ],
    ['SI D      68.120 kg', { type: 'weight', command: 'SI', stable: false, kg: 68.12 }],
    ['S S    4775.7 g', { type: 'weight', stable: true, kg: 4.7757 }],
    ['S S     150.0 lb', { type: 'weight', stable: true, kg: 68.038856 }],
    ['S S      -0.002 kg', { type: 'weight', stable: true, kg: -0.002 }],
    ['S S      12.345 pcs', { type: 'weight', kg: null }],
    ['S I', { type: 'status', command: 'S', status: 'busy' }],
    ['SI +', { type: 'status', command: 'SI', status: 'overload' }],
    ['S -', { type: 'status', command: 'S', status: 'underload' }],
    ['Z A', { type: 'status', command: 'Z', status: 'done' }],
    ['ES', { type: 'error', error: 'syntax' }],
    ['ET', { type: 'error', error: 'transmission' }],
    ['EL', { type: 'error', error: 'logic' }],
    ['I4 A "B021002593"', { type: 'identity', command: 'I4', text: '"B021002593"' }],
  ] as const)('%j decodes', (line, expected) => {
    expect(decodeMtSics(line)).toEqual({ ok: true, value: expect.objectContaining(expected) as unknown });
  });

  it.each(['', 'S S      12.3', '\xff\x13S S', 'S Q 1.0 kg', 'S S   1.2.3 kg'])('refuses %j', (line) => {
    expect(decodeMtSics(line)).toMatchObject({ ok: false, error: { code: 'mtSics.unreadable' } });
  });

  it('reads back what the simulator writes', () => {
    expect(decodeMtSics(encodeMtSicsWeight('SI', true, 68.4))).toMatchObject({
      ok: true,
      value: { kg: 68.4 },
    });
  });
});
