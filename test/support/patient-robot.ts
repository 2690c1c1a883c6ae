// A patient who does the expected thing on every screen: used by the scenario tests and the
// benchmarks to walk whole sessions through a controller on a manual clock.
import type { CabinView, PatientAction } from '../../contract';
import type { RunningController } from '../../main/controller';
import type { ManualClock } from './manual-clock';

/** The view the controller serves now, as the renderer gets it with `getView`. */
export function viewOf(controller: RunningController): CabinView {
  const view = controller.server.getView(undefined);
  if (!view.ok) throw new Error(`getView refused: ${view.error.code}`);
  return view.value;
}

/** The action a cooperative patient takes on this view, or null when the screen waits for the cabin. */
export function cooperativeAction(view: CabinView): PatientAction | null {
  const screen = view.session?.screen;
  if (!screen) return null;
  if (view.session?.askingStillThere) return { type: 'patient.stillHere' };
  switch (screen.step) {
    case 'information':
      return { type: 'patient.next' };
    case 'consent':
      return { type: 'patient.consent', presence: 'alone', attendantStays: false };
    case 'identification':
      switch (screen.stage) {
        case 'choosingBeneficiary':
          return { type: 'patient.chooseBeneficiary', index: 0 };
        case 'confirming':
          return { type: 'patient.confirmIdentity' };
        case 'cardFailed':
          return { type: 'patient.retry' };
        case 'waitingForCard':
        case 'readingCard':
        case 'manualEntry':
          return null;
      }
      return null;
    case 'appointment':
      switch (screen.stage) {
        case 'choosing':
          return { type: 'patient.seeNextAvailable' };
        case 'choosingProfession':
          return { type: 'patient.chooseProfession', profession: 'doctor' };
        case 'carePath':
          return {
            type: 'patient.answerCarePath',
            answers: { referredOrNoRegularDoctor: true, exemptedCase: false, fullCover: false },
          };
        case 'cost':
          return { type: 'patient.acceptCost' };
        default:
          return null;
      }
    case 'measurements':
      return screen.stage === 'instructions'
        ? { type: 'patient.startMeasurement' }
        : screen.stage === 'measuring'
          ? null
          : screen.stage === 'result'
            ? { type: 'patient.next' }
            : { type: 'patient.skip' };
    case 'waitingRoom':
      return screen.stage === 'professionalReady'
        ? { type: 'patient.startCall' }
        : screen.stage === 'failed'
          ? { type: 'patient.retry' }
          : null;
    case 'consultation':
      return null;
    case 'documents':
      return screen.stage === 'review'
        ? { type: 'patient.print' }
        : screen.stage === 'printed'
          ? { type: 'patient.next' }
          : screen.stage === 'printFailed'
            ? { type: 'patient.skip' }
            : null;
    case 'payment':
      return screen.stage === 'confirm'
        ? { type: 'patient.pay' }
        : screen.stage === 'failed'
          ? { type: 'patient.retry' }
          : null;
    case 'goodbye':
      return { type: 'patient.finish' };
  }
}

/**
 * Walks one whole session from the welcome screen back to ready: starts it, acts on each screen,
 * and moves the manual clock while the cabin works. Answers the steps seen, in order.
 */
export async function walkOneSession(
  controller: RunningController,
  clock: ManualClock,
  stepMs: number,
  maxTicks = 2_000,
): Promise<string[]> {
  const seen: string[] = [];
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
    const action = cooperativeAction(view);
    if (action) controller.server.act(action);
    else clock.increment(stepMs);
    // Let promise-based actors (printing, payment, wipe) settle.
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`the session did not end within ${maxTicks} ticks; last steps ${seen.join(' > ')}`);
}
