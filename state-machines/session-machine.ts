// The patient's session: journey steps 2 to 10 of PRODUCT.md (step 1, the welcome screen, is the
// cabin machine's `ready` state). Three parallel regions: `journey` (the steps), `anywhere` (what the
// patient can do on every screen: quit, help, language) and `attention` (the inactivity prompt).
// Hardware, platform and printer are named actors that main/ provides; delays are named and provided
// too, so tests run on a simulated clock.
import { assign, fromCallback, fromPromise, not, or, raise, setup, stateIn } from 'xstate';
import type { MediaReception } from '../contract';
import type {
  Accessibility,
  CarePathAnswers,
  CostInformation,
  DocumentSummary,
  IdentityField,
  Locale,
  Measurement,
  MeasurementKind,
  MeasurementProgress,
  MeasurementSlot,
  PatientIdentity,
  Presence,
  ProblemKind,
  Profession,
  ProfessionalCard,
  Result,
  StepScreen,
} from '../contract';
import { isTeleconsultation } from '../contract';
import { costFor, type TariffTable } from './cost';
import { checkTypedIdentity } from './identity';
import { isPlausible } from './plausibility';
import type {
  AppointmentDetails,
  AppointmentLookup,
  PaymentRequest,
  PrintOutcome,
  PrintRequest,
  QueueRequest,
  SessionEvent,
} from './session-events';

/** How a session ended; recorded in the audit and used by the cabin to decide what follows. */
export type SessionOutcome = 'completed' | 'cancelled' | 'declined' | 'abandoned' | 'reset';

/** What the cabin gives a new session. */
export interface SessionInput {
  readonly sessionId: string;
  readonly locale: Locale;
  readonly accessibility: Accessibility;
  /** Measurements that a present, working device can take now. */
  readonly availableKinds: readonly MeasurementKind[];
  readonly consentTextVersion: string;
  readonly tariffs: TariffTable;
  /** Whether a card sat in the reader when the session started. */
  readonly cardInReader: boolean;
  /** When the session started (epoch ms, from the cabin's clock); birth dates are checked against it. */
  readonly startedAt: number;
}

/** A consent as traced: the text version shown, when, and who was present. No identity. */
export interface ConsentRecord {
  readonly sessionId: string;
  readonly textVersion: string;
  readonly presence: Presence;
  readonly attendantStays: boolean;
}

/** The session's memory. It holds patient data and exists only as long as the session actor. */
export interface SessionContext extends SessionInput {
  readonly outcome: SessionOutcome | null;
  readonly helpRequested: boolean;
  readonly consent: ConsentRecord | null;
  readonly beneficiaries: readonly PatientIdentity[];
  readonly identity: PatientIdentity | null;
  readonly cardFailure: string | null;
  readonly invalidFields: readonly IdentityField[];
  readonly appointmentCode: string | null;
  readonly appointmentFailure: string | null;
  readonly profession: Profession | null;
  readonly carePath: CarePathAnswers | null;
  readonly cost: CostInformation | null;
  readonly slots: readonly MeasurementSlot[];
  readonly progress: MeasurementProgress | null;
  readonly lastMeasurement: Measurement | null;
  readonly measurementFailure: string | null;
  readonly measurements: readonly Measurement[];
  readonly queuePosition: number | null;
  readonly estimatedWaitMinutes: number | null;
  readonly professional: ProfessionalCard | null;
  readonly requestedMeasurement: MeasurementKind | null;
  readonly mediaCheck: 'pending' | 'passed' | 'problem';
  readonly mediaMode: 'video' | 'audioOnly';
  readonly professionalReceives: MediaReception;
  readonly documents: readonly DocumentSummary[];
  readonly dmpOpposed: boolean;
  readonly documentsPrinted: number;
  readonly failure: string | null;
  readonly problemReported: boolean;
}

/** What the session tells the cabin when it ends. */
export interface SessionOutput {
  readonly sessionId: string;
  readonly outcome: SessionOutcome;
}

