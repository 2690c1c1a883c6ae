import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock';
import { LoginThrottle } from './login-throttle';

const fail = (throttle: LoginThrottle, times: number, login = 'doctor', address = '10.0.0.1'): void => {
  for (let attempt = 0; attempt < times; attempt += 1) throttle.failed(login, address);
};

describe('the failed-login throttle', () => {
  it('doubles the lock of a login at every new lock, up to 15 minutes', async () => {
    const clock = new ManualClock(0);
    const throttle = new LoginThrottle(clock);
    const locks: number[] = [];
    for (let round = 0; round < 7; round += 1) {
      // Each round from a new address: the address budget is not what is measured here.
      fail(throttle, 5, 'doctor', `10.0.0.${round}`);
      const until = throttle.retryAt('doctor', `10.0.1.${round}`) ?? 0;
      locks.push((until - clock.now()) / 1000);
      await clock.advance(until - clock.now());
      expect(throttle.retryAt('doctor', `10.0.1.${round}`)).toBeNull();
    }
    expect(locks).toEqual([30, 60, 120, 240, 480, 900, 900]);
  });

  it('a right password forgets the failures of its login, not those of its address', () => {
    const throttle = new LoginThrottle(new ManualClock(0));
    fail(throttle, 4);
    throttle.succeeded('doctor');
    fail(throttle, 4);
    expect(throttle.retryAt('doctor', '10.0.0.9')).toBeNull();
    fail(throttle, 12, 'other');
    expect(throttle.retryAt('third', '10.0.0.1')).toBe(600_000);
    expect(throttle.retryAt('third', '10.0.0.2')).toBeNull();
  });
});
