// The session machine's names: its types, the actors main/ provides (hardware, platform, printer,
// payment terminal), the actions it calls (audit, platform), its guards, its delays and its one tag.
// Every step file builds its states with `sessionSetup.createStateConfig`, so names are checked.
import { assign, fromCallback, fromPromise, raise, setup } from 'xstate';
import type {
  InstrumentUse,
  Measurement,
  MeasurementKind,
  ProblemKind,
  Result,
  StepName,
} from '../../contract';
import { isTeleconsultation } from '../../contract';
import { ageBandOf } from '../cost';
import { required, type SessionContext, type SessionInput, type SessionOutput } from './context';
import type {
  AppointmentDetails,
  AppointmentLookup,
  PaymentRequest,
  PresenceLookup,
  PrintRequest,
  QueueRequest,
  SessionEvent,
} from './session-events';

export type { ConsentRecord, SessionOutcome } from '../../contract';
import type { ConsentRecord } from '../../contract';

/**
 * The tag of the states where the cabin works and the patient is not expected to act (reading the
 * card, measuring, waiting in the queue, the call, printing, paying, goodbye): no "are you still
 * there?" there, and the inactivity countdown starts afresh when the state is left.
 */
export const CABIN_WORKING = 'cabinWorking';

/** The tags of the session's states. */
export type SessionTag = typeof CABIN_WORKING;

/** The actors main/ provides, with their inputs and outputs; these defaults never answer. */
const sessionActors = {
  /** Waits for a Carte Vitale and reads its beneficiaries; sends CardReaderEvent facts. */
  readCard: fromCallback<SessionEvent, void>(() => undefined),
  /** Takes one measurement of the given kind; sends MeasurementEvent facts. */
  measure: fromCallback<SessionEvent, { readonly kind: MeasurementKind }>(() => undefined),
  /** Resolves a booked appointment's code. */
  lookUpAppointment: fromPromise<Result<AppointmentDetails>, AppointmentLookup>(
    () => new Promise(() => undefined),
  ),
  /** Asks the platform how many professionals of a kind are online now; sends one PresenceEvent fact. */
  lookUpPresence: fromCallback<SessionEvent, PresenceLookup>(() => undefined),
  /** Joins the platform's waiting room; sends QueueEvent facts. */
  waitInQueue: fromCallback<SessionEvent, QueueRequest>(() => undefined),
  /** Runs the video call; sends CallEvent facts. */
  joinCall: fromCallback<SessionEvent, { readonly sessionId: string }>(() => undefined),
  /** Prints the documents in the cabin one after the other; sends PrintEvent facts, stops at a failure. */
  printDocuments: fromCallback<SessionEvent, PrintRequest>(() => undefined),
  /** Takes the card payment on the payment terminal. */
  takePayment: fromPromise<Result<void>, PaymentRequest>(() => new Promise(() => undefined)),
};

/** The session's actor logic by name. */
export type SessionActors = typeof sessionActors;

/** The session's setup: every name a state may use, typed. */
/** What each effect action of the session machine is given; main/ provides the actions. */
export interface SessionEffectParams {
  readonly recordConsent: ConsentRecord;
  readonly callAttendant: { readonly sessionId: string };
  /** The help call ended without the platform's doing: the patient cancelled it or the attendant answered it. */
  readonly reportHelpEnded: { readonly sessionId: string; readonly state: 'cancelled' | 'answered' };
  readonly recordProblem: { readonly sessionId: string; readonly problem: ProblemKind };
  readonly shareMeasurement: { readonly sessionId: string; readonly measurement: Measurement };
  /** One message of the written conversation for the professional of the call (never logged). */
  readonly sendMessage: { readonly sessionId: string; readonly text: string };
  /** Where the examination instrument the professional asked for stands now, for the professional of the call. */
  readonly sendInstrumentUse: { readonly sessionId: string; readonly use: InstrumentUse };
  readonly recordDmpChoice: { readonly sessionId: string; readonly opposed: boolean };
  readonly shareMediaCheck: { readonly sessionId: string; readonly result: 'passed' | 'problem' };
  readonly recordStep: { readonly sessionId: string; readonly step: StepName };
  /** The patient chose to pay this amount at the counter: the attendant is told and decides. */
  readonly leavePaymentToCounter: { readonly sessionId: string; readonly amountCents: number };
}

/** How long the "are you still there?" prompt waits by default (the `stillThereGrace` delay). */
export const STILL_THERE_GRACE_MS = 30_000;

/** How long the goodbye screen stays before the cabin closes it (the `goodbye` delay's default). */
export const GOODBYE_MS = 45_000;

