// Each model says who it is by its own protocol, against its simulator over a memory link, on the manual
// clock; a silent device is `device.noAnswer`, an unplugged one `device.unplugged`.
import { describe, expect, it } from 'vitest';
import type { Clock, DeviceIdentity, Result } from '../contract';
import type { ByteLink } from '../drivers/byte-link';
import { createMemoryLinkPair } from '../drivers/memory-link';
import { createHidLinkPair } from '../drivers/test-support/hid-link-pair';
import { ManualClock } from '../test/support/manual-clock';
import { AndStandardDevice, AndStandardSimulator } from './and-standard';
import { BeurerPo80Device } from './beurer-po80';
import {
  BleThermometerGatewayDevice,
  BleThermometerGatewaySimulator,
  decodeBleThermometerGateway,
  encodeBleGatewayNotification,
} from './ble-thermometer-gateway';
import { mergeIdentity } from './device-identity';
import type { LinkedMeasuringDevice } from './measuring-device';
import { MtSicsDevice, MtSicsSimulator } from './mt-sics';
import { NibpAsciiDevice, NibpAsciiSimulator } from './nibp-ascii';
import { NoninDf2Device, NoninDf2Simulator } from './nonin-df2';
import { OmronHem7322uDevice } from './omron-hem7322u';

/** A model's device and simulator, built on the two ends of a link. */
interface Halves {
  readonly device: (link: ByteLink, clock: Clock) => LinkedMeasuringDevice;
  readonly simulator: (
    link: ByteLink,
    clock: Clock,
  ) => { misbehave(fault: 'silence' | 'none'): void; stop(): void };
}

/** Asks the identity, lets `ms` pass on a fresh clock; `silent` switches the simulator off first. */
async function identify(halves: Halves, silent = false, ms = 5000): Promise<Result<DeviceIdentity>> {
  const clock = new ManualClock();
  const pair = createMemoryLinkPair({ chunkSize: 7 });
  const device = halves.device(pair[0], clock);
  const simulator = halves.simulator(pair[1], clock);
  if (silent) simulator.misbehave('silence');
  const identity = device.identify();
  await clock.advance(ms);
  simulator.stop();
  pair.unplug();
  return identity;
}

const MT_SICS: Halves = {
  device: (link, clock) => new MtSicsDevice(link, clock),
  simulator: (link) =>
    new MtSicsSimulator(link, {
      type: 'ICS425 300 kg',
      software: '3.4.1 11.62.4.1',
      serialNumber: 'B123456789',
    }),
};
const AND: Halves = {
  device: (link, clock) => new AndStandardDevice(link, clock),
  simulator: (link) => new AndStandardSimulator(link),
};
const NIBP: Halves = {
  device: (link, clock) => new NibpAsciiDevice(link, clock),
  simulator: (link, clock) => new NibpAsciiSimulator(link, clock),
};
const NONIN: Halves = {
  device: (link, clock) => new NoninDf2Device(link, clock),
  simulator: (link, clock) => new NoninDf2Simulator(link, clock, { firmwareRevision: 0x2b }),
};
const GATEWAY: Halves = {
  device: (link, clock) => new BleThermometerGatewayDevice(link, clock),
  simulator: (link, clock) =>
    new BleThermometerGatewaySimulator(link, clock, { model: 'TH-9', serialNumber: 'TH9-000417' }),
};

const nulls = { model: null, serialNumber: null, firmware: null, source: 'device' };

