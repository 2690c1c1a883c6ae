// The suite both scale devices (MT-SICS, A&D) pass against their simulator over a memory link, on the
// manual clock.
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../contract';
import type { ByteLink } from '../../drivers/byte-link';
import type { MeasuringDevice } from '../measuring-device';
import type { PolledScaleSettings } from '../mt-sics/polled-scale-device';
import type { ScaleFault } from '../mt-sics/scale-fault';
import type { SimulatedScale } from '../mt-sics/simulated-scale';
import { measureOverMemoryLink, stagesOf, type SerialHalves } from './measuring';

/** Describes weighing with each fault of the simulator, the device and simulator built by the caller. */
export function describeScaleOverMemoryLink(
  title: string,
  createDevice: (link: ByteLink, clock: Clock, options: Partial<PolledScaleSettings>) => MeasuringDevice,
  createSimulator: (link: ByteLink) => SimulatedScale,
): void {
  const halves: SerialHalves<SimulatedScale> = {
    device: (link, clock) => createDevice(link, clock, { pollMs: 20, replyMs: 300, attemptMs: 800 }),
    simulator: (link) => createSimulator(link),
  };
  const weigh = (fault: ScaleFault) =>
    measureOverMemoryLink(halves, { scenario: { weightKg: 72.35 }, fault, chunkSize: 4 });

  describe(title, () => {
    it.each(['none', 'garbage', 'truncated', 'badChecksum'] as const)(
      'weighs the patient once the weight is stable (%s)',
      async (fault) => {
        const { facts, last } = await weigh(fault);
        expect(last).toMatchObject({
          type: 'measurement.taken',
          measurement: { kind: 'weight', quantities: [{ name: 'weight', value: 72.35, unit: 'kg' }] },
        });
        if (fault === 'none') {
          expect(stagesOf(facts)).toEqual(['stepOnScale', 'keepStill']);
          expect(facts).toHaveLength(3);
        }
      },
    );

    it.each([
      ['unstable', 'measurement.unstable'],
      ['overload', 'measurement.overload'],
      ['error', 'device.error'],
      ['silence', 'device.timeout'],
      ['unplug', 'device.unplugged'],
    ] as const)('refuses when the scale shows %s', async (fault, code) => {
      expect((await weigh(fault)).last).toMatchObject({ type: 'measurement.failed', error: { code } });
    });
  });
}