/** The ids of the states where the patient waits for the cabin, so inactivity is not theirs. */
const WAITING_STATE_IDS = [
  '#readingCard',
  '#checkingCode',
  '#measuring',
  '#queue',
  // The call only: when it failed, the patient is expected to retry, and a patient who walked out must
  // not leave the professional's name on the screen for the next person.
  '#call',
  '#printing',
  '#paying',
  '#goodbye',
] as const;

const failureCode = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : 'internal.actorFailed';

const sessionSetup = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as SessionInput,
    output: {} as SessionOutput,
  },
  actors: {
    /** Waits for a Carte Vitale and reads its beneficiaries; sends CardReaderEvent facts. */
    readCard: fromCallback<SessionEvent, void>(() => undefined),
    /** Takes one measurement of the given kind; sends MeasurementEvent facts. */
    measure: fromCallback<SessionEvent, { readonly kind: MeasurementKind }>(() => undefined),
    /** Resolves a booked appointment's code. */
    lookUpAppointment: fromPromise<Result<AppointmentDetails>, AppointmentLookup>(
      () => new Promise(() => undefined),
    ),
    /** Joins the platform's waiting room; sends QueueEvent facts. */
    waitInQueue: fromCallback<SessionEvent, QueueRequest>(() => undefined),
    /** Runs the video call; sends CallEvent facts. */
    joinCall: fromCallback<SessionEvent, { readonly sessionId: string }>(() => undefined),
    /** Prints the documents in the cabin. */
    printDocuments: fromPromise<PrintOutcome, PrintRequest>(() => new Promise(() => undefined)),
    /** Takes the card payment on the payment terminal. */
    takePayment: fromPromise<Result<void>, PaymentRequest>(() => new Promise(() => undefined)),
  },
  actions: {
    /** Traces the consent (store and platform). */
    recordConsent: (_, _record: ConsentRecord) => undefined,
    /** Calls the on-site attendant. */
    callAttendant: (_, _params: { readonly sessionId: string }) => undefined,
    /** Records a problem reported by the patient (audit, no patient data). */
    recordProblem: (_, _params: { readonly sessionId: string; readonly problem: ProblemKind }) => undefined,
    /** Sends an accepted measurement to the professional. */
    shareMeasurement: (_, _params: { readonly sessionId: string; readonly measurement: Measurement }) =>
      undefined,
    /** Sends the DMP opposition to the platform with the documents' receipt. */
    recordDmpChoice: (_, _params: { readonly sessionId: string; readonly opposed: boolean }) => undefined,
    /** Records that the session entered a journey step (audit: the step and the time, no patient data). */
    recordStep: (_, _params: { readonly sessionId: string; readonly step: StepScreen['step'] }) => undefined,
    /**
     * The cabin hands the screen back to the patient (a wait ended): the inactivity countdown starts
     * afresh, so a patient who waited 20 minutes in the queue is not asked "still there?" at once.
     */
    restartInactivity: raise({ type: 'attention.touched' }),
  },
  delays: {
    /** Without any touch for this long on a screen that expects one, the cabin asks "are you still there?". */
    inactivity: 90_000,
    /** How long the "are you still there?" prompt waits before ending the session. */
    stillThereGrace: 30_000,
    /** How long the goodbye screen stays before the cabin closes the session by itself. */
    goodbye: 45_000,
    /** How long the call may try to bring video and sound back (ICE restarts) before falling back to sound only. */
    reconnectWindow: 20_000,
    /** How long the sound-only fallback may try before the call ends clearly and the attendant is called. */
    audioOnlyWindow: 20_000,
  },
  guards: {
    patientIsExpectedToAct: not(or(WAITING_STATE_IDS.map((id) => stateIn(id)))),
    hasSeveralBeneficiaries: ({ context }) => context.beneficiaries.length > 1,
    professionIsTeleconsultation: ({ context }) =>
      context.profession !== null && isTeleconsultation(context.profession),
    hasPendingMeasurement: ({ context }) => context.slots.some((slot) => slot.status === 'pending'),
    hasDocuments: ({ context }) => context.documents.length > 0,
    nothingToPay: ({ context }) => context.cost === null || context.cost.amountDueTodayCents === 0,
  },
});