describe('a device says who it is by its own protocol', () => {
  it.each([
    [
      'the MT-SICS balance: I2 type and capacity, I3 software, I4 serial number',
      MT_SICS,
      { model: 'ICS425 300 kg', firmware: '3.4.1 11.62.4.1', serialNumber: 'B123456789', source: 'device' },
    ],
    ['the A&D scale: its format has no identity, the USB descriptor fills in', AND, nulls],
    ['the NIBP module: no identification command in the public sources', NIBP, nulls],
    [
      'the Nonin oximeter: the firmware revision of frame 4 of a packet',
      NONIN,
      { model: null, serialNumber: null, firmware: '43', source: 'device' },
    ],
    [
      'the thermometer: the Device Information the gateway relays (no firmware revision here)',
      GATEWAY,
      { model: 'TH-9', serialNumber: 'TH9-000417', firmware: null, source: 'device' },
    ],
  ] as const)('%s', async (_title, halves, expected) => {
    expect(await identify(halves)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['MT-SICS', MT_SICS],
    ['A&D', AND],
    ['NIBP', NIBP],
    ['Nonin', NONIN],
    ['BLE gateway', GATEWAY],
  ] as const)('a silent %s device answers device.noAnswer', async (_name, halves) => {
    expect(await identify(halves, true)).toMatchObject({ ok: false, error: { code: 'device.noAnswer' } });
  });

  it('a balance that refuses I2 (ES) still tells its serial number', async () => {
    const clock = new ManualClock();
    const pair = createMemoryLinkPair();
    const device = new MtSicsDevice(pair[0], clock);
    pair[1].onData((chunk) => {
      const command = Buffer.from(chunk).toString('latin1').trim();
      const reply = command === 'I4' ? 'I4 A "0123456789"' : command === 'I3' ? 'I3 I' : 'ES';
      void pair[1].write(Uint8Array.from(Buffer.from(`${reply}\r\n`, 'latin1')));
    });
    const identity = device.identify();
    await clock.advance(100);
    expect(await identity).toEqual({
      ok: true,
      value: { model: null, firmware: null, serialNumber: '0123456789', source: 'device' },
    });
  });

  it('the HID devices tell nothing by their protocol; unplugged, they answer device.unplugged', async () => {
    const clock = new ManualClock();
    const omron = createHidLinkPair('hid:0590:0090');
    const beurer = createHidLinkPair('hid:28e9:028a');
    const devices = [new OmronHem7322uDevice(omron.host, clock), new BeurerPo80Device(beurer.host, clock)];
    for (const device of devices) expect(await device.identify()).toEqual({ ok: true, value: nulls });
    omron.unplug();
    beurer.unplug();
    await clock.advance(0);
    for (const device of devices)
      expect(await device.identify()).toMatchObject({ ok: false, error: { code: 'device.unplugged' } });
  });
});

describe('the gateway lines relaying the Device Information Service', () => {
  it.each([
    ['N,2A24,544839*D5', { type: 'deviceInformation', field: 'model', value: 'TH9' }],
    [
      'N,2A25,53494D2D54482D30303031*A0',
      { type: 'deviceInformation', field: 'serialNumber', value: 'SIM-TH-0001' },
    ],
    ['N,2A26,312E30*8F', { type: 'deviceInformation', field: 'firmware', value: '1.0' }],
  ])('%j decodes', (line, expected) => {
    expect(decodeBleThermometerGateway(line)).toEqual({ ok: true, value: expected });
  });

  it('reads back what the simulated gateway writes', () => {
    const line = encodeBleGatewayNotification(0x2a26, Uint8Array.from(Buffer.from('2.3.1')));
    expect(decodeBleThermometerGateway(line.trimEnd())).toMatchObject({
      ok: true,
      value: { value: '2.3.1' },
    });
  });
});

describe('an identity merged from the device and its USB descriptor', () => {
  const usb = {
    model: 'USB-Serial Controller',
    serialNumber: 'FT4ZK1',
    firmware: '6.00',
    source: 'usb',
  } as const;

  it("keeps the device's own fields first and fills the others from the descriptor", () => {
    expect(mergeIdentity({ ...nulls, serialNumber: 'B123', source: 'device' }, usb)).toEqual({
      model: 'USB-Serial Controller',
      serialNumber: 'B123',
      firmware: '6.00',
      source: 'device',
    });
  });

  it("is the descriptor's when the device tells nothing, and null when neither does", () => {
    expect(mergeIdentity({ ...nulls, source: 'device' }, usb)).toEqual(usb);
    expect(mergeIdentity(null, null)).toBeNull();
    expect(mergeIdentity({ ...nulls, source: 'device' }, { ...nulls, source: 'usb' })).toBeNull();
  });
});
