// What the renderer draws: a pure projection of the controller's state, pushed on every change.
import type { AgeBand } from './cover';
import type { PaymentAwaitingDecision, StaffView } from './staff';
import type { SubtitlesView } from './subtitles';
import type {
  Accessibility,
  CostInformation,
  DocumentSummary,
  Locale,
  MeasurementKind,
  MeasurementProgress,
  Measurement,
  PatientIdentity,
  Profession,
  ProfessionalCard,
} from './domain';
import type { InstrumentKind, InstrumentUse } from './instrument';
import type { ChatAuthor } from './platform-protocol';

/** The cabin's life outside a patient's session. */
export type CabinPhase = 'booting' | 'ready' | 'inSession' | 'cleaning' | 'maintenance' | 'outOfService';

/** A peripheral as the self-test and the attendant see it. */
export interface PeripheralStatus {
  readonly peripheral:
    'cardReader' | 'printer' | 'paymentTerminal' | 'platform' | MeasurementKind | InstrumentKind;
  readonly state: 'ok' | 'absent' | 'faulty';
  /**
   * A warning for the attendant that does not stop the peripheral: the printer's paper running low, a
   * device's verification due within `CALIBRATION_WARNING_DAYS` (`dueAt` says when).
   */
  readonly notice?: 'lowPaper' | 'calibrationDueSoon';
  /**
   * Why a peripheral is out of the journey when not `ok`: the device's own fault code (`device.timeout`,
   * …) or its register (`calibration.failed`, `calibration.overdue`).
   */
  readonly reason?: string;
  /** The device's next verification due date (epoch ms), when the register has one. */
  readonly dueAt?: number;
}

/** Who a help call has reached: the attendant (the cabin's panel and attendant page), the operator's support, the professional in the call. */
export type HelpAudience = 'attendant' | 'support' | 'professional';

/** The patient's help call as the screens show it: who was told, and whether someone answered it. */
export interface HelpCallView {
  /** Always starts with `attendant`; `support` and `professional` once the platform confirmed it told them. */
  readonly told: readonly HelpAudience[];
  /** Someone answered (the attendant, the support or the professional): the banner goes away. */
  readonly answered: boolean;
}

/** The whole cabin as the screens see it. */
export interface CabinView {
  readonly phase: CabinPhase;
  readonly peripherals: readonly PeripheralStatus[];
  /** Set after each session until an attendant marks the cabin cleaned (the attendant's reminder). */
  readonly needsCleaning: boolean;
  /**
   * The welcome screen refuses to start a session: the last one has just ended and the cabin waits for
   * the attendant to clean it, or for the configured time (`cleaning.maxWaitMs`) to pass.
   */
  readonly waitingForCleaning: boolean;
  /** A patient asked for help and no attendant has acknowledged it yet. */
  readonly attendantCalled: boolean;
  /** The patient's help call for the staff: the step it came from, since when, who was told; null when none waits. */
  readonly helpCall: {
    readonly step: StepName;
    readonly since: number;
    readonly told: readonly HelpAudience[];
  } | null;
  /** The attendant's words for the welcome screen while out of service; null for the usual words. */
  readonly outOfServiceMessage: string | null;
  /** The staff as the screens may know it: whose panel is open, locked roles, PINs still to choose. */
  readonly staff: StaffView;
  /** A stable code saying why the cabin is out of service, for the attendant; null otherwise. */
  readonly outOfServiceReason: string | null;
  /** A card sits in the reader. Outside a session no session starts until it is taken back. */
  readonly cardInReader: boolean;
  /** Card payments waiting for the attendant's decision, oldest first (no patient data). */
  readonly paymentsAwaitingDecision: readonly PaymentAwaitingDecision[];
  readonly session: SessionView | null;
  /**
   * The cabin has a working offline speech engine: the welcome screen offers live subtitles. Absent
   * or false: the choice is not offered.
   */
  readonly subtitlesOffered?: boolean;
}