/**
 * Calls the attendant for the patient, once: the help banner shows, the attendant's panel has the
 * request until acknowledged, and a second call while one is pending is not repeated.
 */
const requestHelp = sessionSetup.enqueueActions(({ context, enqueue }) => {
  if (context.helpRequested) return;
  enqueue.assign({ helpRequested: true });
  enqueue({ type: 'callAttendant', params: { sessionId: context.sessionId } });
});

/** The session machine; main/ provides its actors, actions and delays with `.provide()`. */
export const sessionMachine = sessionSetup.createMachine({
  id: 'session',
  context: ({ input }) => ({
    ...input,
    outcome: null,
    helpRequested: false,
    consent: null,
    beneficiaries: [],
    identity: null,
    cardFailure: null,
    invalidFields: [],
    appointmentCode: null,
    appointmentFailure: null,
    profession: null,
    carePath: null,
    cost: null,
    slots: slotsFor(input.availableKinds),
    progress: null,
    lastMeasurement: null,
    measurementFailure: null,
    measurements: [],
    queuePosition: null,
    estimatedWaitMinutes: null,
    professional: null,
    requestedMeasurement: null,
    mediaCheck: 'pending',
    mediaMode: 'video',
    professionalReceives: { audio: false, video: false },
    documents: [],
    dmpOpposed: false,
    documentsPrinted: 0,
    failure: null,
    problemReported: false,
  }),
  output: ({ context }) => ({ sessionId: context.sessionId, outcome: context.outcome ?? 'cancelled' }),
  initial: 'active',
  states: {
    active: {
      type: 'parallel',
      // Only events that no region handles reach `active` itself: the `attention` region takes every
      // `patient.*` event, so the patient's commands valid on every screen live in the `anywhere` region.
      on: {
        'attendant.resetSession': '#session.reset',
        'attendant.acknowledgeHelp': { actions: assign({ helpRequested: false }) },
      },
      states: {
        journey: {
          initial: 'information',
          states: {
            information: {
              on: { 'patient.next': 'consent', 'patient.back': '#session.cancelled' },
            },
            consent: {
              on: {
                'patient.consent': {
                  target: 'identification',
                  actions: [
                    assign({
                      consent: ({ context, event }) => ({
                        sessionId: context.sessionId,
                        textVersion: context.consentTextVersion,
                        presence: event.presence,
                        attendantStays: event.attendantStays,
                      }),
                    }),
                    {
                      type: 'recordConsent',
                      params: ({ context }) => context.consent as ConsentRecord,
                    },
                  ],
                },
                'patient.declineConsent': '#session.declined',
                'patient.back': 'information',
              },
            },
            identification: {
              initial: 'card',
              on: { 'patient.useManualEntry': '.manualEntry' },
              states: {
                card: {
                  initial: 'waitingForCard',
                  entry: assign({ beneficiaries: [], identity: null, cardFailure: null }),
                  invoke: {
                    src: 'readCard',
                    onError: {
                      target: 'cardFailed',
                      actions: assign({ cardFailure: ({ event }) => failureCode(event.error) }),
                    },
                  },
                  on: {
                    'card.failed': {
                      target: 'cardFailed',
                      actions: assign({ cardFailure: ({ event }) => event.error.code }),
                    },
                  },
                  states: {
                    waitingForCard: {
                      on: {
                        'card.inserted': 'readingCard',
                        'patient.back': '#session.active.journey.consent',
                      },
                    },
                    readingCard: {
                      id: 'readingCard',
                      exit: 'restartInactivity',
                      on: {
                        'card.read': [
                          {
                            guard: ({ event }) => event.beneficiaries.length === 0,
                            target: '#cardFailed',
                            actions: assign({ cardFailure: 'card.noBeneficiary' }),
                          },
                          {
                            guard: ({ event }) => event.beneficiaries.length === 1,
                            target: '#confirming',
                            actions: assign({
                              beneficiaries: ({ event }) => event.beneficiaries,
                              identity: ({ event }) => event.beneficiaries[0] ?? null,
                            }),
                          },
                          {
                            target: '#choosingBeneficiary',
                            actions: assign({ beneficiaries: ({ event }) => event.beneficiaries }),
                          },
                        ],
                      },
                    },
                  },
                },
                cardFailed: {
                  id: 'cardFailed',
                  on: { 'patient.retry': 'card', 'patient.back': 'card' },
                },
                choosingBeneficiary: {
                  id: 'choosingBeneficiary',
                  on: {
                    'patient.chooseBeneficiary': {
                      guard: ({ context, event }) => event.index < context.beneficiaries.length,
                      target: 'confirming',
                      actions: assign({
                        identity: ({ context, event }) => context.beneficiaries[event.index] ?? null,
                      }),
                    },
                    'patient.back': 'card',
                  },
                },
                confirming: {
                  id: 'confirming',
                  on: {
                    'patient.confirmIdentity': '#session.active.journey.appointment',
                    'patient.back': [
                      // Typed details go back to the form, not to "insert your card".
                      {
                        guard: ({ context }) => context.identity?.source === 'manual',
                        target: 'manualEntry',
                      },
                      {
                        guard: 'hasSeveralBeneficiaries',
                        target: 'choosingBeneficiary',
                        actions: assign({ identity: null }),
                      },
                      { target: 'card' },
                    ],
                  },
                },
                manualEntry: {
                  entry: assign({ invalidFields: [], identity: null }),
                  on: {
                    'patient.submitIdentity': [
                      {
                        guard: ({ context, event }) =>
                          checkTypedIdentity(event.identity, context.startedAt).ok,
                        target: 'confirming',
                        actions: assign({
                          beneficiaries: [],
                          identity: ({ context, event }) => {
                            const checked = checkTypedIdentity(event.identity, context.startedAt);
                            return checked.ok ? checked.identity : null;
                          },
                        }),
                      },
                      {
                        actions: assign({
                          invalidFields: ({ context, event }) => {
                            const checked = checkTypedIdentity(event.identity, context.startedAt);
                            return checked.ok ? [] : checked.invalidFields;
                          },
                        }),
                      },
                    ],
                    'patient.back': 'card',
                  },
                },
              },
            },
            appointment: {
              initial: 'choosing',
              states: {
                choosing: {
                  on: {
                    'patient.haveAppointmentCode': 'enteringCode',
                    'patient.seeNextAvailable': 'choosingProfession',
                    'patient.back': '#session.active.journey.identification',
                  },
                },
                enteringCode: {
                  on: {
                    'patient.submitAppointmentCode': {
                      target: 'checkingCode',
                      actions: assign({
                        appointmentCode: ({ event }) => event.code.trim(),
                        appointmentFailure: null,
                      }),
                    },
                    'patient.back': { target: 'choosing', actions: assign({ appointmentFailure: null }) },
                  },
                },
                checkingCode: {
                  id: 'checkingCode',
                  exit: 'restartInactivity',
                  invoke: {
                    src: 'lookUpAppointment',
                    input: ({ context }) => ({ code: context.appointmentCode ?? '' }),
                    onDone: [
                      {
                        guard: ({ event }) => event.output.ok,
                        target: 'routing',
                        actions: assign({
                          profession: ({ event }) => (event.output.ok ? event.output.value.profession : null),
                        }),
                      },
                      {
                        target: 'enteringCode',
                        actions: assign({
                          appointmentFailure: ({ event }) =>
                            event.output.ok ? null : event.output.error.code,
                        }),
                      },
                    ],
                    onError: {
                      target: 'enteringCode',
                      actions: assign({ appointmentFailure: ({ event }) => failureCode(event.error) }),
                    },
                  },
                  on: { 'patient.back': 'enteringCode' },
                },
                choosingProfession: {
                  on: {
                    'patient.chooseProfession': {
                      target: 'routing',
                      actions: assign({ profession: ({ event }) => event.profession, appointmentCode: null }),
                    },
                    'patient.back': 'choosing',
                  },
                },
                routing: {
                  always: [
                    { guard: 'professionIsTeleconsultation', target: 'carePath' },
                    { target: 'eligibility' },
                  ],
                },
                eligibility: {
                  on: {
                    'patient.answerEligibility': [
                      {
                        guard: ({ context, event }) =>
                          !event.answers.physicalActNeeded &&
                          (context.profession !== 'physiotherapist' || event.answers.earlierInPersonSession),
                        target: 'cost',
                        actions: assign({
                          carePath: null,
                          cost: ({ context }) =>
                            costFor(context.tariffs, context.profession ?? 'doctor', null),
                        }),
                      },
                      { target: 'notEligible' },
                    ],
                    'patient.back': 'choosing',
                  },
                },
                notEligible: {
                  on: { 'patient.back': 'choosingProfession' },
                },
                carePath: {
                  on: {
                    'patient.answerCarePath': {
                      target: 'cost',
                      actions: assign({
                        carePath: ({ event }) => event.answers,
                        cost: ({ context, event }) =>
                          costFor(context.tariffs, context.profession ?? 'doctor', event.answers),
                      }),
                    },
                    'patient.back': 'choosing',
                  },
                },
                cost: {
                  on: {
                    'patient.acceptCost': '#session.active.journey.measurements',
                    'patient.back': [
                      { guard: 'professionIsTeleconsultation', target: 'carePath' },
                      { target: 'eligibility' },
                    ],
                  },
                },
              },
            },
            measurements: {
              initial: 'choosingNext',
              states: {
                choosingNext: {
                  entry: assign({ progress: null, lastMeasurement: null, measurementFailure: null }),
                  always: [
                    { guard: 'hasPendingMeasurement', target: 'instructions' },
                    { target: '#session.active.journey.waitingRoom' },
                  ],
                },
                instructions: {
                  on: {
                    'patient.startMeasurement': 'measuring',
                    'patient.skip': {
                      target: 'choosingNext',
                      actions: assign({ slots: markCurrent('skipped') }),
                    },
                  },
                },
                measuring: {
                  id: 'measuring',
                  exit: 'restartInactivity',
                  entry: assign({ progress: { stage: 'preparing' }, measurementFailure: null }),
                  invoke: {
                    src: 'measure',
                    input: ({ context }) => ({ kind: currentKind(context) }),
                    onError: {
                      target: 'failed',
                      actions: assign({ measurementFailure: ({ event }) => failureCode(event.error) }),
                    },
                  },
                  on: {
                    'measurement.progressed': {
                      actions: assign({ progress: ({ event }) => event.progress }),
                    },
                    'measurement.taken': [
                      {
                        guard: ({ event }) => isPlausible(event.measurement),
                        target: 'result',
                        actions: assign({ lastMeasurement: ({ event }) => event.measurement }),
                      },
                      {
                        target: 'failed',
                        actions: assign({ measurementFailure: 'measurement.implausible' }),
                      },
                    ],
                    'measurement.failed': {
                      target: 'failed',
                      actions: assign({ measurementFailure: ({ event }) => event.error.code }),
                    },
                    'patient.skip': {
                      target: 'choosingNext',
                      actions: assign({ slots: markCurrent('skipped') }),
                    },
                  },
                },
                result: {
                  on: {
                    'patient.next': {
                      target: 'choosingNext',
                      actions: [
                        {
                          type: 'shareMeasurement',
                          params: ({ context }) => ({
                            sessionId: context.sessionId,
                            measurement: context.lastMeasurement as Measurement,
                          }),
                        },
                        assign({
                          measurements: ({ context }) =>
                            keepLatest(context.measurements, context.lastMeasurement),
                          slots: markCurrent('done'),
                        }),
                      ],
                    },
                    'patient.retry': 'measuring',
                  },
                },
                failed: {
                  on: {
                    'patient.retry': 'measuring',
                    'patient.skip': {
                      target: 'choosingNext',
                      actions: assign({ slots: markCurrent('skipped') }),
                    },
                  },
                },
              },
            },
            waitingRoom: {
              initial: 'queue',
              on: {
                'patient.checkMedia': [
                  { guard: ({ event }) => event.works, actions: assign({ mediaCheck: 'passed' }) },
                  {
                    actions: [assign({ mediaCheck: 'problem' }), requestHelp],
                  },
                ],
              },
              states: {
                queue: {
                  id: 'queue',
                  exit: 'restartInactivity',
                  initial: 'joining',
                  entry: assign({ failure: null, queuePosition: null, estimatedWaitMinutes: null }),
                  invoke: {
                    src: 'waitInQueue',
                    input: ({ context }) => ({
                      sessionId: context.sessionId,
                      profession: context.profession ?? 'doctor',
                      appointmentCode: context.appointmentCode,
                      identity: context.identity as PatientIdentity,
                      measurements: context.measurements,
                    }),
                    onError: {
                      target: 'failed',
                      actions: assign({ failure: ({ event }) => failureCode(event.error) }),
                    },
                  },
                  on: {
                    'queue.updated': {
                      target: '.waiting',
                      actions: assign({
                        queuePosition: ({ event }) => event.position,
                        estimatedWaitMinutes: ({ event }) => event.estimatedWaitMinutes,
                      }),
                    },
                    'queue.assigned': {
                      target: 'professionalReady',
                      actions: assign({ professional: ({ event }) => event.professional }),
                    },
                    'queue.failed': {
                      target: 'failed',
                      actions: assign({ failure: ({ event }) => event.error.code }),
                    },
                  },
                  states: { joining: {}, waiting: {} },
                },
                professionalReady: {
                  on: { 'patient.startCall': '#session.active.journey.consultation' },
                },
                failed: {
                  on: { 'patient.retry': 'queue' },
                },
              },
            },
            consultation: {
              id: 'consultation',
              initial: 'call',
              states: {
                call: {
                  id: 'call',
                  exit: 'restartInactivity',
                  initial: 'connecting',
                  entry: assign({
                    failure: null,
                    mediaMode: 'video',
                    professionalReceives: { audio: false, video: false },
                  }),
                  invoke: {
                    src: 'joinCall',
                    input: ({ context }) => ({ sessionId: context.sessionId }),
                    onError: {
                      target: 'failed',
                      actions: assign({ failure: ({ event }) => failureCode(event.error) }),
                    },
                  },
                  on: {
                    'call.receptionChanged': {
                      actions: assign({ professionalReceives: ({ event }) => event.reception }),
                    },
                    'call.documentReceived': {
                      actions: assign({
                        documents: ({ context, event }) => [
                          ...context.documents.filter((doc) => doc.id !== event.document.id),
                          event.document,
                        ],
                      }),
                    },
                    'call.ended': '#session.active.journey.documents',
                    'call.failed': [
                      {
                        // The platform lost the call for good: the patient is told someone comes, and someone does.
                        guard: ({ event }) => event.error.code === 'call.lost',
                        target: 'failed',
                        actions: [assign({ failure: 'call.lost' }), requestHelp],
                      },
                      { target: 'failed', actions: assign({ failure: ({ event }) => event.error.code }) },
                    ],
                  },
                  states: {
                    connecting: {
                      on: { 'call.connected': 'inCall' },
                      after: { reconnectWindow: 'soundOnly' },
                    },
                    // The link dropped: the video link restarts ICE; video and sound come back, or the
                    // call falls back to sound only.
                    reconnecting: {
                      on: { 'call.connected': 'inCall' },
                      after: { reconnectWindow: 'soundOnly' },
                    },
                    soundOnly: {
                      entry: assign({ mediaMode: 'audioOnly' }),
                      on: { 'call.connected': 'inCall' },
                      after: {
                        audioOnlyWindow: {
                          target: '#consultation.failed',
                          actions: [assign({ failure: 'call.lost' }), requestHelp],
                        },
                      },
                    },
                    inCall: {
                      on: {
                        'call.reconnecting': 'reconnecting',
                        'call.measurementRequested': {
                          target: 'measuring',
                          actions: assign({ requestedMeasurement: ({ event }) => event.kind }),
                        },
                      },
                    },
                    measuring: {
                      entry: assign({ progress: { stage: 'preparing' }, failure: null }),
                      exit: assign({ progress: null, requestedMeasurement: null }),
                      invoke: {
                        src: 'measure',
                        input: ({ context }) => ({ kind: context.requestedMeasurement ?? 'bloodPressure' }),
                        onError: {
                          target: 'inCall',
                          actions: assign({ failure: ({ event }) => failureCode(event.error) }),
                        },
                      },
                      on: {
                        'measurement.progressed': {
                          actions: assign({ progress: ({ event }) => event.progress }),
                        },
                        'measurement.taken': [
                          {
                            guard: ({ event }) => isPlausible(event.measurement),
                            target: 'inCall',
                            actions: [
                              {
                                type: 'shareMeasurement',
                                params: ({ context, event }) => ({
                                  sessionId: context.sessionId,
                                  measurement: event.measurement,
                                }),
                              },
                              assign({
                                measurements: ({ context, event }) =>
                                  keepLatest(context.measurements, event.measurement),
                              }),
                            ],
                          },
                          { target: 'inCall', actions: assign({ failure: 'measurement.implausible' }) },
                        ],
                        'measurement.failed': {
                          target: 'inCall',
                          actions: assign({ failure: ({ event }) => event.error.code }),
                        },
                        'patient.skip': 'inCall',
                        'call.reconnecting': 'reconnecting',
                      },
                    },
                  },
                },
                failed: {
                  on: { 'patient.retry': 'call' },
                },
              },
            },
            documents: {
              initial: 'checking',
              states: {
                checking: {
                  always: [
                    { guard: 'hasDocuments', target: 'review' },
                    { target: '#session.active.journey.payment' },
                  ],
                },
                review: {
                  on: {
                    'patient.setDmpOpposition': {
                      actions: assign({ dmpOpposed: ({ event }) => event.opposed }),
                    },
                    'patient.print': {
                      target: 'printing',
                      actions: {
                        type: 'recordDmpChoice',
                        params: ({ context }) => ({
                          sessionId: context.sessionId,
                          opposed: context.dmpOpposed,
                        }),
                      },
                    },
                  },
                },
                printing: {
                  id: 'printing',
                  exit: 'restartInactivity',
                  entry: assign({ failure: null }),
                  invoke: {
                    src: 'printDocuments',
                    input: ({ context }) => ({ sessionId: context.sessionId, documents: context.documents }),
                    onDone: [
                      {
                        guard: ({ event }) => event.output.ok,
                        target: 'printed',
                        actions: assign({
                          documentsPrinted: ({ event }) => (event.output.ok ? event.output.value.printed : 0),
                        }),
                      },
                      {
                        target: 'printFailed',
                        actions: assign({
                          failure: ({ event }) => (event.output.ok ? null : event.output.error.code),
                        }),
                      },
                    ],
                    onError: {
                      target: 'printFailed',
                      actions: assign({ failure: ({ event }) => failureCode(event.error) }),
                    },
                  },
                },
                printed: { on: { 'patient.next': '#session.active.journey.payment' } },
                printFailed: {
                  on: { 'patient.retry': 'printing', 'patient.skip': '#session.active.journey.payment' },
                },
              },
            },
            payment: {
              initial: 'checking',
              states: {
                checking: {
                  always: [{ guard: 'nothingToPay', target: '#goodbye' }, { target: 'confirm' }],
                },
                confirm: { on: { 'patient.pay': 'processing' } },
                processing: {
                  id: 'paying',
                  exit: 'restartInactivity',
                  entry: assign({ failure: null }),
                  invoke: {
                    src: 'takePayment',
                    input: ({ context }) => ({
                      sessionId: context.sessionId,
                      amountCents: context.cost?.amountDueTodayCents ?? 0,
                    }),
                    onDone: [
                      { guard: ({ event }) => event.output.ok, target: '#goodbye' },
                      {
                        target: 'failed',
                        actions: assign({
                          failure: ({ event }) => (event.output.ok ? null : event.output.error.code),
                        }),
                      },
                    ],
                    onError: {
                      target: 'failed',
                      actions: assign({ failure: ({ event }) => failureCode(event.error) }),
                    },
                  },
                },
                failed: { on: { 'patient.retry': 'processing' } },
              },
            },
            goodbye: {
              id: 'goodbye',
              after: { goodbye: '#session.completed' },
              on: {
                'patient.reportProblem': {
                  actions: [
                    assign({ problemReported: true }),
                    {
                      type: 'recordProblem',
                      params: ({ context, event }) => ({
                        sessionId: context.sessionId,
                        problem: event.problem,
                      }),
                    },
                  ],
                },
                'patient.finish': '#session.completed',
                // The consultation is over: leaving the goodbye screen completes the session, it does not cancel it.
                'patient.quit': '#session.completed',
              },
            },
          },
        },
        anywhere: {
          initial: 'listening',
          states: {
            listening: {
              on: {
                // The goodbye screen handles its own quit: the session is completed there.
                'patient.quit': { guard: not(stateIn('#goodbye')), target: '#session.cancelled' },
                'patient.setLocale': { actions: assign({ locale: ({ event }) => event.locale }) },
                'patient.setAccessibility': {
                  actions: assign({ accessibility: ({ event }) => event.accessibility }),
                },
                'card.presenceChanged': { actions: assign({ cardInReader: ({ event }) => event.present }) },
                // A second press while nobody has come yet calls no one twice: the attendant is already called.
                'patient.help': {
                  guard: ({ context }) => !context.helpRequested,
                  actions: requestHelp,
                },
              },
            },
          },
        },
        attention: {
          initial: 'attentive',
          states: {
            attentive: {
              // Restarts the countdown. Handled here, not on `attention`: a re-entering transition whose
              // source is a region of the parallel `active` state re-enters all of `active`, and the
              // journey would start again at the information screen on every touch.
              on: { 'attention.touched': { target: 'attentive', reenter: true } },
              after: {
                inactivity: [
                  { guard: 'patientIsExpectedToAct', target: 'askingStillThere' },
                  { target: 'attentive', reenter: true },
                ],
              },
            },
            askingStillThere: {
              after: {
                stillThereGrace: [
                  { guard: 'patientIsExpectedToAct', target: '#session.abandoned' },
                  { target: 'attentive' },
                ],
              },
              on: { 'patient.stillHere': 'attentive', 'attention.touched': 'attentive' },
            },
          },
          // Any touch of the patient proves presence and restarts the inactivity timer. The wildcard
          // transition has no target, so it never conflicts with the other regions' transitions.
          on: {
            'patient.*': { actions: raise({ type: 'attention.touched' }) },
          },
        },
      },
    },
    completed: { type: 'final', entry: assign({ outcome: 'completed' }) },
    cancelled: { type: 'final', entry: assign({ outcome: 'cancelled' }) },
    declined: { type: 'final', entry: assign({ outcome: 'declined' }) },
    abandoned: { type: 'final', entry: assign({ outcome: 'abandoned' }) },
    reset: { type: 'final', entry: assign({ outcome: 'reset' }) },
  },
});

// One slot per measurement kind, pending where a working device can take it.
function slotsFor(available: readonly MeasurementKind[]): MeasurementSlot[] {
  return (['bloodPressure', 'temperature', 'oxygenSaturation', 'weight'] as const).map((kind) => ({
    kind,
    status: available.includes(kind) ? 'pending' : 'unavailable',
  }));
}

/** The measurement the guided step is on: the first one still pending. */
export function currentKind(context: Pick<SessionContext, 'slots'>): MeasurementKind {
  return context.slots.find((slot) => slot.status === 'pending')?.kind ?? 'bloodPressure';
}

function markCurrent(status: 'done' | 'skipped') {
  return ({ context }: { context: SessionContext }): MeasurementSlot[] => {
    const kind = currentKind(context);
    return context.slots.map((slot) =>
      slot.kind === kind && slot.status === 'pending' ? { kind, status } : slot,
    );
  };
}

function keepLatest(measurements: readonly Measurement[], latest: Measurement | null): Measurement[] {
  if (latest === null) return [...measurements];
  return [...measurements.filter((m) => m.kind !== latest.kind), latest];
}
