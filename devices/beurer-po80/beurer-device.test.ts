// The PO 80 device class, through replayed report bytes and against its simulator, faults included.
import { describe, expect, it } from 'vitest';
import { createHidLinkPair } from '../../drivers/test-support/hid-link-pair';
import { parseHidCapture, ReplayHidTransport } from '../../drivers/test-support/replay-hid-transport';
import { ManualClock } from '../../test/support/manual-clock';
import { paddedReport, toHex } from '../test-support/frames';
import { measureFor, measureWithFault } from '../test-support/measuring';
import { itPassesTheSimulatorChecks } from '../test-support/simulator-suite';
import { BeurerPo80Device } from './beurer-device';
import { BeurerPo80Simulator, type BeurerFault } from './beurer-simulator';

const CAPTURE = `
-> 9B 01 1C
<- +120 EB 01 05 7F 7F      # finger not in yet
<- +120 EB 00 20 31 42 35 28 1C
<- +120 EB 01 05 7F 7F
<- +120 EB 01 05 48 60      # 72 bpm, 96 %
<- +120 EB 00 20 31 42 35 28 1C
<- +120 EB 01 05 47 61
<- +120 EB 01 05 47 61
<- +120 EB 01 05 46 61
<- +120 EB 00 20 31 42 35 28 1C
<- +120 EB 01 05 47 62
-> 9A 1A                    # keep-alive after 10 reports
<- +120 EB 01 05 47 61
`;

describe('the oximeter through a replayed capture', () => {
  it('the finger goes in, the readings settle: SpO2 and pulse, the median of five', async () => {
    const clock = new ManualClock();
    const link = new ReplayHidTransport(parseHidCapture(CAPTURE), clock);
    const device = new BeurerPo80Device(link, clock);
    const facts = await measureFor(device, clock, 2000);
    expect(link.mismatches).toEqual([]);
    expect(link.finished).toBe(true);
    expect(facts).toEqual([
      { type: 'measurement.progressed', progress: { stage: 'preparing' } },
      { type: 'measurement.progressed', progress: { stage: 'fingerDetected' } },
      { type: 'measurement.progressed', progress: { stage: 'keepStill' } },
      {
        type: 'measurement.taken',
        measurement: {
          kind: 'oxygenSaturation',
          // The fifth agreeing reading is the capture's tenth report, 120 ms apart after the start.
          takenAt: 1200,
          quantities: [
            { name: 'spo2', value: 97, unit: '%' },
            { name: 'pulse', value: 71, unit: 'bpm' },
          ],
        },
      },
    ]);
  });

  it('takes the readings a real PO 80 printed (hid-pulse-oximeter README): no value, then 85…91 bpm', async () => {
    // The README's example output, as live reports: BPM:- SpO2:-%, then 85/96, 87/96, 90/96, 91/95,
    // 90/94, 90/95. The readings wander by a unit or two; five in a row agree from the second.
    const capture = `
-> 9B 01 1C
<- +120 EB 01 05 7F 7F
<- +120 EB 01 05 55 60
<- +120 EB 00 20 31 42 35 28 1C
<- +120 EB 01 05 57 60
<- +120 EB 01 05 5A 60
<- +120 EB 01 05 5B 5F
<- +120 EB 00 20 31 42 35 28 1C
<- +120 EB 01 05 5A 5E
<- +120 EB 01 05 5A 5F
`;
    const clock = new ManualClock();
    const link = new ReplayHidTransport(parseHidCapture(capture), clock);
    const facts = await measureFor(new BeurerPo80Device(link, clock), clock, 2000);
    expect(link.mismatches).toEqual([]);
    expect(facts.at(-1)).toMatchObject({
      type: 'measurement.taken',
      measurement: {
        quantities: [
          { name: 'spo2', value: 95, unit: '%' },
          { name: 'pulse', value: 90, unit: 'bpm' },
        ],
      },
    });
  });

  it.each([
    [
      'the oximeter is unplugged while measuring',
      '<- +100 EB 01 05 48 60\nunplugged +100',
      500,
      'device.unplugged',
    ],
    ['a device that stops sending reports times out', '<- +100 EB 01 05 7F 7F', 4000, 'device.timeout'],
  ])('%s', async (_title, afterStart, ms, code) => {
    const clock = new ManualClock();
    const capture = `-> 9B 01 1C\n${afterStart}`;
    const device = new BeurerPo80Device(new ReplayHidTransport(parseHidCapture(capture), clock), clock);
    const facts = await measureFor(device, clock, ms);
    expect(facts.at(-1)).toMatchObject({ type: 'measurement.failed', error: { code } });
  });
});

