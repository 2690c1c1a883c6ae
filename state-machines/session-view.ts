// The projection of the machines' snapshots onto the CabinView the renderer draws. Pure, and typed on
// the machines' state values: a state added to a machine without its screen here does not compile, and
// a snapshot in a state that has no screen (a transient state, a finished session) throws.
import type { SnapshotFrom } from 'xstate';
import type {
  AppointmentScreen,
  CabinPhase,
  CabinView,
  ConsultationScreen,
  DocumentsScreen,
  IdentificationScreen,
  MeasurementsScreen,
  PaymentScreen,
  SessionView,
  PaymentAwaitingDecision,
  StaffView,
  StepName,
  StepScreen,
  SubtitlesView,
  WaitingRoomScreen,
} from '../contract';
import type { cabinMachine, CabinContext } from './cabin-machine';
import { ageBandOf, standardCost } from './cost';
import { bookedDirectAccess, currentKind, required, type SessionContext } from './session/context';
import type { sessionMachine } from './session/machine';
import { documentsPrintedCount } from './session/steps/documents';

type CabinSnapshot = SnapshotFrom<typeof cabinMachine>;
type SessionSnapshot = SnapshotFrom<typeof sessionMachine>;

/** The state value of the session's `journey` region: which step, and where in it. */
type JourneyValue = Extract<SessionSnapshot['value'], { active: unknown }>['active']['journey'];

/** The state value inside one step of the journey (the steps that have sub-states). */
type StepValue<TStep extends string> = Extract<JourneyValue, Record<TStep, unknown>>[TStep];

/** Which cabin phase a cabin snapshot is in. */
export function cabinPhaseOf(snapshot: CabinSnapshot): CabinPhase {
  const { value } = snapshot;
  if (typeof value === 'string') return value;
  if ('ready' in value) return 'ready';
  if ('cleaning' in value) return 'cleaning';
  return unknownState('cabin', value);
}

/** What the cabin's view takes from outside the machines: the staff, and when and where the help call began. */
export interface ViewOutside {
  readonly staff: StaffView;
  /** The pending help call as main/ recorded it: the step the patient was on, and since when (epoch ms). */
  readonly help: { readonly step: StepName; readonly since: number } | null;
  /** Card payments main/ holds for the attendant's decision; none when not given. */
  readonly payments?: readonly PaymentAwaitingDecision[];
  /** main/ has a working offline speech engine: the welcome screen offers subtitles. */
  readonly subtitlesOffered?: boolean;
  /** The running call's subtitles as main/ holds them; shown on the consultation screen when the patient asked. */
  readonly subtitles?: SubtitlesView | null;
}

/** Nothing from outside: no staff panel, no lock, PINs set, no help call recorded. */
export const NO_OUTSIDE: ViewOutside = {
  staff: { onScreen: null, locks: [], pinsNeeded: false },
  help: null,
};

/**
 * The whole view: the cabin's phase and peripherals, the session's screen when one runs, and from
 * `outside` the staff and the help call's step and start (the help call shows only while one waits).
 */
export function cabinViewOf(snapshot: CabinSnapshot, outside: ViewOutside = NO_OUTSIDE): CabinView {
  const context: CabinContext = snapshot.context;
  const phase = cabinPhaseOf(snapshot);
  const child = snapshot.children.session;
  const sessionSnapshot = phase === 'inSession' ? child?.getSnapshot() : undefined;
  const session = withSubtitles(
    sessionSnapshot?.status === 'active' ? sessionViewOf(sessionSnapshot) : null,
    outside.subtitlesOffered === true ? (outside.subtitles ?? NO_SUBTITLES_YET) : null,
  );
  return {
    phase,
    peripherals: context.peripherals,
    needsCleaning: context.needsCleaning,
    waitingForCleaning: waitsForCleaning(snapshot),
    attendantCalled: session?.helpRequested ?? false,
    helpCall:
      session?.helpRequested === true && outside.help !== null
        ? { ...outside.help, told: session.help?.told ?? ['attendant'] }
        : null,
    outOfServiceMessage: phase === 'outOfService' ? context.outOfServiceMessage : null,
    staff: outside.staff,
    outOfServiceReason: phase === 'outOfService' ? context.outOfServiceReason : null,
    cardInReader: context.cardInReader,
    paymentsAwaitingDecision: outside.payments ?? [],
    session,
    ...(outside.subtitlesOffered === true ? { subtitlesOffered: true } : {}),
  };
}

