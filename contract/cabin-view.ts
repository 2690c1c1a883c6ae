// What the renderer draws: a pure projection of the controller's state, pushed on every change.
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

/** The cabin's life outside a patient's session. */
export type CabinPhase = 'booting' | 'ready' | 'inSession' | 'cleaning' | 'maintenance' | 'outOfService';

/** A peripheral as the self-test and the attendant see it. */
export interface PeripheralStatus {
  readonly peripheral: 'cardReader' | 'printer' | 'paymentTerminal' | 'platform' | MeasurementKind;
  readonly state: 'ok' | 'absent' | 'faulty';
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
  /** Set after each session until an attendant marks the cabin cleaned; the cabin stays usable. */
  readonly needsCleaning: boolean;
  /** A patient asked for help and no attendant has acknowledged it yet. */
  readonly attendantCalled: boolean;
  /** A stable code saying why the cabin is out of service, for the attendant; null otherwise. */
  readonly outOfServiceReason: string | null;
  /** A card sits in the reader. Outside a session no session starts until it is taken back. */
  readonly cardInReader: boolean;
  readonly session: SessionView | null;
}

/** The patient's session: common settings plus the screen of the current step. */
export interface SessionView {
  readonly locale: Locale;
  readonly accessibility: Accessibility;
  /** The "are you still there?" prompt is shown; the session ends when it runs out. */
  readonly askingStillThere: boolean;
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

/** Step 3: consent and who is present; the version of the text shown is recorded with the answer. */
export interface ConsentScreen {
  readonly step: 'consent';
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

/** Step 4: Carte Vitale or typed details. */
export interface IdentificationScreen {
  readonly step: 'identification';
  readonly stage:
    'waitingForCard' | 'readingCard' | 'cardFailed' | 'choosingBeneficiary' | 'confirming' | 'manualEntry';
  readonly beneficiaries: readonly BeneficiaryChoice[];
  readonly identity: PatientIdentity | null;
  /** Why the card could not be used (`card.removed`, `card.unreadable`, …), when stage is cardFailed. */
  readonly failure: string | null;
  readonly invalidFields: readonly IdentityField[];
}

/** Step 5: booked appointment or next available professional, eligibility, care path, and the cost to accept. */
export interface AppointmentScreen {
  readonly step: 'appointment';
  readonly stage:
    | 'choosing'
    | 'enteringCode'
    | 'checkingCode'
    | 'choosingProfession'
    | 'eligibility'
    | 'notEligible'
    | 'carePath'
    | 'cost';
  readonly profession: Profession | null;
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

/** Step 7a: the waiting room, then the professional presented before the call. */
export interface WaitingRoomScreen {
  readonly step: 'waitingRoom';
  readonly stage: 'joining' | 'waiting' | 'professionalReady' | 'failed';
  readonly position: number | null;
  readonly estimatedWaitMinutes: number | null;
  readonly professional: ProfessionalCard | null;
  readonly failure: string | null;
  /** The camera and microphone check the patient does while waiting: not yet, seen and heard, or a problem. */
  readonly mediaCheck: 'pending' | 'passed' | 'problem';
}

/** Step 7b: the video consultation; the professional may ask for a measurement. */
export interface ConsultationScreen {
  readonly step: 'consultation';
  readonly stage: 'connecting' | 'inCall' | 'reconnecting' | 'measuring' | 'failed';
  readonly professional: ProfessionalCard;
  /** Video and sound, or sound only after the link could not carry video back within its window. */
  readonly mediaMode: 'video' | 'audioOnly';
  /** What the professional's side receives of the patient (the "they see and hear you" indicator). */
  readonly professionalReceives: { readonly audio: boolean; readonly video: boolean };
  readonly requestedMeasurement: MeasurementKind | null;
  readonly progress: MeasurementProgress | null;
  readonly documentsReceived: number;
  readonly failure: string | null;
}

/** Step 8: documents printed in the cabin, and sent to Mon espace santé unless the patient opposes it. */
export interface DocumentsScreen {
  readonly step: 'documents';
  readonly stage: 'review' | 'printing' | 'printed' | 'printFailed';
  readonly documents: readonly DocumentSummary[];
  readonly dmpOpposed: boolean;
  readonly failure: string | null;
}

/** Step 9: payment of the patient's share by bank card. */
export interface PaymentScreen {
  readonly step: 'payment';
  readonly stage: 'confirm' | 'processing' | 'failed';
  readonly cost: CostInformation;
  readonly failure: string | null;
}

/** Step 9b: goodbye: take your card and documents, report a problem. */
export interface GoodbyeScreen {
  readonly step: 'goodbye';
  /** The Carte Vitale is still in the reader: the screen keeps asking to take it back. */
  readonly cardInReader: boolean;
  readonly documentsPrinted: number;
  readonly problemReported: boolean;
}
