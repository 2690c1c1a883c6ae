// The cabin's staff: two roles, each behind its own PIN, and the commands each may give. The attendant
// sees the cabin and its peripherals, never a patient; the technician also sees the devices' identities
// and traffic, runs the procedures and keeps the maintenance register.
import type { MeasurementKind } from './domain';
import type { MaintenanceKind, ReferenceInstrument } from './maintenance';

/** The staff roles, each with its own PIN. */
export const STAFF_ROLES = ['attendant', 'technician'] as const;

/** One staff role. */
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The shortest and longest staff PIN, in digits (the cabin's keyboard types it on its digits layout). */
export const STAFF_PIN_LENGTH = { min: 6, max: 12 } as const;

/** Wrong PINs in a row that lock a role, and for how long (over the screens and the attendant page alike). */
export const STAFF_LOCKOUT = { maxTries: 5, lockMs: 5 * 60_000 } as const;

/** The longest out-of-service message the attendant may type for the welcome screen. */
export const OUT_OF_SERVICE_MESSAGE_MAX_LENGTH = 160;

/** The longest free text of the technician's forms (name, instrument, certificate, note). */
export const TECHNICIAN_TEXT_MAX_LENGTH = 120;

/**
 * Why a PIN is refused when it is chosen: wrong length or not only digits, or too easy to guess
 * (one digit repeated, or a run up or down such as 123456); null when it is acceptable.
 */
export function pinWeakness(pin: string): 'pin.format' | 'pin.guessable' | null {
  const { min, max } = STAFF_PIN_LENGTH;
  if (pin.length < min || pin.length > max || !/^\d+$/.test(pin)) return 'pin.format';
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => (d - (digits[i] ?? 0) + 10) % 10));
  return steps.size === 1 && [0, 1, 9].includes([...steps][0] ?? -1) ? 'pin.guessable' : null;
}

/** What the attendant can do (the technician can too). */
export type AttendantCommand =
  | { readonly type: 'attendant.acknowledgeHelp' }
  /** Ends the running session at once; the patient's data is wiped and the reset recorded with its step. */
  | { readonly type: 'attendant.resetSession' }
  | { readonly type: 'attendant.markCleaned' }
  /** `message` is what the patient reads on the welcome screen; empty for the usual words. */
  | { readonly type: 'attendant.setOutOfService'; readonly message: string }
  | { readonly type: 'attendant.returnToService' }
  /**
   * The attendant's decision on a payment that waits for it (`CabinView.paymentsAwaitingDecision`): paid
   * (the terminal's journal shows it approved, or the patient paid at the counter) or not paid.
   */
  | { readonly type: 'attendant.settlePayment'; readonly transactionId: string; readonly paid: boolean };

/**
 * The attendant's commands about the cabin, in the order the panel offers them as buttons (the decision
 * on a payment, `attendant.settlePayment`, is given on each payment waiting for it).
 */
export const ATTENDANT_COMMAND_TYPES = [
  'attendant.acknowledgeHelp',
  'attendant.resetSession',
  'attendant.markCleaned',
  'attendant.setOutOfService',
  'attendant.returnToService',
] as const satisfies readonly AttendantCommand['type'][];

/** The type of an attendant command the panel offers as a button. */
export type AttendantPanelCommandType = (typeof ATTENDANT_COMMAND_TYPES)[number];

/** The type name of one attendant command. */
export type AttendantCommandType = AttendantCommand['type'];

/**
 * A card payment that waits for the attendant's decision, as the staff see it: the cabin's transaction
 * reference, the amount and since when; never a card number, never who the patient is. `unknown`: the
 * terminal's answer was lost and the terminal could not tell what became of it (check the terminal's
 * journal; no new card payment starts until the attendant decides); `counter`: the patient chose to pay
 * at the counter.
 */
export interface PaymentAwaitingDecision {
  readonly transactionId: string;
  readonly amountCents: number;
  readonly reason: 'unknown' | 'counter';
  /** Epoch ms when the transaction started (or the patient chose the counter). */
  readonly since: number;
}

/** What only the technician can do. */
export type TechnicianCommand =
  /** Stops new sessions (the devices are the technician's) until `leaveMaintenance`; refused during a session. */
  | { readonly type: 'technician.enterMaintenance' }
  | { readonly type: 'technician.leaveMaintenance' }
  /** Answers `DeviceReport[]`, one per measurement kind. */
  | { readonly type: 'technician.listDevices' }
  /** Answers the device's raw traffic since `sinceMs` (epoch ms), `TrafficEntry[]`, oldest first. */
  | { readonly type: 'technician.traffic'; readonly peripheral: MeasurementKind; readonly sinceMs: number }
  /** Starts the verification procedure of that device (in maintenance only); answers the first `ProcedurePrompt`. */
  | {
      readonly type: 'technician.startProcedure';
      readonly peripheral: MeasurementKind;
      readonly technician: string;
      readonly reference: ReferenceInstrument;
      /** True: corrections may be computed and applied (a calibration); false: a verification only. */
      readonly adjust: boolean;
    }
  /** Answers the current prompt (null to continue an instruction); answers the next `ProcedurePrompt`. */
  | { readonly type: 'technician.answerProcedure'; readonly value: number | null }
  | { readonly type: 'technician.cancelProcedure' }
  /** Answers `MaintenanceRecord[]`, newest first, optionally of one device kind. */
  | { readonly type: 'technician.records'; readonly peripheral: MeasurementKind | null }
  /** Writes a repair, a putting out of service or a return to service of the attached device; answers the record. */
  | {
      readonly type: 'technician.recordIntervention';
      readonly peripheral: MeasurementKind;
      readonly kind: Extract<MaintenanceKind, 'repair' | 'outOfService' | 'returnToService'>;
      readonly technician: string;
      readonly note: string;
    }
  /** Writes logs, register and device list to `directory` (a USB stick's mount point); answers an `ExportSummary`. */
  | { readonly type: 'technician.export'; readonly directory: string };

/** Any staff command, and the end of the staff session. */
export type StaffCommand = AttendantCommand | TechnicianCommand | { readonly type: 'staff.logout' };

/** The role a command needs (the technician may give the attendant's commands too). */
export function roleFor(command: StaffCommand): StaffRole {
  return command.type.startsWith('technician.') ? 'technician' : 'attendant';
}

/** A staff session opened on the cabin's screen: its token goes with every staff command until it ends. */
export interface StaffSession {
  readonly token: string;
  readonly role: StaffRole;
  /** The session ends after this long without a staff command, and the panel closes by itself. */
  readonly idleMs: number;
}

/** A role locked after too many wrong PINs, until `until` (epoch ms on the cabin's clock). */
export interface StaffLock {
  readonly role: StaffRole;
  readonly until: number;
}

/** What the screens know of the staff (nothing secret). */
export interface StaffView {
  /** The staff role whose panel is open on the cabin's screen; the patient's screen says so. */
  readonly onScreen: StaffRole | null;
  readonly locks: readonly StaffLock[];
  /** Real hardware with no PIN yet: the first start asks for both. */
  readonly pinsNeeded: boolean;
}