/** The subtitles of a call whose engine has heard nothing yet. */
const NO_SUBTITLES_YET: SubtitlesView = { lines: [], partial: '', fault: false };

/** The session's view with the call's subtitles on the consultation screen, when the patient asked for them. */
function withSubtitles(session: SessionView | null, subtitles: SubtitlesView | null): SessionView | null {
  if (session === null || subtitles === null) return session;
  if (session.screen.step !== 'consultation' || session.accessibility.subtitles !== true) return session;
  return { ...session, screen: { ...session.screen, subtitles } };
}

/** Whether the cabin is ready but refuses a session until it is cleaned (read on the state value). */
function waitsForCleaning(snapshot: CabinSnapshot): boolean {
  const { value } = snapshot;
  return typeof value === 'object' && 'ready' in value && value.ready === 'waitingForCleaning';
}

/** The session's view: common settings and the current step's screen; a finished session has none. */
export function sessionViewOf(snapshot: SessionSnapshot): SessionView {
  const { context, value } = snapshot;
  if (typeof value === 'string') throw new Error(`session view: a session ${value} has no screen`);
  const screen = screenOf(context, value.active.journey);
  return {
    locale: context.locale,
    accessibility: context.accessibility,
    askingStillThere: value.active.attention === 'askingStillThere',
    stillThereUntil: value.active.attention === 'askingStillThere' ? context.stillThereUntil : null,
    helpRequested: context.helpRequested,
    help:
      context.helpRequested || context.helpAnswered
        ? { told: context.helpTold, answered: context.helpAnswered }
        : null,
    canGoBack: canGoBackFrom(screen),
    screen,
  };
}

/** Whether the screen offers "back": the steps before the appointment is accepted, except while reading the card. */
export function canGoBackFrom(screen: StepScreen): boolean {
  switch (screen.step) {
    case 'information':
    case 'consent':
    case 'appointment':
      return true;
    case 'identification':
      return screen.stage !== 'readingCard';
    case 'measurements':
    case 'waitingRoom':
    case 'consultation':
    case 'documents':
    case 'payment':
    case 'goodbye':
      return false;
  }
}

function screenOf(context: SessionContext, journey: JourneyValue): StepScreen {
  if (typeof journey === 'string') {
    switch (journey) {
      case 'information':
        return {
          step: 'information',
          standardCost: standardCost(context.tariffs, context.thirdPartyPayment),
        };
      case 'goodbye':
        return {
          step: 'goodbye',
          cardInReader: context.cardInReader,
          documentsPrinted: documentsPrintedCount(context),
          problemReported: context.problemReported,
          payAtCounterCents: context.payAtCounterCents,
          closesAt: context.goodbyeUntil,
        };
    }
    return unknownState('journey', journey);
  }
  if ('consent' in journey) {
    return {
      step: 'consent',
      stage: journey.consent,
      consentTextVersion: context.consentTextVersions[context.locale],
    };
  }
  if ('identification' in journey) return identificationScreen(context, journey.identification);
  if ('appointment' in journey) {
    const { appointment } = journey;
    return appointmentScreen(
      context,
      appointment === 'routing' ? transientState('appointment', appointment) : appointment,
    );
  }
  if ('measurements' in journey) {
    const { measurements } = journey;
    return measurementsScreen(
      context,
      measurements === 'choosingNext' ? transientState('measurements', measurements) : measurements,
    );
  }
  if ('waitingRoom' in journey) return waitingRoomScreen(context, journey.waitingRoom);
  if ('consultation' in journey) return consultationScreen(context, journey.consultation);
  if ('documents' in journey) return documentsScreen(context, journey.documents);
  if ('payment' in journey) return paymentScreen(context, journey.payment);
  return unknownState('journey', journey);
}

function identificationScreen(
  context: SessionContext,
  value: StepValue<'identification'>,
): IdentificationScreen {
  const stage = typeof value === 'string' ? value : value.card;
  return {
    step: 'identification',
    stage,
    beneficiaries: context.beneficiaries.map((b, index) => ({
      index,
      firstName: b.firstName,
      surname: b.surname,
      birthDate: b.birthDate,
    })),
    identity: stage === 'confirming' ? context.identity : null,
    failure: stage === 'cardFailed' ? context.cardFailure : null,
    invalidFields: stage === 'manualEntry' ? context.invalidFields : [],
  };
}

