import { describe, expect, it } from 'vitest';
import {
  decodeBleThermometerGateway,
  decodeHealthThermometer,
  encodeBleGatewayNotification,
  encodeHealthThermometer,
} from './ble-thermometer-codec';

const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));

describe('Health Thermometer measurement (0x2A1C)', () => {
  it.each([
    // Mantissa 0x000E72 = 3698 with exponent -2 (0xFE): 36.98 °C, with timestamp and site 2 (body).
    ['06 72 0E 00 FE E7 07 05 14 0A 1E 00 02', { celsius: 36.98, timestamp: '2023-05-20T10:30:00', site: 2 }],
    // The same mantissa with exponent -1 (0xFF), as DEVICES.md writes it, is 369.8 by IEEE-11073.
    ['06 72 0E 00 FF E7 07 05 14 0A 1E 00 02', { celsius: 369.8 }],
    ['00 71 01 00 FF', { celsius: 36.9, unitOnWire: '°C' }],
    ['01 B8 03 00 FF', { celsius: 35.11, unitOnWire: '°F' }],
    ['04 FF FF 7F 00 06', { celsius: null, site: 6 }],
  ] as const)('%s decodes', (bytes, expected) => {
    expect(decodeHealthThermometer(hex(bytes))).toEqual({
      ok: true,
      value: expect.objectContaining(expected) as unknown,
    });
  });

  it.each([
    // A thermometer whose clock was never set: year, month and day 0 ("not known"), no timestamp.
    ['06 6E 01 00 FF 00 00 00 00 00 00 00 02', { celsius: 36.6, site: 2 }],
    // One decimal, no site, no timestamp: the shortest measurement a thermometer sends.
    ['00 6E 01 00 FF', { celsius: 36.6, unitOnWire: '°C' }],
    // °F with one decimal: 98.6 °F.
    ['01 DA 03 00 FF', { celsius: 37, unitOnWire: '°F' }],
  ] as const)('the variant %s decodes', (bytes, expected) => {
    const decoded = decodeHealthThermometer(hex(bytes));
    expect(decoded).toEqual({ ok: true, value: expect.objectContaining(expected) as unknown });
    expect(decoded.ok && decoded.value.timestamp).toBeFalsy();
  });

  it.each([
    [{ decimals: 1, site: null }, '00 75 01 00 FF'],
    [{ unit: '°F' }, '05 C1 26 00 FE 06'],
    [{ timestamp: 'unset' }, '06 96 0E 00 FE 00 00 00 00 00 00 00 06'],
    [{ timestamp: new Date('2024-03-05T08:09:10Z'), site: 3 }, '06 96 0E 00 FE E8 07 03 05 08 09 0A 03'],
  ] as const)('writes the format %o as a thermometer does', (format, bytes) => {
    const payload = encodeHealthThermometer(37.34, 6, format);
    expect(Buffer.from(payload).toString('hex').toUpperCase().match(/../g)?.join(' ')).toBe(bytes);
  });

  it('refuses a short payload', () => {
    expect(decodeHealthThermometer(hex('06 72 0E')).ok).toBe(false);
    expect(decodeHealthThermometer(hex('06 72 0E 00 FE E7 07')).ok).toBe(false);
  });
});

describe('gateway lines', () => {
  it.each([
    ['S,READY', { type: 'status', state: 'READY' }],
    ['S,DISCONNECTED\r', { type: 'status', state: 'DISCONNECTED' }],
    [
      'N,2A1C,04B40E00FE06*CA',
      { type: 'temperature', measurement: { celsius: 37.64, unitOnWire: '°C', site: 6 } },
    ],
  ] as const)('%j decodes', (line, expected) => {
    expect(decodeBleThermometerGateway(line)).toEqual({ ok: true, value: expected });
  });

  it('reads an intermediate temperature (0x2A1E) apart from the measurement', () => {
    expect(decodeBleThermometerGateway('N,2A1E,00590100FF*59')).toEqual({
      ok: true,
      value: { type: 'intermediateTemperature', measurement: { celsius: 34.5, unitOnWire: '°C' } },
    });
  });

  it.each([
    ['N,2A1C,04B40E00FE06*CB', 'gateway.badChecksum'],
    ['N,2A1C,04B40E00FE0', 'gateway.unreadable'],
    ['\xffS,RE', 'gateway.unreadable'],
  ])('refuses %j', (line, code) => {
    expect(decodeBleThermometerGateway(line)).toMatchObject({ ok: false, error: { code } });
  });

  it('reads back what the simulator writes', () => {
    const line = encodeBleGatewayNotification(0x2a1c, encodeHealthThermometer(37.2)).trimEnd();
    expect(decodeBleThermometerGateway(line)).toMatchObject({
      ok: true,
      value: { measurement: { celsius: 37.2 } },
    });
  });
});
