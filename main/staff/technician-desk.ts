// The technician's seam: every technician command but entering and leaving maintenance (which the
// cabin machine does) goes to a desk that knows the devices, their procedures and the register.
import { err, type CabinView, type Clock, type Result, type TechnicianCommand } from '../../contract';
import type { OperationLog } from '../log';
import type { CabinPeripherals } from '../peripherals';
import type { CabinStore } from '../store';

/** The technician commands the cabin machine runs itself; every other one goes to the desk. */
export type CabinTechnicianCommand = Extract<
  TechnicianCommand,
  { readonly type: 'technician.enterMaintenance' | 'technician.leaveMaintenance' }
>;

/** A technician command for the desk: the devices, their traffic, procedures, the register, the export. */
export type DeskCommand = Exclude<TechnicianCommand, CabinTechnicianCommand>;

/** What runs the technician's device commands; the value answered depends on the command (see `TechnicianCommand`). */
export interface TechnicianDesk {
  run(command: DeskCommand): Promise<Result<unknown>>;
}

/** The controller's parts a desk is built on (`ControllerOptions.technicianDesk`). */
export interface TechnicianDeskParts {
  readonly store: CabinStore;
  readonly peripherals: CabinPeripherals;
  readonly clock: Clock;
  readonly log: OperationLog;
  /** The cabin's view now (its phase says whether the cabin is in maintenance). */
  readonly view: () => CabinView;
}

/** A desk that has nothing to run yet: every command answers `technician.unavailable`. */
export const UNAVAILABLE_TECHNICIAN_DESK: TechnicianDesk = {
  run: () => Promise.resolve(err({ code: 'technician.unavailable' })),
};