/** The patient's session: common settings plus the screen of the current step. */
export interface SessionView {
  readonly locale: Locale;
  readonly accessibility: Accessibility;
  /** The "are you still there?" prompt is shown; the session ends when it runs out. */
  readonly askingStillThere: boolean;
  /**
   * While the prompt is shown: when it ends the session, in epoch ms on the cabin's clock (the screen
   * counts the seconds down on its own clock); null otherwise, or when the cabin does not know.
   */
  readonly stillThereUntil: number | null;
  /** A help call waits for an answer (`help` is set and not answered). */
  readonly helpRequested: boolean;
  /** The last help call of the session, until the patient cancels it; null when there is none. */
  readonly help: HelpCallView | null;
  readonly canGoBack: boolean;
  readonly screen: StepScreen;
}

/** The journey steps of PRODUCT.md after the welcome screen, in order. */
export type StepName = StepScreen['step'];

/** The screen of one step, with only the data that screen needs. */
export type StepScreen =
  | InformationScreen
  | ConsentScreen
  | IdentificationScreen
  | AppointmentScreen
  | MeasurementsScreen
  | WaitingRoomScreen
  | ConsultationScreen
  | DocumentsScreen
  | PaymentScreen
  | GoodbyeScreen;

/** Step 2: what a teleconsultation is, who sees what, and the standard cost, before any acceptance. */
export interface InformationScreen {
  readonly step: 'information';
  readonly standardCost: CostInformation;
}

/**
 * Step 3: consent and who is present; the version of the text in the language shown is recorded with
 * the answer. A refusal is asked again (`confirmingRefusal`, with what the patient can do instead).
 */
export interface ConsentScreen {
  readonly step: 'consent';
  readonly stage: 'asking' | 'confirmingRefusal';
  readonly consentTextVersion: string;
}

/** A beneficiary as the choice list shows it (no NIR on screen). */
export interface BeneficiaryChoice {
  readonly index: number;
  readonly firstName: string;
  readonly surname: string;
  readonly birthDate: string;
}

/** Field names of the manual identity form, used to point at invalid fields. */
export type IdentityField = 'surname' | 'firstName' | 'birthDate' | 'nir';

/** Every reason a typed identity field is refused, each with its own message on the screen. */
export const IDENTITY_PROBLEMS = [
  // Any field left empty (the NIR may be: it is optional).
  'empty',
  // Names: longer than NAME_MAX_LENGTH; a digit; a letter French civil status does not write (other
  // scripts, ñ, ø…); another sign (@, /, …); a hyphen or apostrophe at either end; two in a row.
  'tooLong',
  'digit',
  'letterNotAllowed',
  'symbol',
  'separatorAtEdge',
  'separatorsTogether',
  // Birth date: not a calendar date; after today; before 1900.
  'notADate',
  'inFuture',
  'before1900',
  // NIR: fewer or more than 15 characters; a letter where a digit is expected (only 2A / 2B, the
  // Corsican départements, have letters); a first digit no NIR has; a key that does not match.
  'nirTooShort',
  'nirTooLong',
  'nirLetter',
  'nirFirstDigit',
  'nirWrongKey',
] as const;

/** Why a typed identity field was refused. */
export type IdentityProblem = (typeof IDENTITY_PROBLEMS)[number];

/** One refused field of the manual identity form: why, and how many characters it had (for "12 of 15"). */
export interface InvalidField {
  readonly field: IdentityField;
  readonly problem: IdentityProblem;
  readonly length: number;
}

/**
 * Step 4: Carte Vitale or typed details. `parentNeeded`: the patient is under 16 and no parent or
 * guardian was said to be present; the attendant is called and the journey waits for a parent.
 */
