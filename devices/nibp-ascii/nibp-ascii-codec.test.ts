import { describe, expect, it } from 'vitest';
import { decodeNibpAscii, encodeNibpCommand, NIBP_COMMANDS } from './nibp-ascii-codec';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('NIBP ASCII commands', () => {
  it.each([
    [NIBP_COMMANDS.start, '\x0201;;D7\x03\r'],
    ['03', '\x0203;;D9\x03\r'],
    [NIBP_COMMANDS.getResult, '\x0218;;DF\x03\r'],
    [NIBP_COMMANDS.manometer, '\x0214;;DB\x03\r'],
  ] as const)('command %s is framed as %j', (code, frame) => {
    expect(text(encodeNibpCommand(code as '01'))).toBe(frame);
  });

  it('decodes a host command and refuses a bad checksum', () => {
    expect(decodeNibpAscii('\x0201;;D7\x03')).toEqual({ ok: true, value: { type: 'command', code: '01' } });
    expect(decodeNibpAscii('\x0201;;D8\x03')).toMatchObject({
      ok: false,
      error: { code: 'nibp.badChecksum' },
    });
    expect(decodeNibpAscii('X')).toEqual({ ok: true, value: { type: 'stop' } });
  });
});

describe('NIBP ASCII module frames', () => {
  it.each([
    ['\x02125C0S1\x03', { type: 'cuffPressure', pressureMmHg: 125, error: '0', status: '1' }],
    ['\x02000C0S0\x03', { type: 'cuffPressure', pressureMmHg: 0 }],
    ['\x02999C0S0\x03', { type: 'cuffPressure', pressureMmHg: 999 }],
    [
      '\x02S0;A0;C00;M00;P128082097;R072;T0035\x03',
      {
        type: 'result',
        message: '00',
        systolic: 128,
        diastolic: 82,
        meanArterial: 97,
        pulse: 72,
        timeSeconds: 35,
      },
    ],
    [
      '\x02S1;A1;C02;M01;P095060071;R110;T0042\x03',
      { type: 'result', mode: '1', cycle: 2, message: '01', pulse: 110 },
    ],
  ] as const)('%j decodes', (line, expected) => {
    expect(decodeNibpAscii(line)).toEqual({ ok: true, value: expect.objectContaining(expected) as unknown });
  });

  it.each(['', '\x0212C0S1\x03', '\x02S0;A0;C00;M00;P128082;R072;T0035\x03', '\xff\xfe', '\x0201;;'])(
    'refuses %j',
    (line) => {
      expect(decodeNibpAscii(line).ok).toBe(false);
    },
  );
});
