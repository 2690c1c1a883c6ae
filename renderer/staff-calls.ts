// The staff calls as the screens make them: each staff command with the type of the value it answers,
// so that a panel never casts what `client.staff` gives back.
import type { CabinClient } from '../contract/cabin-api';
import type {
  DeviceReport,
  ExportSummary,
  MaintenanceRecord,
  ProcedurePrompt,
  TrafficEntry,
} from '../contract/maintenance';
import type { CabinError, Result } from '../contract/result';
import type { StaffCommand } from '../contract/staff';

/** The value each staff command answers (see `TechnicianCommand` in contract/staff.ts). */
export interface StaffValues {
  readonly 'attendant.acknowledgeHelp': unknown;
  readonly 'attendant.resetSession': unknown;
  readonly 'attendant.markCleaned': unknown;
  readonly 'attendant.setOutOfService': unknown;
  readonly 'attendant.returnToService': unknown;
  readonly 'attendant.settlePayment': unknown;
  readonly 'technician.enterMaintenance': unknown;
  readonly 'technician.leaveMaintenance': unknown;
  readonly 'technician.listDevices': readonly DeviceReport[];
  readonly 'technician.traffic': readonly TrafficEntry[];
  readonly 'technician.startProcedure': ProcedurePrompt;
  readonly 'technician.answerProcedure': ProcedurePrompt;
  readonly 'technician.cancelProcedure': unknown;
  readonly 'technician.records': readonly MaintenanceRecord[];
  readonly 'technician.recordIntervention': MaintenanceRecord;
  readonly 'technician.export': ExportSummary;
  readonly 'staff.logout': unknown;
}

/** The value a staff command of type `T` answers. */
export type StaffValue<T extends StaffCommand['type']> = StaffValues[T];

/** The code a staff call answers when the session is over (unknown token, or idle too long). */
export const STAFF_SESSION_ENDED = 'staff.sessionEnded';

/** Sends one staff command with the session's token; the value is typed by the command. */
export function sendStaff<C extends StaffCommand>(
  client: CabinClient,
  token: string,
  command: C,
): Promise<Result<StaffValue<C['type']>, CabinError>> {
  // The controller answers each command with its own value type (contract/staff.ts).
  return client.staff({ token, command }) as Promise<Result<StaffValue<C['type']>, CabinError>>;
}
