// The limits of the verification procedures, each from its standard, and the bounds that refuse an
// absurd correction. Read with ../../../shared/docs/DEVICES.md, "Calibration and verification".
import type { ScaleMetrology } from '../device-model';

/** Cuff pressure: ±3 mmHg at every point of the range (IEC 80601-2-30 201.12.1.102, ISO 81060-1 7.1.1). */
export const PRESSURE_LIMIT_MMHG = 3;

/**
 * Air leakage of the pneumatic system with the valve closed: a pressure drop of at most 6 mmHg/min
 * (0.8 kPa/min) for automated sphygmomanometers (OIML R 16-2:2002, air leakage requirement and its
 * test in Annex A); the non-automated ones of ISO 81060-1 / OIML R 16-1 allow 4 mmHg/min.
 */
export const LEAK_LIMIT_MMHG_PER_MIN = 6;

/** How long the leak test waits with the valve closed, by default (the standards' test lasts minutes; one is enough to judge 6 mmHg/min). */
export const LEAK_TEST_SECONDS = 60;

/** Clinical thermometer: ±0.3 °C over the range checked (ISO 80601-2-56 201.101, laboratory accuracy). */
export const TEMPERATURE_LIMIT_C = 0.3;

/** Pulse oximeter functional check against a simulator: ±3 % SpO2 and ±3 bpm (DEVICES.md; ISO 80601-2-61 asks Arms ≤ 4 %). */
export const SPO2_LIMIT_PERCENT = 3;

/** See `SPO2_LIMIT_PERCENT`. */
export const PULSE_LIMIT_BPM = 3;

/**
 * The largest correction a procedure may apply, per quantity; beyond it the device is faulty (it needs a
 * repair, not an adjustment) and the correction is refused:
 * - pressure: the NIBP module's zero more than 5 mmHg off or its span more than 3 % off (7.5 mmHg at
 *   250 mmHg) means a drifting or damaged pressure sensor; ±3 mmHg is the whole tolerance, an adjustment
 *   larger than about twice that is not one a field technician should make;
 * - temperature: offset only, at most 0.5 °C, beyond which the probe itself is suspect;
 * - weight: the zero at most 4 e off (twice the largest in-service MPE) and the span within ±0.5 %
 *   (1.5 kg at 300 kg): a load cell off by more has a mechanical fault (overload, damaged mount).
 */
export const CORRECTION_BOUNDS = {
  pressure: { maxOffset: 5, minGain: 0.97, maxGain: 1.03 },
  temperature: { maxOffset: 0.5, minGain: 1, maxGain: 1 },
  weight: { maxOffsetIntervals: 4, minGain: 0.995, maxGain: 1.005 },
} as const;

/**
 * OIML R76-1 (2006) table 6, class III: the maximum permissible error on initial verification for a load
 * `loadKg`, ±0.5 e up to 500 e, ±1 e up to 2000 e, ±1.5 e above; in service (3.5.2) twice that.
 */
export function scaleMpeKg(scale: ScaleMetrology, loadKg: number, inService: boolean): number {
  const e = scale.intervalKg;
  // Compared in whole intervals with a small tolerance: 50 kg / 0.1 kg must count as 500 e, not 500.0000001 e.
  const intervals = Math.abs(loadKg) / e;
  const multiple = intervals <= 500 + 1e-6 ? 0.5 : intervals <= 2000 + 1e-6 ? 1 : 1.5;
  return roundTo(multiple * e * (inService ? 2 : 1), 9);
}

/** Whether `error` is within `limit`, without binary fractions failing an error exactly at the limit. */
export function withinLimit(error: number, limit: number): boolean {
  return Math.abs(error) <= limit + 1e-9;
}

/** Rounds to `decimals` places (errors are shown to the technician; 0.1 + 0.2 must read 0.3). */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
