// What the technician sees of a real device's slot: its model, port and identity (asked once after it
// connected, merged with its USB descriptor's), its link's raw traffic and its last decoded frames.
import { describe, expect, it } from 'vitest';
import { err, ok, type DeviceIdentity, type MeasurementFact, type Result } from '../contract';
import { mtSicsModel } from '../devices/catalog';
import type { LinkedMeasuringDevice } from '../devices/measuring-device';
import { MtSicsSimulator } from '../devices/mt-sics';
import { createMemoryLinkPair } from '../drivers/memory-link';
import { tapLink } from '../drivers/traffic-tap';
import { ManualClock } from '../test/support/manual-clock';
import { IDENTIFY_MS, PluggableMeasuringDevice, slotInspection } from './real-devices';

const FTDI: DeviceIdentity = { model: 'FTDI', serialNumber: 'A10KZP4S', firmware: null, source: 'usb' };
const hex = (text: string) => Buffer.from(text, 'latin1').toString('hex');

/** An MT-SICS scale on a tapped memory link, in its slot, its simulator answering as `serialNumber`. */
function scaleSlot() {
  const clock = new ManualClock(5_000);
  const pair = createMemoryLinkPair();
  const simulator = new MtSicsSimulator(pair[1], {
    type: 'ICS425 300 kg',
    software: '3.4.1',
    serialNumber: 'B123456789',
  });
  const tapped = tapLink(pair[0], clock);
  const slot = new PluggableMeasuringDevice(
    'weight',
    () => Promise.resolve(ok({ device: mtSicsModel.createDevice(tapped, clock), traffic: tapped })),
    clock,
  );
  return { clock, pair, simulator, slot };
}

/** An oximeter whose identity answer the test gives, or never gives. */
function oximeterSlot(identity: Promise<Result<DeviceIdentity>>) {
  const clock = new ManualClock();
  const facts: MeasurementFact[] = [];
  const device: LinkedMeasuringDevice = {
    kind: 'oxygenSaturation',
    check: () => Promise.resolve('ok'),
    measure: (report) => {
      report({ type: 'measurement.progressed', progress: { stage: 'fingerDetected' } });
      return () => undefined;
    },
    monitor: () => () => undefined,
    close: () => Promise.resolve(),
    identify: () => identity,
  };
  const slot = new PluggableMeasuringDevice('oxygenSaturation', () => Promise.resolve(ok(device)), clock);
  return { clock, slot, facts, device };
}

describe("a real device's slot for the technician", () => {
  it('asks the scale who it is once it connected: I2, I3, I4 over its link, merged with the descriptor', async () => {
    const { clock, slot } = scaleSlot();
    slot.plug('/dev/ttyUSB0', 'mt-sics', FTDI);
    await clock.advance(0);
    expect(slot.attached()).toMatchObject({ kind: 'weight', modelId: 'mt-sics', port: '/dev/ttyUSB0' });
    await clock.advance(100);
    expect(slot.attached()?.identity).toEqual({
      model: 'ICS425 300 kg',
      serialNumber: 'B123456789',
      firmware: '3.4.1',
      source: 'device',
    });
    expect(slot.traffic(0).slice(0, 2)).toEqual([
      { atMs: 5_000, direction: 'toDevice', hex: hex('I2\r\n') },
      { atMs: 5_000, direction: 'fromDevice', hex: hex('I2 A "ICS425 300 kg"\r\n') },
    ]);
    expect(slot.lastFrames().map((f) => f.text)).toEqual([
      '{"type":"identity","command":"I2","text":"\\"ICS425 300 kg\\""}',
      '{"type":"identity","command":"I3","text":"\\"3.4.1\\""}',
      '{"type":"identity","command":"I4","text":"\\"B123456789\\""}',
    ]);
    slot.stop();
  });

  it('keeps the last 20 decoded frames of a weighing', async () => {
    const { clock, slot, simulator } = scaleSlot();
    simulator.setScenario({ weightKg: 70, emptyPolls: 30, movingPolls: 0 });
    slot.plug('/dev/ttyUSB0', 'mt-sics');
    await clock.advance(100);
    slot.measure(() => undefined);
    await clock.advance(10_000);
    const frames = slot.lastFrames();
    expect(frames).toHaveLength(20);
    expect(frames.at(-1)?.text).toContain('"type":"weight"');
    expect(frames.at(-1)?.atMs).toBeGreaterThan(frames[0]?.atMs ?? Infinity);
  });

  it('a device that does not say who it is keeps the USB descriptor, and measures meanwhile', async () => {
    const { clock, slot } = oximeterSlot(new Promise(() => undefined));
    slot.plug('/dev/hidraw4', 'beurer-po80', FTDI);
    await clock.advance(0);
    const facts: MeasurementFact[] = [];
    slot.measure((fact) => facts.push(fact));
    expect(facts).toHaveLength(1);
    await clock.advance(IDENTIFY_MS);
    expect(slot.attached()?.identity).toEqual(FTDI);
  });

  it('a late answer after the timeout is not taken', async () => {
    let answer: (identity: Result<DeviceIdentity>) => void = () => undefined;
    const { clock, slot } = oximeterSlot(new Promise((resolve) => (answer = resolve)));
    slot.plug('/dev/hidraw4', 'beurer-po80', FTDI);
    await clock.advance(IDENTIFY_MS + 1);
    answer(ok({ model: 'PO80', serialNumber: null, firmware: null, source: 'device' }));
    await clock.advance(0);
    expect(slot.attached()?.identity).toEqual(FTDI);
  });

  it('a failed identify leaves the descriptor, or no identity without one', async () => {
    const silent = err({ code: 'device.noAnswer' });
    const withUsb = oximeterSlot(Promise.resolve(silent));
    withUsb.slot.plug('/dev/hidraw4', 'beurer-po80', FTDI);
    await withUsb.clock.advance(10);
    expect(withUsb.slot.attached()?.identity).toEqual(FTDI);
    const without = oximeterSlot(Promise.resolve(silent));
    without.slot.plug('/dev/hidraw4', 'beurer-po80');
    await without.clock.advance(10);
    expect(without.slot.attached()?.identity).toBeNull();
  });

  it("the device's own fields come first, the descriptor fills the others", async () => {
    const told = ok({ model: null, serialNumber: 'OX-77', firmware: '2.1', source: 'device' } as const);
    const { clock, slot } = oximeterSlot(Promise.resolve(told));
    slot.plug('/dev/hidraw4', 'beurer-po80', FTDI);
    await clock.advance(10);
    expect(slot.attached()?.identity).toEqual({
      model: 'FTDI',
      serialNumber: 'OX-77',
      firmware: '2.1',
      source: 'device',
    });
  });

  it('an unplugged slot shows nothing; the inspection answers by kind', async () => {
    const { clock, slot } = scaleSlot();
    const inspection = slotInspection([slot]);
    slot.plug('/dev/ttyUSB0', 'mt-sics');
    await clock.advance(100);
    expect(inspection.attached('weight')?.modelId).toBe('mt-sics');
    expect(inspection.traffic('weight', 0).length).toBeGreaterThan(0);
    expect(inspection.attached('temperature')).toBeNull();
    expect(inspection.lastFrames('temperature')).toEqual([]);
    slot.unplug('/dev/ttyUSB0');
    expect(inspection.attached('weight')).toBeNull();
    expect(inspection.traffic('weight', 0)).toEqual([]);
    expect(inspection.lastFrames('weight')).toEqual([]);
  });
});
