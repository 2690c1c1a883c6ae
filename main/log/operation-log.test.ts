import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatLogLine, looksLikeNir, REDACTED } from './log-line';
import { ManualClock } from '../../test/support/manual-clock';
import { MemoryOperationLog } from '../test-support/memory-operation-log';
import {
  createOperationLog,
  LOG_FILE_NAME,
  readRecentLines,
  type OperationLog,
  type OperationLogOptions,
} from './operation-log';

let directory: string;
const t0 = Date.UTC(2025, 0, 15, 9, 0, 0);

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'cabin-log-'));
});

afterEach(() => {
  chmodSync(directory, 0o755);
  rmSync(directory, { recursive: true, force: true });
});

/** The file log in the test's folder on the manual clock at t0, 3 files of 10 kB unless `options` say otherwise. */
function openLog(options: Partial<OperationLogOptions> = {}): OperationLog {
  return createOperationLog({
    directory,
    maxFileBytes: 10_000,
    maxFiles: 3,
    clock: new ManualClock(t0),
    ...options,
  });
}

function readLines(file: string): string[] {
  return readFileSync(join(directory, file), 'utf8')
    .split('\n')
    .filter((line) => line.length > 0);
}

describe('line format', () => {
  it('writes one JSON object per line with time, level, event and fields', () => {
    const log = openLog();
    log.info('session.started', { locale: 'fr', largeText: true });
    log.warn('card.unreadable', { attempt: 2 });
    log.error('printer.failed', { code: 'paper.jam', device: '/dev/usb/lp0' });
    log.close();
    const lines = readLines(LOG_FILE_NAME);
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      {
        t: '2025-01-15T09:00:00.000Z',
        level: 'info',
        event: 'session.started',
        locale: 'fr',
        largeText: true,
      },
      { t: '2025-01-15T09:00:00.000Z', level: 'warn', event: 'card.unreadable', attempt: 2 },
      {
        t: '2025-01-15T09:00:00.000Z',
        level: 'error',
        event: 'printer.failed',
        code: 'paper.jam',
        device: '/dev/usb/lp0',
      },
    ]);
  });

  it('appends to the log a previous run left', () => {
    const first = openLog();
    first.info('cabin.booted');
    first.close();
    const second = openLog();
    second.info('cabin.booted');
    second.close();
    expect(readLines(LOG_FILE_NAME)).toHaveLength(2);
  });
});

describe('redaction', () => {
  it('redacts a name with spaces and a 15-digit NIR, and marks the line', () => {
    const log = openLog();
    log.info('identity.read', { patient: 'Jeanne DUPONTEL', nir: '180017512345678', source: 'card' });
    log.close();
    const [line] = readLines(LOG_FILE_NAME);
    expect(line).not.toContain('DUPONTEL');
    expect(line).not.toContain('180017512345678');
    expect(JSON.parse(line ?? '')).toEqual({
      t: '2025-01-15T09:00:00.000Z',
      level: 'info',
      event: 'identity.read',
      patient: REDACTED,
      nir: REDACTED,
      source: 'card',
      redacted: true,
    });
  });

  it.each([
    ['a NIR as a number', 180017512345678],
    ['a NIR with dashes', '1-80-01-75-123-456-78'],
    ['a Corsican NIR', '180012A12345678'],
    ['a NIR inside a code', 'card.nir:180017512345678'],
    ['a NIR inside a state path', 'active.journey.180017512345678'],
    ['an address', '12 rue des Lilas'],
    ['text longer than 64 characters', 'x'.repeat(65)],
    ['an accented name', 'Hélène'],
    ['an object smuggled past the types', { surname: 'DUPONTEL' } as unknown as string],
  ])('refuses %s', (_label, value) => {
    const line = JSON.parse(formatLogLine(t0, 'info', 'test.event', { value })) as Record<string, unknown>;
    expect(line).toMatchObject({ value: REDACTED, redacted: true });
  });

  it.each([
    ['a short number', 42],
    ['a duration in ms', 123_456],
    ['a code', 'printer.failed'],
    ['a machine state as a dotted path', 'active.journey.identification.card.readingCard'],
    ['a device path', '/dev/ttyUSB0'],
    ['an ISO time', '2025-01-15T09:00:00.000Z'],
    ['an empty string', ''],
  ])('keeps %s', (_label, value) => {
    const line = JSON.parse(formatLogLine(t0, 'info', 'test.event', { value })) as Record<string, unknown>;
    expect(line['value']).toBe(value);
    expect(line['redacted']).toBeUndefined();
  });

  it('drops a field whose key is free text, and does not let a field overwrite the time or event', () => {
    const line = JSON.parse(
      formatLogLine(t0, 'info', 'test.event', { 'Jeanne DUPONTEL': 1, event: 'forged', t: 'forged' }),
    ) as Record<string, unknown>;
    expect(line).toEqual({
      t: '2025-01-15T09:00:00.000Z',
      level: 'info',
      event: 'test.event',
      redacted: true,
    });
  });

  it('redacts an event name that is not a code', () => {
    const line = JSON.parse(formatLogLine(t0, 'warn', 'Patient Jeanne DUPONTEL arrived')) as Record<
      string,
      unknown
    >;
    expect(line).toMatchObject({ event: REDACTED, redacted: true });
  });

  it('spots a NIR and leaves ordinary numbers alone', () => {
    expect(looksLikeNir('285032B12345678')).toBe(true);
    expect(looksLikeNir('1 80 01 75 123 456 78')).toBe(true);
    expect(looksLikeNir('123456789012')).toBe(false);
  });
});

