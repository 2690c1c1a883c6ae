// The session's memory: what the cabin gives a new session, what the session remembers while it runs
// (patient data, in memory only), and the small pure rules that read or update it.
import type {
  Accessibility,
  CarePathAnswers,
  ConsentRecord,
  ConversationMessage,
  CostInformation,
  DocumentPrintStatus,
  DocumentSummary,
  HelpAudience,
  InstrumentUse,
  InvalidField,
  Locale,
  Measurement,
  MeasurementKind,
  MeasurementProgress,
  MeasurementSlot,
  MediaReception,
  PatientIdentity,
  Profession,
  ProfessionalCard,
  SessionOutcome,
} from '../../contract';
import { isDirectAccess, MEASUREMENT_KINDS, type DirectAccessSpecialty } from '../../contract';
import { ageOn, type TariffTable, type ThirdPartyPaymentPolicy } from '../cost';

/** What the cabin gives a new session. */
export interface SessionInput {
  readonly sessionId: string;
  readonly locale: Locale;
  readonly accessibility: Accessibility;
  /** Measurements that a present, working device can take now. */
  readonly availableKinds: readonly MeasurementKind[];
  /** The version of the consent text in each language; the one the patient read is recorded. */
  readonly consentTextVersions: Readonly<Record<Locale, string>>;
  readonly tariffs: TariffTable;
  /** The tiers payant the operator offers; `legalCases` when not given. */
  readonly thirdPartyPayment?: ThirdPartyPaymentPolicy;
  /** Whether a card sat in the reader when the session started. */
  readonly cardInReader: boolean;
  /** When the session started (epoch ms, from the cabin's clock); birth dates are checked against it. */
  readonly startedAt: number;
}

/** The session's memory. It holds patient data and exists only as long as the session actor. */
export interface SessionContext extends SessionInput {
  readonly outcome: SessionOutcome | null;
  /** A help call waits for an answer. */
  readonly helpRequested: boolean;
  /** Who the current or last help call reached (empty when none, or after the patient cancelled it). */
  readonly helpTold: readonly HelpAudience[];
  /** The last help call was answered (by the attendant, the support or the professional). */
  readonly helpAnswered: boolean;
  readonly consent: ConsentRecord | null;
  readonly beneficiaries: readonly PatientIdentity[];
  readonly identity: PatientIdentity | null;
  readonly cardFailure: string | null;
  readonly invalidFields: readonly InvalidField[];
  readonly appointmentCode: string | null;
  readonly appointmentFailure: string | null;
  /** The direct-access specialty of the professional booked with the appointment code, if any. */
  readonly bookedSpecialty: DirectAccessSpecialty | null;
  readonly profession: Profession | null;
  /** The kinds of professional the platform said nobody of is online, while the patient chooses. */
  readonly nobodyOnlineKinds: readonly Profession[];
  readonly carePath: CarePathAnswers | null;
  readonly cost: CostInformation | null;
  /**
   * The amount due today on the cost screen the patient accepted, recorded at the acceptance: the
   * payment asks for exactly this, never a figure computed again (null until a cost is accepted).
   */
  readonly acceptedAmountCents: number | null;
  /** The amount the patient chose to pay at the counter (the goodbye screen says so); null otherwise. */
  readonly payAtCounterCents: number | null;
  readonly slots: readonly MeasurementSlot[];
  readonly progress: MeasurementProgress | null;
  readonly lastMeasurement: Measurement | null;
  readonly measurementFailure: string | null;
  readonly measurements: readonly Measurement[];
  readonly queuePosition: number | null;
  readonly estimatedWaitMinutes: number | null;
  /** Professionals of the kind online, as the platform last said; null before it said. */
  readonly professionalsOnline: number | null;
  /** The last professional of the kind went offline while the patient waited (not "none at the start"). */
  readonly professionalsWentOffline: boolean;
  readonly professional: ProfessionalCard | null;
  readonly requestedMeasurement: MeasurementKind | null;
  /** Another measurement the professional asked for while one was being taken: it comes next. */
  readonly nextMeasurement: MeasurementKind | null;
  readonly mediaCheck: 'pending' | 'passed' | 'problem';
  readonly mediaMode: 'video' | 'audioOnly';
  readonly professionalReceives: MediaReception;
  readonly documents: readonly DocumentSummary[];
  /** The written conversation of the call in progress: in memory for the call only, never logged. */
  readonly conversation: readonly ConversationMessage[];
  /**
   * The examination instrument the professional asked for in the call in progress (starting, on, or
   * failed until the patient closes the message); null when none. Gone when the call ends or fails.
   */
  readonly instrument: InstrumentUse | null;
  readonly dmpOpposed: boolean;
  /** Each document's place in the printing, by document id; a document not in it waits. */
  readonly printStatus: Readonly<Record<string, DocumentPrintStatus>>;
  readonly failure: string | null;
  readonly problemReported: boolean;
  /**
   * While "are you still there?" is asked: when it ends the session (epoch ms on the cabin's clock),
   * noted by the `noteStillThereDeadline` action; null otherwise, or when nothing provided that action.
   */
  readonly stillThereUntil: number | null;
  /** On the goodbye screen: when it closes by itself, noted by `noteGoodbyeDeadline`; null otherwise. */
  readonly goodbyeUntil: number | null;
}

