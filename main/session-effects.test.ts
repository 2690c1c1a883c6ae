// What the machines' named effects leave in the store and the log: the audit, the consent, the items
// for the platform, and the wipe. Real SQLite in memory, the manual clock.
import { describe, expect, it } from 'vitest';
import { createActor, toPromise } from 'xstate';
import type { Measurement, Result } from '../contract';
import { ManualClock } from '../test/support/manual-clock';
import type { CabinPeripherals } from './peripherals';
import { toSessionItem } from './platform-client/protocol-terms';
import { cabinMachineEffects, sessionMachineEffects, type SessionEffectsPorts } from './session-effects';
import { openCabinStore, type DueRow, type QueuedItem } from './store';
import { MemoryOperationLog } from './test-support/memory-operation-log';

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}`);
  return result.value;
}

const items = (rows: readonly DueRow[]): QueuedItem[] => rows.map(unwrap);

const T0 = Date.UTC(2026, 0, 12, 9, 0, 0);
const TEMPERATURE: Measurement = {
  kind: 'temperature',
  quantities: [{ name: 'temperature', value: 36.9, unit: '°C' }],
  takenAt: T0,
};

function setUp() {
  const clock = new ManualClock(T0);
  const store = unwrap(openCabinStore(':memory:', clock));
  const log = new MemoryOperationLog(clock);
  const forgotten: string[] = [];
  const hooks: string[] = [];
  let queued = 0;
  const peripherals = {
    platform: { forgetSession: (id: string) => forgotten.push(id) },
    printer: { cancelAll: () => Promise.resolve(void hooks.push('printer queue emptied')) },
  } as unknown as CabinPeripherals;
  const ports: SessionEffectsPorts = {
    store,
    log,
    clock,
    peripherals,
    itemQueued: () => (queued += 1),
    wipeHooks: [() => Promise.resolve(void hooks.push('renderer storage cleared'))],
  };
  const sessionId = unwrap(store.startSession({ locale: 'fr' }));
  return { clock, store, log, forgotten, hooks, ports, sessionId, queued: () => queued };
}

describe('the session machine’s effects', () => {
  it('records each step the machine enters, with its time, in the audit and the log', () => {
    const { clock, store, log, ports, sessionId } = setUp();
    const effects = sessionMachineEffects(ports);
    effects.recordStep(undefined, { sessionId, step: 'information' });
    clock.increment(12_000);
    effects.recordStep(undefined, { sessionId, step: 'consent' });
    expect(unwrap(store.readSessionAudit(sessionId))?.steps).toEqual([
      { step: 'information', enteredAt: T0, leftAt: T0 + 12_000 },
      { step: 'consent', enteredAt: T0 + 12_000, leftAt: null },
    ]);
    expect(log.records().map(({ event, step }) => [event, step])).toEqual([
      ['session.step', 'information'],
      ['session.step', 'consent'],
    ]);
  });

  it('records the consent and queues it for the platform, stamped by the clock', () => {
    const { clock, store, ports, sessionId, queued } = setUp();
    clock.increment(5_000);
    const record = {
      sessionId,
      textVersion: 'fr-2026-11-v1',
      presence: 'carer' as const,
      attendantStays: true,
    };
    sessionMachineEffects(ports).recordConsent(undefined, record);
    expect(unwrap(store.readSessionAudit(sessionId))?.consents).toEqual([
      { ...record, consentedAt: T0 + 5_000 },
    ]);
    expect(items(unwrap(store.takeDue()))).toMatchObject([
      {
        sessionId,
        kind: 'consent',
        payload: { ...record, consentedAt: T0 + 5_000 },
        containsPatientData: false,
      },
    ]);
    expect(queued()).toBe(1);
  });

  it('queues a measurement and the DMP choice as patient data, and logs only the measurement’s kind', () => {
    const { store, log, ports, sessionId, queued } = setUp();
    const effects = sessionMachineEffects(ports);
    effects.shareMeasurement(undefined, { sessionId, measurement: TEMPERATURE });
    effects.recordDmpChoice(undefined, { sessionId, opposed: true });
    expect(items(unwrap(store.takeDue()))).toMatchObject([
      { kind: 'measurement', payload: TEMPERATURE, containsPatientData: true },
      { kind: 'dmp.choice', payload: { sessionId, opposed: true }, containsPatientData: true },
    ]);
    expect(queued()).toBe(2);
    expect(log.records()).toEqual([
      expect.objectContaining({ event: 'measurement.shared', kind: 'temperature' }),
    ]);
    expect(log.lines.join('\n')).not.toContain('36.9');
  });

  it('queues the camera check’s result for the professional, delivered as the protocol’s media check', () => {
    const { store, ports, sessionId, queued } = setUp();
    sessionMachineEffects(ports).shareMediaCheck(undefined, { sessionId, result: 'problem' });
    const due = items(unwrap(store.takeDue()));
    expect(due).toMatchObject([
      { kind: 'media.check', payload: { sessionId, result: 'problem' }, containsPatientData: false },
    ]);
    expect(queued()).toBe(1);
    expect(due.map(toSessionItem)).toEqual([{ kind: 'mediaCheck', result: 'problem' }]);
  });

  it('records help calls and reported problems in the audit', () => {
    const { store, log, ports, sessionId } = setUp();
    const effects = sessionMachineEffects(ports);
    effects.callAttendant(undefined, { sessionId });
    effects.recordProblem(undefined, { sessionId, problem: 'printer' });
    const audit = unwrap(store.readSessionAudit(sessionId));
    expect(audit?.helpCalls).toEqual([T0]);
    expect(audit?.problemReports).toEqual([{ kind: 'printer', reportedAt: T0 }]);
    expect(log.records().map((record) => record.event)).toEqual([
      'attendant.called',
      'patient.problemReported',
    ]);
  });
});

describe('the cabin machine’s effects', () => {
  it('records the outcome, then the wipe purges the patient data, empties the printer queue, forgets the session and runs the hooks', async () => {
    const { store, log, forgotten, hooks, ports, sessionId } = setUp();
    sessionMachineEffects(ports).shareMeasurement(undefined, { sessionId, measurement: TEMPERATURE });
    const effects = cabinMachineEffects(ports);
    effects.actions.recordSessionEnd(undefined, { sessionId, outcome: 'completed' });
    const wipe = createActor(effects.actors.wipeSession, { input: { sessionId } }).start();
    await toPromise(wipe);
    expect(unwrap(store.readSessionAudit(sessionId))?.outcome).toBe('completed');
    expect(unwrap(store.takeDue())).toEqual([]);
    expect(forgotten).toEqual([sessionId]);
    expect(hooks).toEqual(['printer queue emptied', 'renderer storage cleared']);
    expect(log.records()).toContainEqual(expect.objectContaining({ event: 'session.wiped', purged: 1 }));
  });

  it('the self-test first closes and wipes a session a power cut left open', async () => {
    const { store, log, ports, sessionId } = setUp();
    const checked = { ...ports, peripherals: checkablePeripherals(ports.peripherals) };
    const selfTest = createActor(cabinMachineEffects(checked).actors.selfTest).start();
    await toPromise(selfTest);
    expect(unwrap(store.readSessionAudit(sessionId))?.outcome).toBe('interrupted');
    expect(unwrap(store.listOpenSessions())).toEqual([]);
    expect(log.records()).toContainEqual(expect.objectContaining({ event: 'session.recoveredAfterCrash' }));
  });
});

/** Peripherals that all answer their check: the self-test's subject is the recovery here. */
function checkablePeripherals(base: CabinPeripherals): CabinPeripherals {
  const working = { check: () => Promise.resolve('ok' as const) };
  return {
    ...base,
    cardReader: working,
    printer: working,
    paymentTerminal: working,
    platform: { ...base.platform, ...working },
    devices: [],
  } as unknown as CabinPeripherals;
}
