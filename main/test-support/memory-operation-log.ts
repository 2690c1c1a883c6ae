// An OperationLog that keeps its lines in memory, for tests of code that logs.
import { systemClock, type Clock } from '../../contract';
import { formatLogLine, type LogFields, type LogLevel, type OperationLog } from '../log';

/** One parsed line of a MemoryOperationLog. */
export type LogRecord = { readonly t: string; readonly level: LogLevel; readonly event: string } & Readonly<
  Record<string, number | boolean | string>
>;

/** An OperationLog double: same formatting and redaction as the file log, lines kept in `lines`. */
export class MemoryOperationLog implements OperationLog {
  /** The JSON lines written so far, oldest first. */
  readonly lines: string[] = [];
  private closed = false;
  private dropped = 0;

  /** Builds a log reading its lines' time from `clock`. */
  constructor(private readonly clock: Pick<Clock, 'now'> = systemClock) {}

  /** Lines written after close are counted here, as the file log does. */
  get droppedLines(): number {
    return this.dropped;
  }

  /** Records an info line. */
  info(event: string, fields?: LogFields): void {
    this.write('info', event, fields);
  }

  /** Records a warn line. */
  warn(event: string, fields?: LogFields): void {
    this.write('warn', event, fields);
  }

  /** Records an error line. */
  error(event: string, fields?: LogFields): void {
    this.write('error', event, fields);
  }

  /** Stops recording. */
  close(): void {
    this.closed = true;
  }

  /** The lines parsed back, for assertions such as `expect(log.records()).toContainEqual(...)`. */
  records(): readonly LogRecord[] {
    return this.lines.map((line) => JSON.parse(line) as LogRecord);
  }

  private write(level: LogLevel, event: string, fields?: LogFields): void {
    if (this.closed) {
      this.dropped += 1;
      return;
    }
    this.lines.push(formatLogLine(this.clock.now(), level, event, fields));
  }
}
