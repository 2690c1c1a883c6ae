import { describe, expect, it } from 'vitest';
import { createMemoryLinkPair } from '../../drivers/memory-link';
import type { MeasurementFact } from '../measuring-device';
import { NoninDf2Device, NoninDf2Simulator, type NoninDf2Fault } from '.';

function measureOnce(fault: NoninDf2Fault = 'none', chunkSize?: number) {
  const pair = createMemoryLinkPair(chunkSize === undefined ? {} : { chunkSize });
  const device = new NoninDf2Device(pair[0], { stablePackets: 3, attemptMs: 1500, silenceMs: 500 });
  const simulator = new NoninDf2Simulator(pair[1]);
  simulator.setScenario({ heartRate: 61, spo2: 97 });
  simulator.misbehave(fault);
  const facts: MeasurementFact[] = [];
  const ended = new Promise<MeasurementFact>((resolve) =>
    device.measure((fact) => {
      facts.push(fact);
      if (fact.type !== 'progressed') resolve(fact);
    }),
  );
  return { pair, device, simulator, facts, ended };
}

describe('the Nonin oximeter over a memory link', () => {
  it('takes SpO2 and pulse after the finger is detected and kept still', async () => {
    const { facts, ended, pair, simulator } = measureOnce('none', 7);
    const last = await ended;
    expect(last).toMatchObject({
      type: 'taken',
      measurement: {
        kind: 'oxygenSaturation',
        quantities: [
          { name: 'spo2', value: 97, unit: '%' },
          { name: 'pulse', value: 61, unit: 'bpm' },
        ],
      },
    });
    expect(facts.slice(0, 2).map((f) => f.type === 'progressed' && f.progress.stage)).toEqual([
      'fingerDetected',
      'keepStill',
    ]);
    simulator.stop();
    pair.unplug();
  });

  it.each(['garbage', 'truncated', 'badChecksum'] as const)(
    'resynchronises after %s and still measures',
    async (fault) => {
      const { ended, pair, simulator } = measureOnce(fault, 3);
      expect((await ended).type).toBe('taken');
      simulator.stop();
      pair.unplug();
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
    const { ended, pair, simulator } = measureOnce(fault);
    expect(await ended).toMatchObject({ type: 'failed', error: { code } });
    simulator.stop();
    pair.unplug();
  });

  it('answers ok to the self-test while it streams, absent once unplugged', async () => {
    const pair = createMemoryLinkPair();
    const device = new NoninDf2Device(pair[0]);
    const simulator = new NoninDf2Simulator(pair[1]);
    expect(await device.check()).toBe('ok');
    simulator.stop();
    pair.unplug();
    expect(await device.check()).toBe('absent');
  });

  it('stops reporting when the measurement is cancelled', async () => {
    const pair = createMemoryLinkPair();
    const device = new NoninDf2Device(pair[0], { stablePackets: 2 });
    const simulator = new NoninDf2Simulator(pair[1]);
    const facts: MeasurementFact[] = [];
    const cancel = device.measure((fact) => facts.push(fact));
    cancel();
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(facts).toEqual([]);
    simulator.stop();
    pair.unplug();
  });
});