function appointmentScreen(context: SessionContext, value: AppointmentScreen['stage']): AppointmentScreen {
  return {
    step: 'appointment',
    stage: value,
    profession: context.profession,
    nobodyOnlineKinds: value === 'choosingProfession' ? context.nobodyOnlineKinds : [],
    ageBand: ageBandOf(required(context.identity, 'identity').birthDate, context.startedAt),
    directAccess: bookedDirectAccess(context),
    failure: value === 'enteringCode' ? context.appointmentFailure : null,
    cost: value === 'cost' ? context.cost : null,
  };
}

function measurementsScreen(context: SessionContext, value: MeasurementsScreen['stage']): MeasurementsScreen {
  return {
    step: 'measurements',
    stage: value,
    slots: context.slots,
    current: currentKind(context),
    progress: value === 'measuring' ? context.progress : null,
    result: value === 'result' ? context.lastMeasurement : null,
    failure: value === 'failed' ? context.measurementFailure : null,
  };
}

function waitingRoomScreen(context: SessionContext, value: StepValue<'waitingRoom'>): WaitingRoomScreen {
  const stage = typeof value === 'string' ? value : value.queue;
  return {
    step: 'waitingRoom',
    stage,
    profession: context.profession,
    position: context.queuePosition,
    estimatedWaitMinutes: context.estimatedWaitMinutes,
    professionalsOnline: context.professionalsOnline,
    professionalsWentOffline: stage === 'nobodyOnline' && context.professionalsWentOffline,
    professional: stage === 'professionalReady' ? context.professional : null,
    failure: stage === 'failed' ? context.failure : null,
    mediaCheck: context.mediaCheck,
  };
}

function consultationScreen(context: SessionContext, value: StepValue<'consultation'>): ConsultationScreen {
  const call = typeof value === 'string' ? value : value.call;
  // Sound only is still the link coming back, as far as the patient is concerned; the mode says the rest.
  const stage = typeof call === 'object' ? 'measuring' : call === 'soundOnly' ? 'reconnecting' : call;
  const measurementStage =
    typeof call !== 'object'
      ? null
      : call.measurement === 'done'
        ? transientState('consultation', call.measurement)
        : call.measurement;
  return {
    step: 'consultation',
    stage,
    professional: required(context.professional, 'professional'),
    mediaMode: context.mediaMode,
    professionalReceives: context.professionalReceives,
    requestedMeasurement: stage === 'measuring' ? context.requestedMeasurement : null,
    measurementStage,
    progress: measurementStage === 'measuring' ? context.progress : null,
    measurementResult: measurementStage === 'result' ? context.lastMeasurement : null,
    documentsReceived: context.documents.length,
    conversation: context.conversation,
    conversationWanted: context.accessibility.writtenConversation === true,
    instrument: context.instrument,
    failure:
      measurementStage === 'failed'
        ? context.measurementFailure
        : stage === 'inCall' || stage === 'failed'
          ? context.failure
          : null,
  };
}

function documentsScreen(context: SessionContext, value: StepValue<'documents'>): DocumentsScreen {
  return {
    step: 'documents',
    stage: value,
    documents: context.documents,
    progress: context.documents.map((document) => ({
      id: document.id,
      status: context.printStatus[document.id] ?? 'waiting',
    })),
    dmpOpposed: context.dmpOpposed,
    failure: value === 'printFailed' ? context.failure : null,
  };
}

function paymentScreen(context: SessionContext, value: StepValue<'payment'>): PaymentScreen {
  return {
    step: 'payment',
    stage: value,
    cost: required(context.cost, 'cost'),
    amountCents: required(context.acceptedAmountCents, 'accepted amount'),
    failure: value === 'failed' ? context.failure : null,
  };
}

// A state the machine passes through without stopping: a snapshot at rest in it is a bug.
function transientState(step: string, state: string): never {
  throw new Error(`session view: ${step}.${state} is transient and has no screen`);
}

// A state value the types say cannot be: a machine changed without its projection.
function unknownState(machine: string, value: never): never {
  throw new Error(`${machine} view: no screen for the state ${JSON.stringify(value)}`);
}
