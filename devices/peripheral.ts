// What every peripheral of the cabin answers when the self-test or the attendant asks.
import type { PeripheralStatus } from '../contract';

/** The health of one peripheral: working, not attached, or attached but failing. */
export type PeripheralState = PeripheralStatus['state'];

/** Something the self-test can check without disturbing a patient. */
export interface Checkable {
  /** Answers the peripheral's state; never throws, answers 'faulty' on an unexpected error. */
  check(): Promise<PeripheralState>;
}
