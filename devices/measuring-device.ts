// The seam between the session and a measuring device (tensiometer, thermometer, oximeter, scale).
import type { CabinError, Measurement, MeasurementKind, MeasurementProgress } from '../contract';
import type { Cancel, Checkable } from './peripheral';

/** A fact reported by a device during one measurement. */
export type MeasurementFact =
  | { readonly type: 'progressed'; readonly progress: MeasurementProgress }
  | { readonly type: 'taken'; readonly measurement: Measurement }
  | { readonly type: 'failed'; readonly error: CabinError };

/** A device that takes one kind of measurement on demand. */
export interface MeasuringDevice extends Checkable {
  readonly kind: MeasurementKind;
  /** Starts one measurement and reports its facts; ends with exactly one `taken` or `failed` unless cancelled. */
  measure(report: (fact: MeasurementFact) => void): Cancel;
}
