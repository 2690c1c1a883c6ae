// A real device's slot as the cabin lives it: plugged, connected, measuring, unplugged, refused to open.
import { describe, expect, it } from 'vitest';
import { err, ok } from '../contract';
import type { MeasurementFact } from '../devices/measuring-device';
import { mtSicsModel, MtSicsSimulator } from '../devices/mt-sics';
import { createMemoryLinkPair } from '../drivers/memory-link';
import { PluggableMeasuringDevice } from './real-devices';

const settle = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

function measureOnce(slot: PluggableMeasuringDevice): Promise<MeasurementFact> {
  return new Promise((resolve) =>
    slot.measure((fact) => {
      if (fact.type !== 'progressed') resolve(fact);
    }),
  );
}

describe('a scale plugged into the cabin', () => {
  it('is absent until plugged, measures once connected, and is absent again once unplugged', async () => {
    const pair = createMemoryLinkPair();
    const simulator = new MtSicsSimulator(pair[1]);
    simulator.setScenario({ weightKg: 71.2 });
    const slot = new PluggableMeasuringDevice('weight', (request, self) => {
      self.attach(mtSicsModel.createDevice(pair[0]), request.path);
      return Promise.resolve(ok(undefined));
    });
    await expect(slot.check()).resolves.toBe('absent');
    slot.plug('/dev/ttyUSB0', 'mt-sics');
    await settle();
    await expect(slot.check()).resolves.toBe('ok');
    await expect(measureOnce(slot)).resolves.toMatchObject({
      type: 'taken',
      measurement: { kind: 'weight', quantities: [{ name: 'weight', value: 71.2, unit: 'kg' }] },
    });
    slot.unplug('/dev/ttyUSB0');
    await expect(slot.check()).resolves.toBe('absent');
    await expect(measureOnce(slot)).resolves.toEqual({ type: 'failed', error: { code: 'device.absent' } });
    slot.stop();
  });

  it('shows as faulty when its port cannot be opened, and measures nothing', async () => {
    const slot = new PluggableMeasuringDevice('weight', () => Promise.resolve(err({ code: 'link.busy' })));
    slot.plug('/dev/ttyUSB1', 'mt-sics');
    await settle();
    await expect(slot.check()).resolves.toBe('faulty');
    await expect(measureOnce(slot)).resolves.toEqual({ type: 'failed', error: { code: 'device.absent' } });
    slot.stop();
  });
});
