// Trying again on the manual clock: the waits grow with each failure and start over after a success.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../test/support/manual-clock';
import { doublingBackoff, listedBackoff, Retry } from './retry';

describe('backoffs', () => {
  it('doubles from the first wait up to the longest', () => {
    expect([0, 1, 2, 3, 4, 5].map(doublingBackoff(250, 5_000))).toEqual([250, 500, 1000, 2000, 4000, 5000]);
  });

  it('takes the listed waits in order, the last one repeating', () => {
    expect([0, 1, 2, 3].map(listedBackoff([100, 250, 500]))).toEqual([100, 250, 500, 500]);
    expect(listedBackoff([])(0)).toBe(1000);
  });
});

describe('a retry', () => {
  it('tries again after each wait in turn, one pending try at a time, and starts over after a success', async () => {
    const clock = new ManualClock();
    const retry = new Retry(clock, doublingBackoff(100, 1000));
    const tries: number[] = [];
    const tryAgain = (): void => void tries.push(clock.now());
    retry.schedule(tryAgain);
    retry.schedule(tryAgain);
    expect(retry.pending).toBe(true);
    await clock.advance(100);
    expect(tries).toEqual([100]);
    expect(retry.pending).toBe(false);
    retry.schedule(tryAgain);
    await clock.advance(200);
    expect(tries).toEqual([100, 300]);
    retry.succeeded();
    retry.schedule(tryAgain);
    await clock.advance(100);
    expect(tries).toEqual([100, 300, 400]);
  });

  it('a cancelled try never runs', async () => {
    const clock = new ManualClock();
    const retry = new Retry(clock, listedBackoff([50]));
    let tried = false;
    retry.schedule(() => {
      tried = true;
    });
    retry.cancel();
    await clock.advance(1000);
    expect(tried).toBe(false);
    expect(retry.pending).toBe(false);
    expect(clock.pending()).toBe(0);
  });
});
