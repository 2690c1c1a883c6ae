// A session machine provided with fakes, running on a manual clock, for scenario tests.
import { assign, createActor, type Actor, type SnapshotFrom } from 'xstate';
import type {
  ConsentRecord,
  InstrumentUse,
  Measurement,
  ProblemKind,
  Result,
  SessionView,
  StepName,
} from '../../contract';
import { MEASUREMENT_KINDS } from '../../contract';
import { DEFAULT_TARIFFS } from '../cost';
import { CONSENT_TEXT_VERSIONS } from './sample-data';
import { ManualClock } from '../../test/support/manual-clock';
import type { SessionInput } from '../session/context';
import { sessionMachine } from '../session/machine';
import { GOODBYE_MS, STILL_THERE_GRACE_MS } from '../session/setup';
import type {
  AppointmentDetails,
  AppointmentLookup,
  PaymentRequest,
  SessionEvent,
} from '../session/session-events';
import { sessionViewOf } from '../session-view';
import {
  FakeCardReader,
  FakeMeasuringDevice,
  FakePresenceDesk,
  FakePrinter,
  FakeRequestActor,
  FakeVideoCall,
  FakeWaitingRoom,
  settle,
} from './fake-actors';

/** The session's actors as fakes, and what its named actions did, in order. */
export interface SessionFakes {
  /** The clock the session runs on; the still-there deadline is read on it. */
  readonly clock: ManualClock;
  readonly cardReader: FakeCardReader;
  readonly device: FakeMeasuringDevice;
  readonly appointments: FakeRequestActor<AppointmentLookup, Result<AppointmentDetails>>;
  /** Who is online per kind of professional: answers at once, one of each kind unless told otherwise. */
  readonly presence: FakePresenceDesk;
  readonly waitingRoom: FakeWaitingRoom;
  readonly call: FakeVideoCall;
  readonly printer: FakePrinter;
  readonly paymentTerminal: FakeRequestActor<PaymentRequest, Result<void>>;
  readonly recorded: {
    readonly consents: ConsentRecord[];
    readonly attendantCalls: { readonly sessionId: string }[];
    /** The help calls that ended on the cabin (cancelled or answered there), as `reportHelpEnded` said. */
    readonly helpEnded: { readonly sessionId: string; readonly state: 'cancelled' | 'answered' }[];
    readonly problems: { readonly sessionId: string; readonly problem: ProblemKind }[];
    readonly sharedMeasurements: Measurement[];
    readonly dmpChoices: { readonly sessionId: string; readonly opposed: boolean }[];
    /** The payments the patient left to the counter. */
    readonly atCounter: { readonly sessionId: string; readonly amountCents: number }[];
    readonly mediaChecks: { readonly sessionId: string; readonly result: 'passed' | 'problem' }[];
    /** The steps entered, as `recordStep` reported them, oldest first. */
    readonly steps: { readonly sessionId: string; readonly step: StepName }[];
    /** The patient's messages of the written conversation, as `sendMessage` sent them. */
    readonly messages: { readonly sessionId: string; readonly text: string }[];
    /** What `sendInstrumentUse` told the professional of the examination instrument, in order. */
    readonly instrumentUses: InstrumentUse[];
  };
}

/** Fresh fakes, nothing recorded yet. */
export function createSessionFakes(): SessionFakes {
  return {
    clock: new ManualClock(),
    cardReader: new FakeCardReader(),
    device: new FakeMeasuringDevice(),
    appointments: new FakeRequestActor('appointment desk'),
    presence: new FakePresenceDesk(),
    waitingRoom: new FakeWaitingRoom(),
    call: new FakeVideoCall(),
    printer: new FakePrinter(),
    paymentTerminal: new FakeRequestActor('payment terminal'),
    recorded: {
      consents: [],
      attendantCalls: [],
      helpEnded: [],
      problems: [],
      sharedMeasurements: [],
      dmpChoices: [],
      atCounter: [],
      mediaChecks: [],
      steps: [],
      messages: [],
      instrumentUses: [],
    },
  };
}

