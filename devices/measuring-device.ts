// The seam between the session and a measuring device (tensiometer, thermometer, oximeter, scale).
import type { Cancel, MeasurementFact, MeasurementKind } from '../contract';
import type { Checkable } from './peripheral';

/** A device that takes one kind of measurement on demand. */
export interface MeasuringDevice extends Checkable {
  readonly kind: MeasurementKind;
  /**
   * Starts one measurement and reports the session's facts unchanged: `measurement.progressed`…, then
   * exactly one `measurement.taken` or `measurement.failed`, unless cancelled by the returned function.
   */
  measure(report: (fact: MeasurementFact) => void): Cancel;
}

/**
 * A measuring device a model builds on an open link: the seam, plus what the technician's tools use, the
 * monitor of every decoded frame (`npm run diag -- monitor`) and the close of its link.
 */
export interface LinkedMeasuringDevice<Frame = unknown> extends MeasuringDevice {
  /** Subscribes to every frame seen on the link, decoded; answers the unsubscribe function. */
  monitor(listener: (frame: Frame) => void): Cancel;
  /** Closes the link; the device is finished. */
  close(): Promise<void>;
}
