// Who may connect, on the manual clock: a practitioner's token is good until its expiry, not a
// millisecond longer.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock';
import { Accounts } from './accounts';
import { DEMO_PRACTITIONERS } from './demo-accounts';

const DOCTOR = { ...DEMO_PRACTITIONERS[0], password: 'doctor password' };

describe('practitioner tokens', () => {
  it('are valid from the login until their expiry, then refused', () => {
    const clock = new ManualClock(1_000_000);
    const accounts = new Accounts([], [DOCTOR], clock, 8 * 3_600_000);
    const reply = accounts.logIn(DOCTOR.login, DOCTOR.password);
    expect(reply?.expiresAt).toBe(1_000_000 + 8 * 3_600_000);
    const token = reply?.token ?? '';
    clock.increment(8 * 3_600_000 - 1);
    expect(accounts.checkToken(token)).toMatchObject({ login: DOCTOR.login });
    clock.increment(1);
    expect(accounts.checkToken(token)).toBeNull();
  });

  it('are refused for a wrong password, and a cabin only with its own credential', () => {
    const clock = new ManualClock();
    const accounts = new Accounts([{ cabinId: 'cabin-a', credential: 'secret-a' }], [DOCTOR], clock, 1);
    expect(accounts.logIn(DOCTOR.login, 'wrong')).toBeNull();
    expect(accounts.checkCabin('cabin-a', 'secret-a')).toBe(true);
    expect(accounts.checkCabin('cabin-a', 'secret-b')).toBe(false);
    expect(accounts.checkCabin('cabin-z', 'secret-a')).toBe(false);
  });
});
