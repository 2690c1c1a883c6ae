// What the attendant page shows of the cabin: its phase, its peripherals (with why one is out of the
// journey and when its next check is due), whether it waits for cleaning, and the help call (the step it
// came from, since when, who was told). Built field by field from the cabin's view so that no patient
// data (name, birth date, screen content, measurement) can ever reach the pharmacy's network.
import type {
  CabinPhase,
  CabinView,
  HelpAudience,
  PaymentAwaitingDecision,
  PeripheralStatus,
  StepName,
} from '../../contract';
import type { HelpCallRecord } from '../help-relay';

/** The help call as the attendant page shows it. */
export interface AttendantPageHelp {
  /** Epoch ms when the patient asked. */
  readonly since: number;
  /** The journey step the patient asked from (a step name, nothing of the screen), when known. */
  readonly step: StepName | null;
  readonly told: readonly HelpAudience[];
  /** Whether the platform (support, professional) could be told: `unreachable` means only the attendant knows. */
  readonly platform: HelpCallRecord['platform'];
}

/** Everything the attendant page receives: no patient data, by construction. */
export interface AttendantPageState {
  readonly phase: CabinPhase;
  readonly peripherals: readonly PeripheralStatus[];
  readonly needsCleaning: boolean;
  /** The pending help call, or null. */
  readonly help: AttendantPageHelp | null;
  /** Card payments waiting for the attendant's decision (the cabin's reference, amount, why, since when), oldest first. */
  readonly payments: readonly PaymentAwaitingDecision[];
}

/** The attendant page's state from the cabin's view and the help relay's record of the pending call. */
export function attendantPageState(view: CabinView, call: HelpCallRecord | null): AttendantPageState {
  const pending = view.session?.helpRequested === true;
  return {
    phase: view.phase,
    peripherals: view.peripherals.map(({ peripheral, state, notice, reason, dueAt }) => ({
      peripheral,
      state,
      ...(notice === undefined ? {} : { notice }),
      ...(reason === undefined ? {} : { reason }),
      ...(dueAt === undefined ? {} : { dueAt }),
    })),
    needsCleaning: view.needsCleaning,
    payments: view.paymentsAwaitingDecision.map(({ transactionId, amountCents, reason, since }) => ({
      transactionId,
      amountCents,
      reason,
      since,
    })),
    help:
      pending && call !== null
        ? {
            since: call.since,
            step: view.helpCall?.step ?? null,
            told: view.session?.help?.told ?? ['attendant'],
            platform: call.platform,
          }
        : null,
  };
}
