// The attendant page's limit on wrong codes, told as what someone guessing codes runs into.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock';
import { AttemptLimit, DEFAULT_ATTEMPT_LIMIT } from './attempt-limit';

const MINUTE = 60_000;

function guess(limit: AttemptLimit, client: string, times: number) {
  let lock = null;
  for (let i = 0; i < times; i += 1) lock = limit.failed(client) ?? lock;
  return lock;
}

describe('the limit on wrong attendant codes', () => {
  it('locks a client after 5 wrong codes, for a minute, then lets it try again', () => {
    const clock = new ManualClock(0);
    const limit = new AttemptLimit(clock);
    expect(guess(limit, 'phone', 4)).toBeNull();
    expect(limit.check('phone')).toEqual({ allowed: true });
    expect(limit.failed('phone')).toEqual({ scope: 'client', forMs: MINUTE });
    expect(limit.check('phone')).toEqual({ allowed: false, retryAfterMs: MINUTE, scope: 'client' });
    // Another computer of the pharmacy is not locked out by the phone's mistakes.
    expect(limit.check('counter')).toEqual({ allowed: true });
    clock.increment(MINUTE - 1);
    expect(limit.check('phone').allowed).toBe(false);
    clock.increment(1);
    expect(limit.check('phone')).toEqual({ allowed: true });
  });

  it('locks twice as long at each new lock, up to an hour', () => {
    const clock = new ManualClock(0);
    const limit = new AttemptLimit(clock, { ...DEFAULT_ATTEMPT_LIMIT, overall: 1_000 });
    const locks: number[] = [];
    for (let round = 0; round < 8; round += 1) {
      const lock = guess(limit, 'intruder', 5);
      locks.push(lock?.forMs ?? 0);
      clock.increment(lock?.forMs ?? 0);
    }
    expect(locks.map((ms) => ms / MINUTE)).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
  });

  it('forgets the wrong codes of a client who then types the right one', () => {
    const clock = new ManualClock(0);
    const limit = new AttemptLimit(clock);
    guess(limit, 'counter', 4);
    limit.succeeded('counter');
    expect(guess(limit, 'counter', 4)).toBeNull();
    expect(limit.check('counter')).toEqual({ allowed: true });
  });

  it('locks every login after 30 wrong codes from many addresses', () => {
    const clock = new ManualClock(0);
    const limit = new AttemptLimit(clock);
    for (let address = 0; address < 29; address += 1) expect(limit.failed(`10.0.0.${address}`)).toBeNull();
    expect(limit.failed('10.0.0.99')).toEqual({ scope: 'all', forMs: MINUTE });
    expect(limit.check('the pharmacist')).toEqual({ allowed: false, retryAfterMs: MINUTE, scope: 'all' });
    clock.increment(MINUTE);
    expect(limit.check('the pharmacist')).toEqual({ allowed: true });
  });
});