describe('the oximeter against its simulator', () => {
  function setUp(): { clock: ManualClock; simulator: BeurerPo80Simulator; device: BeurerPo80Device } {
    const clock = new ManualClock();
    const pair = createHidLinkPair('hid:simulated-po80');
    const simulator = new BeurerPo80Simulator(pair.device, clock, {
      reading: { pulse: 64, spo2: 98 },
    });
    const device = new BeurerPo80Device(pair.host, clock);
    return { clock, simulator, device };
  }

  itPassesTheSimulatorChecks<BeurerFault>(setUp, 200, [
    ['noFinger', 'measurement.noFinger', 25_000],
    ['motion', 'measurement.motion', 10_000],
    ['garbage', 'device.error', 5000],
    ['truncated', 'device.error', 5000],
    ['badChecksum', 'device.error', 5000],
    ['silence', 'device.timeout', 5000],
    ['unplug', 'device.unplugged', 5000],
  ]);

  it("takes the patient's values and keeps the stream alive while measuring", async () => {
    const { clock, simulator, device } = setUp();
    const facts = await measureFor(device, clock, 1000);
    expect(facts.at(-1)).toMatchObject({
      type: 'measurement.taken',
      measurement: { quantities: [{ value: 98 }, { value: 64 }] },
    });
    expect(simulator.received.filter((c) => c?.type === 'keepAlive').length).toBeGreaterThan(0);
  });

  it('sends what a real PO 80 sends: no value while it searches, wandering readings, model and user', async () => {
    const clock = new ManualClock();
    const pair = createHidLinkPair('hid:simulated-po80');
    new BeurerPo80Simulator(pair.device, clock, { reading: { pulse: 64, spo2: 98 } });
    const reports: number[][] = [];
    pair.host.onData((report) => reports.push(Array.from(report.subarray(0, 12))));
    await pair.host.write(paddedReport('81 01'));
    await pair.host.write(paddedReport('8E 03 11'));
    await pair.host.write(paddedReport('9B 01 1C'));
    await clock.advance(1000);
    expect(toHex(Uint8Array.from(reports[0] ?? []).subarray(0, 5))).toBe('F1 50 4F 38 30');
    expect(Buffer.from(Uint8Array.from(reports[1] ?? []).subarray(2, 9)).toString('latin1')).toBe('   user');
    const live = reports.filter((r) => r[0] === 0xeb && r[1] === 0x01).map((r) => [r[3], r[4]]);
    expect(live.slice(0, 2)).toEqual([
      [0x7f, 0x7f],
      [0x7f, 0x7f],
    ]);
    const pulses = new Set(live.slice(2).map(([pulse]) => pulse));
    expect(pulses.size).toBeGreaterThan(1);
    expect([...pulses].every((p) => Math.abs((p ?? 0) - 64) <= 1)).toBe(true);
  });

  it('the finger goes in late: no-finger frames first, then the values', async () => {
    const rig = setUp();
    const facts = await measureWithFault(rig, 'noFinger', 5000);
    expect(facts.map((f) => f.type)).toEqual(['measurement.progressed']);
    rig.simulator.misbehave(null);
    await rig.clock.advance(1000);
    expect(facts.map((f) => (f.type === 'measurement.progressed' ? f.progress.stage : f.type))).toEqual([
      'preparing',
      'fingerDetected',
      'keepStill',
      'measurement.taken',
    ]);
  });
});
