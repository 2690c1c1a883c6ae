import { describe, expect, it } from 'vitest';
import { measureOverMemoryLink, type SerialHalves } from '../test-support/measuring';
import { BleThermometerGatewayDevice, BleThermometerGatewaySimulator, type BleThermometerFault } from '.';

const GATEWAY: SerialHalves<BleThermometerGatewaySimulator> = {
  device: (link, clock) => new BleThermometerGatewayDevice(link, clock, { attemptMs: 1500, silenceMs: 800 }),
  simulator: (link, clock) => new BleThermometerGatewaySimulator(link, clock),
};

async function measure(fault: BleThermometerFault) {
  const scenario = { celsius: 37.4, takeMs: 50 };
  return (await measureOverMemoryLink(GATEWAY, { scenario, fault, chunkSize: 6 })).last;
}

describe('the BLE thermometer gateway over a memory link', () => {
  it.each(['none', 'garbage', 'truncated', 'badChecksum'] as const)(
    'takes the temperature in °C (%s)',
    async (fault) => {
      expect(await measure(fault)).toMatchObject({
        type: 'measurement.taken',
        measurement: { kind: 'temperature', quantities: [{ name: 'temperature', value: 37.4, unit: '°C' }] },
      });
    },
  );

  it.each([
    ['noValue', 'measurement.unstable'],
    ['silence', 'device.timeout'],
    ['unplug', 'device.unplugged'],
  ] as const)('refuses when the gateway shows %s', async (fault, code) => {
    expect(await measure(fault)).toMatchObject({ type: 'measurement.failed', error: { code } });
  });
});
