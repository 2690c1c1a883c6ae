// A patient who does the expected thing on every screen: used by the scenario tests and the
// benchmarks to walk whole sessions through a controller on a manual clock.
import type {
  AppointmentScreen,
  CabinView,
  ConsultationScreen,
  DocumentsScreen,
  IdentificationScreen,
  MeasurementsScreen,
  PatientAction,
  PaymentScreen,
  WaitingRoomScreen,
  PartialCarePathAnswers,
  AttendantCommand,
  Result,
  StaffRole,
} from '../../contract';
import { carePathQuestionsToAsk, completeAnswers } from '../../contract';
import type { RunningController } from '../../main/controller';
import { DEMO_STAFF_PINS } from '../../main/staff/staff-access';
import type { ManualClock } from './manual-clock';

/** Opens the staff panel as `role` with the demonstration PIN (simulated hardware); answers its token. */
export function staffLogin(controller: RunningController, role: StaffRole): string {
  const session = controller.server.staffLogin({ role, pin: DEMO_STAFF_PINS[role] });
  if (!session.ok) throw new Error(`staffLogin refused: ${session.error.code}`);
  return session.value.token;
}

/** The attendant logs in, gives one command and logs out; answers the command's Result. */
export function attendantCommand(controller: RunningController, command: AttendantCommand): Result<unknown> {
  const token = staffLogin(controller, 'attendant');
  const done = controller.server.staff({ token, command });
  if (done instanceof Promise) throw new Error(`${command.type} answered later`);
  void controller.server.staff({ token, command: { type: 'staff.logout' } });
  return done;
}

/**
 * The attendant cleans the cabin between two patients: a cabin waiting for its cleaning is marked
 * cleaned (with the demonstration PIN the test cabins keep), so that the next session may start.
 */
export function cleanBetweenPatients(controller: RunningController): void {
  if (!viewOf(controller).waitingForCleaning) return;
  const done = attendantCommand(controller, { type: 'attendant.markCleaned' });
  if (!done.ok) throw new Error(`markCleaned refused: ${done.error.code}`);
}

/** The view the controller serves now, as the renderer gets it with `getView`. */
export function viewOf(controller: RunningController): CabinView {
  const view = controller.server.getView(undefined);
  if (!view.ok) throw new Error(`getView refused: ${view.error.code}`);
  return view.value;
}

type StageOf<S> = S extends { readonly stage: infer T extends string } ? T : never;

/** What the cooperative patient does on each stage of a step's screen; null waits for the cabin. */
type OnStages<S> = { readonly [T in StageOf<S>]: PatientAction | null };

const NEXT: PatientAction = { type: 'patient.next' };
const RETRY: PatientAction = { type: 'patient.retry' };
const SKIP: PatientAction = { type: 'patient.skip' };

const ON_IDENTIFICATION: OnStages<IdentificationScreen> = {
  waitingForCard: null,
  readingCard: null,
  cardFailed: RETRY,
  choosingBeneficiary: { type: 'patient.chooseBeneficiary', index: 0 },
  confirming: { type: 'patient.confirmIdentity' },
  manualEntry: null,
  parentNeeded: { type: 'patient.confirmParentPresent' },
};

const ON_APPOINTMENT: OnStages<AppointmentScreen> = {
  choosing: { type: 'patient.seeNextAvailable' },
  enteringCode: null,
  checkingCode: null,
  choosingProfession: { type: 'patient.chooseProfession', profession: 'doctor' },
  checkingPresence: null,
  // Nobody of the kind online: the patient goes back to the choice and asks again, in case someone came.
  nobodyOnline: { type: 'patient.seeNextAvailable' },
  eligibility: null,
  notEligible: null,
  // Answered by usualCarePath below: the questions asked depend on the profession and the age.
  carePath: null,
  cost: { type: 'patient.acceptCost' },
};

const ON_MEASUREMENTS: OnStages<MeasurementsScreen> = {
  instructions: { type: 'patient.startMeasurement' },
  measuring: null,
  result: NEXT,
  failed: SKIP,
};

const ON_WAITING_ROOM: OnStages<WaitingRoomScreen> = {
  joining: null,
  waiting: null,
  // Nobody of the kind online: the patient stays, in case someone comes.
  nobodyOnline: null,
  professionalReady: { type: 'patient.startCall' },
  failed: RETRY,
};

