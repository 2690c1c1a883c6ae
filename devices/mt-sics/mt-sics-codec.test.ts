import { describe, expect, it } from 'vitest';
import { decodeMtSics, encodeMtSicsWeight, mtSicsIdentityFields } from './mt-sics-codec';

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

describe('MT-SICS lines real balances send', () => {
  // Atlantis-Software/mt-sics test/sics0Test.js and instrumentkit/InstrumentKit
  // tests/test_mettler_toledo/test_mt_sics.py: the lines of balances their tests replay.
  it.each([
    ['S S     100.00 g', { type: 'weight', command: 'S', stable: true, value: 100, unit: 'g', kg: 0.1 }],
    ['S D     129.07 g', { type: 'weight', command: 'S', stable: false, kg: 0.12907 }],
    // The reply to SI starts with S, not SI.
    ['S D 1.234 g', { type: 'weight', command: 'S', stable: false, kg: 0.001234 }],
    ['S I', { type: 'status', status: 'busy' }],
    ['S +', { type: 'status', status: 'overload' }],
    ['S -', { type: 'status', status: 'underload' }],
    ['S L', { type: 'status', command: 'S', status: 'refused' }],
    ['Z A', { type: 'status', command: 'Z', status: 'done' }],
    ['Z I', { type: 'status', command: 'Z', status: 'busy' }],
    ['ZI A', { type: 'status', command: 'ZI', status: 'done' }],
    ['I4 A "1234567"', { type: 'identity', command: 'I4', text: '"1234567"' }],
    ['I2 A "ICS469 OU 60.18 kg"', { type: 'identity', command: 'I2' }],
    ['I4 I', { type: 'status', command: 'I4', status: 'busy' }],
  ] as const)('%j decodes', (line, expected) => {
    expect(decodeMtSics(line)).toEqual({ ok: true, value: expect.objectContaining(expected) as unknown });
  });
});

describe('MT-SICS identity replies', () => {
  it.each([
    ['I2 A "PG5002-S DeltaRange 5100.0 g"', { command: 'I2', text: '"PG5002-S DeltaRange 5100.0 g"' }],
    ['I3 A "2.10 10.28.0.493.142"', { command: 'I3', text: '"2.10 10.28.0.493.142"' }],
    ['I4 A "B021002593"', { command: 'I4', text: '"B021002593"' }],
  ])('%j decodes', (line, expected) => {
    expect(decodeMtSics(line)).toEqual({ ok: true, value: { type: 'identity', ...expected } });
  });

  it('tells the model, the software and the serial number without quotes', () => {
    expect(
      mtSicsIdentityFields({
        I2: '"WKC204C" "220.0 g"',
        I3: '"2.10 10.28.0.493.142"',
        I4: '"B021002593"',
      }),
    ).toEqual({ model: 'WKC204C 220.0 g', firmware: '2.10 10.28.0.493.142', serialNumber: 'B021002593' });
  });

  it('leaves null what the balance refused', () => {
    expect(mtSicsIdentityFields({ I2: null, I3: null, I4: '"0123456789"' })).toEqual({
      model: null,
      firmware: null,
      serialNumber: '0123456789',
    });
    expect(decodeMtSics('I2 I')).toEqual({
      ok: true,
      value: { type: 'status', command: 'I2', status: 'busy' },
    });
  });
});
