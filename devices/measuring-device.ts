// The seam between the session and a measuring device (tensiometer, thermometer, oximeter, scale).
import type {
  CabinError,
  Cancel,
  DeviceIdentity,
  MeasurementFact,
  MeasurementKind,
  Result,
} from '../contract';
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
  /**
   * Asks the device who it is by its own protocol (MT-SICS `I2`/`I3`/`I4`, the NIBP module's
   * identification, a field of its frames…); fields it cannot tell are null, `device.noAnswer` when silent.
   */
  identify(): Promise<Result<DeviceIdentity>>;
  /** The tensiometer's manometer mode, on models that have one (the NIBP module); absent elsewhere. */
  readonly manometer?: ManometerMode;
}

/** A tensiometer's manometer mode, for the technician's check against a reference manometer. */
export interface ManometerMode {
  /**
   * Enters manometer mode: `onPressure` gets each cuff pressure reported, in mmHg; `onEnd` is called
   * once if the mode stops on its own (link lost, device error). The returned function leaves the mode.
   */
  startManometer(onPressure: (mmHg: number) => void, onEnd: (error: CabinError) => void): Cancel;
}