/** The measurement the professional asks for during the call: started, then back to the call. */
const ON_REQUESTED_MEASUREMENT: {
  readonly [T in NonNullable<ConsultationScreen['measurementStage']>]: PatientAction | null;
} = {
  instructions: { type: 'patient.startMeasurement' },
  measuring: null,
  result: NEXT,
  failed: SKIP,
};

const ON_DOCUMENTS: OnStages<DocumentsScreen> = {
  review: { type: 'patient.print' },
  printing: null,
  printed: NEXT,
  printFailed: SKIP,
};

const ON_PAYMENT: OnStages<PaymentScreen> = {
  confirm: { type: 'patient.pay' },
  processing: null,
  failed: RETRY,
};

/** The usual answers: a médecin traitant who referred the patient; no ALD, maternity or CSS. */
function usualCarePath(screen: AppointmentScreen): PatientAction {
  const profession = screen.profession ?? 'doctor';
  const given: PartialCarePathAnswers = {};
  const unanswered = () =>
    carePathQuestionsToAsk(profession, screen.ageBand, given, screen.directAccess).find(
      (question) => given[question] === undefined,
    );
  for (let next = unanswered(); next !== undefined; next = unanswered()) {
    given[next] = next === 'hasRegularDoctor' || next === 'referredByRegularDoctor' ? 'yes' : 'no';
  }
  return { type: 'patient.answerCarePath', answers: completeAnswers(given) };
}

/** The action a cooperative patient takes on this view, or null when the screen waits for the cabin. */
export function cooperativeAction(view: CabinView): PatientAction | null {
  const screen = view.session?.screen;
  if (!screen) return null;
  if (view.session?.askingStillThere) return { type: 'patient.stillHere' };
  switch (screen.step) {
    case 'information':
      return NEXT;
    case 'consent':
      return { type: 'patient.consent', presence: 'alone', attendantStays: false };
    case 'identification':
      return ON_IDENTIFICATION[screen.stage];
    case 'appointment':
      return screen.stage === 'carePath' ? usualCarePath(screen) : ON_APPOINTMENT[screen.stage];
    case 'measurements':
      return ON_MEASUREMENTS[screen.stage];
    case 'waitingRoom':
      return ON_WAITING_ROOM[screen.stage];
    case 'consultation':
      // A call that failed (the network lost past the platform's grace): the patient asks again.
      if (screen.stage === 'failed') return RETRY;
      return screen.stage === 'measuring' && screen.measurementStage !== null
        ? ON_REQUESTED_MEASUREMENT[screen.measurementStage]
        : null;
    case 'documents':
      return ON_DOCUMENTS[screen.stage];
    case 'payment':
      return ON_PAYMENT[screen.stage];
    case 'goodbye':
      return { type: 'patient.finish' };
  }
}

/**
 * Walks one whole session from the welcome screen back to ready: starts it, acts on each screen,
 * and moves the manual clock while the cabin works. Answers the steps seen, in order. `onView`, when
 * given, sees each view before the patient acts on it (a test's professional acting in the call).
 */
export async function walkOneSession(
  controller: RunningController,
  clock: ManualClock,
  stepMs: number,
  maxTicks = 2_000,
  onView?: (view: CabinView) => void,
): Promise<string[]> {
  const seen: string[] = [];
  cleanBetweenPatients(controller);
  const started = controller.server.startSession({
    locale: 'fr',
    accessibility: { largeText: false, readAloud: false },
  });
  if (!started.ok) throw new Error('the session did not start');
  for (let tick = 0; tick < maxTicks; tick += 1) {
    const view = viewOf(controller);
    if (view.phase === 'ready' && tick > 0) return seen;
    const step = view.session?.screen.step;
    if (step && seen.at(-1) !== step) seen.push(step);
    onView?.(view);
    const action = cooperativeAction(viewOf(controller));
    if (action) controller.server.act(action);
    else clock.increment(stepMs);
    // Let promise-based actors (printing, payment, wipe) settle.
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`the session did not end within ${maxTicks} ticks; last steps ${seen.join(' > ')}`);
}
