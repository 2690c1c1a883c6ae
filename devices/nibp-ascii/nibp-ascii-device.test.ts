import { describe, expect, it } from 'vitest';
import { createMemoryLinkPair } from '../../drivers/memory-link';
import type { MeasurementFact } from '../measuring-device';
import { NibpAsciiDevice, NibpAsciiSimulator, type NibpAsciiFault } from '.';

async function measure(fault: NibpAsciiFault) {
  const pair = createMemoryLinkPair({ chunkSize: 5 });
  const device = new NibpAsciiDevice(pair[0], { silenceMs: 400, leakMs: 400 });
  const simulator = new NibpAsciiSimulator(pair[1]);
  simulator.setScenario({ systolic: 121, diastolic: 79, pulse: 66, stepMs: 5 });
  simulator.misbehave(fault);
  const facts: MeasurementFact[] = [];
  const last = await new Promise<MeasurementFact>((resolve) =>
    device.measure((fact) => {
      facts.push(fact);
      if (fact.type !== 'progressed') resolve(fact);
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 20));
  pair.unplug();
  return { facts, last, simulator };
}

describe('the NIBP module over a memory link', () => {
  it.each(['none', 'garbage', 'truncated', 'badChecksum'] as const)(
    'measures with live cuff pressure (%s)',
    async (fault) => {
      const { facts, last, simulator } = await measure(fault);
      expect(last).toMatchObject({
        type: 'taken',
        measurement: {
          quantities: [
            { name: 'systolic', value: 121, unit: 'mmHg' },
            { name: 'diastolic', value: 79, unit: 'mmHg' },
            { name: 'meanArterial', value: 93, unit: 'mmHg' },
            { name: 'pulse', value: 66, unit: 'bpm' },
          ],
        },
      });
      expect(
        facts.some(
          (f) =>
            f.type === 'progressed' && f.progress.stage === 'inflating' && f.progress.cuffPressureMmHg >= 160,
        ),
      ).toBe(true);
      expect(simulator.received).toEqual(['01', '18']);
    },
  );

  it.each([
    ['cuffLeak', 'measurement.cuffLeak'],
    ['overload', 'measurement.overload'],
    ['error', 'device.error'],
    ['silence', 'device.timeout'],
    ['unplug', 'device.unplugged'],
  ] as const)('refuses when the module shows %s', async (fault, code) => {
    const { last, simulator } = await measure(fault);
    expect(last).toMatchObject({ type: 'failed', error: { code } });
    if (fault === 'cuffLeak' || fault === 'overload') expect(simulator.received).toContain('X');
  });

  it('sends the stop command when the measurement is cancelled', async () => {
    const pair = createMemoryLinkPair();
    const device = new NibpAsciiDevice(pair[0]);
    const simulator = new NibpAsciiSimulator(pair[1]);
    const cancel = device.measure(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 30));
    cancel();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(simulator.received).toEqual(['01', 'X']);
    expect(await device.check()).toBe('ok');
    pair.unplug();
  });
});
