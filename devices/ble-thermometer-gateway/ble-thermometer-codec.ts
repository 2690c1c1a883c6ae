// The Bluetooth Health Thermometer measurement (characteristic 0x2A1C, Health Thermometer Service 1.0):
// flags (bit 0 °F, bit 1 timestamp, bit 2 type), temperature as IEEE-11073 32-bit FLOAT little-endian
// (24-bit signed mantissa, 8-bit signed exponent; NaN 0x007FFFFF, NRes 0x800000, +INF 0x7FFFFE,
// -INF 0x800002), optional date-time (year LE16, month, day, h, m, s; a year, month or day of 0 means the
// thermometer's clock is not set: no timestamp), optional site. Real thermometers also send, while they
// measure, Intermediate Temperature (0x2A1E, the same layout) notifications before the final 0x2A1C
// indication; many send one decimal (exponent -1), some °F, and not all send the site. Pure.
//
// The gateway's line format is the project's own (a USB serial dongle at 115200 8N1 relaying GATT
// notifications); one ASCII line each, ended by LF (a CR before it is ignored):
//   `N,<uuid16 4 hex>,<payload hex>*<sum>`  a notification or indication; <sum> is two upper-case hex
//                                           digits, the sum of the payload bytes modulo 256;
//   `S,<state>`                             gateway state: READY (heartbeat, every second),
//                                           CONNECTED, DISCONNECTED (the thermometer's BLE link);
// and from the host: `P` (ping: the gateway answers `S,READY`), `M` (arm: relay the next measurement),
// `I` (identify: the gateway reads the thermometer's Device Information Service 0x180A and relays each
// characteristic it has as a notification line: 0x2A24 model number, 0x2A25 serial number, 0x2A26
// firmware revision, each a UTF-8 string, e.g. `N,2A25,53494D2D54482D30303031*A0` for `SIM-TH-0001`;
// a characteristic the thermometer lacks is not sent).
import { err, ok, type Result } from '../../contract';

/** The Health Thermometer temperature measurement characteristic. */
export const HEALTH_THERMOMETER_MEASUREMENT = 0x2a1c;

/** The Health Thermometer intermediate temperature characteristic (readings while it measures). */
export const HEALTH_THERMOMETER_INTERMEDIATE = 0x2a1e;

/** The Device Information Service characteristics the gateway relays on `I`, and the field each fills. */
export const DEVICE_INFORMATION = {
  0x2a24: 'model',
  0x2a25: 'serialNumber',
  0x2a26: 'firmware',
} as const;

/** A field of the thermometer's identity relayed by the gateway. */
export type DeviceInformationField = (typeof DEVICE_INFORMATION)[keyof typeof DEVICE_INFORMATION];

/** The host's command asking the gateway for the thermometer's Device Information. */
export const GATEWAY_IDENTIFY = 'I';

/** A decoded Health Thermometer measurement. */
export interface HealthThermometerMeasurement {
  /** Normalised to °C; null for NaN, NRes or infinities. */
  readonly celsius: number | null;
  readonly unitOnWire: '°C' | '°F';
  readonly timestamp?: string;
  readonly site?: number;
}

/** One decoded gateway line. */
export type BleGatewayFrame =
  | { readonly type: 'temperature'; readonly measurement: HealthThermometerMeasurement }
  /** A reading while the thermometer measures (0x2A1E): never the measurement. */
  | { readonly type: 'intermediateTemperature'; readonly measurement: HealthThermometerMeasurement }
  | {
      readonly type: 'deviceInformation';
      readonly field: DeviceInformationField;
      readonly value: string;
    }
  | { readonly type: 'notification'; readonly characteristic: number; readonly payload: Uint8Array }
  | { readonly type: 'status'; readonly state: 'READY' | 'CONNECTED' | 'DISCONNECTED' };

/** Decodes an IEEE-11073 32-bit FLOAT; null for the special values. */
export function decodeIeee11073Float(raw: number): number | null {
  const mantissaBits = raw & 0xffffff;
  if ([0x7fffff, 0x800000, 0x7ffffe, 0x800002, 0x800001].includes(mantissaBits)) return null;
  const mantissa = mantissaBits >= 0x800000 ? mantissaBits - 0x1000000 : mantissaBits;
  const exponent = ((raw >> 24) << 24) >> 24;
  // toFixed takes at most 100 digits; an exponent below -100 (legal in the format, sent by no
  // thermometer) makes a value that rounds to 0 there, which the device's plausibility check refuses.
  return Number((mantissa * 10 ** exponent).toFixed(Math.min(100, Math.max(0, -exponent))));
}

