// The HEM-7322U device class, first through a replayed capture of report bytes, then against the
// simulator on an in-process HID pair, faults included.
import { describe, expect, it } from 'vitest';
import { createHidLinkPair } from '../../drivers/test-support/hid-link-pair';
import { parseHidCapture, ReplayHidTransport } from '../../drivers/test-support/replay-hid-transport';
import { ManualClock } from '../../test/support/manual-clock';
import { checkAfter, measureFor } from '../test-support/measuring';
import { itPassesTheSimulatorChecks } from '../test-support/simulator-suite';
import { OmronHem7322uDevice } from './omron-device';
import { OmronHem7322uSimulator } from './omron-simulator';

const OLD_RECORD = '52 67 1A 48 2E 68 07 80 00 00 00 00 00 00'; // 128/82, 72 bpm, 19 Nov 2026 08:30
const NEW_RECORD = '5F 7D 1A 3C 2E 69 08 40 00 00 00 00 00 00'; // 150/95, 60 bpm, 19 Nov 2026 09:33
const ff = (count: number): string => 'FF '.repeat(count).trim();

// The capture's replies, written out as the device sends them; only their CRCs are computed here.
function crcLine(bytes: string): string {
  const values = bytes.split(' ').map((b) => Number.parseInt(b, 16));
  const crc = values.slice(1).reduce((a, b) => a ^ b, 0);
  return `${bytes} ${crc.toString(16).padStart(2, '0')}`;
}

// One download as obpm's dump would show it: init, 70 reads from 0x02AC, end.
function download(firstBlockRecords: string): string {
  const lines = ['-> 02 08 00 00 00 00 10 00 18', '<- +3 02 08 80 00 00 00 00 00 88'];
  for (let block = 0; block < 70; block += 1) {
    const address = 0x02ac + block * 40;
    const ah = (address >> 8).toString(16).padStart(2, '0');
    const al = (address & 0xff).toString(16).padStart(2, '0');
    const data =
      block === 0 ? `${firstBlockRecords} ${ff(40 - firstBlockRecords.split(' ').length)}` : ff(40);
    lines.push(
      `-> ${crcLine(`02 08 01 00 ${ah} ${al} 28 00`)}`,
      `<- +3 ${crcLine(`02 30 81 00 ${ah} ${al} 28 ${data} 00`)}`,
    );
  }
  lines.push('-> 02 08 0F 00 00 00 00 00 07', '<- +3 02 08 8F 00 00 00 00 00 87');
  return lines.join('\n');
}

describe('the tensiometer through a replayed capture', () => {
  it('the patient presses START: the record that appears after the first download is the measurement', async () => {
    const clock = new ManualClock(1_700_000);
    const link = new ReplayHidTransport(
      parseHidCapture(`${download(OLD_RECORD)}\n${download(`${OLD_RECORD} ${NEW_RECORD}`)}`),
      clock,
    );
    const device = new OmronHem7322uDevice(link, clock, { pollMs: 1000 });
    const facts = await measureFor(device, clock, 2000);
    expect(link.mismatches).toEqual([]);
    expect(link.finished).toBe(true);
    expect(facts).toEqual([
      { type: 'measurement.progressed', progress: { stage: 'preparing' } },
      {
        type: 'measurement.taken',
        measurement: {
          kind: 'bloodPressure',
          // Two downloads of 72 replies 3 ms apart, a poll of 1 s between them: taken 1432 ms after the start.
          takenAt: 1_701_432,
          quantities: [
            { name: 'systolic', value: 150, unit: 'mmHg' },
            { name: 'diastolic', value: 95, unit: 'mmHg' },
            { name: 'pulse', value: 60, unit: 'bpm' },
          ],
        },
      },
    ]);
  });

  it('an init and end answered in another layout than the reconstructed ack still download (obpm reads none of it)', async () => {
    const clock = new ManualClock(1_700_000);
    const otherAcks = (capture: string) =>
      capture
        .replace('<- +3 02 08 80 00 00 00 00 00 88', '<- +3 00 00 00 00 00 00 00 00 00')
        .replace('<- +3 02 08 8F 00 00 00 00 00 87', '<- +3 02 08 8F 00 00 00 00 00 00');
    const link = new ReplayHidTransport(
      parseHidCapture(otherAcks(`${download(OLD_RECORD)}\n${download(`${OLD_RECORD} ${NEW_RECORD}`)}`)),
      clock,
    );
    const facts = await measureFor(new OmronHem7322uDevice(link, clock, { pollMs: 1000 }), clock, 2000);
    expect(link.mismatches).toEqual([]);
    expect(facts.at(-1)).toMatchObject({
      type: 'measurement.taken',
      measurement: { quantities: [{ value: 150 }, { value: 95 }, { value: 60 }] },
    });
  });

  it('a device that never answers init times out (not in transfer mode)', async () => {
    const clock = new ManualClock();
    const link = new ReplayHidTransport(parseHidCapture('-> 02 08 00 00 00 00 10 00 18'), clock);
    const device = new OmronHem7322uDevice(link, clock);
    const facts = await measureFor(device, clock, 1500);
    expect(facts.at(-1)).toMatchObject({ type: 'measurement.failed', error: { code: 'device.timeout' } });
  });

  it('the cable is pulled in the middle of a download', async () => {
    const clock = new ManualClock();
    const capture = download(OLD_RECORD).split('\n').slice(0, 9).join('\n') + '\nunplugged +2';
    const link = new ReplayHidTransport(parseHidCapture(capture), clock);
    const device = new OmronHem7322uDevice(link, clock);
    const facts = await measureFor(device, clock, 100);
    expect(facts.at(-1)).toMatchObject({ type: 'measurement.failed', error: { code: 'device.unplugged' } });
    expect(await device.check()).toBe('absent');
  });

  it('the monitor shows every report decoded, for the technician', async () => {
    const clock = new ManualClock();
    const link = new ReplayHidTransport(
      parseHidCapture(
        '-> 02 08 00 00 00 00 10 00 18\n<- +3 02 08 80 00 00 00 00 00 88\n-> 02 08 0F 00 00 00 00 00 07\n<- +3 02 08 8F 00 00 00 00 00 87',
      ),
      clock,
    );
    const device = new OmronHem7322uDevice(link, clock);
    const seen: string[] = [];
    device.monitor((entry) =>
      seen.push(`${entry.direction} ${entry.frame.ok ? entry.frame.value.type : entry.frame.error.code}`),
    );
    expect(await checkAfter(device, clock, 10)).toBe('ok');
    expect(seen).toEqual(['toDevice init', 'fromDevice ack', 'toDevice end', 'fromDevice ack']);
  });
});

