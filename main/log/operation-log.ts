// The cabin's operation log: JSON lines appended synchronously to cabin.log, rotated by size.
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../contract';
import { formatLogLine, type LogFields, type LogLevel } from './log-line';

/** The log every part of the controller writes to; no method ever throws into the caller. */
export interface OperationLog {
  /** Records a normal fact (`session.started`, `printer.ready`). */
  info(event: string, fields?: LogFields): void;
  /** Records something unexpected the cabin worked around (`card.unreadable`, `platform.retrying`). */
  warn(event: string, fields?: LogFields): void;
  /** Records a fault that stopped something (`printer.failed`, `store.diskFull`). */
  error(event: string, fields?: LogFields): void;
  /** Lines that could not be written (disk full, directory gone, log closed). */
  readonly droppedLines: number;
  /** Releases the file; later lines are counted as dropped. */
  close(): void;
}

/** Where and how much the log keeps: at most `maxFiles` files of about `maxFileBytes` each. */
export interface OperationLogOptions {
  readonly directory: string;
  /** A file is rotated before a line would take it past this size (one over-long line still gets written). */
  readonly maxFileBytes: number;
  /** Files kept in all, cabin.log included: cabin.log, cabin.log.1 … cabin.log.(maxFiles - 1). */
  readonly maxFiles: number;
  /** The time of each line; tests pass a manual clock. */
  readonly clock?: Pick<Clock, 'now'>;
}

/** The name of the file being written; older ones carry a suffix .1 (newest) to .N (oldest). */
export const LOG_FILE_NAME = 'cabin.log';

const rotatedName = (index: number): string => (index === 0 ? LOG_FILE_NAME : `${LOG_FILE_NAME}.${index}`);

/** Opens (creating the directory if needed) the operation log; a directory that cannot be written only makes lines drop. */
export function createOperationLog(options: OperationLogOptions): OperationLog {
  const { directory, maxFileBytes, maxFiles } = options;
  if (!(maxFileBytes > 0) || !Number.isInteger(maxFiles) || maxFiles < 1) {
    throw new Error('operation log needs maxFileBytes > 0 and an integer maxFiles ≥ 1');
  }
  const clock = options.clock ?? systemClock;
  const current = join(directory, LOG_FILE_NAME);
  let fd: number | null = null;
  let size = 0;
  let dropped = 0;
  let closed = false;

  // Opened lazily and again after a failure: a USB disk or a full partition may come back.
  function ensureOpen(): number {
    if (fd !== null) return fd;
    mkdirSync(directory, { recursive: true });
    const opened = openSync(current, 'a', 0o640);
    try {
      size = fstatSync(opened).size;
    } catch (error) {
      closeSync(opened);
      throw error;
    }
    fd = opened;
    return opened;
  }

  function release(): void {
    if (fd === null) return;
    const toClose = fd;
    fd = null;
    try {
      closeSync(toClose);
    } catch {
      // Nothing left to save from a descriptor that cannot close.
    }
  }

  function rotate(): void {
    release();
    // Oldest first, so each rename lands on a name that is free; rmSync drops the oldest.
    rmSync(join(directory, rotatedName(maxFiles - 1)), { force: true });
    for (let index = maxFiles - 2; index >= 0; index -= 1) {
      try {
        renameSync(join(directory, rotatedName(index)), join(directory, rotatedName(index + 1)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }

  function write(level: LogLevel, event: string, fields?: LogFields): void {
    if (closed) {
      dropped += 1;
      return;
    }
    try {
      const bytes = Buffer.from(`${formatLogLine(clock.now(), level, event, fields)}\n`, 'utf8');
      let target = ensureOpen();
      if (size > 0 && size + bytes.length > maxFileBytes) {
        rotate();
        target = ensureOpen();
      }
      // A sync append per line: a crash of the process loses no line already logged.
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(target, bytes, offset);
      size += bytes.length;
    } catch {
      // The log must never take the cabin down: count the loss, retry opening on the next line.
      dropped += 1;
      release();
    }
  }

  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
    get droppedLines() {
      return dropped;
    },
    close() {
      closed = true;
      release();
    },
  };
}

/** Answers the last `n` lines of the log, oldest first, across rotated files; empty when there is no log. */
export function readRecentLines(directory: string, n: number): readonly string[] {
  const lines: string[] = [];
  for (let index = 0; lines.length < n; index += 1) {
    let text: string;
    try {
      text = readFileSync(join(directory, rotatedName(index)), 'utf8');
    } catch {
      // No such file: the rotated files are numbered without gaps, so this is the end.
      break;
    }
    const fileLines = text.split('\n').filter((line) => line.length > 0);
    lines.unshift(...fileLines.slice(Math.max(0, fileLines.length - (n - lines.length))));
  }
  return lines;
}