export interface IdentificationScreen {
  readonly step: 'identification';
  readonly stage:
    | 'waitingForCard'
    | 'readingCard'
    | 'cardFailed'
    | 'choosingBeneficiary'
    | 'confirming'
    | 'manualEntry'
    | 'parentNeeded';
  readonly beneficiaries: readonly BeneficiaryChoice[];
  readonly identity: PatientIdentity | null;
  /** Why the card could not be used (`card.removed`, `card.unreadable`, …), when stage is cardFailed. */
  readonly failure: string | null;
  /** The fields to correct, in the form's order, each with its reason; empty outside manualEntry. */
  readonly invalidFields: readonly InvalidField[];
}

/**
 * Step 5: booked appointment or next available professional, eligibility, care path, and the cost to
 * accept. `checkingPresence`: the cabin asks who of the chosen kind is online; `nobodyOnline`: nobody,
 * said before any question, with the ways out (another kind, an appointment code, leaving).
 */
export interface AppointmentScreen {
  readonly step: 'appointment';
  readonly stage:
    | 'choosing'
    | 'enteringCode'
    | 'checkingCode'
    | 'choosingProfession'
    | 'checkingPresence'
    | 'nobodyOnline'
    | 'eligibility'
    | 'notEligible'
    | 'carePath'
    | 'cost';
  readonly profession: Profession | null;
  /** In `choosingProfession`: the kinds nobody of is online now, as the platform said (still choosable). */
  readonly nobodyOnlineKinds: readonly Profession[];
  /** The patient's age band on the session's date, which decides the cover questions asked. */
  readonly ageBand: AgeBand;
  /** The booked professional is a direct-access specialist: no médecin-traitant question is asked. */
  readonly directAccess: boolean;
  /** Why the code was refused (`appointment.unknownCode`, …), shown on the code screen. */
  readonly failure: string | null;
  readonly cost: CostInformation | null;
}

/** How one measurement of the guided list went. */
export interface MeasurementSlot {
  readonly kind: MeasurementKind;
  readonly status: 'pending' | 'done' | 'skipped' | 'unavailable';
}

/** Step 6: measurements guided one by one, each skippable. */
export interface MeasurementsScreen {
  readonly step: 'measurements';
  readonly stage: 'instructions' | 'measuring' | 'result' | 'failed';
  readonly slots: readonly MeasurementSlot[];
  readonly current: MeasurementKind;
  readonly progress: MeasurementProgress | null;
  readonly result: Measurement | null;
  /** Why the measurement was refused (`measurement.implausible`, `device.unplugged`, …). */
  readonly failure: string | null;
}

/**
 * Step 7a: the waiting room, then the professional presented before the call. `nobodyOnline`: no
 * professional of the kind is connected (at once, or the last one left while the patient waited); the
 * patient may choose another kind, give an appointment code, leave, or stay in case one comes.
 */
export interface WaitingRoomScreen {
  readonly step: 'waitingRoom';
  readonly stage: 'joining' | 'waiting' | 'nobodyOnline' | 'professionalReady' | 'failed';
  /** The kind of professional the patient waits for. */
  readonly profession: Profession | null;
  /** 1 = the patient is next. */
  readonly position: number | null;
  /** Null when nobody can say (nobody online, or not told yet). */
  readonly estimatedWaitMinutes: number | null;
  /** Professionals of the kind connected now, as the platform last said; null before it said. */
  readonly professionalsOnline: number | null;
  /** In `nobodyOnline`: the last professional of the kind went offline while the patient waited. */
  readonly professionalsWentOffline: boolean;
  readonly professional: ProfessionalCard | null;
  readonly failure: string | null;
  /** The camera and microphone check the patient does while waiting: not yet, seen and heard, or a problem. */
  readonly mediaCheck: 'pending' | 'passed' | 'problem';
}

/**
 * Step 7b: the video consultation; the professional may ask for a measurement (stage `measuring`,
 * the call going on beside it), which goes from its instructions to the patient's start, its progress,
 * then its result or its failure (`measurementStage`).
 */
