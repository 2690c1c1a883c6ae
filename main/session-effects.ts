// What the session and the cabin machines do to the world outside them, besides the hardware: the audit
// (steps, help calls, problems, outcome), the consent record, the items for the platform, the self-test
// at boot and the wipe at each session's end. The machines name these effects; this module provides them.
import { fromPromise } from 'xstate';
import type { Clock, Result } from '../contract';
import type { SelfTestReport, SessionEffectParams, SessionOutput, WipeRequest } from '../state-machines';
import type { HelpRelay } from './help-relay';
import type { OperationLog } from './log';
import { checkPeripherals, type CabinPeripherals } from './peripherals';
import type { CabinStore, OutboundItem } from './store';
import { transactionReference, type TerminalPayments } from './terminal-payments';

/** What the effects act on. */
export interface SessionEffectsPorts {
  readonly store: CabinStore;
  readonly log: OperationLog;
  readonly clock: Pick<Clock, 'now'>;
  readonly peripherals: CabinPeripherals;
  /** Called after an item was queued for the platform, so that delivery starts at once. */
  readonly itemQueued: () => void;
  /** Run at each session's wipe, after the store: the Electron shell clears the renderer's storage here. */
  readonly wipeHooks?: readonly (() => Promise<void>)[];
  /** Passes help calls on to the platform (absent: the attendant on the cabin is the only one told). */
  readonly help?: Pick<HelpRelay, 'requested' | 'ended' | 'forget'>;
  /** Records a payment left to the counter for the attendant (absent: the store directly). */
  readonly payments?: Pick<TerminalPayments, 'leaveToCounter'>;
}

/** The session machine's effect actions, each given its params as the machine declares them. */
export type SessionEffects = {
  readonly [Action in keyof SessionEffectParams]: (_: unknown, params: SessionEffectParams[Action]) => void;
};

/** The named actions of the session machine, for `sessionMachine.provide({ actions })`. */
export function sessionMachineEffects({
  store,
  log,
  clock,
  itemQueued,
  help,
  payments,
  peripherals,
}: SessionEffectsPorts): SessionEffects {
  const enqueue = (item: OutboundItem): void => {
    report(store.enqueue(item), log, 'outbound.enqueueFailed');
    itemQueued();
  };
  return {
    leavePaymentToCounter: (_, payment) => {
      if (payments) return payments.leaveToCounter(payment);
      const left = store.payments.leaveToCounter({ id: transactionReference(), ...payment });
      report(left, log, 'payment.notRecorded');
    },
    recordStep: (_, { sessionId, step }) => {
      log.info('session.step', { step });
      report(store.enterStep(sessionId, step), log, 'audit.writeFailed');
    },
    recordConsent: (_, record) => {
      report(store.recordConsent(record), log, 'consent.recordFailed');
      enqueue({
        sessionId: record.sessionId,
        kind: 'consent',
        payload: { ...record, consentedAt: clock.now() },
      });
    },
    callAttendant: (_, { sessionId }) => {
      log.warn('attendant.called');
      report(store.recordHelpCall(sessionId), log, 'audit.writeFailed');
      help?.requested(sessionId);
    },
    reportHelpEnded: (_, { sessionId, state }) => {
      help?.ended(sessionId, state);
    },
    recordProblem: (_, { sessionId, problem }) => {
      log.warn('patient.problemReported', { problem });
      report(store.recordProblemReport(sessionId, problem), log, 'audit.writeFailed');
    },
    // The text goes to the platform only: neither the log nor the store ever sees it.
    sendMessage: (_, { sessionId, text }) => {
      void peripherals.platform.sendMessage(sessionId, text).then((sent) => {
        if (!sent.ok) log.warn('message.notSent', { code: sent.error.code });
      });
    },
    // Live call state, sent once: a failure is logged by its code only, and the next change says the rest.
    sendInstrumentUse: (_, { sessionId, use }) => {
      log.info('call.instrument', { kind: use.kind, state: use.state });
      void peripherals.platform.sendInstrumentUse(sessionId, use).then((sent) => {
        if (!sent.ok) log.warn('instrument.notSent', { code: sent.error.code });
      });
    },
    shareMeasurement: (_, { sessionId, measurement }) => {
      log.info('measurement.shared', { kind: measurement.kind });
      enqueue({ sessionId, kind: 'measurement', payload: measurement });
    },
    recordDmpChoice: (_, { sessionId, opposed }) => {
      enqueue({ sessionId, kind: 'dmp.choice', payload: { sessionId, opposed } });
    },
    shareMediaCheck: (_, { sessionId, result }) => {
      enqueue({ sessionId, kind: 'media.check', payload: { sessionId, result } });
    },
  };
}

/** The cabin machine's `selfTest` and `wipeSession` actors and its `recordSessionEnd` action. */
export function cabinMachineEffects({ store, log, peripherals, wipeHooks = [], help }: SessionEffectsPorts) {
  return {
    actors: {
      selfTest: fromPromise(async (): Promise<SelfTestReport> => {
        const interruptedSessions = recoverOpenSessions(store, log);
        const found = await checkPeripherals(peripherals);
        for (const { peripheral, state } of found) {
          if (state !== 'ok') log.warn('selfTest.peripheral', { peripheral, state });
        }
        return { peripherals: found, interruptedSessions };
      }),
      wipeSession: fromPromise(async ({ input }: { input: WipeRequest }) => {
        const wiped = store.wipeSession(input.sessionId);
        help?.forget(input.sessionId);
        peripherals.platform.forgetSession(input.sessionId);
        // The devices' traffic and last frames held the patient's measurements.
        peripherals.inspection?.forget();
        // No job of the patient stays in the printer's queue: a failure here is logged, the wipe goes on.
        await peripherals.printer.cancelAll?.().catch(() => log.error('printer.cancelAllFailed'));
        for (const hook of wipeHooks) await hook();
        if (!wiped.ok) {
          log.error('session.wipeFailed', { code: wiped.error.code });
          throw new Error(wiped.error.code);
        }
        log.info('session.wiped', { purged: wiped.value.patientRowsPurged });
      }),
    },
    actions: {
      recordSessionEnd: (_: unknown, output: SessionOutput) => {
        log.info('session.ended', { outcome: output.outcome });
        report(store.endSession(output.sessionId, output.outcome), log, 'audit.writeFailed');
      },
    },
  };
}

/** Ends and wipes a session the controller stops in the middle of (`reset`), or whose wipe is still due. */
export function closeInterruptedSession(
  store: CabinStore,
  log: OperationLog,
  sessionId: string,
  inSession: boolean,
): void {
  if (inSession) report(store.endSession(sessionId, 'reset'), log, 'audit.writeFailed');
  report(store.wipeSession(sessionId), log, 'session.wipeFailed');
}

// A crash or power cut can leave a session open: close it at the last moment it was known alive, wipe
// what it may have left, and answer how many there were (the cabin then waits for its cleaning).
function recoverOpenSessions(store: CabinStore, log: OperationLog): number {
  const open = store.listOpenSessions();
  if (!open.ok) {
    report(open, log, 'store.readFailed');
    return 0;
  }
  for (const id of open.value) {
    report(store.endInterruptedSession(id), log, 'audit.writeFailed');
    report(store.wipeSession(id), log, 'session.wipeFailed');
    log.warn('session.recoveredAfterCrash');
  }
  return open.value.length;
}

// Logs a failed store call under `event` with its code only; the cabin goes on.
function report(result: Result<unknown>, log: OperationLog, event: string): void {
  if (!result.ok) log.error(event, { code: result.error.code });
}
