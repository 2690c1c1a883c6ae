// Turns the SQLite failures a cabin can meet in the field into Result values; everything else is a bug.
import Database from 'better-sqlite3';
import { err, type CabinError, type Result } from '../../contract';

// Primary result codes (https://sqlite.org/rescode.html); extended codes such as SQLITE_IOERR_WRITE
// share the prefix, so matching the prefix covers them.
const EXPECTED_CODES: readonly (readonly [sqliteCode: string, code: string])[] = [
  ['SQLITE_FULL', 'store.diskFull'],
  ['SQLITE_BUSY', 'store.locked'],
  ['SQLITE_LOCKED', 'store.locked'],
  ['SQLITE_CORRUPT', 'store.corrupt'],
  ['SQLITE_NOTADB', 'store.corrupt'],
  ['SQLITE_CANTOPEN', 'store.cannotOpen'],
  ['SQLITE_IOERR', 'store.ioError'],
  ['SQLITE_READONLY', 'store.readOnly'],
  ['SQLITE_PERM', 'store.readOnly'],
];

/** Answers the CabinError for an expected SQLite failure (disk full, locked, corrupt, I/O), or null for a bug. */
export function toStoreError(error: unknown): CabinError | null {
  if (!(error instanceof Database.SqliteError)) return null;
  const match = EXPECTED_CODES.find(
    ([sqliteCode]) => error.code === sqliteCode || error.code.startsWith(`${sqliteCode}_`),
  );
  return match ? { code: match[1], detail: `${error.code}: ${error.message}` } : null;
}

/** Runs a store operation, answering expected SQLite failures as values and rethrowing bugs. */
export function guarded<T>(operation: () => T): Result<T> {
  try {
    return { ok: true, value: operation() };
  } catch (error) {
    const storeError = toStoreError(error);
    if (storeError === null) throw error;
    return err(storeError);
  }
}
