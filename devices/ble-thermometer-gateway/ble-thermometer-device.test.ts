import { describe, expect, it } from 'vitest';
import { createMemoryLinkPair } from '../../drivers/memory-link';
import { ManualClock } from '../../test/support/manual-clock';
import { measureFor, outcomeOf } from '../test-support/measuring';
import { BleThermometerGatewayDevice, BleThermometerGatewaySimulator, type BleThermometerFault } from '.';

async function measure(fault: BleThermometerFault) {
  const clock = new ManualClock();
  const pair = createMemoryLinkPair({ chunkSize: 6 });
  const device = new BleThermometerGatewayDevice(pair[0], clock, { attemptMs: 1500, silenceMs: 800 });
  const simulator = new BleThermometerGatewaySimulator(pair[1], clock);
  simulator.setScenario({ celsius: 37.4, takeMs: 50 });
  simulator.misbehave(fault);
  const facts = await measureFor(device, clock, 2000);
  simulator.stop();
  pair.unplug();
  return outcomeOf(facts);
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
