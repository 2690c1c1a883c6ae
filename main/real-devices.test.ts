// A real device's slot as the cabin lives it: plugged, connected, measuring, unplugged, refused to open,
// retried; on the manual clock.
import { describe, expect, it } from 'vitest';
import {
  err,
  ok,
  type CabinError,
  type DeviceIdentity,
  type MeasurementFact,
  type Result,
} from '../contract';
import { mtSicsModel } from '../devices/catalog';
import type { LinkedMeasuringDevice } from '../devices/measuring-device';
import { MtSicsSimulator } from '../devices/mt-sics';
import { createMemoryLinkPair } from '../drivers/memory-link';
import { ManualClock } from '../test/support/manual-clock';
import {
  RECONNECT_MS,
  PluggableMeasuringDevice,
  type ConnectRequest,
  type OpenedDevice,
} from './real-devices';

/** An oximeter whose facts the test tells by hand. */
class HandDrivenOximeter implements LinkedMeasuringDevice {
  readonly kind = 'oxygenSaturation' as const;
  report: ((fact: MeasurementFact) => void) | null = null;
  closed = false;
  /** What the oximeter answers when asked who it is (nothing told, by default). */
  identity: Promise<Result<DeviceIdentity>> = Promise.resolve(
    ok({ model: null, serialNumber: null, firmware: null, source: 'device' }),
  );
  identify() {
    return this.identity;
  }
  check() {
    return Promise.resolve('ok' as const);
  }
  measure(report: (fact: MeasurementFact) => void) {
    this.report = report;
    return () => {
      this.report = null;
    };
  }
  monitor() {
    return () => undefined;
  }
  close() {
    this.closed = true;
    return Promise.resolve();
  }
  says(fact: MeasurementFact): void {
    if (!this.report) throw new Error('no measurement is running');
    this.report(fact);
  }
  fails(error: CabinError): void {
    this.says({ type: 'measurement.failed', error });
  }
}

/** An oximeter's slot whose openings answer as the test says (ok by default), on a manual clock. */
function oximeterSlot() {
  const clock = new ManualClock();
  const device = new HandDrivenOximeter();
  const requests: ConnectRequest[] = [];
  const answers: Promise<Result<LinkedMeasuringDevice | OpenedDevice>>[] = [];
  let connected = 0;
  const slot = new PluggableMeasuringDevice(
    'oxygenSaturation',
    (request) => {
      requests.push(request);
      return answers.shift() ?? Promise.resolve(ok(device));
    },
    clock,
    () => (connected += 1),
  );
  const facts: MeasurementFact[] = [];
  return {
    clock,
    device,
    slot,
    requests,
    facts,
    connected: () => connected,
    failNextOpening: (error: CabinError) => answers.push(Promise.resolve(err(error))),
    answerNextOpening: (answer: Promise<Result<LinkedMeasuringDevice | OpenedDevice>>) =>
      answers.push(answer),
    plugIn: async (path = '/dev/hidraw3') => {
      slot.plug(path, 'beurer-po80');
      await clock.advance(0);
    },
    measure: () => slot.measure((fact) => facts.push(fact)),
    state: () => slot.check(),
  };
}

describe('a scale plugged into the cabin', () => {
  it('is absent until plugged, measures once connected, and is absent again once unplugged', async () => {
    const clock = new ManualClock();
    const pair = createMemoryLinkPair();
    const simulator = new MtSicsSimulator(pair[1]);
    simulator.setScenario({ weightKg: 71.2 });
    const slot = new PluggableMeasuringDevice(
      'weight',
      () => Promise.resolve(ok(mtSicsModel.createDevice(pair[0], clock))),
      clock,
    );
    await expect(slot.check()).resolves.toBe('absent');
    slot.plug('/dev/ttyUSB0', 'mt-sics');
    await clock.advance(0);
    await expect(slot.check()).resolves.toBe('ok');
    const facts: MeasurementFact[] = [];
    slot.measure((fact) => facts.push(fact));
    await clock.advance(3000);
    expect(facts.at(-1)).toMatchObject({
      type: 'measurement.taken',
      measurement: { kind: 'weight', quantities: [{ name: 'weight', value: 71.2, unit: 'kg' }] },
    });
    slot.unplug('/dev/ttyUSB0');
    await expect(slot.check()).resolves.toBe('absent');
    const refused: MeasurementFact[] = [];
    slot.measure((fact) => refused.push(fact));
    expect(refused).toEqual([{ type: 'measurement.failed', error: { code: 'device.absent' } }]);
    slot.stop();
  });
});

