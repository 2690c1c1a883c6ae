// The cabin's records on disk for a configuration: the operation log and the store.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../contract';
import type { CabinConfig } from './config';
import { createOperationLog, type OperationLog } from './log';
import { openCabinStore, type CabinStore } from './store';

/** Opens the rotated operation log of `config` (1 MB a file, 5 files). */
export function openLog(config: CabinConfig): OperationLog {
  return createOperationLog({ directory: config.logDirectory, maxFileBytes: 1_000_000, maxFiles: 5 });
}

/**
 * Opens the store in `config.dataDirectory`; when the file cannot be opened the cabin still starts, on
 * a store in memory, so that the attendant sees why it is out of service (`store.unavailable` is logged).
 */
export function openStore(config: CabinConfig, clock: Clock, log: OperationLog): CabinStore {
  mkdirSync(config.dataDirectory, { recursive: true });
  const opened = openCabinStore(join(config.dataDirectory, 'cabin.db'), clock);
  if (opened.ok) return opened.value;
  log.error('store.unavailable', { code: opened.error.code });
  const fallback = openCabinStore(':memory:', clock);
  if (!fallback.ok) throw new Error(`no store at all: ${fallback.error.code}`);
  return fallback.value;
}
