// The props every step screen receives.
import type { PatientAction } from '../../contract/patient-action';

/** A step screen's props: its slice of the view, the way to send a patient action, and the quit dialog. */
export interface StepProps<S> {
  readonly screen: S;
  readonly act: (action: PatientAction) => void;
  /** Opens the "do you want to stop?" dialog; patient.quit is sent only once confirmed. */
  readonly requestQuit: () => void;
}
