// The staff's records in the store: one PIN hash a role, replaced when chosen again, and the staff
// events kept as codes and times, read back in order; the table refuses anything but a code as detail.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock';
import { openCabinStore, type CabinStore } from './index';

const MONDAY_9AM = Date.UTC(2026, 0, 12, 9, 0, 0);
const opened: { store: CabinStore; directory: string }[] = [];

afterEach(() => {
  for (const { store, directory } of opened.splice(0)) {
    store.close();
    rmSync(directory, { recursive: true, force: true });
  }
});

function openStore(clock: ManualClock): CabinStore {
  const directory = mkdtempSync(join(tmpdir(), 'cabine-staff-records-'));
  const store = openCabinStore(join(directory, 'cabin.db'), clock);
  if (!store.ok) throw new Error(store.error.code);
  opened.push({ store: store.value, directory });
  return store.value;
}

describe('staff records', () => {
  it('keep one PIN hash a role, the last one chosen', () => {
    const store = openStore(new ManualClock(MONDAY_9AM));
    expect(store.staff.pinHashes()).toEqual({ ok: true, value: {} });
    expect(store.staff.setPinHash('attendant', 'scrypt$1024$8$1$a$b')).toEqual({
      ok: true,
      value: undefined,
    });
    store.staff.setPinHash('technician', 'scrypt$1024$8$1$c$d');
    store.staff.setPinHash('attendant', 'scrypt$1024$8$1$e$f');
    expect(store.staff.pinHashes()).toEqual({
      ok: true,
      value: { attendant: 'scrypt$1024$8$1$e$f', technician: 'scrypt$1024$8$1$c$d' },
    });
  });

  it('keep the events in order with the store’s time, and read them back from a time on', () => {
    const clock = new ManualClock(MONDAY_9AM);
    const store = openStore(clock);
    store.staff.record({ role: 'attendant', kind: 'badPin', until: null, detail: 'screen' });
    clock.increment(1_000);
    store.staff.record({ role: 'attendant', kind: 'locked', until: MONDAY_9AM + 301_000, detail: null });
    store.staff.record({ role: null, kind: 'pins.set', until: null, detail: null });
    expect(store.staff.events(MONDAY_9AM + 1_000)).toEqual({
      ok: true,
      value: [
        {
          role: 'attendant',
          kind: 'locked',
          at: MONDAY_9AM + 1_000,
          until: MONDAY_9AM + 301_000,
          detail: null,
        },
        { role: null, kind: 'pins.set', at: MONDAY_9AM + 1_000, until: null, detail: null },
      ],
    });
  });

  it('refuse a detail that is not a code (free text could hold a patient’s name)', () => {
    const store = openStore(new ManualClock(MONDAY_9AM));
    expect(() =>
      store.staff.record({
        role: 'attendant',
        kind: 'session.reset',
        until: null,
        detail: 'Odile Martineau',
      }),
    ).toThrow(/CHECK constraint/);
  });
});
