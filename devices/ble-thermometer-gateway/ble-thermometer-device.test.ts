import { describe, expect, it } from 'vitest';
import { createMemoryLinkPair } from '../../drivers/memory-link';
import type { MeasurementFact } from '../measuring-device';
import { BleThermometerGatewayDevice, BleThermometerGatewaySimulator, type BleThermometerFault } from '.';

async function measure(fault: BleThermometerFault) {
  const pair = createMemoryLinkPair({ chunkSize: 6 });
  const device = new BleThermometerGatewayDevice(pair[0], { attemptMs: 1500, silenceMs: 800 });
  const simulator = new BleThermometerGatewaySimulator(pair[1]);
  simulator.setScenario({ celsius: 37.4, takeMs: 50 });
  simulator.misbehave(fault);
  const last = await new Promise<MeasurementFact>((resolve) =>
    device.measure((fact) => {
      if (fact.type !== 'progressed') resolve(fact);
    }),
  );
  simulator.stop();
  pair.unplug();
  return last;
}

describe('the BLE thermometer gateway over a memory link', () => {
  it.each(['none', 'garbage', 'truncated', 'badChecksum'] as const)(
    'takes the temperature in °C (%s)',
    async (fault) => {
      expect(await measure(fault)).toMatchObject({
        type: 'taken',
        measurement: { kind: 'temperature', quantities: [{ name: 'temperature', value: 37.4, unit: '°C' }] },
      });
    },
  );

  it.each([
    ['noValue', 'measurement.unstable'],
    ['silence', 'device.timeout'],
    ['unplug', 'device.unplugged'],
  ] as const)('refuses when the gateway shows %s', async (fault, code) => {
    expect(await measure(fault)).toMatchObject({ type: 'failed', error: { code } });
  });
});
