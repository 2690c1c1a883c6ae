// A small soak of the whole cabin: 150 sessions in a row with random transient faults and random
// patients (cooperative, quitting, calling for help, silent), each back to ready and leaving nothing.
import { describe, expect, it } from 'vitest';
import { runSoak } from '../support/soak';

describe('a soak of simulated sessions with random faults', () => {
  it('brings every session back to ready, with nothing left and no timer piling up', async () => {
    const report = await runSoak({ seed: 20_260_112, sessions: 150 });

    expect(report.stuck).toEqual([]);
    expect(report.leftovers).toEqual([]);
    // Every kind of patient and some faults were met.
    expect(Object.values(report.byBehaviour).every((count) => count > 0)).toBe(true);
    expect(report.faulted).toBeGreaterThan(30);
    expect(report.sawFailure).toBeGreaterThan(10);
    // The cabin's own timers between patients stay the same handful, session after session.
    expect(report.pendingTimersLast).toBeLessThanOrEqual(report.pendingTimersFirst + 1);
    expect(report.pendingTimersMax).toBeLessThanOrEqual(report.pendingTimersFirst + 2);
  }, 60_000);
});
