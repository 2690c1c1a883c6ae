// The CUPS queue's deadline and the session's cancel, on the manual clock against a fake CUPS: a job
// that does not end in time is cancelled, purged and reported; an aborted print cancels its job.
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../contract';
import { ManualClock } from '../../test/support/manual-clock';
import { CupsPrintQueue } from './cups-print-queue';
import { JOB_STATE, OPERATION } from './ipp-codec';
import { startFakeCups, type FakeCups } from './test-support/fake-cups';

const JOB = {
  title: 'Ordonnance',
  contentType: 'application/pdf' as const,
  content: new Uint8Array([37, 80]),
};

describe('CUPS print queue on the manual clock', () => {
  const fakes: FakeCups[] = [];
  afterEach(async () => {
    for (const fake of fakes.splice(0)) await fake.close();
  });

  async function setUp(): Promise<{ cups: FakeCups; clock: ManualClock; queue: CupsPrintQueue }> {
    const cups = await startFakeCups();
    fakes.push(cups);
    const clock = new ManualClock();
    const queue = new CupsPrintQueue(
      {
        server: { kind: 'socket', path: cups.socket },
        destination: 'cabine',
        jobTimeoutMs: 10_000,
        pollMs: 250,
      },
      clock,
    );
    return { cups, clock, queue };
  }

  /** Moves the manual clock 250 ms at a time, letting the fake answer in between, until `printing` settles. */
  async function runUntil(
    clock: ManualClock,
    printing: Promise<Result<void>>,
    maxMs = 20_000,
  ): Promise<Result<void>> {
    let result: Result<void> | null = null;
    void printing.then((r) => (result = r));
    for (let elapsed = 0; result === null && elapsed <= maxMs; elapsed += 250) {
      // The fake answers over a real socket: wait for its reply, not for time.
      while (result === null && clock.pending() === 0) await new Promise((resolve) => setImmediate(resolve));
      await clock.advance(250);
    }
    if (result === null) throw new Error('the print did not settle');
    return result;
  }

  it('cancels, purges and reports a job that does not end within jobTimeoutMs', async () => {
    const { cups, clock, queue } = await setUp();
    const started = clock.now();
    const result = await runUntil(clock, queue.print(JOB, new AbortController().signal));
    expect(result).toMatchObject({ ok: false, error: { code: 'printer.timeout' } });
    expect(clock.now() - started).toBeGreaterThanOrEqual(10_000);
    expect(clock.now() - started).toBeLessThan(11_000);
    expect(cups.received).toContainEqual({ operation: OPERATION.cancelJob, purge: true });
    expect(cups.jobs.size).toBe(0);
  });

  it('answers printed once the job completes, and purges it', async () => {
    const { cups, clock, queue } = await setUp();
    const printing = queue.print(JOB, new AbortController().signal);
    while (cups.jobs.size === 0) await new Promise((resolve) => setImmediate(resolve));
    cups.jobs.set(1, JOB_STATE.completed);
    expect(await runUntil(clock, printing)).toEqual({ ok: true, value: undefined });
    expect(cups.jobs.size).toBe(0);
  });

  it('cancels the job when the session aborts the print', async () => {
    const { cups, clock, queue } = await setUp();
    const session = new AbortController();
    const printing = queue.print(JOB, session.signal);
    while (cups.jobs.size === 0) await new Promise((resolve) => setImmediate(resolve));
    session.abort();
    expect(await runUntil(clock, printing)).toMatchObject({ ok: false, error: { code: 'printer.failed' } });
    expect(cups.received).toContainEqual({ operation: OPERATION.cancelJob, purge: true });
    expect(cups.jobs.size).toBe(0);
  });
});
