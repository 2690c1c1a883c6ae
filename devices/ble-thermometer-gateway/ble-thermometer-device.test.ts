import { describe, expect, it } from 'vitest';
import { measureOverMemoryLink, type MemoryLinkRun, type SerialHalves } from '../test-support/measuring';
import {
  BleThermometerGatewayDevice,
  BleThermometerGatewaySimulator,
  type BleThermometerFault,
  type BleThermometerScenario,
  type SimulatedThermometerStyle,
} from '.';

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

describe('the BLE thermometer gateway relaying thermometers as real ones write', () => {
  async function measureStyled(style: SimulatedThermometerStyle, celsius = 37.4) {
    const halves: SerialHalves<BleThermometerGatewaySimulator> = {
      ...GATEWAY,
      simulator: (link, clock) => {
        const simulator = new BleThermometerGatewaySimulator(link, clock);
        simulator.setStyle(style);
        return simulator;
      },
    };
    const run: MemoryLinkRun<BleThermometerScenario, BleThermometerFault> = {
      scenario: { celsius, takeMs: 400 },
      fault: 'none',
    };
    return (await measureOverMemoryLink(halves, run)).last;
  }

  it.each([
    ['intermediate readings (0x2A1E) before the final one', { intermediateReadings: 3 }, 37.4],
    ['one decimal and no site', { format: { decimals: 1, site: null } }, 37.4],
    ['°F with two decimals', { format: { unit: '°F' } }, 37.4],
    ['a clock never set (date 0)', { format: { timestamp: 'unset' } }, 37.4],
    ['a timestamp', { format: { timestamp: new Date('2024-03-05T08:09:10Z') } }, 37.4],
  ] as const)('takes the final temperature from a thermometer sending %s', async (_what, style, value) => {
    expect(await measureStyled(style)).toMatchObject({
      type: 'measurement.taken',
      measurement: { quantities: [{ name: 'temperature', value, unit: '°C' }] },
    });
  });
});
