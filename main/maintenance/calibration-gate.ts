// The register's gate on the patient journey: a measuring device whose last check failed, or whose next
// verification is overdue, is `faulty` in the statuses the cabin machine holds (the session offers only
// the others), and one due within CALIBRATION_WARNING_DAYS carries a notice for the staff.
import {
  CALIBRATION_WARNING_DAYS,
  MEASUREMENT_KINDS,
  every,
  type Cancel,
  type Clock,
  type MeasurementKind,
  type PeripheralStatus,
} from '../../contract';
import type { OperationLog } from '../log';
import type { DeviceInspection } from '../peripherals';
import type { MaintenanceRegister } from '../store';
import { attachedKey } from './device-key';

const DAY_MS = 86_400_000;

/** How often an idle cabin looks at the due dates again (a due date passes while nobody starts a session). */
export const GATE_RECHECK_MS = 60 * 60_000;

/** What the gate reads: the register, which device is attached for each kind, and the date. */
export interface GatePorts {
  readonly register: Pick<MaintenanceRegister, 'list'>;
  readonly inspection: DeviceInspection | undefined;
  readonly clock: Pick<Clock, 'now'>;
  readonly log: OperationLog;
}

const isMeasurement = (peripheral: PeripheralStatus['peripheral']): peripheral is MeasurementKind =>
  (MEASUREMENT_KINDS as readonly string[]).includes(peripheral);

/**
 * The statuses with the register's verdicts applied to the measuring devices: `faulty` with
 * `calibration.failed` or `calibration.overdue` (or `maintenance.outOfService` when the technician put it
 * out of service and has not put it back), `dueAt` when the register has a due date, the notice
 * `calibrationDueSoon` within the warning days. A device with no record stays as it is. Idempotent: a
 * status the gate set before is judged again from the device's own state.
 */
export function gateStatuses(statuses: readonly PeripheralStatus[], ports: GatePorts): PeripheralStatus[] {
  const now = ports.clock.now();
  return statuses.map((status) => {
    if (!isMeasurement(status.peripheral)) return status;
    const base = ungated(status);
    const key = attachedKey(ports.inspection, status.peripheral);
    if (key === null) return base;
    const history = ports.register.list(key);
    if (!history.ok) {
      ports.log.warn('calibration.registerUnread', { code: history.error.code });
      return base;
    }
    const record = history.value.find((r) => r.kind === 'verification' || r.kind === 'calibration');
    const dueAt = record?.nextDueAt ?? null;
    const due = dueAt === null ? {} : { dueAt };
    // A device already out for its own fault says that fault first.
    if (base.state !== 'ok') return { ...base, ...due };
    // Put out of service by the technician, until a return to service or a new check.
    if (history.value.find((r) => r.kind !== 'repair')?.kind === 'outOfService') {
      return { ...base, ...due, state: 'faulty', reason: 'maintenance.outOfService' };
    }
    if (record === undefined) return base;
    if (record.verdict !== 'pass' || dueAt === null) {
      return { ...base, ...due, state: 'faulty', reason: 'calibration.failed' };
    }
    if (dueAt <= now) return { ...base, dueAt, state: 'faulty', reason: 'calibration.overdue' };
    if (dueAt - now <= CALIBRATION_WARNING_DAYS * DAY_MS) {
      return { ...base, dueAt, notice: 'calibrationDueSoon' };
    }
    return { ...base, dueAt };
  });
}

// The status as the device itself gave it, without what the gate added.
function ungated(status: PeripheralStatus): PeripheralStatus {
  const { notice, reason, dueAt: _dueAt, ...rest } = status;
  const byGate = reason?.startsWith('calibration.') === true || reason === 'maintenance.outOfService';
  return {
    ...rest,
    ...(byGate ? { state: 'ok' as const } : reason === undefined ? {} : { reason }),
    ...(notice === undefined || notice === 'calibrationDueSoon' ? {} : { notice }),
  };
}

/** The cabin machine as the gate sees it: its peripherals, whether it is ready, and the event that changes them. */
export interface GatedCabin {
  getSnapshot(): GatedSnapshot;
  subscribe(observer: (snapshot: GatedSnapshot) => void): { unsubscribe(): void };
  send(event: { type: 'peripherals.changed'; peripherals: readonly PeripheralStatus[] }): void;
}

/** What the gate reads of a cabin snapshot. */
export interface GatedSnapshot {
  readonly context: { readonly peripherals: readonly PeripheralStatus[] };
  matches(state: 'ready'): boolean;
}

/**
 * Keeps the cabin's statuses gated: whenever they change (self-test, a device plugged), each time the
 * cabin becomes ready (after boot, after each session, after maintenance: so before the next patient)
 * and every `GATE_RECHECK_MS` on the clock for a cabin left idle across a due date. Answers the stop.
 */
export function keepCalibrationGate(cabin: GatedCabin, ports: GatePorts & { readonly clock: Clock }): Cancel {
  let seen: readonly PeripheralStatus[] | null = null;
  let wasReady = false;
  const regate = (snapshot: GatedSnapshot): void => {
    const current = snapshot.context.peripherals;
    const gated = gateStatuses(current, ports);
    seen = current;
    if (JSON.stringify(gated) !== JSON.stringify(current)) {
      cabin.send({ type: 'peripherals.changed', peripherals: gated });
    }
  };
  const subscription = cabin.subscribe((snapshot) => {
    const ready = snapshot.matches('ready');
    const becameReady = ready && !wasReady;
    wasReady = ready;
    if (becameReady || snapshot.context.peripherals !== seen) regate(snapshot);
  });
  const stopTimer = every(ports.clock, GATE_RECHECK_MS, () => regate(cabin.getSnapshot()));
  return () => {
    subscription.unsubscribe();
    stopTimer();
  };
}
