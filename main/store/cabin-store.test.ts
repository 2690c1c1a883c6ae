import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Measurement, Result } from '../../contract';
import { ManualClock } from '../../test/support/manual-clock';
import type { CabinStore, DueRow, QueuedItem } from './cabin-store';
import { MIGRATIONS } from './migrations';
import type { OutboundItem } from './outbound-item';
import { openCabinStore } from './sqlite-cabin-store';

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.detail ?? ''}`);
  return result.value;
}

/** The items of due rows that were all readable. */
function items(rows: readonly DueRow[]): QueuedItem[] {
  return rows.map((row) => {
    if (!row.ok) throw new Error(`unreadable row ${row.error.id}: ${row.error.detail ?? ''}`);
    return row.value;
  });
}

const DAY_MS = 86_400_000;
/** The schema version this code writes: the last migration's (they are numbered 1, 2, 3…). */
const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
const t0 = Date.UTC(2025, 0, 15, 9, 0, 0);

function measurement(value: number): Measurement {
  return { kind: 'temperature', quantities: [{ name: 'temperature', value, unit: '°C' }], takenAt: t0 };
}

function consentItem(sessionId: string): OutboundItem {
  return {
    sessionId,
    kind: 'consent',
    payload: {
      sessionId,
      textVersion: 'consent-2025.01',
      presence: 'alone',
      attendantStays: false,
      consentedAt: t0,
    },
  };
}

let directory: string;
let path: string;
let clock: ManualClock;
let open: CabinStore[];

function openStore(): CabinStore {
  const store = unwrap(openCabinStore(path, clock, { firstBackoffMs: 1_000, maxBackoffMs: 8_000 }));
  open.push(store);
  return store;
}

/** Runs `read` on the store's file through a read-only connection of its own, as a technician would. */
function readFile<T>(read: (raw: Database.Database) => T): T {
  const raw = new Database(path, { readonly: true });
  try {
    return read(raw);
  } finally {
    raw.close();
  }
}

/** The schema version the file says it has. */
const schemaVersion = (): unknown => readFile((raw) => raw.pragma('user_version', { simple: true }));

/** How many tables (or indexes) of the file are named `name`, as `{ n }`. */
const tablesNamed = (name: string): unknown =>
  readFile((raw) => raw.prepare('SELECT count(*) AS n FROM sqlite_schema WHERE name = ?').get(name));

function closeStore(store: CabinStore): void {
  store.close();
  open = open.filter((other) => other !== store);
}

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'cabin-store-'));
  path = join(directory, 'cabin.db');
  clock = new ManualClock(t0);
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
    const session = unwrap(first.startSession({ locale: 'fr' }));
    closeStore(first);
    const second = openStore();
    expect(unwrap(second.listOpenSessions())).toEqual([session]);
    closeStore(second);
    expect(schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
  });

  it('applies only the migrations after the stored version, each with its version bump', () => {
    closeStore(openStore());
    const next = LATEST_SCHEMA_VERSION + 1;
    const migrations = [
      ...MIGRATIONS.map((migration) => ({
        ...migration,
        up: () => expect.unreachable(`migration ${migration.version} ran twice`),
      })),
      {
        version: next,
        description: 'add a table',
        up: (db: Database.Database) => db.exec('CREATE TABLE extra (x)'),
      },
    ];
    const store = unwrap(openCabinStore(path, clock, { migrations }));
    store.close();
    expect(schemaVersion()).toBe(next);
    expect(tablesNamed('extra')).toEqual({ n: 1 });
  });

  it('rolls back a migration that fails, leaving the previous version', () => {
    closeStore(openStore());
    const migrations = [
      ...MIGRATIONS,
      {
        version: LATEST_SCHEMA_VERSION + 1,
        description: 'breaks halfway',
        up: (db: Database.Database) => {
          db.exec('CREATE TABLE half (x)');
          throw new Error('bug in the next migration');
        },
      },
    ];
    expect(() => openCabinStore(path, clock, { migrations })).toThrow('bug in the next migration');
    expect(schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(tablesNamed('half')).toEqual({ n: 0 });
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
    expect(store.startSession({ locale: 'fr' })).toMatchObject({
      ok: false,
      error: { code: 'store.locked' },
    });
    technician.exec('ROLLBACK');
    technician.close();
    expect(store.startSession({ locale: 'fr' })).toMatchObject({ ok: true });
  });

  it('keeps the consent records of a version-1 store when it moves them out of the sessions’ cascade', () => {
    const version1 = unwrap(openCabinStore(path, clock, { migrations: MIGRATIONS.slice(0, 1) }));
    const session = unwrap(version1.startSession({ locale: 'fr' }));
    unwrap(
      version1.recordConsent({
        sessionId: session,
        textVersion: 'v1',
        presence: 'carer',
        attendantStays: true,
      }),
    );
    version1.close();
    const store = openStore();
    expect(unwrap(store.readSessionAudit(session))?.consents).toEqual([
      { sessionId: session, textVersion: 'v1', consentedAt: t0, presence: 'carer', attendantStays: true },
    ]);
    clock.increment(DAY_MS);
    unwrap(store.pruneAuditBefore(clock.now()));
    expect(unwrap(store.pruneConsentsBefore(clock.now()))).toBe(1);
  });
});

describe('session audit', () => {
  it('records steps with their timings, help calls, problems, consent and the outcome', () => {
    const store = openStore();
    const id = unwrap(store.startSession({ locale: 'fr' }));
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    unwrap(store.enterStep(id, 'information'));
    clock.increment(20_000);
    unwrap(store.enterStep(id, 'consent'));
    unwrap(
      store.recordConsent({
        sessionId: id,
        textVersion: 'consent-2025.01',
        presence: 'relative',
        attendantStays: false,
      }),
    );
    clock.increment(5_000);
    unwrap(store.recordHelpCall(id));
    unwrap(store.recordProblemReport(id, 'printer.noPaper'));
    clock.increment(1_000);
    expect(unwrap(store.endSession(id, 'cancelled'))).toBe(true);
    expect(unwrap(store.endSession(id, 'abandoned'))).toBe(false);

    const audit = unwrap(store.readSessionAudit(id));
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

  it('closes a session a power cut left open at the last moment it was known alive, not at the boot', () => {
    const store = openStore();
    const id = unwrap(store.startSession({ locale: 'fr' }));
    unwrap(store.enterStep(id, 'information'));
    clock.increment(4_000);
    unwrap(store.enterStep(id, 'consultation'));
    clock.increment(30_000);
    unwrap(store.markSessionAlive(id));
    const lastBeat = clock.now();
    // The power goes; the cabin boots two hours later.
    closeStore(store);
    clock.increment(2 * 3_600_000);
    const booted = openStore();
    expect(unwrap(booted.endInterruptedSession(id))).toBe(lastBeat);
    expect(unwrap(booted.readSessionAudit(id))).toMatchObject({
      endedAt: lastBeat,
      outcome: 'interrupted',
      steps: [
        { step: 'information', enteredAt: t0, leftAt: t0 + 4_000 },
        { step: 'consultation', enteredAt: t0 + 4_000, leftAt: lastBeat },
      ],
    });
    expect(unwrap(booted.listOpenSessions())).toEqual([]);
    // An ended session is not closed twice, and a heartbeat no longer moves it.
    expect(unwrap(booted.endInterruptedSession(id))).toBeNull();
    unwrap(booted.markSessionAlive(id));
    expect(unwrap(booted.readSessionAudit(id))?.endedAt).toBe(lastBeat);
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

  it('prunes the audit of old sessions with everything attached, and leaves their consent records', () => {
    const store = openStore();
    const old = unwrap(store.startSession({ locale: 'fr' }));
    unwrap(store.enterStep(old, 'information'));
    unwrap(
      store.recordConsent({ sessionId: old, textVersion: 'v1', presence: 'alone', attendantStays: false }),
    );
    unwrap(store.recordHelpCall(old));
    unwrap(store.enqueue(consentItem(old)));
    clock.increment(100 * DAY_MS);
    const recent = unwrap(store.startSession({ locale: 'fr' }));
    expect(unwrap(store.pruneAuditBefore(clock.now() - 90 * DAY_MS))).toBe(1);
    expect(unwrap(store.readSessionAudit(old))).toBeNull();
    expect(unwrap(store.readSessionAudit(recent))).not.toBeNull();
    expect(unwrap(store.takeDue())).toEqual([]);
    const raw = new Database(path, { readonly: true });
    const count = (table: string): unknown =>
      raw.prepare(`SELECT count(*) AS n FROM ${table} WHERE session_id = ?`).get(old);
    expect(count('session_steps')).toEqual({ n: 0 });
    expect(count('help_calls')).toEqual({ n: 0 });
    expect(count('consent_records')).toEqual({ n: 1 });
    raw.close();
    // The consent records go by their own setting.
    expect(unwrap(store.pruneConsentsBefore(t0))).toBe(0);
    expect(unwrap(store.pruneConsentsBefore(t0 + 1))).toBe(1);
  });
});

describe('outbound queue', () => {
  it('delivers in order, backs off a failed item, and forgets a sent one', () => {
    const store = openStore();
    const session = unwrap(store.startSession({ locale: 'fr' }));
    const ids = [36.6, 36.9, 37.2].map((value) =>
      unwrap(store.enqueue({ sessionId: session, kind: 'measurement', payload: measurement(value) })),
    );

    const first = items(unwrap(store.takeDue()));
    expect(first.map((item) => item.payload)).toEqual([36.6, 36.9, 37.2].map(measurement));
    expect(first.map((item) => item.id)).toEqual(ids);
    // Leased: a second sender polling now gets nothing twice.
    expect(unwrap(store.takeDue())).toEqual([]);

    const [a, b, c] = ids as [number, number, number];
    expect(unwrap(store.markSent(a))).toBe(true);
    expect(unwrap(store.markFailed(b))).toBe(clock.now() + 1_000);
    expect(unwrap(store.markFailed(c))).toBe(clock.now() + 1_000);
    expect(unwrap(store.markFailed(c))).toBe(clock.now() + 2_000);

    clock.increment(999);
    expect(unwrap(store.takeDue())).toEqual([]);
    clock.increment(1);
    const second = items(unwrap(store.takeDue()));
    expect(second.map((item) => [item.id, item.attempts])).toEqual([[b, 1]]);
    unwrap(store.markFailed(b));
    unwrap(store.markFailed(b));
    unwrap(store.markFailed(b));
    expect(unwrap(store.markFailed(b))).toBe(clock.now() + 8_000); // capped at maxBackoffMs

    clock.increment(1_000);
    expect(items(unwrap(store.takeDue())).map((item) => item.id)).toEqual([c]);
    clock.increment(8_000);
    expect(items(unwrap(store.takeDue(1))).map((item) => item.id)).toEqual([b]);

    expect(unwrap(store.markSent(a))).toBe(false);
    expect(readFile((raw) => raw.prepare('SELECT id FROM outbound_queue ORDER BY id').all())).toEqual([
      { id: b },
      { id: c },
    ]);
  });

  it('hands a leased item out again when the sender never answered', () => {
    const store = openStore();
    const session = unwrap(store.startSession({ locale: 'fr' }));
    const id = unwrap(store.enqueue(consentItem(session)));
    expect(items(unwrap(store.takeDue())).map((item) => item.id)).toEqual([id]);
    clock.increment(60_000);
    expect(items(unwrap(store.takeDue())).map((item) => item.id)).toEqual([id]);
  });

  it('reads back each kind as it was queued, flagged as patient data by its kind', () => {
    const store = openStore();
    const session = unwrap(store.startSession({ locale: 'fr' }));
    const queued: OutboundItem[] = [
      consentItem(session),
      { sessionId: session, kind: 'measurement', payload: measurement(36.9) },
      { sessionId: session, kind: 'dmp.choice', payload: { sessionId: session, opposed: true } },
    ];
    for (const item of queued) unwrap(store.enqueue(item));
    const read = items(unwrap(store.takeDue()));
    expect(read.map(({ sessionId, kind, payload }) => ({ sessionId, kind, payload }))).toEqual(queued);
    expect(read.map((item) => item.containsPatientData)).toEqual([false, true, true]);
  });

  it('writes only the fields of the item’s type, so an extra field cannot make the row unreadable', () => {
    const store = openStore();
    const session = unwrap(store.startSession({ locale: 'fr' }));
    const withExtra = { ...measurement(36.9), device: 'thermometer-1' };
    unwrap(store.enqueue({ sessionId: session, kind: 'measurement', payload: withExtra }));
    expect(items(unwrap(store.takeDue())).map((item) => item.payload)).toEqual([measurement(36.9)]);
  });

  it.each([
    ['an unknown kind', 'identity', '{"surname":"X"}', 'unknown kind'],
    ['a payload of another kind', 'consent', JSON.stringify(measurement(36.9)), 'consent: payload.kind'],
    [
      'a field of the wrong type',
      'dmp.choice',
      '{"sessionId":"s","opposed":"yes"}',
      'dmp.choice: payload.opposed',
    ],
    [
      'a measurement of no known kind',
      'measurement',
      '{"kind":"glucose","quantities":[],"takenAt":0}',
      'measurement: payload.kind',
    ],
  ])(
    'answers a row with %s as an error value, deletes it, and goes on with the next',
    (_label, kind, payload, detail) => {
      const store = openStore();
      const session = unwrap(store.startSession({ locale: 'fr' }));
      // A row the code never wrote: an older version, a technician's hand, a damaged file.
      const raw = new Database(path);
      const bad = Number(
        raw
          .prepare(
            `INSERT INTO outbound_queue (session_id, kind, payload, contains_patient_data, created_at, next_attempt_at)
           VALUES (?, ?, ?, 1, 0, 0)`,
          )
          .run(session, kind, payload).lastInsertRowid,
      );
      raw.close();
      const good = unwrap(store.enqueue(consentItem(session)));
      const rows = unwrap(store.takeDue());
      expect(rows[0]).toEqual({ ok: false, error: { code: 'store.unreadableItem', detail, id: bad } });
      expect(items(rows.slice(1)).map((item) => [item.id, item.kind])).toEqual([[good, 'consent']]);
      clock.increment(60_000);
      expect(items(unwrap(store.takeDue())).map((item) => item.id)).toEqual([good]);
    },
  );

  it('the wipe deletes only the session’s patient-data rows', () => {
    const store = openStore();
    const mine = unwrap(store.startSession({ locale: 'fr' }));
    const other = unwrap(store.startSession({ locale: 'fr' }));
    for (const sessionId of [mine, other]) {
      unwrap(store.enqueue({ sessionId, kind: 'measurement', payload: measurement(36.9) }));
      unwrap(store.enqueue({ sessionId, kind: 'dmp.choice', payload: { sessionId, opposed: false } }));
      unwrap(store.enqueue(consentItem(sessionId)));
    }
    expect(unwrap(store.wipeSession(mine))).toEqual({ patientRowsPurged: 2, walTruncated: true });
    expect(unwrap(store.wipeSession(mine))).toEqual({ patientRowsPurged: 0, walTruncated: true });
    const left = items(unwrap(store.takeDue())).map((item) => [item.sessionId, item.kind]);
    expect(left).toEqual([
      [mine, 'consent'],
      [other, 'measurement'],
      [other, 'dmp.choice'],
      [other, 'consent'],
    ]);
  });
});

describe('privacy: the wipe at session end', () => {
  const SURNAME = 'DUPONTEL';
  const NIR = '180017512345678';
  // A temperature no other byte of the file is likely to spell.
  const TEMPERATURE = 37.123456;

  function fileContains(file: string, needle: string): boolean {
    return existsSync(file) && readFileSync(file).includes(Buffer.from(needle, 'utf8'));
  }

  /** Queues a patient-data row of a kind the union does not carry yet (identity, a document), as the store would. */
  function queuePatientRow(sessionId: string, kind: string, payload: unknown): void {
    const raw = new Database(path);
    raw
      .prepare(
        `INSERT INTO outbound_queue (session_id, kind, payload, contains_patient_data, created_at, next_attempt_at)
         VALUES (?, ?, ?, 1, ?, ?)`,
      )
      .run(sessionId, kind, JSON.stringify(payload), clock.now(), clock.now());
    raw.close();
  }

  it('leaves neither the surname, the NIR nor a measurement in the database file or its WAL, and keeps the consent', () => {
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
    queuePatientRow(session, 'identity', {
      surname: SURNAME,
      firstName: 'Jeanne',
      birthDate: '1980-01-17',
      nir: NIR,
    });
    // A payload big enough to spill into overflow pages, as a document would.
    queuePatientRow(session, 'document.report', { text: `Compte rendu ${SURNAME} ${NIR} `.repeat(600) });
    unwrap(store.enqueue({ sessionId: session, kind: 'measurement', payload: measurement(TEMPERATURE) }));
    const consent = unwrap(store.enqueue(consentItem(session)));
    // Part of the data reaches the main file, as an automatic checkpoint would do mid-session.
    const raw = new Database(path);
    raw.pragma('wal_checkpoint(PASSIVE)');
    raw.close();
    queuePatientRow(session, 'identity', { nir: NIR, surname: SURNAME });

    // The control: the test can see the data before the wipe, so its absence afterwards means something.
    expect(fileContains(path, SURNAME) || fileContains(`${path}-wal`, SURNAME)).toBe(true);
    expect(fileContains(`${path}-wal`, NIR)).toBe(true);
    expect(fileContains(path, String(TEMPERATURE)) || fileContains(`${path}-wal`, String(TEMPERATURE))).toBe(
      true,
    );

    unwrap(store.endSession(session, 'completed'));
    expect(unwrap(store.wipeSession(session))).toEqual({ patientRowsPurged: 4, walTruncated: true });

    // Still open: nothing on disk, even before close deletes the WAL.
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      for (const needle of [SURNAME, NIR, String(TEMPERATURE)])
        expect(fileContains(file, needle), file).toBe(false);
    }
    closeStore(store);
    for (const file of [path, `${path}-wal`]) {
      for (const needle of [SURNAME, NIR, String(TEMPERATURE)])
        expect(fileContains(file, needle), file).toBe(false);
    }

    const reopened = openStore();
    expect(items(unwrap(reopened.takeDue())).map((item) => item.id)).toEqual([consent]);
    expect(unwrap(reopened.readSessionAudit(session))?.consents).toHaveLength(1);
  });

  it('answers store.wipeIncomplete while a reader pins the WAL, and succeeds on retry', () => {
    const store = unwrap(openCabinStore(path, clock, { busyTimeoutMs: 20 }));
    open.push(store);
    const session = unwrap(store.startSession({ locale: 'fr' }));
    queuePatientRow(session, 'identity', { nir: NIR });
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
