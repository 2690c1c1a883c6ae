// The maintenance register in the cabin's store: every verification, calibration, repair and putting
// out of service, kept at least five years (CSP R5212-28) and never pruned by the audit's retention.
import type Database from 'better-sqlite3';
import type { Clock, MaintenanceRecord, MeasurementKind, Result } from '../../contract';

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

/** The register on the store's database (built by `openCabinStore`). */
export function createMaintenanceRegister(
  _db: Database.Database,
  _clock: Pick<Clock, 'now'>,
): MaintenanceRegister {
  const notBuilt = (): never => {
    throw new Error('the maintenance register is not built yet');
  };
  return { add: notBuilt, list: notBuilt, lastCheck: notBuilt };
}
