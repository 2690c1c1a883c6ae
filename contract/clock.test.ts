import { describe, expect, it } from 'vitest';
import { ManualClock } from '../test/support/manual-clock';
import { after, every } from './clock';

describe('the clock everything waits on', () => {
  it('runs a timer only once its time has come, and not once it is cancelled', async () => {
    const clock = new ManualClock();
    const fired: string[] = [];
    after(clock, 100, () => fired.push('a'));
    const cancel = after(clock, 50, () => fired.push('b'));
    cancel();
    await clock.advance(99);
    expect(fired).toEqual([]);
    await clock.advance(1);
    expect(fired).toEqual(['a']);
    expect(clock.now()).toBe(100);
  });

  it('runs due timers in time order, at their own time, and ties in the order set', () => {
    const clock = new ManualClock(1_000);
    const seen: [string, number][] = [];
    clock.setTimeout(() => seen.push(['late', clock.now()]), 30);
    clock.setTimeout(() => seen.push(['first', clock.now()]), 10);
    clock.setTimeout(() => seen.push(['second', clock.now()]), 10);
    clock.increment(100);
    expect(seen).toEqual([
      ['first', 1_010],
      ['second', 1_010],
      ['late', 1_030],
    ]);
  });

  it('repeats a tick every period until stopped', async () => {
    const clock = new ManualClock();
    let ticks = 0;
    const stop = every(clock, 10_000, () => (ticks += 1));
    await clock.advance(35_000);
    expect(ticks).toBe(3);
    stop();
    await clock.advance(60_000);
    expect(ticks).toBe(3);
    expect(clock.pending()).toBe(0);
  });

  it('stops a repeating tick from inside the tick', async () => {
    const clock = new ManualClock();
    let ticks = 0;
    const stop = every(clock, 5, () => {
      ticks += 1;
      if (ticks === 2) stop();
    });
    await clock.advance(100);
    expect(ticks).toBe(2);
  });
});
