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
