// The staff's three calls of the CabinApi: the login on the cabin's screen, the PINs chosen at the first
// start, and the staff commands. Each command is checked against the session's role, then against the
// cabin's phase; the cabin's own commands become events for the cabin actor, the technician's device
// commands go to the technician desk. What a command answers never holds a patient's data.
import {
  err,
  ok,
  roleFor,
  type AttendantCommand,
  type CabinApi,
  type CabinParams,
  type CabinView,
  type Result,
  type StaffRole,
  type TechnicianCommand,
} from '../../contract';
import type { CabinEventIn } from '../../state-machines';
import type { OperationLog } from '../log';
import type { StaffAccess } from './staff-access';
import type { TechnicianDesk } from '../maintenance/technician-desk';
import type { TerminalPayments } from '../terminal-payments';

/** What the staff calls act on. */
export interface StaffCallPorts {
  readonly access: StaffAccess;
  readonly actor: { send(event: CabinEventIn): void };
  /** The view the renderer has now (the view publisher's). */
  readonly view: () => CabinView;
  readonly log: OperationLog;
  readonly technician: TechnicianDesk;
  /** The card payments waiting for the attendant's decision (absent: the command is refused). */
  readonly payments?: Pick<TerminalPayments, 'settleByAttendant'>;
}

/** The staff's calls as the controller serves them: the login and the PINs at once, a command maybe later. */
export interface StaffCalls {
  staffLogin(input: CabinParams<'staffLogin'>): ReturnType<CabinApi['staffLogin']>;
  staffSetPins(input: CabinParams<'staffSetPins'>): ReturnType<CabinApi['staffSetPins']>;
  staff(input: CabinParams<'staff'>): Result<unknown> | Promise<Result<unknown>>;
}

/** Builds the staff calls; every argument must already be validated with `parseCall`. */
export function serveStaffCalls(ports: StaffCallPorts): StaffCalls {
  const { access, log } = ports;
  return {
    staffLogin: ({ role, pin }) => access.login(role, pin),
    staffSetPins: (pins) => access.setPins(pins),
    staff: ({ token, command }) => {
      const role = access.use(token);
      if (!role.ok) return role;
      if (command.type === 'staff.logout') {
        access.logout('asked');
        return ok(null);
      }
      if (roleFor(command) === 'technician' && role.value !== 'technician') {
        log.warn('staff.forbidden', { role: role.value, command: command.type });
        return err({ code: 'staff.forbidden' });
      }
      log.info('staff.command', { role: role.value, command: command.type });
      return runCommand(ports, role.value, command);
    },
  };
}

// One command of a role allowed to give it: refused when the cabin's phase does not fit.
function runCommand(
  ports: StaffCallPorts,
  role: StaffRole,
  command: AttendantCommand | TechnicianCommand,
): Result<unknown> | Promise<Result<unknown>> {
  const { actor, access, log } = ports;
  const view = ports.view();
  const send = (event: CabinEventIn): Result<null> => {
    actor.send(event);
    return ok(null);
  };
  switch (command.type) {
    case 'attendant.acknowledgeHelp':
      return view.attendantCalled ? send(command) : err({ code: 'help.none' });
    case 'attendant.resetSession': {
      const step = view.session?.screen.step;
      if (view.phase !== 'inSession' || step === undefined) return err({ code: 'session.none' });
      // The reset is recorded with the step it came from: what the attendant found stuck.
      access.record({ role, kind: 'session.reset', until: null, detail: step });
      log.warn('staff.sessionReset', { role, step });
      return send(command);
    }
    case 'attendant.markCleaned':
      return send(command);
    case 'attendant.setOutOfService':
      if (view.phase === 'inSession') return err({ code: 'staff.sessionRunning' });
      if (view.phase !== 'ready' && view.phase !== 'outOfService') return err({ code: 'staff.notNow' });
      return send(command);
    case 'attendant.returnToService':
      return view.phase === 'outOfService' ? send(command) : err({ code: 'staff.notNow' });
    case 'attendant.settlePayment': {
      if (!ports.payments) return err({ code: 'payment.notAwaitingDecision' });
      const settled = ports.payments.settleByAttendant(command.transactionId, command.paid);
      return settled.ok ? ok(null) : settled;
    }
    case 'technician.enterMaintenance':
      if (view.phase === 'inSession') return err({ code: 'staff.sessionRunning' });
      if (view.phase !== 'ready' && view.phase !== 'outOfService') return err({ code: 'staff.notNow' });
      return send(command);
    case 'technician.leaveMaintenance':
      if (view.phase !== 'maintenance') return err({ code: 'staff.notNow' });
      ports.technician.cancelProcedure();
      return send(command);
    case 'technician.listDevices':
    case 'technician.traffic':
      // During a session the devices' frames and traffic are the patient's measurements.
      if (view.phase === 'inSession') return err({ code: 'staff.sessionRunning' });
      return ports.technician.run(command);
    default:
      return ports.technician.run(command);
  }
}
