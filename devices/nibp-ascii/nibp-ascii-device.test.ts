import { describe, expect, it } from 'vitest';
import { createMemoryLinkPair } from '../../drivers/memory-link';
import { ManualClock } from '../../test/support/manual-clock';
import { checkAfter, measureOverMemoryLink, type SerialHalves } from '../test-support/measuring';
import { NibpAsciiDevice, NibpAsciiSimulator, type NibpAsciiFault } from '.';

const MODULE: SerialHalves<NibpAsciiSimulator> = {
  device: (link, clock) => new NibpAsciiDevice(link, clock, { silenceMs: 400, leakMs: 400 }),
  simulator: (link, clock) => new NibpAsciiSimulator(link, clock),
};

function measure(fault: NibpAsciiFault) {
  const scenario = { systolic: 121, diastolic: 79, pulse: 66, stepMs: 5 };
  return measureOverMemoryLink(MODULE, { scenario, fault, chunkSize: 5 });
}

describe('the NIBP module over a memory link', () => {
  it.each(['none', 'garbage', 'truncated', 'badChecksum'] as const)(
    'measures with live cuff pressure (%s)',
    async (fault) => {
      const { facts, last, simulator } = await measure(fault);
      expect(last).toMatchObject({
        type: 'measurement.taken',
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
            f.type === 'measurement.progressed' &&
            f.progress.stage === 'inflating' &&
            f.progress.cuffPressureMmHg >= 160,
        ),
      ).toBe(true);
      expect(simulator.received).toEqual(['01', '18']);
    },
  );

  it('says the cuff inflates up to its peak, then deflates, with the pressure all along', async () => {
    const { facts } = await measure('none');
    const stages = facts.flatMap((f) =>
      f.type === 'measurement.progressed' &&
      (f.progress.stage === 'inflating' || f.progress.stage === 'deflating')
        ? [`${f.progress.stage} ${f.progress.cuffPressureMmHg}`]
        : [],
    );
    // The simulated cuff: up by 20 to 161 (systolic + 40), down by 10 to 40; 999 closes the cycle.
    const firstDeflating = stages.findIndex((stage) => stage.startsWith('deflating'));
    expect(stages.slice(0, firstDeflating).every((stage) => stage.startsWith('inflating'))).toBe(true);
    expect(stages.slice(firstDeflating).every((stage) => stage.startsWith('deflating'))).toBe(true);
    expect(stages.slice(firstDeflating - 1, firstDeflating + 1)).toEqual(['inflating 161', 'deflating 151']);
    expect(stages.at(-1)).toBe('deflating 41');
  });

  it.each([
    ['cuffLeak', 'measurement.cuffLeak'],
    ['overload', 'measurement.overload'],
    ['error', 'device.error'],
    ['neonatalCuff', 'device.error'],
    ['silence', 'device.timeout'],
    ['unplug', 'device.unplugged'],
  ] as const)('refuses when the module shows %s', async (fault, code) => {
    const { last, simulator } = await measure(fault);
    expect(last).toMatchObject({ type: 'measurement.failed', error: { code } });
    if (fault === 'cuffLeak' || fault === 'overload') expect(simulator.received).toContain('X');
  });

  it('sends the stop command when the measurement is cancelled', async () => {
    const clock = new ManualClock();
    const pair = createMemoryLinkPair();
    const device = new NibpAsciiDevice(pair[0], clock);
    const simulator = new NibpAsciiSimulator(pair[1], clock);
    const cancel = device.measure(() => undefined);
    await clock.advance(30);
    cancel();
    await clock.advance(30);
    expect(simulator.received).toEqual(['01', 'X']);
    expect(await checkAfter(device, clock, 10)).toBe('ok');
    pair.unplug();
  });
});
