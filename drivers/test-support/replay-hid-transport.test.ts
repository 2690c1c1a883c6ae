// The replay transport the HID device tests run on: a recorded exchange played on a manual clock.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock';
import { parseHidCapture, ReplayHidTransport } from './replay-hid-transport';

describe('the replay transport', () => {
  it('plays device reports with their timing, waits for the host, and records what it wrote', async () => {
    const clock = new ManualClock();
    const link = new ReplayHidTransport(
      parseHidCapture('-> 9B 01 1C\n<- +100 EB 01 05 47 61\nunplugged +50'),
      clock,
    );
    const seen: number[] = [];
    const ends: string[] = [];
    link.onData((chunk) => seen.push(clock.now(), chunk.length));
    link.onEnd((end) => ends.push(end));
    await clock.advance(500);
    expect(seen).toEqual([]);
    await link.write(Uint8Array.from([0x9b, 0x01, 0x1c]));
    await clock.advance(100);
    expect(seen).toEqual([600, 64]);
    await clock.advance(50);
    expect(ends).toEqual(['unplugged']);
    expect(link.written.length).toBe(1);
    expect(link.mismatches).toEqual([]);
  });

  it('notes a host write that differs from the capture', async () => {
    const clock = new ManualClock();
    const link = new ReplayHidTransport(parseHidCapture('-> 9B 01 1C'), clock);
    await link.write(Uint8Array.from([0x9a, 0x1a]));
    await clock.advance(1);
    expect(link.mismatches).toHaveLength(1);
  });

  it('a malformed capture is a test bug and throws', () => {
    expect(() => parseHidCapture('<- EB 1')).toThrow();
  });
});
