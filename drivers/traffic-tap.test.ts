import { describe, expect, it } from 'vitest';
import { createMemoryLinkPair } from './memory-link';
import { tapLink } from './traffic-tap';
import { ManualClock } from '../test/support/manual-clock';

const bytes = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));

describe('the traffic tap on a device link', () => {
  it('records what the cabin wrote and what the device answered, with the time, and passes both on', async () => {
    const clock = new ManualClock(1_000);
    const [deviceSide, cabinSide] = createMemoryLinkPair();
    const tapped = tapLink(cabinSide, clock);
    const heard: string[] = [];
    tapped.onData((chunk) => heard.push(Buffer.from(chunk).toString('latin1')));
    deviceSide.onData((chunk) => void deviceSide.write(chunk.subarray(0, 2)));
    await tapped.write(bytes('SI\r\n'));
    await clock.advance(250);
    expect(heard).toEqual(['SI']);
    expect(tapped.traffic(0)).toEqual([
      { atMs: 1_000, direction: 'toDevice', hex: '53490d0a' },
      { atMs: 1_000, direction: 'fromDevice', hex: '5349' },
    ]);
    expect(tapped.traffic(1_001)).toEqual([]);
    await tapped.write(bytes('Z\r\n'));
    await clock.advance(0);
    expect(tapped.traffic(1_001)).toEqual([
      { atMs: 1_250, direction: 'toDevice', hex: '5a0d0a' },
      { atMs: 1_250, direction: 'fromDevice', hex: '5a0d' },
    ]);
  });

  it('keeps only the last 500 chunks', async () => {
    const clock = new ManualClock();
    const [, cabinSide] = createMemoryLinkPair();
    const tapped = tapLink(cabinSide, clock);
    for (let i = 0; i < 520; i += 1) {
      await tapped.write(Uint8Array.of(i & 0xff));
      clock.increment(1);
    }
    const traffic = tapped.traffic(0);
    expect(traffic).toHaveLength(500);
    expect(traffic[0]).toEqual({ atMs: 20, direction: 'toDevice', hex: '14' });
  });

  it('ends and closes with the link it wraps', async () => {
    const clock = new ManualClock();
    const pair = createMemoryLinkPair();
    const tapped = tapLink(pair[1], clock);
    const ends: string[] = [];
    tapped.onEnd((end) => ends.push(end));
    pair.unplug();
    await clock.advance(0);
    expect(ends).toEqual(['unplugged']);
    expect((await tapped.write(Uint8Array.of(1))).ok).toBe(false);
  });
});
