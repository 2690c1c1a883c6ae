import { describe, expect, it } from 'vitest';
import { createMemoryLinkPair } from '../../drivers/memory-link';
import { ManualClock } from '../../test/support/manual-clock';
import { checkAfter, stagesOf, measureOverMemoryLink, type SerialHalves } from '../test-support/measuring';
import { NoninDf2Device, NoninDf2Simulator, type NoninDf2Fault } from '.';

const OXIMETER: SerialHalves<NoninDf2Simulator> = {
  device: (link, clock) =>
    new NoninDf2Device(link, clock, { stablePackets: 3, attemptMs: 1500, silenceMs: 500 }),
  simulator: (link, clock) => new NoninDf2Simulator(link, clock),
};

function measureOnce(fault: NoninDf2Fault = 'none', chunkSize?: number) {
  return measureOverMemoryLink(OXIMETER, { scenario: { heartRate: 61, spo2: 97 }, fault, chunkSize });
}

describe('the Nonin oximeter over a memory link', () => {
  it('takes SpO2 and pulse after the finger is detected and kept still', async () => {
    const { facts, last } = await measureOnce('none', 7);
    expect(last).toMatchObject({
      type: 'measurement.taken',
      measurement: {
        kind: 'oxygenSaturation',
        quantities: [
          { name: 'spo2', value: 97, unit: '%' },
          { name: 'pulse', value: 61, unit: 'bpm' },
        ],
      },
    });
    expect(stagesOf(facts)).toEqual(['fingerDetected', 'keepStill']);
  });

  it.each(['garbage', 'truncated', 'badChecksum'] as const)(
    'resynchronises after %s and still measures',
    async (fault) => {
      const { last } = await measureOnce(fault, 3);
      expect(last?.type).toBe('measurement.taken');
    },
  );

  it.each([
    ['noFinger', 'measurement.noFinger'],
    ['motion', 'measurement.motion'],
    ['lowPerfusion', 'measurement.lowPerfusion'],
    ['outOfTrack', 'measurement.unstable'],
    ['silence', 'device.timeout'],
    ['unplug', 'device.unplugged'],
  ] as const)('refuses with a reason to retry when the oximeter shows %s', async (fault, code) => {
    const { last } = await measureOnce(fault);
    expect(last).toMatchObject({ type: 'measurement.failed', error: { code } });
  });

  it('answers ok to the self-test while it streams, absent once unplugged', async () => {
    const clock = new ManualClock();
    const pair = createMemoryLinkPair();
    const device = new NoninDf2Device(pair[0], clock);
    const simulator = new NoninDf2Simulator(pair[1], clock);
    expect(await checkAfter(device, clock, 1500)).toBe('ok');
    simulator.stop();
    pair.unplug();
    expect(await checkAfter(device, clock, 0)).toBe('absent');
  });

  it('stops reporting when the measurement is cancelled', async () => {
    const clock = new ManualClock();
    const pair = createMemoryLinkPair();
    const device = new NoninDf2Device(pair[0], clock, { stablePackets: 2 });
    const simulator = new NoninDf2Simulator(pair[1], clock);
    const facts: unknown[] = [];
    const cancel = device.measure((fact) => facts.push(fact));
    cancel();
    await clock.advance(900);
    expect(facts).toEqual([]);
    simulator.stop();
    pair.unplug();
  });
});
