import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock';
import { MemoryOperationLog } from '../test-support/memory-operation-log';
import { summariseRepeats } from './repeat-summary';

function setUp() {
  const clock = new ManualClock(Date.UTC(2026, 0, 12, 9, 0, 0));
  const log = new MemoryOperationLog(clock);
  const refusals = summariseRepeats(log, { clock });
  return { clock, log, refusals };
}

describe('the summary of repeated lines', () => {
  it('writes a single refusal at once, and nothing more after it', async () => {
    const { clock, log, refusals } = setUp();
    refusals.warn('api.refused', { code: 'api.notJson' });
    expect(log.records()).toMatchObject([{ event: 'api.refused', code: 'api.notJson', level: 'warn' }]);
    await clock.advance(10 * 60_000);
    expect(log.lines).toHaveLength(1);
    expect(clock.pending()).toBe(0);
  });

  it('writes a flood of one kind as its first line and then one line with the count per minute', async () => {
    const { clock, log, refusals } = setUp();
    for (let i = 0; i < 10_000; i += 1) refusals.warn('api.refused', { code: 'api.notJson' });
    expect(log.lines).toHaveLength(1);
    await clock.advance(60_000);
    expect(log.records()[1]).toMatchObject({ event: 'api.refused', code: 'api.notJson', count: 10_000 });
    // The flood goes on: each minute adds one summary, no new "first" line.
    for (let minute = 0; minute < 5; minute += 1) {
      for (let i = 0; i < 1_000; i += 1) refusals.warn('api.refused', { code: 'api.notJson' });
      await clock.advance(60_000);
    }
    expect(log.lines).toHaveLength(7);
    expect(log.records().slice(2)).toEqual(
      Array.from({ length: 5 }, () => expect.objectContaining({ count: 1_000 }) as unknown),
    );
    // Quiet again: a minute without a refusal ends the watch, the next one is written at once.
    await clock.advance(2 * 60_000);
    refusals.warn('api.refused', { code: 'api.notJson' });
    expect(log.lines).toHaveLength(8);
    expect(log.records()[7]).not.toHaveProperty('count');
  });

  it('costs a few lines a minute however many kinds a flood mixes', async () => {
    const { clock, log, refusals } = setUp();
    const codes = ['api.notJson', 'api.badEnvelope', 'api.unknownMethod', 'api.invalidInput'];
    for (let i = 0; i < 40_000; i += 1) {
      refusals.warn('api.refused', { code: codes[i % codes.length] ?? 'api.notJson' });
      refusals.info('api.declined', { method: 'act', code: `session.code${i % 100}` });
    }
    await clock.advance(60_000);
    // 3 written at once, 3 summaries, 1 line for all the other kinds.
    expect(log.lines.length).toBeLessThanOrEqual(7);
    const counted = log
      .records()
      .reduce((sum, record) => sum + (typeof record['count'] === 'number' ? record['count'] : 0), 0);
    // Every refusal is in a count but the three written on their own with no repeat.
    expect(counted).toBeGreaterThanOrEqual(80_000 - 3);
    expect(log.records().at(-1)).toMatchObject({ event: 'log.repeatsFolded' });
  });

  it('writes what it counted when it closes, and stops its timer', () => {
    const { clock, log, refusals } = setUp();
    refusals.warn('api.connectionRefused');
    refusals.warn('api.connectionRefused');
    refusals.close();
    expect(log.records()).toMatchObject([
      { event: 'api.connectionRefused' },
      { event: 'api.connectionRefused', count: 2 },
    ]);
    expect(clock.pending()).toBe(0);
    refusals.warn('api.connectionRefused');
    expect(log.lines).toHaveLength(2);
    expect(refusals.droppedLines).toBe(1);
  });
});
