// The technician's side of a device: what it says of itself, its traffic, and the maintenance register
// (verifications, calibrations, repairs, putting out of service) with the step-by-step procedures that
// fill it. Shared by the devices' procedures, the controller, the technician's screen and command line.
import type { MeasurementKind, Quantity } from './domain';

/** What a device reports of itself (MT-SICS `I2`/`I3`/`I4`, the NIBP module, USB descriptors…); null where it cannot tell. */
export interface DeviceIdentity {
  readonly model: string | null;
  readonly serialNumber: string | null;
  readonly firmware: string | null;
  /** Where the identity came from: the device's own protocol, the USB descriptors, or a simulator. */
  readonly source: 'device' | 'usb' | 'simulator';
}

/** One chunk of raw traffic on a device's link, for the technician's monitor. */
export interface TrafficEntry {
  /** Epoch ms on the cabin's clock. */
  readonly atMs: number;
  /** `toDevice`: written by the cabin; `fromDevice`: received. */
  readonly direction: 'toDevice' | 'fromDevice';
  /** The bytes, lower-case hex without separators. */
  readonly hex: string;
}

/** Kinds of register record: a check against references, an adjustment, a repair, out of service and back. */
export const MAINTENANCE_KINDS = [
  'verification',
  'calibration',
  'repair',
  'outOfService',
  'returnToService',
] as const;

/** The kind of one maintenance record. */
export type MaintenanceKind = (typeof MAINTENANCE_KINDS)[number];

/** The reference instrument a procedure was run against, and its calibration certificate's number. */
export interface ReferenceInstrument {
  readonly instrument: string;
  readonly certificate: string;
}

/** What a calibration point measures; `leakRate` is the tensiometer's pressure drop in mmHg/min. */
export type CalibrationQuantity = Quantity['name'] | 'pressure' | 'leakRate';

/** One point of a procedure: the reference, what the device read, the error and the limit it must stay within. */
export interface CalibrationPoint {
  /** A stable code for the point (`pressure.250`, `leak`, `load.500e.up`, `eccentricity.2`, …). */
  readonly step: string;
  readonly quantity: CalibrationQuantity;
  readonly unit: Quantity['unit'] | 'mmHg/min';
  readonly reference: number;
  /** The device's reading as found (before any correction made by this procedure). */
  readonly reading: number;
  /** reading − reference (for `leakRate`, the rate itself). */
  readonly error: number;
  /** The largest |error| allowed at this point. */
  readonly limit: number;
  readonly pass: boolean;
}

/** A linear correction of one quantity of a device, applied to every later reading: value × gain + offset. */
export interface Correction {
  readonly quantity: Quantity['name'] | 'pressure';
  readonly gain: number;
  readonly offset: number;
}

/** A procedure's verdict. */
export type Verdict = 'pass' | 'fail';

/** One record of the maintenance register; kept at least five years (CSP R5212-28), never pruned with the audit. */
export interface MaintenanceRecord {
  /** A random UUID. */
  readonly id: string;
  readonly kind: MaintenanceKind;
  readonly peripheral: MeasurementKind;
  /** The catalog model id (`nibp-ascii`, `mt-sics`, …). */
  readonly modelId: string;
  /** The device's serial number as it reports it (or its USB descriptor). */
  readonly serialNumber: string;
  /** The technician's name, as they typed it. */
  readonly technician: string;
  readonly reference: ReferenceInstrument | null;
  readonly points: readonly CalibrationPoint[];
  /** Corrections in force after this record (empty: none, or none allowed for this device). */
  readonly corrections: readonly Correction[];
  /** Null for a repair or a putting out of service without a check. */
  readonly verdict: Verdict | null;
  /** Epoch ms. */
  readonly at: number;
  /** When the next verification is due (epoch ms); null when the verdict is fail or there is none. */
  readonly nextDueAt: number | null;
  /** The technician's note (repair done, why out of service); null when none. */
  readonly note: string | null;
}

/**
 * The codes of the procedures' prompts, one per thing the technician is asked to do; the screens and the
 * command line each say them in their own words. Params (target, unit, point index) come with the prompt.
 */
export const PROCEDURE_PROMPT_CODES = [
  // tensiometer in manometer mode, reference manometer on a Y-connector
  'bloodPressure.connectReference',
  'bloodPressure.point',
  'bloodPressure.leakTest',
  // thermometer in a black body or a stirred bath
  'temperature.connectReference',
  'temperature.point',
  // pulse oximeter on a functional tester
  'oxygenSaturation.connectSimulator',
  'oxygenSaturation.spo2Point',
  'oxygenSaturation.pulsePoint',
  'oxygenSaturation.noFinger',
  // scale with test weights
  'weight.empty',
  'weight.load',
  'weight.eccentricity',
  'weight.repeatability',
] as const;

/** One prompt code of a procedure. */
export type ProcedurePromptCode = (typeof PROCEDURE_PROMPT_CODES)[number];

/** Where a procedure stands: what it asks of the technician now, or how it ended. */
export type ProcedurePrompt =
  | {
      /** Do something, then continue (answer null). */
      readonly kind: 'instruction';
      readonly code: ProcedurePromptCode;
      /** Values the words need (`seconds`, `target`, `position`…). */
      readonly params: Readonly<Record<string, number | string>>;
      /** The points taken so far, as found (the procedure fills them in; a plan's own prompt has none). */
      readonly points?: readonly CalibrationPoint[];
    }
  | {
      /** Bring the reference near `target`, then type the reference instrument's reading. */
      readonly kind: 'reference';
      readonly code: ProcedurePromptCode;
      readonly quantity: CalibrationQuantity;
      readonly unit: CalibrationPoint['unit'];
      /** The value to bring the reference to; null when any value does. */
      readonly target: number | null;
      /** This point's place among the procedure's reference points, from 0 (the screens say it from 1). */
      readonly index: number;
      readonly count: number;
      readonly params: Readonly<Record<string, number | string>>;
      /** The points taken so far, as found (the procedure fills them in; a plan's own prompt has none). */
      readonly points?: readonly CalibrationPoint[];
    }
  | { readonly kind: 'finished'; readonly record: MaintenanceRecord }
  /** The procedure stopped: the device was lost, refused the mode, or the technician cancelled. */
  | { readonly kind: 'stopped'; readonly code: string };

/** A device as the technician sees it on their screen. */
export interface DeviceReport {
  readonly peripheral: MeasurementKind;
  /** The catalog model id, or null when no device of this kind is attached. */
  readonly modelId: string | null;
  /** The port or HID path; null when absent. */
  readonly port: string | null;
  readonly state: 'ok' | 'absent' | 'faulty';
  /** Why it is out of the journey (`device.timeout`, `calibration.failed`, `calibration.overdue`…); null otherwise. */
  readonly reason: string | null;
  readonly identity: DeviceIdentity | null;
  /** The last decoded frames, newest last, as short JSON text. */
  readonly lastFrames: readonly { readonly atMs: number; readonly text: string }[];
  /** The last verification or calibration of this device (by serial number), or null. */
  readonly lastRecord: MaintenanceRecord | null;
  /** Whether the procedure can run on this model (the Omron HID tensiometer has no manometer mode). */
  readonly procedureAvailable: boolean;
}

/** What an export wrote: the directory, its files, and how many records and log lines. */
export interface ExportSummary {
  readonly directory: string;
  readonly files: readonly string[];
  readonly records: number;
  readonly logLines: number;
}

/** How far ahead of a due date the attendant and the technician are warned, in days. */
export const CALIBRATION_WARNING_DAYS = 30;
