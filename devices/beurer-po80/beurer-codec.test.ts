// Tables of Beurer PO 80 reports (hid-pulse-oximeter `hid.py`, docs/DEVICES.md).
import { describe, expect, it } from 'vitest';
import { hex, itRefuses, paddedReport, toHex } from '../test-support/frames';
import { decodeCommand, decodeReport, encodeKeepAlive, encodeLive, encodeStart } from './beurer-codec';

describe('commands the host sends', () => {
  it.each([
    ['start', encodeStart(), '9B 01 1C'],
    ['keep-alive', encodeKeepAlive(), '9A 1A'],
  ])('%s is %s', (_name, bytes, expected) => expect(toHex(bytes)).toBe(expected));

  it.each([
    ['9B 01 1C', { type: 'start' }],
    ['9A 1A', { type: 'keepAlive' }],
    ['8E 03 11', { type: 'other', code: 0x8e }],
  ])('%s decodes as %j', (bytes, command) =>
    expect(decodeCommand(paddedReport(bytes))).toEqual({ ok: true, value: command }),
  );
});

describe('reports of the device (64 bytes, zero-padded)', () => {
  it.each([
    ['EB 01 05 47 61', { type: 'live', status: 5, pulse: 71, spo2: 97 }],
    ['EB 01 00 3C 64', { type: 'live', status: 0, pulse: 60, spo2: 100 }],
    ['EB 01 05 7F 7F', { type: 'live', status: 5, pulse: null, spo2: null }],
    ['EB 01 05 58 7F', { type: 'live', status: 5, pulse: 88, spo2: null }],
    ['EB 00 20 31 42 35 28 1C', { type: 'waveform' }],
    ['F1 50 4F 38 30', { type: 'other', code: 0xf1 }],
    // The user report hid.py reads (`fe03` and 7 ASCII characters; its README shows '    user').
    ['FE 03 20 20 20 75 73 65 72', { type: 'other', code: 0xfe }],
    // The README's readings: 85 bpm 96 %, 91 bpm 95 %, 90 bpm 94 %.
    ['EB 01 05 55 60', { type: 'live', status: 5, pulse: 85, spo2: 96 }],
    ['EB 01 05 5B 5F', { type: 'live', status: 5, pulse: 91, spo2: 95 }],
    ['EB 01 05 5A 5E', { type: 'live', status: 5, pulse: 90, spo2: 94 }],
  ])('%s', (bytes, frame) => expect(decodeReport(paddedReport(bytes))).toEqual({ ok: true, value: frame }));

  it('encodes what it decodes', () => {
    expect(toHex(encodeLive(71, 97, 5))).toBe('EB 01 05 47 61');
    expect(toHex(encodeLive(null, null, 5))).toBe('EB 01 05 7F 7F');
  });

  itRefuses(
    (bytes) => decodeReport(paddedReport(bytes)),
    [
      ['garbage', '3A 11 7F 00 22', 'frame.unknown'],
      ['a live frame cut after two bytes', 'EB 01', 'frame.truncated'],
      ['a corrupted data byte (bit 7 set)', 'EB 01 05 47 E1', 'frame.invalid'],
      ['an SpO2 above 100 %', 'EB 01 05 47 70', 'frame.invalid'],
      ['an unknown EB report', 'EB 07 00 00', 'frame.unknown'],
    ],
  );

  it('an unpadded cut frame is refused too', () => {
    expect(decodeReport(hex('EB 01 05'))).toMatchObject({ ok: false, error: { code: 'frame.truncated' } });
  });
});