/** What the session tells the cabin when it ends. */
export interface SessionOutput {
  readonly sessionId: string;
  readonly outcome: SessionOutcome;
}

/** The fields that hold the code of a failure shown on a screen (null when none is shown). */
export type FailureField = 'failure' | 'cardFailure' | 'appointmentFailure' | 'measurementFailure';

/** The memory of a session that has just started: nothing known of the patient yet. */
export function initialContext(input: SessionInput): SessionContext {
  return {
    ...input,
    outcome: null,
    helpRequested: false,
    helpTold: [],
    helpAnswered: false,
    consent: null,
    beneficiaries: [],
    identity: null,
    cardFailure: null,
    invalidFields: [],
    appointmentCode: null,
    appointmentFailure: null,
    bookedSpecialty: null,
    profession: null,
    nobodyOnlineKinds: [],
    carePath: null,
    cost: null,
    acceptedAmountCents: null,
    payAtCounterCents: null,
    slots: slotsFor(input.availableKinds),
    progress: null,
    lastMeasurement: null,
    measurementFailure: null,
    measurements: [],
    queuePosition: null,
    estimatedWaitMinutes: null,
    professionalsOnline: null,
    professionalsWentOffline: false,
    professional: null,
    requestedMeasurement: null,
    nextMeasurement: null,
    mediaCheck: 'pending',
    mediaMode: 'video',
    professionalReceives: { audio: false, video: false },
    documents: [],
    conversation: [],
    instrument: null,
    dmpOpposed: false,
    printStatus: {},
    failure: null,
    problemReported: false,
    stillThereUntil: null,
    goodbyeUntil: null,
  };
}

/**
 * A value that the journey has set by the time it is read (the identity in the waiting room, the cost
 * at the payment): its absence is a bug in the machine, so it throws instead of guessing a default.
 */
export function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`state machine bug: no ${what} at this point`);
  return value;
}

// One slot per measurement kind, pending where a working device can take it.
function slotsFor(available: readonly MeasurementKind[]): MeasurementSlot[] {
  return MEASUREMENT_KINDS.map((kind) => ({
    kind,
    status: available.includes(kind) ? 'pending' : 'unavailable',
  }));
}

/**
 * The measurement the guided step is on: the first one still pending. The step is left as soon as
 * none is pending, so asking for it then is a bug.
 */
export function currentKind(context: Pick<SessionContext, 'slots'>): MeasurementKind {
  return required(
    context.slots.find((slot) => slot.status === 'pending'),
    'pending measurement',
  ).kind;
}

/** The slots with the current measurement marked done or skipped. */
export function markCurrent(
  context: Pick<SessionContext, 'slots'>,
  status: 'done' | 'skipped',
): MeasurementSlot[] {
  const kind = currentKind(context);
  return context.slots.map((slot) =>
    slot.kind === kind && slot.status === 'pending' ? { kind, status } : slot,
  );
}

/** The measurements to send to the professional: the latest of each kind. */
export function keepLatest(measurements: readonly Measurement[], latest: Measurement): Measurement[] {
  return [...measurements.filter((m) => m.kind !== latest.kind), latest];
}

/**
 * True when the booked professional is a direct-access specialist for this patient on the session's
 * date: the médecin-traitant questions are not asked and do not decide the cover.
 */
export function bookedDirectAccess(
  context: Pick<SessionContext, 'bookedSpecialty' | 'identity' | 'startedAt'>,
): boolean {
  if (context.bookedSpecialty === null) return false;
  const age = ageOn(required(context.identity, 'identity').birthDate, context.startedAt);
  return isDirectAccess(context.bookedSpecialty, age);
}
