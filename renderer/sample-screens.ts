// Sample views of every step and stage, for the screen tests and for previews without a controller.
// The table type below makes a stage added to the contract a type error here until it has a sample.
import type { CabinView, ConsultationScreen, SessionView, StepScreen } from '../contract/cabin-view';
import type { CostInformation, ProfessionalCard } from '../contract/domain';

type StageOf<S> = S extends { readonly stage: infer T } ? T : never;

/** One sample per step, and per stage for the steps that have stages. */
export type SampleTable = {
  readonly [S in StepScreen as S['step']]: [StageOf<S>] extends [never]
    ? S
    : { readonly [T in StageOf<S> & string]: S & { readonly stage: T } };
};

/**
 * The standard doctor's téléconsultation: 25 € reimbursed at 70 % less the 2 € participation forfaitaire
 * (15,50 €), 7,50 € a mutuelle may pay, all paid today without tiers payant.
 */
export const SAMPLE_COST: CostInformation = {
  profession: 'doctor',
  feeCents: 2500,
  deduction: 'participationForfaitaire',
  cover: {
    reimbursed: true,
    reimbursedPercent: 70,
    deductionCents: 200,
    assuranceMaladieCents: 1550,
    complementaryCents: 750,
    patientShareCents: 950,
    thirdPartyPayment: false,
    amountDueTodayCents: 2500,
  },
  otherwise: null,
  solidarityCover: false,
  amountDueTodayCents: 2500,
};

/** A made-up professional (the RPPS number is not a real one). */
export const SAMPLE_PROFESSIONAL: ProfessionalCard = {
  civility: 'Dr',
  name: 'Claire Martin',
  profession: 'doctor',
  specialty: 'Médecine générale',
  rpps: '10000000000',
  address: '1 rue de la Paix, 75002 Paris',
};

const identification = {
  step: 'identification',
  beneficiaries: [
    { index: 0, firstName: 'Jeanne', surname: 'Dupont', birthDate: '1950-03-12' },
    { index: 1, firstName: 'Lucas', surname: 'Dupont', birthDate: '2012-11-02' },
  ],
  identity: null,
  failure: null,
  invalidFields: [],
} as const;

const appointment = {
  step: 'appointment',
  profession: null,
  nobodyOnlineKinds: [],
  ageBand: 'adult',
  directAccess: false,
  failure: null,
  cost: null,
} as const;

const measurements = {
  step: 'measurements',
  slots: [
    { kind: 'bloodPressure', status: 'done' },
    { kind: 'temperature', status: 'pending' },
    { kind: 'oxygenSaturation', status: 'pending' },
    { kind: 'weight', status: 'unavailable' },
  ],
  current: 'temperature',
  progress: null,
  result: null,
  failure: null,
} as const;

const waitingRoom = {
  step: 'waitingRoom',
  profession: 'doctor',
  position: null,
  estimatedWaitMinutes: null,
  professionalsOnline: null,
  professionalsWentOffline: false,
  professional: null,
  failure: null,
  mediaCheck: 'pending',
} as const;

const consultation = {
  step: 'consultation',
  professional: SAMPLE_PROFESSIONAL,
  mediaMode: 'video',
  professionalReceives: { audio: false, video: false },
  requestedMeasurement: null,
  measurementStage: null,
  progress: null,
  measurementResult: null,
  documentsReceived: 0,
  failure: null,
} as const;

const documents = {
  step: 'documents',
  documents: [
    { id: 'doc-1', kind: 'prescription', title: 'Ordonnance', pages: 1 },
    { id: 'doc-2', kind: 'sickLeave', title: 'Arrêt de travail', pages: 2 },
  ],
  progress: [
    { id: 'doc-1', status: 'waiting' },
    { id: 'doc-2', status: 'waiting' },
  ],
  dmpOpposed: false,
  failure: null,
} as const;

