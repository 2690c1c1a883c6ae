// The props every step screen receives, and the press handler of a button that sends one plain action.
import type { PatientAction } from '../../contract/patient-action';

/**
 * A step screen's props: its slice of the view, the way to send a patient action (`act`, or `send` for a
 * button whose action is only a type), and the quit dialog.
 */
export interface StepProps<S> {
  readonly screen: S;
  readonly act: (action: PatientAction) => void;
  /** The press handler that sends one plain action: `onPress={send('patient.next')}`. */
  readonly send: (type: PlainActionType) => () => void;
  /** Opens the "do you want to stop?" dialog; patient.quit is sent only once confirmed. */
  readonly requestQuit: () => void;
}

/** The type of each action of `A` that carries nothing but its type. */
type PlainTypes<A> = A extends PatientAction
  ? Exclude<keyof A, 'type'> extends never
    ? A['type']
    : never
  : never;

/** The type of a patient action that carries nothing but its type (`patient.next`, `patient.pay`…). */
export type PlainActionType = PlainTypes<PatientAction>;

/** Turns `act` into the `send` of StepProps. */
export function sender(act: (action: PatientAction) => void): (type: PlainActionType) => () => void {
  return (type) => () => act({ type });
}
