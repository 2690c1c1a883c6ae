// The maintenance register in the cabin's store: every verification, calibration, repair and putting
// out of service, kept at least five years (CSP R5212-28) and never pruned by the audit's retention.
import type Database from 'better-sqlite3';
import {
  MAINTENANCE_KINDS,
  MEASUREMENT_KINDS,
  type Clock,
  type MaintenanceRecord,
  type MeasurementKind,
  type Result,
} from '../../contract';
import { guarded } from './store-error';

/** The register's seam; every call is synchronous, store faults come back as `store.*` values. */
export interface MaintenanceRegister {
  /** Appends a record (its id, a random UUID, and time are the caller's). */
  add(record: MaintenanceRecord): Result<void>;
  /** Every record, newest first, optionally of one model, one serial number or one peripheral. */
  list(filter?: {
    readonly modelId?: string;
    readonly serialNumber?: string;
    readonly peripheral?: MeasurementKind;
  }): Result<readonly MaintenanceRecord[]>;
  /** The newest verification or calibration of this device, or null. */
  lastCheck(modelId: string, serialNumber: string): Result<MaintenanceRecord | null>;
}

interface Row {
  readonly body: string;
}

/** The register on the store's database (built by `openCabinStore`). */
export function createMaintenanceRegister(
  db: Database.Database,
  _clock: Pick<Clock, 'now'>,
): MaintenanceRegister {
  // Prepared on first use: a store opened on older migrations (a test of the upgrade) has no table yet.
  let prepared: ReturnType<typeof prepare> | null = null;
  const statements = (): ReturnType<typeof prepare> => (prepared ??= prepare(db));
  const parse = (row: Row): MaintenanceRecord => JSON.parse(row.body) as MaintenanceRecord;

  return {
    add(record) {
      // A record that breaks the contract is a bug in the caller, not a store fault.
      if (!MAINTENANCE_KINDS.includes(record.kind)) throw new Error(`unknown record kind ${record.kind}`);
      if (!MEASUREMENT_KINDS.includes(record.peripheral))
        throw new Error(`unknown peripheral ${record.peripheral}`);
      return guarded(() => {
        statements().add.run(
          record.id,
          record.kind,
          record.peripheral,
          record.modelId,
          record.serialNumber,
          record.at,
          record.nextDueAt,
          record.verdict,
          JSON.stringify(record),
        );
      });
    },
    list(filter = {}) {
      const { modelId = null, serialNumber = null, peripheral = null } = filter;
      return guarded(() =>
        statements()
          .list.all(modelId, modelId, serialNumber, serialNumber, peripheral, peripheral)
          .map(parse),
      );
    },
    lastCheck(modelId, serialNumber) {
      return guarded(() => {
        const row = statements().lastCheck.get(modelId, serialNumber);
        return row === undefined ? null : parse(row);
      });
    },
  };
}

function prepare(db: Database.Database) {
  return {
    add: db.prepare<[string, string, string, string, string, number, number | null, string | null, string]>(
      `INSERT INTO maintenance_records
         (id, kind, peripheral, model_id, serial_number, recorded_at, next_due_at, verdict, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // Filters are optional: a NULL parameter matches every row. Ties in time keep the insertion order.
    list: db.prepare<
      [string | null, string | null, string | null, string | null, string | null, string | null],
      Row
    >(
      `SELECT body FROM maintenance_records
       WHERE (? IS NULL OR model_id = ?) AND (? IS NULL OR serial_number = ?) AND (? IS NULL OR peripheral = ?)
       ORDER BY recorded_at DESC, rowid DESC`,
    ),
    lastCheck: db.prepare<[string, string], Row>(
      `SELECT body FROM maintenance_records
       WHERE model_id = ? AND serial_number = ? AND kind IN ('verification', 'calibration')
       ORDER BY recorded_at DESC, rowid DESC LIMIT 1`,
    ),
  };
}
