// The technician's desk: every technician command but entering and leaving maintenance (the staff
// access does those and hands the rest here), on the attached devices, the register and the log.
import { randomUUID } from 'node:crypto';
import {
  MEASUREMENT_KINDS,
  TECHNICIAN_TEXT_MAX_LENGTH,
  err,
  ok,
  type Clock,
  type DeviceReport,
  type MaintenanceRecord,
  type MeasurementKind,
  type PeripheralStatus,
  type Result,
  type TechnicianCommand,
} from '../../contract';
import { findModel } from '../../devices/catalog';
import type { OperationLog } from '../log';
import type { DeviceInspection } from '../peripherals';
import type { MaintenanceRegister } from '../store';
import { keyOf } from './device-key';
import { writeMaintenanceExport } from './maintenance-export';
import { runProcedure, type ProcedureSession, type RunnerPorts } from './procedure-runner';

/** What the desk works on. */
export interface TechnicianDeskPorts {
  /** The peripherals' inspection of the measuring devices; absent: every device reads as absent. */
  readonly inspection: DeviceInspection | undefined;
  readonly register: MaintenanceRegister;
  readonly clock: Clock;
  readonly log: OperationLog;
  /** The operation log's folder (config.logDirectory), copied by the export. */
  readonly logDirectory: string;
  /** The statuses the cabin holds now (gated by the register), for each device's state and reason. */
  readonly statuses: () => readonly PeripheralStatus[];
  /** Whether the cabin is in maintenance: a procedure starts only then. Absent: always. */
  readonly inMaintenance?: () => boolean;
  /** A new record id; a random UUID by default. */
  readonly newId?: () => string;
  /** The runner's tuning (reading deadline, plans); tests shorten the waits. */
  readonly runner?: Pick<RunnerPorts, 'readDeadlineMs' | 'plan'>;
}

/** The technician commands the desk answers (maintenance itself is the staff access's). */
export type DeskCommand = Exclude<
  TechnicianCommand,
  { type: 'technician.enterMaintenance' | 'technician.leaveMaintenance' }
>;

/** The desk: one command at a time, one procedure at a time. */
export interface TechnicianDesk {
  /** Runs a technician command; answers its value (see TechnicianCommand) or an expected failure. */
  run(command: TechnicianCommand): Promise<Result<unknown>>;
  /** Stops a procedure under way (the staff session ended, maintenance left). */
  cancelProcedure(): void;
}

const textError = (what: string, text: string): Result<never> | null =>
  text.trim() === '' || text.length > TECHNICIAN_TEXT_MAX_LENGTH
    ? err({ code: 'technician.textInvalid', detail: what })
    : null;

