// An OperationLog that writes nothing, for benchmarks and tests that do not read the log.
import type { OperationLog } from '../log';

/** A log that writes nothing: the benchmarks measure the controller, not the disk or a growing array. */
export const DISCARDING_LOG: OperationLog = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  droppedLines: 0,
  close: () => undefined,
};