/** Decodes a 0x2A1C payload; `thermometer.unreadable` when too short. */
export function decodeHealthThermometer(payload: Uint8Array): Result<HealthThermometerMeasurement> {
  if (payload.length < 5) return err({ code: 'thermometer.unreadable', detail: 'short payload' });
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const flags = payload[0] ?? 0;
  const value = decodeIeee11073Float(view.getUint32(1, true));
  const fahrenheit = (flags & 0x01) !== 0;
  const celsius =
    value === null ? null : fahrenheit ? Math.round((((value - 32) * 5) / 9) * 100) / 100 : value;
  let offset = 5;
  let timestamp: string | undefined;
  if ((flags & 0x02) !== 0) {
    if (payload.length < offset + 7)
      return err({ code: 'thermometer.unreadable', detail: 'short timestamp' });
    const two = (i: number) => String(payload[offset + i] ?? 0).padStart(2, '0');
    const year = view.getUint16(offset, true);
    // Year, month or day 0: "not known" (Bluetooth Date Time), a thermometer whose clock was never set.
    if (year !== 0 && payload[offset + 2] !== 0 && payload[offset + 3] !== 0)
      timestamp = `${year}-${two(2)}-${two(3)}T${two(4)}:${two(5)}:${two(6)}`;
    offset += 7;
  }
  const site = (flags & 0x04) !== 0 ? payload[offset] : undefined;
  return ok({
    celsius,
    unitOnWire: fahrenheit ? '°F' : '°C',
    ...(timestamp === undefined ? {} : { timestamp }),
    ...(site === undefined ? {} : { site }),
  });
}

/** Decodes one gateway line (LF removed); `gateway.unreadable` or `gateway.badChecksum` otherwise. */
export function decodeBleThermometerGateway(line: string): Result<BleGatewayFrame> {
  const text = line.replace(/\r$/, '');
  const status = /^S,(READY|CONNECTED|DISCONNECTED)$/.exec(text);
  if (status !== null) return ok({ type: 'status', state: status[1] as 'READY' });
  const notification = /^N,([0-9A-Fa-f]{4}),((?:[0-9A-Fa-f]{2})+)\*([0-9A-F]{2})$/.exec(text);
  if (notification === null)
    return err({ code: 'gateway.unreadable', detail: JSON.stringify(text.slice(0, 60)) });
  const payload = Uint8Array.from(Buffer.from(notification[2] ?? '', 'hex'));
  const sum = payload.reduce((a, b) => (a + b) & 0xff, 0);
  if (sum !== parseInt(notification[3] ?? '', 16))
    return err({ code: 'gateway.badChecksum', detail: JSON.stringify(text.slice(0, 60)) });
  const characteristic = parseInt(notification[1] ?? '', 16);
  const field = DEVICE_INFORMATION[characteristic as keyof typeof DEVICE_INFORMATION] as
    DeviceInformationField | undefined;
  if (field !== undefined)
    return ok({ type: 'deviceInformation', field, value: Buffer.from(payload).toString('utf8').trim() });
  if (characteristic === HEALTH_THERMOMETER_INTERMEDIATE) {
    const reading = decodeHealthThermometer(payload);
    return reading.ok ? ok({ type: 'intermediateTemperature', measurement: reading.value }) : reading;
  }
  if (characteristic !== HEALTH_THERMOMETER_MEASUREMENT)
    return ok({ type: 'notification', characteristic, payload });
  const measurement = decodeHealthThermometer(payload);
  return measurement.ok ? ok({ type: 'temperature', measurement: measurement.value }) : measurement;
}

/** Encodes a notification line as the gateway sends it (with LF). */
export function encodeBleGatewayNotification(characteristic: number, payload: Uint8Array): string {
  const sum = payload.reduce((a, b) => (a + b) & 0xff, 0);
  const uuid = characteristic.toString(16).toUpperCase().padStart(4, '0');
  return `N,${uuid},${Buffer.from(payload).toString('hex').toUpperCase()}*${sum.toString(16).toUpperCase().padStart(2, '0')}\n`;
}

/** How a thermometer writes its measurement: unit, decimals, site (null: none sent), a clock (none: unset). */
export interface HealthThermometerFormat {
  readonly unit?: '°C' | '°F';
  readonly decimals?: 1 | 2;
  readonly site?: number | null;
  /** Sends a timestamp: this date-time, or `'unset'` (year, month and day 0: its clock was never set). */
  readonly timestamp?: Date | 'unset';
}

/**
 * Encodes a 0x2A1C (or 0x2A1E) payload: by default in °C with two decimals (exponent -2) and site 6
 * (mouth); `format` writes it as other thermometers do (°F, one decimal, no site, a timestamp).
 */
export function encodeHealthThermometer(
  celsius: number,
  site = 6,
  format: HealthThermometerFormat = {},
): Uint8Array {
  const fahrenheit = format.unit === '°F';
  const value = fahrenheit ? (celsius * 9) / 5 + 32 : celsius;
  const decimals = format.decimals ?? 2;
  const mantissa = Math.round(value * 10 ** decimals) & 0xffffff;
  const sentSite = format.site === undefined ? site : format.site;
  const stamp = format.timestamp;
  const bytes: number[] = [
    (fahrenheit ? 0x01 : 0) | (stamp === undefined ? 0 : 0x02) | (sentSite === null ? 0 : 0x04),
  ];
  const float = (((-decimals & 0xff) << 24) | mantissa) >>> 0;
  bytes.push(float & 0xff, (float >> 8) & 0xff, (float >> 16) & 0xff, float >>> 24);
  if (stamp === 'unset') bytes.push(0, 0, 0, 0, 0, 0, 0);
  else if (stamp !== undefined) {
    const year = stamp.getUTCFullYear();
    bytes.push(year & 0xff, year >> 8, stamp.getUTCMonth() + 1, stamp.getUTCDate());
    bytes.push(stamp.getUTCHours(), stamp.getUTCMinutes(), stamp.getUTCSeconds());
  }
  if (sentSite !== null) bytes.push(sentSite);
  return Uint8Array.from(bytes);
}
