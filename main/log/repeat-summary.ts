// Lines that anyone outside the controller can make the cabin write (a refused API message, a refused
// connection) go through a summary: the first of a kind is written at once, repeats are counted and
// written as one line with their count per interval, so a flood costs a few lines a minute instead of
// rotating the whole log away.
import type { Clock, TimerHandle } from '../../contract';
import type { LogFields, LogLevel } from './log-line';
import type { OperationLog } from './operation-log';

/** How a summary counts: one interval on the clock, and how many lines each interval may write. */
export interface RepeatSummaryOptions {
  readonly clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
  /** The length of one interval; 60 s unless told. */
  readonly intervalMs?: number;
  /** Lines written at once in one interval, the first of each new kind; 3 unless told. */
  readonly immediateLines?: number;
  /** Summary lines at the end of one interval, the most repeated kinds first; 3 unless told. */
  readonly summaryLines?: number;
}

/**
 * An OperationLog that summarises repeats; `close` writes what is counted, stops its timer and drops
 * later lines (counted in `droppedLines`), but never closes the log under it.
 */
export interface SummarisingLog extends OperationLog {
  /** Writes the counts of the interval now and starts a new one (the timer does it on its own). */
  flush(): void;
}

/** The kinds one interval follows one by one; more are only counted together (a bound on memory and lines). */
const MAX_KINDS = 32;

interface Kind {
  readonly level: LogLevel;
  readonly event: string;
  readonly fields: LogFields;
  count: number;
  written: number;
}

/**
 * Wraps `log`: a line whose kind (level, event and fields) is new in this interval, and that was not
 * seen in the interval before, is written at once while the interval's `immediateLines` last; every
 * other line is counted. At the end of the interval each kind with unwritten repeats gets one line,
 * the same event and fields plus `count` (all lines of that kind in the interval) and `periodMs`;
 * kinds beyond `summaryLines` fold into one `log.repeatsFolded` line with `kinds` and `count`.
 * The timer runs only while lines arrive.
 */
export function summariseRepeats(log: OperationLog, options: RepeatSummaryOptions): SummarisingLog {
  const { clock } = options;
  const intervalMs = options.intervalMs ?? 60_000;
  const immediateLines = options.immediateLines ?? 3;
  const summaryLines = options.summaryLines ?? 3;
  let kinds = new Map<string, Kind>();
  // Kinds of the interval before: a flood that goes on is summarised, not written again at each interval.
  let previous = new Set<string>();
  let writtenAtOnce = 0;
  let untracked = 0;
  let timer: TimerHandle = null;
  let closed = false;
  let dropped = 0;

  function flush(): void {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    const repeated = [...kinds.values()]
      .filter((kind) => kind.count > kind.written)
      .sort((a, b) => b.count - a.count);
    for (const kind of repeated.slice(0, summaryLines)) {
      log[kind.level](kind.event, { ...kind.fields, count: kind.count, periodMs: intervalMs });
    }
    const folded = repeated.slice(summaryLines);
    const foldedCount = folded.reduce((sum, kind) => sum + kind.count, 0) + untracked;
    if (foldedCount > 0) {
      log.warn('log.repeatsFolded', {
        kinds: folded.length + (untracked > 0 ? 1 : 0),
        count: foldedCount,
        periodMs: intervalMs,
      });
    }
    const active = kinds.size > 0 || untracked > 0;
    previous = new Set(kinds.keys());
    kinds = new Map();
    writtenAtOnce = 0;
    untracked = 0;
    // An interval with lines is followed by another, so that a flood that goes on stays summarised;
    // a quiet interval ends the watch, and the next line is written at once again.
    if (active && !closed) timer = clock.setTimeout(flush, intervalMs);
  }

  function line(level: LogLevel, event: string, fields: LogFields = {}): void {
    if (closed) {
      dropped += 1;
      return;
    }
    timer ??= clock.setTimeout(flush, intervalMs);
    const key = JSON.stringify([level, event, fields]);
    let kind = kinds.get(key);
    if (kind === undefined) {
      if (kinds.size >= MAX_KINDS) {
        untracked += 1;
        return;
      }
      kind = { level, event, fields, count: 0, written: 0 };
      kinds.set(key, kind);
      if (!previous.has(key) && writtenAtOnce < immediateLines) {
        writtenAtOnce += 1;
        kind.written = 1;
        log[level](event, fields);
      }
    }
    kind.count += 1;
  }

  return {
    info: (event, fields) => line('info', event, fields),
    warn: (event, fields) => line('warn', event, fields),
    error: (event, fields) => line('error', event, fields),
    get droppedLines() {
      return log.droppedLines + dropped;
    },
    flush,
    close() {
      if (closed) return;
      closed = true;
      flush();
    },
  };
}
