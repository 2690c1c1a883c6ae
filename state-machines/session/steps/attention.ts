// The `attention` region: "are you still there?" after `inactivity` without a touch on a screen that
// expects one, and the end of the session after `stillThereGrace` more. Where the cabin works
// (states tagged `cabinWorking`) the countdown runs out without asking.
import { assign, not, or, raise, stateIn, type StateValue } from 'xstate';
import { sessionSetup } from '../setup';

/** The attention region, given the state values of the machine's `cabinWorking` states. */
export function attentionRegion(cabinWorkingStates: readonly StateValue[]) {
  const patientIsExpectedToAct = not(or(cabinWorkingStates.map((value) => stateIn(value))));
  return sessionSetup.createStateConfig({
    initial: 'attentive',
    states: {
      attentive: {
        // Restarts the countdown. Handled here, not on `attention`: a re-entering transition whose
        // source is a region of the parallel `active` state re-enters all of `active`, and the journey
        // would start again at the information screen on every touch.
        on: { 'attention.touched': { target: 'attentive', reenter: true } },
        after: {
          inactivity: [
            { guard: patientIsExpectedToAct, target: 'askingStillThere' },
            { target: 'attentive', reenter: true },
          ],
        },
      },
      askingStillThere: {
        entry: 'noteStillThereDeadline',
        exit: assign({ stillThereUntil: null }),
        after: {
          stillThereGrace: [
            { guard: patientIsExpectedToAct, target: '#session.abandoned' },
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
  });
}