/** Builds the desk on the cabin's inspection, register, clock and log. */
export function createTechnicianDesk(ports: TechnicianDeskPorts): TechnicianDesk {
  const newId = ports.newId ?? randomUUID;
  let procedure: ProcedureSession | null = null;
  const running = (): boolean =>
    procedure !== null && (procedure.prompt.kind === 'instruction' || procedure.prompt.kind === 'reference');

  const reports = (): DeviceReport[] => MEASUREMENT_KINDS.map((kind) => deviceReport(kind, ports));

  const desk: TechnicianDesk = {
    async run(command) {
      switch (command.type) {
        case 'technician.enterMaintenance':
        case 'technician.leaveMaintenance':
          return err({ code: 'technician.notHere', detail: command.type });
        case 'technician.listDevices':
          return ok(reports());
        case 'technician.traffic':
          return ok(ports.inspection?.traffic(command.peripheral, command.sinceMs) ?? []);
        case 'technician.startProcedure': {
          if (running()) return err({ code: 'procedure.running' });
          if (ports.inMaintenance?.() === false) return err({ code: 'technician.notInMaintenance' });
          const bad =
            textError('technician', command.technician) ??
            textError('instrument', command.reference.instrument) ??
            textError('certificate', command.reference.certificate);
          if (bad) return bad;
          const attached = ports.inspection?.attached(command.peripheral) ?? null;
          if (attached === null) return err({ code: 'device.absent' });
          const scale = findModel(attached.modelId)?.scale;
          const started = runProcedure(
            {
              kind: command.peripheral,
              ...keyOf(attached),
              device: attached.device,
              ...(scale ? { scale } : {}),
              bench: ports.inspection?.bench?.(command.peripheral) ?? null,
            },
            { technician: command.technician.trim(), reference: command.reference, adjust: command.adjust },
            { clock: ports.clock, register: ports.register, newId, ...ports.runner },
          );
          if (!started.ok) return started;
          procedure = started.value;
          ports.log.info('procedure.started', { peripheral: command.peripheral, adjust: command.adjust });
          return ok(procedure.prompt);
        }
        case 'technician.answerProcedure': {
          if (procedure === null) return err({ code: 'procedure.none' });
          const answered = await procedure.answer(command.value);
          if (answered.ok && answered.value.kind === 'finished') {
            const { peripheral, verdict, kind } = answered.value.record;
            ports.log.info('procedure.finished', { peripheral, kind, verdict: verdict ?? 'none' });
          } else if (answered.ok && answered.value.kind === 'stopped') {
            ports.log.warn('procedure.stopped', { code: answered.value.code });
          }
          return answered;
        }
        case 'technician.cancelProcedure':
          desk.cancelProcedure();
          return ok(procedure?.prompt ?? null);
        case 'technician.records':
          return ports.register.list(command.peripheral === null ? {} : { peripheral: command.peripheral });
        case 'technician.recordIntervention':
          return recordIntervention(command, ports, newId);
        case 'technician.export': {
          const records = ports.register.list();
          if (!records.ok) return records;
          const written = await writeMaintenanceExport(command.directory, {
            records: records.value,
            devices: reports(),
            logDirectory: ports.logDirectory,
            at: ports.clock.now(),
          });
          if (written.ok)
            ports.log.info('maintenance.exported', {
              records: written.value.records,
              logLines: written.value.logLines,
            });
          else ports.log.warn('maintenance.exportFailed', { code: written.error.code });
          return written;
        }
      }
    },
    cancelProcedure() {
      if (running()) ports.log.info('procedure.cancelled');
      procedure?.cancel();
    },
  };
  return desk;
}

function deviceReport(kind: MeasurementKind, ports: TechnicianDeskPorts): DeviceReport {
  const status = ports.statuses().find((s) => s.peripheral === kind);
  const attached = ports.inspection?.attached(kind) ?? null;
  const last =
    attached === null
      ? null
      : ports.register.lastCheck(keyOf(attached).modelId, keyOf(attached).serialNumber);
  const model = attached === null ? undefined : findModel(attached.modelId);
  return {
    peripheral: kind,
    modelId: attached?.modelId ?? null,
    port: attached?.port ?? null,
    state: status?.state ?? (attached === null ? 'absent' : 'ok'),
    reason: status?.reason ?? null,
    identity: attached?.identity ?? null,
    lastFrames: ports.inspection?.lastFrames(kind) ?? [],
    lastRecord: last?.ok ? last.value : null,
    procedureAvailable:
      attached !== null &&
      (kind === 'bloodPressure'
        ? attached.device.manometer !== undefined
        : kind === 'weight'
          ? model?.scale !== undefined
          : true),
  };
}

function recordIntervention(
  command: Extract<TechnicianCommand, { type: 'technician.recordIntervention' }>,
  ports: TechnicianDeskPorts,
  newId: () => string,
): Result<MaintenanceRecord> {
  const bad = textError('technician', command.technician) ?? textError('note', command.note);
  if (bad) return bad;
  const attached = ports.inspection?.attached(command.peripheral) ?? null;
  if (attached === null) return err({ code: 'device.absent' });
  const key = keyOf(attached);
  const last = ports.register.lastCheck(key.modelId, key.serialNumber);
  if (!last.ok) return last;
  const record: MaintenanceRecord = {
    id: newId(),
    kind: command.kind,
    peripheral: command.peripheral,
    ...key,
    technician: command.technician.trim(),
    reference: null,
    points: [],
    corrections: last.value?.corrections ?? [],
    verdict: null,
    at: ports.clock.now(),
    nextDueAt: null,
    note: command.note.trim(),
  };
  const added = ports.register.add(record);
  if (!added.ok) return added;
  ports.log.info('maintenance.recorded', { peripheral: command.peripheral, kind: command.kind });
  return ok(record);
}