export const sessionSetup = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as SessionInput,
    output: {} as SessionOutput,
    tags: {} as SessionTag,
  },
  actors: sessionActors,
  actions: {
    /** Traces the consent (store and platform). */
    recordConsent: (_, _params: SessionEffectParams['recordConsent']) => undefined,
    /** Calls the on-site attendant. */
    callAttendant: (_, _params: SessionEffectParams['callAttendant']) => undefined,
    /** Tells the platform (support, professional) that the help call was cancelled or answered here. */
    reportHelpEnded: (_, _params: SessionEffectParams['reportHelpEnded']) => undefined,
    /** Records a problem reported by the patient (audit, no patient data). */
    recordProblem: (_, _params: SessionEffectParams['recordProblem']) => undefined,
    /** Sends the patient's message of the written conversation to the professional of the call. */
    sendMessage: (_, _params: SessionEffectParams['sendMessage']) => undefined,
    /** Tells the professional of the call where the examination instrument stands (live state, not queued). */
    sendInstrumentUse: (_, _params: SessionEffectParams['sendInstrumentUse']) => undefined,
    /** Sends an accepted measurement to the professional. */
    shareMeasurement: (_, _params: SessionEffectParams['shareMeasurement']) => undefined,
    /** Sends the DMP opposition to the platform with the documents' receipt. */
    recordDmpChoice: (_, _params: SessionEffectParams['recordDmpChoice']) => undefined,
    /** Sends the camera and microphone check's result to the professional. */
    shareMediaCheck: (_, _params: SessionEffectParams['shareMediaCheck']) => undefined,
    /** Records that the session entered a journey step (audit: step names and times, no patient data). */
    recordStep: (_, _params: SessionEffectParams['recordStep']) => undefined,
    /** Tells the attendant that the patient will pay this amount at the counter. */
    leavePaymentToCounter: (_, _params: SessionEffectParams['leavePaymentToCounter']) => undefined,
    /** Records the amount due today of the cost screen the patient accepts, for the payment. */
    recordAcceptedAmount: assign({
      acceptedAmountCents: ({ context }) => required(context.cost, 'cost').amountDueTodayCents,
    }),
    /**
     * The cabin hands the screen back to the patient (a wait ended): the inactivity countdown starts
     * afresh, so a patient who waited 20 minutes in the queue is not asked "still there?" at once.
     */
    restartInactivity: raise({ type: 'attention.touched' }),
    /**
     * Notes when the "are you still there?" prompt will end the session, for the screen's countdown. The
     * machine reads no clock: main/ provides this on the cabin's clock, now + its `stillThereGrace`.
     * This default notes nothing, and the screen then shows no countdown.
     */
    noteStillThereDeadline: assign({ stillThereUntil: null }),
    /**
     * Notes when the goodbye screen closes by itself, so it can announce it; main/ provides it on the
     * cabin's clock (now + its `goodbye` delay). This default notes nothing: no announcement.
     */
    noteGoodbyeDeadline: assign({ goodbyeUntil: null }),
  },
  delays: {
    /** Without any touch for this long on a screen that expects one, the cabin asks "are you still there?". */
    inactivity: 90_000,
    /** How long the "are you still there?" prompt waits before ending the session. */
    stillThereGrace: STILL_THERE_GRACE_MS,
    /** How long the cabin waits for the platform to say who is online before going on without knowing. */
    presenceCheck: 5_000,
    /** How long the goodbye screen stays before the cabin closes the session by itself. */
    goodbye: GOODBYE_MS,
    /** How long the call may try to bring video and sound back (ICE restarts) before falling back to sound only. */
    reconnectWindow: 20_000,
    /** How long the sound-only fallback may try before the call ends clearly and the attendant is called. */
    audioOnlyWindow: 20_000,
  },
  guards: {
    hasSeveralBeneficiaries: ({ context }) => context.beneficiaries.length > 1,
    /** The patient is under 16 on the session's date and the consent named no parent or guardian. */
    needsParent: ({ context }) =>
      ageBandOf(required(context.identity, 'identity').birthDate, context.startedAt) === 'under16' &&
      required(context.consent, 'consent').presence !== 'parent',
    professionIsTeleconsultation: ({ context }) =>
      isTeleconsultation(required(context.profession, 'profession')),
    hasPendingMeasurement: ({ context }) => context.slots.some((slot) => slot.status === 'pending'),
    hasDocuments: ({ context }) => context.documents.length > 0,
    /** The cost the patient accepted asks nothing today (tiers payant, 100 %). */
    nothingToPay: ({ context }) => required(context.acceptedAmountCents, 'accepted amount') === 0,
  },
});

/**
 * Calls the attendant for the patient, once: the help banner shows, the attendant's panel and page have
 * the request until answered, main/ passes it on to the platform, and a second call while one is
 * pending is not repeated.
 */
export const requestHelp = sessionSetup.enqueueActions(({ context, enqueue }) => {
  if (context.helpRequested) return;
  enqueue.assign({ helpRequested: true, helpTold: ['attendant'], helpAnswered: false });
  enqueue({ type: 'callAttendant', params: { sessionId: context.sessionId } });
});

/** The pending help call ended on the cabin: cancelled by the patient, or answered by the attendant. */
export function endHelp(state: 'cancelled' | 'answered') {
  return sessionSetup.enqueueActions(({ context, enqueue }) => {
    if (!context.helpRequested) return;
    enqueue.assign(
      state === 'answered'
        ? { helpRequested: false, helpAnswered: true }
        : { helpRequested: false, helpAnswered: false, helpTold: [] },
    );
    enqueue({ type: 'reportHelpEnded', params: { sessionId: context.sessionId, state } });
  });
}

/** The code of an actor's unexpected error (a bug, or a fault it did not turn into a fact). */
export function failureCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : 'internal.actorFailed';
}
