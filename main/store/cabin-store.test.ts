import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../contract';
import type { CabinStore } from './cabin-store';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { openCabinStore } from './sqlite-cabin-store';

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.detail ?? ''}`);
  return result.value;
}

const isNumber = (value: unknown): value is number => typeof value === 'number';

let directory: string;
let path: string;
let now: number;
const clock = (): number => now;
let open: CabinStore[];

function openStore(): CabinStore {
  const store = unwrap(openCabinStore(path, clock, { firstBackoffMs: 1_000, maxBackoffMs: 8_000 }));
  open.push(store);
  return store;
}

function closeStore(store: CabinStore): void {
  store.close();
  open = open.filter((other) => other !== store);
}

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'cabin-store-'));
  path = join(directory, 'cabin.db');
  now = Date.UTC(2025, 0, 15, 9, 0, 0);
  open = [];
});

afterEach(() => {
  for (const store of open) store.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('opening and migrations', () => {
  it('creates the schema on an empty file, in WAL mode with secure_delete and foreign keys', () => {
    closeStore(openStore());
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = raw
      .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .all()
      .map((row) => row.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'cabin_config',
        'consent_records',
        'help_calls',
        'outbound_queue',
        'problem_reports',
        'session_audit',
        'session_steps',
      ]),
    );
    raw.close();
  });

  it('re-opening an up-to-date store changes nothing and keeps the data', () => {
    const first = openStore();
    unwrap(first.setConfig('cabin.id', 'CAB-0042'));
    closeStore(first);
    const second = openStore();
    expect(unwrap(second.getConfig('cabin.id', (v): v is string => typeof v === 'string'))).toBe('CAB-0042');
    closeStore(second);
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    raw.close();
  });

  it('applies only the migrations after the stored version, each with its version bump', () => {
    closeStore(openStore());
    const migrations = [
      { version: 1, description: 'never re-run', up: () => expect.unreachable('migration 1 ran twice') },
      {
        version: 2,
        description: 'add a table',
        up: (db: Database.Database) => db.exec('CREATE TABLE extra (x)'),
      },
    ];
    const store = unwrap(openCabinStore(path, clock, { migrations }));
    store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(2);
    raw.close();
  });

  it('rolls back a migration that fails, leaving the previous version', () => {
    closeStore(openStore());
    const migrations = [
      { version: 1, description: 'initial', up: () => undefined },
      {
        version: 2,
        description: 'breaks halfway',
        up: (db: Database.Database) => {
          db.exec('CREATE TABLE half (x)');
          throw new Error('bug in migration 2');
        },
      },
    ];
    expect(() => openCabinStore(path, clock, { migrations })).toThrow('bug in migration 2');
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half'").get()).toEqual({
      n: 0,
    });
    raw.close();
  });

  it('refuses a store written by newer software, as a value', () => {
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    const result = openCabinStore(path, clock);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('store.newerThanCode');
  });

  it('answers store.corrupt for a file that is not a database', () => {
    writeFileSync(path, 'this is not a database '.repeat(400));
    const result = openCabinStore(path, clock);
    expect(result).toMatchObject({ ok: false, error: { code: 'store.corrupt' } });
  });

  it('answers store.cannotOpen when the directory is missing', () => {
    const result = openCabinStore(join(directory, 'missing', 'cabin.db'), clock);
    expect(result).toMatchObject({ ok: false, error: { code: 'store.cannotOpen' } });
  });

  it('answers store.locked when another connection holds the write lock', () => {
    const store = unwrap(openCabinStore(path, clock, { busyTimeoutMs: 20 }));
    open.push(store);
    const technician = new Database(path);
    technician.exec('BEGIN IMMEDIATE');
    expect(store.setConfig('cabin.id', 'X')).toMatchObject({ ok: false, error: { code: 'store.locked' } });
    technician.exec('ROLLBACK');
    technician.close();
    expect(store.setConfig('cabin.id', 'X')).toEqual({ ok: true, value: undefined });
  });
});

describe('config', () => {
  it('answers null for an unset key and refuses a value of the wrong shape', () => {
    const store = openStore();
    expect(unwrap(store.getConfig('print.copies', isNumber))).toBeNull();
    unwrap(store.setConfig('print.copies', 'two'));
    expect(store.getConfig('print.copies', isNumber)).toMatchObject({
      ok: false,
      error: { code: 'store.configInvalid' },
    });
    unwrap(store.setConfig('print.copies', 2));
    expect(unwrap(store.getConfig('print.copies', isNumber))).toBe(2);
  });
});

describe('session audit', () => {
  it('records steps with their timings, help calls, problems, consent and the outcome', () => {
    const store = openStore();
    const id = unwrap(store.startSession({ locale: 'fr' }));
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    unwrap(store.enterStep(id, 'information'));
    now += 20_000;
    unwrap(store.enterStep(id, 'consent'));
    unwrap(
      store.recordConsent({
        sessionId: id,
        textVersion: 'consent-2025.01',
        presence: 'relative',
        attendantStays: false,
      }),
    );
    now += 5_000;
    unwrap(store.recordHelpCall(id));
    unwrap(store.recordProblemReport(id, 'printer.noPaper'));
    now += 1_000;
    expect(unwrap(store.endSession(id, 'cancelled'))).toBe(true);
    expect(unwrap(store.endSession(id, 'abandoned'))).toBe(false);

    const audit = unwrap(store.readSessionAudit(id));
    const t0 = Date.UTC(2025, 0, 15, 9, 0, 0);
    expect(audit).toEqual({
      id,
      startedAt: t0,
      endedAt: t0 + 26_000,
      outcome: 'cancelled',
      locale: 'fr',
      steps: [
        { step: 'information', enteredAt: t0, leftAt: t0 + 20_000 },
        { step: 'consent', enteredAt: t0 + 20_000, leftAt: t0 + 26_000 },
      ],
      problemReports: [{ kind: 'printer.noPaper', reportedAt: t0 + 25_000 }],
      helpCalls: [t0 + 25_000],
      consents: [
        {
          sessionId: id,
          textVersion: 'consent-2025.01',
          consentedAt: t0 + 20_000,
          presence: 'relative',
          attendantStays: false,
        },
      ],
    });
    expect(unwrap(store.listOpenSessions())).toEqual([]);
  });

  it('refuses free text where a code is expected, before it reaches the file', () => {
    const store = openStore();
    const id = unwrap(store.startSession({ locale: 'fr' }));
    expect(() => store.recordProblemReport(id, 'Mme Dupontel says the screen froze')).toThrow(/code/);
  });

  it('lists sessions a crash left open, so boot can end and wipe them', () => {
    const store = openStore();
    const crashed = unwrap(store.startSession({ locale: 'en' }));
    const finished = unwrap(store.startSession({ locale: 'fr' }));
    unwrap(store.endSession(finished, 'completed'));
    expect(unwrap(store.listOpenSessions())).toEqual([crashed]);
  });

  it('prunes old sessions with everything attached to them', () => {
    const store = openStore();
    const old = unwrap(store.startSession({ locale: 'fr' }));
    unwrap(store.enterStep(old, 'information'));
    unwrap(store.enqueue({ sessionId: old, kind: 'audit.session', payload: {}, containsPatientData: false }));
    now += 100 * 86_400_000;
    const recent = unwrap(store.startSession({ locale: 'fr' }));
    expect(unwrap(store.pruneSessionsBefore(now - 90 * 86_400_000))).toBe(1);
    expect(unwrap(store.readSessionAudit(old))).toBeNull();
    expect(unwrap(store.readSessionAudit(recent))).not.toBeNull();
    expect(unwrap(store.takeDue())).toEqual([]);
  });
});

describe('outbound queue', () => {
  it('delivers in order, backs off a failed item, and forgets a sent one', () => {
    const store = openStore();
    const session = unwrap(store.startSession({ locale: 'fr' }));
    const ids = ['a', 'b', 'c'].map((tag) =>
      unwrap(
        store.enqueue({
          sessionId: session,
          kind: 'audit.step',
          payload: { tag },
          containsPatientData: false,
        }),
      ),
    );

    const first = unwrap(store.takeDue());
    expect(first.map((item) => item.payload)).toEqual([{ tag: 'a' }, { tag: 'b' }, { tag: 'c' }]);
    expect(first.map((item) => item.id)).toEqual(ids);
    // Leased: a second sender polling now gets nothing twice.
    expect(unwrap(store.takeDue())).toEqual([]);

    const [a, b, c] = ids as [number, number, number];
    expect(unwrap(store.markSent(a))).toBe(true);
    expect(unwrap(store.markFailed(b))).toBe(now + 1_000);
    expect(unwrap(store.markFailed(c))).toBe(now + 1_000);
    expect(unwrap(store.markFailed(c))).toBe(now + 2_000);

    now += 999;
    expect(unwrap(store.takeDue())).toEqual([]);
    now += 1;
    const second = unwrap(store.takeDue());
    expect(second.map((item) => [item.id, item.attempts])).toEqual([[b, 1]]);
    unwrap(store.markFailed(b));
    unwrap(store.markFailed(b));
    unwrap(store.markFailed(b));
    expect(unwrap(store.markFailed(b))).toBe(now + 8_000); // capped at maxBackoffMs

    now += 1_000;
    expect(unwrap(store.takeDue()).map((item) => item.id)).toEqual([c]);
    now += 8_000;
    expect(unwrap(store.takeDue(1)).map((item) => item.id)).toEqual([b]);

    expect(unwrap(store.markSent(a))).toBe(false);
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare('SELECT id FROM outbound_queue ORDER BY id').all()).toEqual([{ id: b }, { id: c }]);
    raw.close();
  });

  it('hands a leased item out again when the sender never answered', () => {
    const store = openStore();
    const id = unwrap(
      store.enqueue({ sessionId: null, kind: 'cabin.heartbeat', payload: 1, containsPatientData: false }),
    );
    expect(unwrap(store.takeDue()).map((item) => item.id)).toEqual([id]);
    now += 60_000;
    expect(unwrap(store.takeDue()).map((item) => item.id)).toEqual([id]);
  });

  it('purgePatientData deletes only the session’s patient-data rows', () => {
    const store = openStore();
    const mine = unwrap(store.startSession({ locale: 'fr' }));
    const other = unwrap(store.startSession({ locale: 'fr' }));
    for (const sessionId of [mine, other]) {
      unwrap(
        store.enqueue({ sessionId, kind: 'identity', payload: { surname: 'X' }, containsPatientData: true }),
      );
      unwrap(
        store.enqueue({ sessionId, kind: 'measurement', payload: { spo2: 97 }, containsPatientData: true }),
      );
      unwrap(store.enqueue({ sessionId, kind: 'audit.session', payload: {}, containsPatientData: false }));
    }
    expect(unwrap(store.purgePatientData(mine))).toBe(2);
    expect(unwrap(store.purgePatientData(mine))).toBe(0);
    const left = unwrap(store.takeDue()).map((item) => [item.sessionId, item.kind]);
    expect(left).toEqual([
      [mine, 'audit.session'],
      [other, 'identity'],
      [other, 'measurement'],
      [other, 'audit.session'],
    ]);
  });
});

describe('privacy: the wipe at session end', () => {
  const SURNAME = 'DUPONTEL';
  const NIR = '180017512345678';

  function fileContains(file: string, needle: string): boolean {
    return existsSync(file) && readFileSync(file).includes(Buffer.from(needle, 'utf8'));
  }

  it('leaves neither the surname nor the NIR in the database file or its WAL, and keeps the consent', () => {
    const store = openStore();
    const session = unwrap(store.startSession({ locale: 'fr' }));
    unwrap(
      store.recordConsent({
        sessionId: session,
        textVersion: 'consent-2025.01',
        presence: 'alone',
        attendantStays: false,
      }),
    );
    unwrap(
      store.enqueue({
        sessionId: session,
        kind: 'identity',
        payload: { surname: SURNAME, firstName: 'Jeanne', birthDate: '1980-01-17', nir: NIR },
        containsPatientData: true,
      }),
    );
    // A payload big enough to spill into overflow pages, as a document would.
    unwrap(
      store.enqueue({
        sessionId: session,
        kind: 'document.report',
        payload: { text: `Compte rendu ${SURNAME} ${NIR} `.repeat(600) },
        containsPatientData: true,
      }),
    );
    const consentItem = unwrap(
      store.enqueue({
        sessionId: session,
        kind: 'consent.record',
        payload: { textVersion: 'consent-2025.01', presence: 'alone' },
        containsPatientData: false,
      }),
    );
    // Part of the data reaches the main file, as an automatic checkpoint would do mid-session.
    const raw = new Database(path);
    raw.pragma('wal_checkpoint(PASSIVE)');
    raw.close();
    unwrap(
      store.enqueue({
        sessionId: session,
        kind: 'identity',
        payload: { nir: NIR, surname: SURNAME },
        containsPatientData: true,
      }),
    );

    // The control: the test can see the data before the wipe, so its absence afterwards means something.
    expect(fileContains(path, SURNAME) || fileContains(`${path}-wal`, SURNAME)).toBe(true);
    expect(fileContains(`${path}-wal`, NIR)).toBe(true);

    unwrap(store.endSession(session, 'completed'));
    expect(unwrap(store.wipeSession(session))).toEqual({ patientRowsPurged: 3, walTruncated: true });

    // Still open: nothing on disk, even before close deletes the WAL.
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      expect(fileContains(file, SURNAME), file).toBe(false);
      expect(fileContains(file, NIR), file).toBe(false);
    }
    closeStore(store);
    for (const file of [path, `${path}-wal`]) {
      expect(fileContains(file, SURNAME), file).toBe(false);
      expect(fileContains(file, NIR), file).toBe(false);
    }

    const reopened = openStore();
    expect(unwrap(reopened.takeDue()).map((item) => item.id)).toEqual([consentItem]);
    expect(unwrap(reopened.readSessionAudit(session))?.consents).toHaveLength(1);
  });

  it('answers store.wipeIncomplete while a reader pins the WAL, and succeeds on retry', () => {
    const store = unwrap(openCabinStore(path, clock, { busyTimeoutMs: 20 }));
    open.push(store);
    const session = unwrap(store.startSession({ locale: 'fr' }));
    unwrap(
      store.enqueue({
        sessionId: session,
        kind: 'identity',
        payload: { nir: NIR },
        containsPatientData: true,
      }),
    );
    const reader = new Database(path, { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM outbound_queue').get();
    expect(store.wipeSession(session)).toMatchObject({ ok: false, error: { code: 'store.wipeIncomplete' } });
    reader.exec('COMMIT');
    reader.close();
    expect(unwrap(store.wipeSession(session))).toEqual({ patientRowsPurged: 0, walTruncated: true });
    expect(fileContains(`${path}-wal`, NIR)).toBe(false);
    expect(fileContains(path, NIR)).toBe(false);
  });
});