describe('the tensiometer against its simulator', () => {
  function setUp(): {
    clock: ManualClock;
    simulator: OmronHem7322uSimulator;
    device: OmronHem7322uDevice;
    unplug: () => void;
  } {
    const clock = new ManualClock();
    const pair = createHidLinkPair('hid:simulated-omron');
    const simulator = new OmronHem7322uSimulator(pair.device, clock, {
      history: [
        { systolic: 135, diastolic: 85, pulse: 70, year: 2026, month: 11, day: 18, hour: 17, minute: 5 },
      ],
    });
    const device = new OmronHem7322uDevice(pair.host, clock, {
      pollMs: 1000,
      waitMs: 10_000,
    });
    return { clock, simulator, device, unplug: () => pair.unplug() };
  }

  itPassesTheSimulatorChecks(setUp, 50, [
    ['garbage', 'device.error', 5000],
    ['badChecksum', 'device.error', 5000],
    ['silence', 'device.timeout', 5000],
    ['unplug', 'device.unplugged', 5000],
  ]);

  it('a simulated device answering init and end in its own layout: the download goes on', async () => {
    const clock = new ManualClock();
    const pair = createHidLinkPair('hid:simulated-omron');
    const simulator = new OmronHem7322uSimulator(pair.device, clock, { ackReport: new Uint8Array(64) });
    const device = new OmronHem7322uDevice(pair.host, clock, { pollMs: 1000, waitMs: 10_000 });
    const facts = await measureFor(device, clock, 500);
    simulator.pressStart({ systolic: 121, diastolic: 79, pulse: 67 });
    await clock.advance(2000);
    expect(facts.at(-1)).toMatchObject({
      type: 'measurement.taken',
      measurement: { quantities: [{ value: 121 }, { value: 79 }, { value: 67 }] },
    });
    pair.unplug();
  });

  it('the patient presses START while the cabin waits: the new reading, not the old one', async () => {
    const { clock, simulator, device } = setUp();
    const facts = await measureFor(device, clock, 500);
    simulator.pressStart({ systolic: 122, diastolic: 78, pulse: 66 });
    await clock.advance(2000);
    expect(facts.at(-1)).toMatchObject({
      type: 'measurement.taken',
      measurement: { quantities: [{ value: 122 }, { value: 78 }, { value: 66 }] },
    });
  });

  it('the patient never presses START: no new reading', async () => {
    const { clock, device } = setUp();
    const facts = await measureFor(device, clock, 12_000);
    expect(facts.at(-1)).toMatchObject({
      type: 'measurement.failed',
      error: { code: 'measurement.noNewReading' },
    });
  });

  it.each([['garbage'], ['truncated'], ['badChecksum']] as const)(
    'one %s reply is read again and the download goes on',
    async (fault) => {
      const { clock, simulator, device } = setUp();
      const facts = await measureFor(device, clock, 500);
      simulator.misbehave(fault, 1);
      simulator.pressStart({ systolic: 118, diastolic: 76, pulse: 64 });
      await clock.advance(2000);
      expect(facts.at(-1)).toMatchObject({ type: 'measurement.taken' });
    },
  );

  it('the cable is pulled between two downloads: unplugged at once', async () => {
    const { clock, device, unplug } = setUp();
    const facts = await measureFor(device, clock, 500);
    unplug();
    await clock.advance(1);
    expect(facts.at(-1)).toMatchObject({ type: 'measurement.failed', error: { code: 'device.unplugged' } });
  });
});
