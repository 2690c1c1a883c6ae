import { describe, expect, it } from 'vitest';
import { createMemoryLinkPair } from '../../drivers/memory-link';
import { ManualClock } from '../../test/support/manual-clock';
import { every } from '../../contract';
import {
  checkAfter,
  stagesOf,
  measureOverMemoryLink,
  outcomeOf,
  type SerialHalves,
} from '../test-support/measuring';
import {
  framesOfPacket,
  OEM3_PACKET,
  PERFUSION_STATUS_BITS,
  withPulse,
  XPOD_PACKET,
} from '../test-support/nonin-captures';
import { NoninDf2Device, NoninDf2Simulator, type NoninDf2DecodedFrame, type NoninDf2Fault } from '.';

const OXIMETER: SerialHalves<NoninDf2Simulator> = {
  device: (link, clock) =>
    new NoninDf2Device(link, clock, { stablePackets: 3, attemptMs: 1500, silenceMs: 500 }),
  simulator: (link, clock) => new NoninDf2Simulator(link, clock),
};

function measureOnce(fault: NoninDf2Fault = 'none', chunkSize?: number) {
  return measureOverMemoryLink(OXIMETER, { scenario: { heartRate: 61, spo2: 97 }, fault, chunkSize });
}

describe('the Nonin oximeter over a memory link', () => {
  it('takes SpO2 and pulse after the finger is detected and kept still', async () => {
    const { facts, last } = await measureOnce('none', 7);
    expect(last).toMatchObject({
      type: 'measurement.taken',
      measurement: {
        kind: 'oxygenSaturation',
        quantities: [
          { name: 'spo2', value: 97, unit: '%' },
          { name: 'pulse', value: 61, unit: 'bpm' },
        ],
      },
    });
    expect(stagesOf(facts)).toEqual(['fingerDetected', 'keepStill']);
  });

  it.each(['garbage', 'truncated', 'badChecksum'] as const)(
    'resynchronises after %s and still measures',
    async (fault) => {
      const { last } = await measureOnce(fault, 3);
      expect(last?.type).toBe('measurement.taken');
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
    const { last } = await measureOnce(fault);
    expect(last).toMatchObject({ type: 'measurement.failed', error: { code } });
  });

  it('answers ok to the self-test while it streams, absent once unplugged', async () => {
    const clock = new ManualClock();
    const pair = createMemoryLinkPair();
    const device = new NoninDf2Device(pair[0], clock);
    const simulator = new NoninDf2Simulator(pair[1], clock);
    expect(await checkAfter(device, clock, 1500)).toBe('ok');
    simulator.stop();
    pair.unplug();
    expect(await checkAfter(device, clock, 0)).toBe('absent');
  });

  it('stops reporting when the measurement is cancelled', async () => {
    const clock = new ManualClock();
    const pair = createMemoryLinkPair();
    const device = new NoninDf2Device(pair[0], clock, { stablePackets: 2 });
    const simulator = new NoninDf2Simulator(pair[1], clock);
    const facts: unknown[] = [];
    const cancel = device.measure((fact) => facts.push(fact));
    cancel();
    await clock.advance(900);
    expect(facts).toEqual([]);
    simulator.stop();
    pair.unplug();
  });
});

describe('the Nonin oximeter on the bytes a real one sends', () => {
  /** Replays `packets` in turn, one every third of a second (75 frames/s), while measuring for `ms`. */
  async function measureReplay(packets: readonly Uint8Array[], ms = 3000) {
    const clock = new ManualClock();
    const pair = createMemoryLinkPair({ chunkSize: 5 });
    const device = new NoninDf2Device(pair[0], clock, {
      stablePackets: 3,
      attemptMs: ms - 100,
      silenceMs: 1000,
    });
    const frames: NoninDf2DecodedFrame[] = [];
    device.monitor((frame) => frames.push(frame));
    let sent = 0;
    const stop = every(clock, 333, () => void pair[1].write(packets[sent++ % packets.length]!));
    const facts: Parameters<Parameters<typeof device.measure>[0]>[0][] = [];
    device.measure((fact) => facts.push(fact));
    await clock.advance(ms);
    stop();
    pair.unplug();
    return { last: outcomeOf(facts), frames };
  }

  it.each([
    ['an Xpod packet with no perfusion indication', [XPOD_PACKET], 97, 61],
    ['an OEM III packet with no perfusion indication', [OEM3_PACKET], 97, 72],
    [
      'an Xpod whose pulses show green once a second',
      [withPulse(XPOD_PACKET, PERFUSION_STATUS_BITS.good, 8, 19), XPOD_PACKET, XPOD_PACKET],
      97,
      61,
    ],
    [
      'an Xpod whose pulses show yellow',
      [withPulse(XPOD_PACKET, PERFUSION_STATUS_BITS.marginal, 8, 19), XPOD_PACKET, XPOD_PACKET],
      97,
      61,
    ],
  ] as const)('takes the measurement from %s', async (_what, packets, spo2, pulse) => {
    const { last } = await measureReplay(packets);
    expect(last).toMatchObject({
      type: 'measurement.taken',
      measurement: {
        quantities: [
          { name: 'spo2', value: spo2, unit: '%' },
          { name: 'pulse', value: pulse, unit: 'bpm' },
        ],
      },
    });
  });

  it('refuses low perfusion when the pulses show red, though most frames carry no indication', async () => {
    const red = withPulse(XPOD_PACKET, PERFUSION_STATUS_BITS.low, 8, 19);
    const { last, frames } = await measureReplay([red, XPOD_PACKET, XPOD_PACKET]);
    expect(last).toMatchObject({ type: 'measurement.failed', error: { code: 'measurement.lowPerfusion' } });
    // The monitor shows the last indication seen, red, on the packets between pulses too.
    expect(frames.slice(1).every((frame) => frame.perfusion === 'low')).toBe(true);
  });

  it('simulates what the real oximeter sends: no indication in most frames, the bits only during a pulse', async () => {
    const clock = new ManualClock();
    const pair = createMemoryLinkPair();
    const simulator = new NoninDf2Simulator(pair[1], clock);
    simulator.setScenario({ heartRate: 61, spo2: 97 });
    const bytes: number[] = [];
    pair[0].onData((chunk) => bytes.push(...chunk));
    await clock.advance(4000);
    simulator.stop();
    pair.unplug();
    const statuses = framesOfPacket(Uint8Array.from(bytes.slice(0, 5 * 75 * 4))).map(
      (frame) => frame[1]! & 0xfe,
    );
    const withIndication = statuses.filter((status) => status !== 0x80);
    // At 61 bpm a pulse every ~74 frames, 12 of them with the bits: about one frame in six.
    expect(withIndication.every((status) => status === 0x86)).toBe(true);
    expect(withIndication.length / statuses.length).toBeGreaterThan(0.1);
    expect(withIndication.length / statuses.length).toBeLessThan(0.25);
  });
});