describe('an oximeter slot', () => {
  /** An oximeter slot with its device plugged in and a measurement running. */
  async function measuringOximeter(): Promise<ReturnType<typeof oximeterSlot>> {
    const oximeter = oximeterSlot();
    await oximeter.plugIn();
    oximeter.measure();
    return oximeter;
  }

  it('connects when plugged and passes the facts through unchanged', async () => {
    const oximeter = oximeterSlot();
    await oximeter.plugIn();
    expect(await oximeter.state()).toBe('ok');
    expect(oximeter.requests).toEqual([{ path: '/dev/hidraw3', modelId: 'beurer-po80' }]);
    expect(oximeter.connected()).toBe(1);
    oximeter.measure();
    const fact = { type: 'measurement.progressed', progress: { stage: 'fingerDetected' } } as const;
    oximeter.device.says(fact);
    expect(oximeter.facts).toEqual([fact]);
    expect(oximeter.facts[0]).toBe(fact);
  });

  it('no finger: the patient is asked again, the device stays ok', async () => {
    const oximeter = await measuringOximeter();
    oximeter.device.fails({ code: 'measurement.noFinger', detail: 'no value for 20000 ms' });
    expect(await oximeter.state()).toBe('ok');
  });

  it('a device that stops answering is faulty, and takes no measurement until it is replaced', async () => {
    const oximeter = await measuringOximeter();
    oximeter.device.fails({ code: 'device.timeout' });
    expect(await oximeter.state()).toBe('faulty');
    oximeter.measure();
    expect(oximeter.facts.at(-1)).toEqual({ type: 'measurement.failed', error: { code: 'device.absent' } });
    oximeter.slot.unplug('/dev/hidraw3');
    await oximeter.plugIn();
    expect(await oximeter.state()).toBe('ok');
  });

  it('the link ends under a measurement before the watcher notices: absent', async () => {
    const oximeter = await measuringOximeter();
    oximeter.device.fails({ code: 'device.unplugged', detail: 'link unplugged' });
    expect(await oximeter.state()).toBe('absent');
    expect(oximeter.slot.path).toBeNull();
  });

  it('an opening that fails is faulty, and is tried again after the delay', async () => {
    const oximeter = oximeterSlot();
    oximeter.failNextOpening({ code: 'link.openFailed', detail: '/dev/hidraw4: permission denied' });
    await oximeter.plugIn('/dev/hidraw4');
    expect(await oximeter.state()).toBe('faulty');
    await oximeter.clock.advance(RECONNECT_MS - 1);
    expect(oximeter.requests).toHaveLength(1);
    await oximeter.clock.advance(1);
    expect(await oximeter.state()).toBe('ok');
    expect(oximeter.requests).toHaveLength(2);
  });

  it('a second failed opening stays faulty while it connects again', async () => {
    const oximeter = oximeterSlot();
    oximeter.failNextOpening({ code: 'link.busy' });
    oximeter.answerNextOpening(new Promise(() => undefined));
    await oximeter.plugIn();
    await oximeter.clock.advance(RECONNECT_MS);
    expect(await oximeter.state()).toBe('faulty');
  });

  it('unplugged while waiting to reconnect: absent, and no more attempts', async () => {
    const oximeter = oximeterSlot();
    oximeter.failNextOpening({ code: 'device.timeout' });
    await oximeter.plugIn('/dev/hidraw4');
    oximeter.slot.unplug('/dev/hidraw4');
    await oximeter.clock.advance(10_000);
    expect(await oximeter.state()).toBe('absent');
    expect(oximeter.requests).toHaveLength(1);
  });

  it('unplugged while its link opens: the late device is closed, the slot stays empty', async () => {
    const oximeter = oximeterSlot();
    let open: (answer: Result<LinkedMeasuringDevice | OpenedDevice>) => void = () => undefined;
    oximeter.answerNextOpening(new Promise((resolve) => (open = resolve)));
    await oximeter.plugIn();
    oximeter.slot.unplug('/dev/hidraw3');
    open(ok(oximeter.device));
    await oximeter.clock.advance(0);
    expect(await oximeter.state()).toBe('absent');
    expect(oximeter.device.closed).toBe(true);
  });

  it('plugged back at another path: connects there', async () => {
    const oximeter = oximeterSlot();
    await oximeter.plugIn();
    oximeter.slot.unplug('/dev/hidraw3');
    await oximeter.plugIn('/dev/hidraw5');
    expect(await oximeter.state()).toBe('ok');
    expect(oximeter.requests.map((r) => r.path)).toEqual(['/dev/hidraw3', '/dev/hidraw5']);
  });

  it('a second device of the same kind is ignored while the slot holds one', async () => {
    const oximeter = oximeterSlot();
    await oximeter.plugIn();
    await oximeter.plugIn('/dev/hidraw5');
    expect(oximeter.slot.path).toBe('/dev/hidraw3');
    expect(oximeter.requests).toHaveLength(1);
  });
});
