import { describe, expect, it } from 'vitest';
import { createMemoryLinkPair } from '../../drivers/memory-link';
import type { MeasurementFact } from '../measuring-device';
import type { ScaleFault } from '../mt-sics';
import { AndStandardDevice, AndStandardSimulator } from '.';

async function weigh(fault: ScaleFault) {
  const pair = createMemoryLinkPair({ chunkSize: 4 });
  const device = new AndStandardDevice(pair[0], { pollMs: 20, replyMs: 300, attemptMs: 800 });
  const simulator = new AndStandardSimulator(pair[1]);
  simulator.setScenario({ weightKg: 72.35 });
  simulator.misbehave(fault);
  const facts: MeasurementFact[] = [];
  const last = await new Promise<MeasurementFact>((resolve) =>
    device.measure((fact) => {
      facts.push(fact);
      if (fact.type !== 'progressed') resolve(fact);
    }),
  );
  pair.unplug();
  return { facts, last };
}

describe('the A&D scale over a memory link', () => {
  it.each(['none', 'garbage', 'truncated', 'badChecksum'] as const)(
    'weighs the patient once the weight is stable (%s)',
    async (fault) => {
      const { facts, last } = await weigh(fault);
      expect(last).toMatchObject({
        type: 'taken',
        measurement: { kind: 'weight', quantities: [{ name: 'weight', value: 72.35, unit: 'kg' }] },
      });
      if (fault === 'none')
        expect(facts.map((f) => f.type === 'progressed' && f.progress.stage)).toEqual([
          'stepOnScale',
          'keepStill',
          false,
        ]);
    },
  );

  it.each([
    ['unstable', 'measurement.unstable'],
    ['overload', 'measurement.overload'],
    ['error', 'device.error'],
    ['silence', 'device.timeout'],
    ['unplug', 'device.unplugged'],
  ] as const)('refuses when the scale shows %s', async (fault, code) => {
    expect((await weigh(fault)).last).toMatchObject({ type: 'failed', error: { code } });
  });
});
