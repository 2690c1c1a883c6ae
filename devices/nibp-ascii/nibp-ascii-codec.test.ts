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

  // The command frames the public NIBP_SINNOR_N6 library writes, byte for byte.
  it.each([
    ['17', '\x0217;;DE\x03\r'],
    ['19', '\x0219;;E0\x03\r'],
    ['20', '\x0220;;D8\x03\r'],
    ['21', '\x0221;;D9\x03\r'],
    ['22', '\x0222;;DA\x03\r'],
    ['23', '\x0223;;DB\x03\r'],
    ['24', '\x0224;;DC\x03\r'],
    ['25', '\x0225;;DD\x03\r'],
  ] as const)('command %s is framed as NIBP_SINNOR_N6 writes it (%j)', (code, frame) => {
    expect(text(encodeNibpCommand(code))).toBe(frame);
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
    // The status and error digits NIBP_SINNOR_N6 names: 3 measuring, 4 manometer, 5 watchdog test, 7
    // pneumatic check; error 1 neonatal cuff in adult mode, 2 adult cuff in neonatal mode.
    ['\x02142C0S3\x03', { type: 'cuffPressure', pressureMmHg: 142, error: '0', status: '3' }],
    ['\x02080C0S4\x03', { type: 'cuffPressure', pressureMmHg: 80, status: '4' }],
    ['\x02000C0S5\x03', { type: 'cuffPressure', status: '5' }],
    ['\x02250C0S7\x03', { type: 'cuffPressure', status: '7' }],
    ['\x02012C1S3\x03', { type: 'cuffPressure', error: '1' }],
    ['\x02012C2S3\x03', { type: 'cuffPressure', error: '2' }],
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