describe('rotation', () => {
  it('keeps at most maxFiles files, newest lines in cabin.log, oldest dropped', () => {
    const log = openLog({ maxFileBytes: 300 });
    for (let index = 0; index < 60; index += 1) log.info('step.entered', { index });
    log.close();

    const files = readdirSync(directory).sort();
    expect(files).toEqual(['cabin.log', 'cabin.log.1', 'cabin.log.2']);
    for (const file of files) {
      expect(readFileSync(join(directory, file)).length).toBeLessThanOrEqual(300);
    }
    const indexes = (file: string): number[] =>
      readLines(file).map((line) => (JSON.parse(line) as { index: number }).index);
    const newest = indexes('cabin.log');
    const older = indexes('cabin.log.1');
    const oldest = indexes('cabin.log.2');
    expect(newest.at(-1)).toBe(59);
    expect(older.at(-1)).toBe((newest[0] ?? 0) - 1);
    expect(oldest.at(-1)).toBe((older[0] ?? 0) - 1);
    expect(oldest[0]).toBeGreaterThan(0);
  });

  it('with maxFiles 1, starts cabin.log afresh', () => {
    const log = openLog({ maxFileBytes: 200, maxFiles: 1 });
    for (let index = 0; index < 20; index += 1) log.info('step.entered', { index });
    log.close();
    expect(readdirSync(directory)).toEqual(['cabin.log']);
  });

  it('readRecentLines answers the last n lines across files, oldest first', () => {
    const log = openLog({ maxFileBytes: 300, maxFiles: 4 });
    for (let index = 0; index < 30; index += 1) log.info('step.entered', { index });
    log.close();
    const recent = readRecentLines(directory, 12).map(
      (line) => (JSON.parse(line) as { index: number }).index,
    );
    expect(recent).toEqual(Array.from({ length: 12 }, (_, offset) => 18 + offset));
    expect(readRecentLines(join(directory, 'nowhere'), 5)).toEqual([]);
  });
});

describe('failures', () => {
  it('does not throw when the directory cannot be created, and counts the dropped lines', () => {
    const blocker = join(directory, 'not-a-directory');
    writeFileSync(blocker, '');
    const log = openLog({ directory: join(blocker, 'logs'), maxFileBytes: 1_000, maxFiles: 2 });
    expect(() => {
      log.info('cabin.booted');
      log.error('printer.failed');
    }).not.toThrow();
    expect(log.droppedLines).toBe(2);
    log.close();
  });

  it('does not throw when the disk is full, and counts the dropped lines', () => {
    // /dev/full answers ENOSPC to every write: the disk-full case without filling a disk.
    symlinkSync('/dev/full', join(directory, LOG_FILE_NAME));
    const log = openLog({ maxFileBytes: 1_000, maxFiles: 2 });
    expect(() => log.error('store.diskFull')).not.toThrow();
    expect(log.droppedLines).toBe(1);
    log.close();
  });

  // Root ignores permissions, so there is nothing to observe when the tests run as root.
  it.skipIf(process.getuid?.() === 0)(
    'does not throw when the directory becomes read-only, and resumes later',
    () => {
      const logs = join(directory, 'logs');
      const log = openLog({ directory: logs, maxFileBytes: 200, maxFiles: 2 });
      log.info('cabin.booted');
      chmodSync(logs, 0o555);
      // Rotation needs to rename inside the directory: it fails, the lines are dropped.
      for (let index = 0; index < 10; index += 1) log.info('step.entered', { index });
      expect(log.droppedLines).toBeGreaterThan(0);
      chmodSync(logs, 0o755);
      const before = log.droppedLines;
      log.info('disk.back');
      expect(log.droppedLines).toBe(before);
      log.close();
      expect(readRecentLines(logs, 1)[0]).toContain('disk.back');
    },
  );

  it('counts lines written after close as dropped', () => {
    const log = openLog({ maxFileBytes: 1_000, maxFiles: 2 });
    log.close();
    log.info('too.late');
    expect(log.droppedLines).toBe(1);
    expect(existsSync(join(directory, LOG_FILE_NAME))).toBe(false);
  });
});

describe('MemoryOperationLog', () => {
  it('keeps redacted lines in memory, as the file log writes them', () => {
    const log = new MemoryOperationLog(new ManualClock(t0));
    log.warn('identity.typed', { surname: 'DUPONTEL Jeanne', field: 'surname' });
    expect(log.lines).toEqual([
      formatLogLine(t0, 'warn', 'identity.typed', { surname: 'DUPONTEL Jeanne', field: 'surname' }),
    ]);
    expect(log.records()).toEqual([
      {
        t: '2025-01-15T09:00:00.000Z',
        level: 'warn',
        event: 'identity.typed',
        surname: REDACTED,
        field: 'surname',
        redacted: true,
      },
    ]);
    log.close();
    log.info('too.late');
    expect(log.droppedLines).toBe(1);
  });
});