/** The session machine with its actors and actions provided by `fakes`; delays keep their setup values. */
export function provideSessionFakes(fakes: SessionFakes) {
  return sessionMachine.provide({
    actors: {
      readCard: fakes.cardReader.logic,
      measure: fakes.device.logic,
      lookUpAppointment: fakes.appointments.logic,
      lookUpPresence: fakes.presence.logic,
      waitInQueue: fakes.waitingRoom.logic,
      joinCall: fakes.call.logic,
      printDocuments: fakes.printer.logic,
      takePayment: fakes.paymentTerminal.logic,
    },
    actions: {
      recordConsent: (_, record) => void fakes.recorded.consents.push(record),
      callAttendant: (_, params) => void fakes.recorded.attendantCalls.push(params),
      reportHelpEnded: (_, params) => void fakes.recorded.helpEnded.push(params),
      recordProblem: (_, params) => void fakes.recorded.problems.push(params),
      shareMeasurement: (_, { measurement }) => void fakes.recorded.sharedMeasurements.push(measurement),
      recordDmpChoice: (_, params) => void fakes.recorded.dmpChoices.push(params),
      shareMediaCheck: (_, params) => void fakes.recorded.mediaChecks.push(params),
      recordStep: (_, params) => void fakes.recorded.steps.push(params),
      leavePaymentToCounter: (_, params) => void fakes.recorded.atCounter.push(params),
      sendMessage: (_, params) => void fakes.recorded.messages.push(params),
      sendInstrumentUse: (_, { use }) => void fakes.recorded.instrumentUses.push(use),
      noteStillThereDeadline: assign({ stillThereUntil: () => fakes.clock.now() + STILL_THERE_GRACE_MS }),
      noteGoodbyeDeadline: assign({ goodbyeUntil: () => fakes.clock.now() + GOODBYE_MS }),
    },
  });
}

/** 1 March 2026, 09:00 UTC: the sessions' start, against which typed birth dates are checked. */
export const SESSION_START = Date.UTC(2026, 2, 1, 9, 0, 0);

/** The input a cabin with every device working gives a French-speaking patient. */
export function sessionInput(overrides: Partial<SessionInput> = {}): SessionInput {
  return {
    sessionId: 'session-test-1',
    locale: 'fr',
    accessibility: { largeText: false, readAloud: false },
    availableKinds: MEASUREMENT_KINDS,
    consentTextVersions: CONSENT_TEXT_VERSIONS,
    tariffs: DEFAULT_TARIFFS,
    cardInReader: false,
    startedAt: SESSION_START,
    ...overrides,
  };
}

/** The provided session machine. */
export type FakeSessionMachine = ReturnType<typeof provideSessionFakes>;

/** A running session and everything a scenario needs to drive and observe it. */
export interface SessionHarness extends SessionFakes {
  readonly actor: Actor<FakeSessionMachine>;
  readonly clock: ManualClock;
  /** Sends a patient action or a fact, as the cabin would. */
  send(event: SessionEvent): void;
  /** The session's current snapshot. */
  snapshot(): SnapshotFrom<FakeSessionMachine>;
  /** What the patient sees now. */
  view(): SessionView;
  /** Lets `ms` of time pass, second by second, as it would in the cabin. */
  elapse(ms: number): void;
  /** Lets promise answers reach the machine. */
  settle(): Promise<void>;
}

/** Starts a session provided with fresh fakes on a fresh manual clock. */
export function startSession(overrides: Partial<SessionInput> = {}): SessionHarness {
  const fakes = createSessionFakes();
  const { clock } = fakes;
  const actor = createActor(provideSessionFakes(fakes), { input: sessionInput(overrides), clock });
  actor.start();
  return {
    ...fakes,
    actor,
    clock,
    send: (event) => actor.send(event),
    snapshot: () => actor.getSnapshot(),
    view: () => sessionViewOf(actor.getSnapshot()),
    elapse: (ms) => {
      // Stepping in seconds lets timers that restart (the inactivity check while waiting) run as they would.
      for (let left = ms; left > 0; left -= 1000) clock.increment(Math.min(1000, left));
    },
    settle,
  };
}