/** A sample of every step and stage, with plausible data. */
export const SAMPLE_SCREENS: SampleTable = {
  information: { step: 'information', standardCost: SAMPLE_COST },
  consent: {
    asking: { step: 'consent', stage: 'asking', consentTextVersion: 'fr-2026-12' },
    confirmingRefusal: { step: 'consent', stage: 'confirmingRefusal', consentTextVersion: 'fr-2026-12' },
  },
  identification: {
    waitingForCard: { ...identification, stage: 'waitingForCard' },
    readingCard: { ...identification, stage: 'readingCard' },
    cardFailed: { ...identification, stage: 'cardFailed', failure: 'card.unreadable' },
    choosingBeneficiary: { ...identification, stage: 'choosingBeneficiary' },
    confirming: {
      ...identification,
      stage: 'confirming',
      identity: {
        surname: 'Dupont',
        firstName: 'Jeanne',
        birthDate: '1950-03-12',
        nir: null,
        source: 'card',
      },
    },
    manualEntry: { ...identification, stage: 'manualEntry', beneficiaries: [] },
    parentNeeded: { ...identification, stage: 'parentNeeded' },
  },
  appointment: {
    choosing: { ...appointment, stage: 'choosing' },
    enteringCode: { ...appointment, stage: 'enteringCode' },
    checkingCode: { ...appointment, stage: 'checkingCode' },
    choosingProfession: { ...appointment, stage: 'choosingProfession', nobodyOnlineKinds: ['dentist'] },
    checkingPresence: { ...appointment, stage: 'checkingPresence', profession: 'dentist' },
    nobodyOnline: { ...appointment, stage: 'nobodyOnline', profession: 'dentist' },
    eligibility: { ...appointment, stage: 'eligibility', profession: 'physiotherapist' },
    notEligible: { ...appointment, stage: 'notEligible', profession: 'physiotherapist' },
    carePath: { ...appointment, stage: 'carePath', profession: 'doctor' },
    cost: { ...appointment, stage: 'cost', profession: 'doctor', cost: SAMPLE_COST },
  },
  measurements: {
    instructions: { ...measurements, stage: 'instructions' },
    measuring: {
      ...measurements,
      stage: 'measuring',
      current: 'bloodPressure',
      progress: { stage: 'inflating', cuffPressureMmHg: 142 },
    },
    result: {
      ...measurements,
      stage: 'result',
      current: 'bloodPressure',
      result: {
        kind: 'bloodPressure',
        quantities: [
          { name: 'systolic', value: 128, unit: 'mmHg' },
          { name: 'diastolic', value: 82, unit: 'mmHg' },
          { name: 'pulse', value: 71, unit: 'bpm' },
        ],
        takenAt: 0,
      },
    },
    failed: {
      ...measurements,
      stage: 'failed',
      failure: 'measurement.noFinger',
      current: 'oxygenSaturation',
    },
  },
  waitingRoom: {
    joining: { ...waitingRoom, stage: 'joining' },
    waiting: {
      ...waitingRoom,
      stage: 'waiting',
      position: 3,
      estimatedWaitMinutes: 12,
      professionalsOnline: 2,
    },
    nobodyOnline: {
      ...waitingRoom,
      stage: 'nobodyOnline',
      profession: 'dentist',
      position: 1,
      professionalsOnline: 0,
    },
    professionalReady: {
      ...waitingRoom,
      stage: 'professionalReady',
      professional: SAMPLE_PROFESSIONAL,
      mediaCheck: 'passed',
    },
    failed: { ...waitingRoom, stage: 'failed', failure: 'queue.failed' },
  },
  consultation: {
    connecting: { ...consultation, stage: 'connecting' },
    inCall: {
      ...consultation,
      stage: 'inCall',
      documentsReceived: 1,
      professionalReceives: { audio: true, video: true },
    },
    reconnecting: {
      ...consultation,
      stage: 'reconnecting',
      professionalReceives: { audio: true, video: true },
    },
    measuring: {
      ...consultation,
      stage: 'measuring',
      professionalReceives: { audio: true, video: true },
      requestedMeasurement: 'bloodPressure',
      measurementStage: 'measuring',
      progress: { stage: 'deflating', cuffPressureMmHg: 118 },
    },
    failed: { ...consultation, stage: 'failed', failure: 'call.lost' },
  },
  documents: {
    review: { ...documents, stage: 'review' },
    printing: {
      ...documents,
      stage: 'printing',
      progress: [
        { id: 'doc-1', status: 'printed' },
        { id: 'doc-2', status: 'printing' },
      ],
    },
    printed: {
      ...documents,
      stage: 'printed',
      progress: [
        { id: 'doc-1', status: 'printed' },
        { id: 'doc-2', status: 'printed' },
      ],
    },
    printFailed: {
      ...documents,
      stage: 'printFailed',
      failure: 'printer.outOfPaper',
      progress: [
        { id: 'doc-1', status: 'printed' },
        { id: 'doc-2', status: 'failed' },
      ],
    },
  },
  payment: {
    confirm: { step: 'payment', stage: 'confirm', cost: SAMPLE_COST, amountCents: 2500, failure: null },
    processing: { step: 'payment', stage: 'processing', cost: SAMPLE_COST, amountCents: 2500, failure: null },
    failed: {
      step: 'payment',
      stage: 'failed',
      cost: SAMPLE_COST,
      amountCents: 2500,
      failure: 'payment.declined',
    },
  },
  goodbye: {
    step: 'goodbye',
    cardInReader: false,
    documentsPrinted: 2,
    problemReported: false,
    payAtCounterCents: null,
  },
};

