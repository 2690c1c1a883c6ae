// Test helper: the suite both scale devices (MT-SICS, A&D) pass against their simulator over a memory link.
import { describe, expect, it } from 'vitest';
import type { ByteLink } from '../../drivers/byte-link';
import { createMemoryLinkPair } from '../../drivers/memory-link';
import type { MeasurementFact, MeasuringDevice } from '../measuring-device';
import type { PolledScaleOptions } from './polled-scale-device';
import type { ScaleFault } from './scale-fault';
import type { SimulatedScale } from './simulated-scale';

/** Runs `device.measure` until a fact other than progress; answers every fact and the last one. */
export async function measureToTheEnd(device: MeasuringDevice) {
  const facts: MeasurementFact[] = [];
  const last = await new Promise<MeasurementFact>((resolve) =>
    device.measure((fact) => {
      facts.push(fact);
      if (fact.type !== 'progressed') resolve(fact);
    }),
  );
  return { facts, last };
}

/** Describes weighing with each fault of the simulator, the device and simulator built by the caller. */
export function describeScaleOverMemoryLink(
  title: string,
  createDevice: (link: ByteLink, options: PolledScaleOptions) => MeasuringDevice,
  createSimulator: (link: ByteLink) => SimulatedScale,
): void {
  async function weigh(fault: ScaleFault) {
    const pair = createMemoryLinkPair({ chunkSize: 4 });
    const device = createDevice(pair[0], { pollMs: 20, replyMs: 300, attemptMs: 800 });
    const simulator = createSimulator(pair[1]);
    simulator.setScenario({ weightKg: 72.35 });
    simulator.misbehave(fault);
    const measured = await measureToTheEnd(device);
    pair.unplug();
    return measured;
  }

  describe(title, () => {
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
}