export interface ConsultationScreen {
  readonly step: 'consultation';
  readonly stage: 'connecting' | 'inCall' | 'reconnecting' | 'measuring' | 'failed';
  readonly professional: ProfessionalCard;
  /** Video and sound, or sound only after the link could not carry video back within its window. */
  readonly mediaMode: 'video' | 'audioOnly';
  /** What the professional's side receives of the patient (the "they see and hear you" indicator). */
  readonly professionalReceives: { readonly audio: boolean; readonly video: boolean };
  readonly requestedMeasurement: MeasurementKind | null;
  /** Where the requested measurement is, in stage `measuring`; null otherwise. */
  readonly measurementStage: 'instructions' | 'measuring' | 'result' | 'failed' | null;
  readonly progress: MeasurementProgress | null;
  /** The requested measurement's values, in its `result`. */
  readonly measurementResult: Measurement | null;
  readonly documentsReceived: number;
  /** The live subtitles, when the patient asked for them and the cabin has an engine; absent otherwise. */
  readonly subtitles?: SubtitlesView;
  /** Why the call failed, or (stage `measuring`, its `failed`) why the measurement did not work. */
  readonly failure: string | null;
  /**
   * The written conversation of this call, in order (absent: none, as from an older controller). Patient
   * data: in memory for the call only, gone from the view when the call ends.
   */
  readonly conversation?: readonly ConversationMessage[];
  /** The patient asked for the written conversation at the start: the screen opens it by itself. */
  readonly conversationWanted?: boolean;
  /**
   * The examination instrument the professional asked for, while it starts, is on, or after it failed
   * (until the patient closes the message); null or absent when none.
   */
  readonly instrument?: InstrumentUse | null;
}

/** One message of the call's written conversation, as the cabin shows it: who wrote it, and what. */
export interface ConversationMessage {
  readonly from: ChatAuthor;
  readonly text: string;
}

/** Step 8: documents printed in the cabin, and sent to Mon espace santé unless the patient opposes it. */
export interface DocumentsScreen {
  readonly step: 'documents';
  readonly stage: 'review' | 'printing' | 'printed' | 'printFailed';
  readonly documents: readonly DocumentSummary[];
  /** Where each document is in the printing, in the order of `documents`. */
  readonly progress: readonly DocumentPrintProgress[];
  readonly dmpOpposed: boolean;
  readonly failure: string | null;
}

/** Where one document is in the printing: not yet, on its way, out of the printer, or failed. */
export type DocumentPrintStatus = 'waiting' | 'printing' | 'printed' | 'failed';

/** One document's place in the printing, as the documents screen shows it. */
export interface DocumentPrintProgress {
  readonly id: string;
  readonly status: DocumentPrintStatus;
}

/** Step 9: payment of the patient's share by bank card. */
export interface PaymentScreen {
  readonly step: 'payment';
  readonly stage: 'confirm' | 'processing' | 'failed';
  readonly cost: CostInformation;
  /** What is asked of the card: the amount due today of the cost screen the patient accepted. */
  readonly amountCents: number;
  /**
   * Why the payment failed (`failed` stage): a `payment.*` code of devices/payment-terminal.ts, or
   * `payment.notApproved` (the answer was lost, the terminal then said no money moved),
   * `payment.awaitingAttendant` (the terminal cannot say whether a payment went through: the attendant
   * checks it, no new card payment until then), `payment.notRecorded` (the cabin could not record it).
   */
  readonly failure: string | null;
}

/** Step 9b: goodbye: take your card and documents, report a problem. */
export interface GoodbyeScreen {
  readonly step: 'goodbye';
  /** The Carte Vitale is still in the reader: the screen keeps asking to take it back. */
  readonly cardInReader: boolean;
  readonly documentsPrinted: number;
  readonly problemReported: boolean;
  /** The patient chose to pay this amount at the counter (the screen reminds them); null otherwise. */
  readonly payAtCounterCents: number | null;
  /**
   * When the screen closes by itself (epoch ms on the cabin's clock), so that it can be announced and
   * more time asked for (`patient.stillHere`); null or absent when unknown.
   */
  readonly closesAt?: number | null;
}