/**
 * The call with an examination instrument the professional asked for: a camera (the otoscope) and the
 * stethoscope, each starting, on, and failed.
 */
export const SAMPLE_INSTRUMENT_SCREENS: readonly ConsultationScreen[] = [
  { ...SAMPLE_SCREENS.consultation.inCall, instrument: { kind: 'otoscope', state: 'starting' } },
  { ...SAMPLE_SCREENS.consultation.inCall, instrument: { kind: 'otoscope', state: 'on', mediaTag: '2' } },
  {
    ...SAMPLE_SCREENS.consultation.inCall,
    instrument: { kind: 'otoscope', state: 'failed', failure: 'unplugged' },
  },
  { ...SAMPLE_SCREENS.consultation.inCall, instrument: { kind: 'stethoscope', state: 'starting' } },
  { ...SAMPLE_SCREENS.consultation.inCall, instrument: { kind: 'stethoscope', state: 'on', mediaTag: '3' } },
  {
    ...SAMPLE_SCREENS.consultation.inCall,
    instrument: { kind: 'stethoscope', state: 'failed', failure: 'absent' },
  },
];

/** Every sample screen of the table as a flat list. */
export function allSampleScreens(): StepScreen[] {
  return Object.values(SAMPLE_SCREENS).flatMap((entry: StepScreen | Record<string, StepScreen>) =>
    'step' in entry ? [entry as StepScreen] : Object.values(entry),
  );
}

/**
 * A session view around a step screen, French, without options, unless overridden; `helpRequested`
 * alone gives a help call that only the attendant has heard of.
 */
export function sampleSession(screen: StepScreen, overrides: Partial<SessionView> = {}): SessionView {
  return {
    locale: 'fr',
    accessibility: { largeText: false, readAloud: false },
    askingStillThere: false,
    stillThereUntil: null,
    helpRequested: false,
    help: overrides.helpRequested === true ? { told: ['attendant'], answered: false } : null,
    canGoBack: true,
    screen,
    ...overrides,
  };
}

/** A cabin view: in session when a session is given, else ready for the next patient. */
export function sampleView(
  session: SessionView | null = null,
  overrides: Partial<CabinView> = {},
): CabinView {
  return {
    phase: session === null ? 'ready' : 'inSession',
    peripherals: [],
    needsCleaning: false,
    waitingForCleaning: false,
    attendantCalled: false,
    helpCall: null,
    outOfServiceMessage: null,
    staff: { onScreen: null, locks: [], pinsNeeded: false },
    outOfServiceReason: null,
    cardInReader: false,
    paymentsAwaitingDecision: [],
    session,
    ...overrides,
  };
}

/** A cabin view in session on this step screen, with the session's overrides. */
export function sampleSessionView(screen: StepScreen, overrides: Partial<SessionView> = {}): CabinView {
  return sampleView(sampleSession(screen, overrides));
}
