// The maintenance register keeps every intervention on a device, newest first, and survives the audit's retention.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MaintenanceRecord, Result } from '../../contract';
import { ManualClock } from '../../test/support/manual-clock';
import { MemoryOperationLog } from '../test-support/memory-operation-log';
import type { CabinStore } from './cabin-store';
import { keepRetention } from './retention';
import { openCabinStore } from './sqlite-cabin-store';

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}`);
  return result.value;
}

const DAY_MS = 86_400_000;
const t0 = Date.UTC(2026, 0, 12, 9, 0, 0);

function record(id: string, at: number, overrides: Partial<MaintenanceRecord> = {}): MaintenanceRecord {
  return {
    id,
    kind: 'verification',
    peripheral: 'weight',
    modelId: 'mt-sics',
    serialNumber: 'B123456789',
    technician: 'Camille Martin',
    reference: { instrument: 'Poids M1 20 kg', certificate: 'COFRAC 2026-0042' },
    points: [
      {
        step: 'zero',
        quantity: 'weight',
        unit: 'kg',
        reference: 0,
        reading: 0,
        error: 0,
        limit: 0.1,
        pass: true,
      },
    ],
    corrections: [],
    verdict: 'pass',
    at,
    nextDueAt: at + 365 * DAY_MS,
    note: null,
    ...overrides,
  };
}

let directory: string;
let clock: ManualClock;
let store: CabinStore;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'cabin-register-'));
  clock = new ManualClock(t0);
  store = unwrap(openCabinStore(join(directory, 'cabin.db'), clock));
});

afterEach(() => {
  store.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('the maintenance register', () => {
  it('lists the records newest first, as they were written', () => {
    const first = record('a', t0);
    const repair = record('b', t0 + DAY_MS, {
      kind: 'repair',
      verdict: null,
      nextDueAt: null,
      points: [],
      note: 'cellule changée',
    });
    unwrap(store.maintenance.add(first));
    unwrap(store.maintenance.add(repair));
    expect(unwrap(store.maintenance.list())).toEqual([repair, first]);
  });

  it('filters by model, serial number and peripheral', () => {
    unwrap(store.maintenance.add(record('a', t0)));
    unwrap(store.maintenance.add(record('b', t0 + 1, { serialNumber: 'OTHER' })));
    unwrap(
      store.maintenance.add(
        record('c', t0 + 2, { peripheral: 'temperature', modelId: 'ble-thermometer-gateway' }),
      ),
    );
    expect(unwrap(store.maintenance.list({ serialNumber: 'OTHER' })).map((r) => r.id)).toEqual(['b']);
    expect(unwrap(store.maintenance.list({ modelId: 'mt-sics' })).map((r) => r.id)).toEqual(['b', 'a']);
    expect(unwrap(store.maintenance.list({ peripheral: 'temperature' })).map((r) => r.id)).toEqual(['c']);
    expect(unwrap(store.maintenance.list({ modelId: 'none' }))).toEqual([]);
  });

  it("answers a device's last check, skipping the later repairs and other devices", () => {
    unwrap(store.maintenance.add(record('old', t0)));
    unwrap(store.maintenance.add(record('new', t0 + DAY_MS, { verdict: 'fail', nextDueAt: null })));
    unwrap(store.maintenance.add(record('repair', t0 + 2 * DAY_MS, { kind: 'repair', verdict: null })));
    unwrap(store.maintenance.add(record('other', t0 + 3 * DAY_MS, { serialNumber: 'OTHER' })));
    expect(unwrap(store.maintenance.lastCheck('mt-sics', 'B123456789'))?.id).toBe('new');
    expect(unwrap(store.maintenance.lastCheck('mt-sics', 'NONE'))).toBeNull();
  });

  it('is never pruned by the retention, five years and more later', () => {
    unwrap(store.maintenance.add(record('kept', t0)));
    clock.increment(6 * 365 * DAY_MS);
    const log = new MemoryOperationLog(clock);
    const stop = keepRetention(store, { auditDays: 1, consentDays: 1 }, clock, log);
    clock.increment(2 * DAY_MS);
    stop();
    expect(unwrap(store.maintenance.list()).map((r) => r.id)).toEqual(['kept']);
  });

  it('keeps its records when the store is opened again', () => {
    unwrap(store.maintenance.add(record('a', t0)));
    store.close();
    store = unwrap(openCabinStore(join(directory, 'cabin.db'), clock));
    expect(unwrap(store.maintenance.list()).map((r) => r.id)).toEqual(['a']);
  });
});
