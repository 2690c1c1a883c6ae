// Physiological plausibility of measured values: a value outside these ranges is a misplaced cuff,
// a cold finger or a device fault far more often than a real reading, so the patient is asked to retry.
import type { Measurement, Quantity } from '../contract';

/** Inclusive plausible range of each quantity, in its normalised unit. */
export const PLAUSIBLE_RANGES: { readonly [N in Quantity['name']]: readonly [number, number] } = {
  systolic: [50, 260],
  diastolic: [25, 160],
  meanArterial: [30, 200],
  pulse: [25, 250],
  temperature: [32, 43.5],
  spo2: [50, 100],
  weight: [1, 350],
};

/** True when every quantity is in range and a blood pressure has its systolic above its diastolic. */
export function isPlausible(measurement: Measurement): boolean {
  const inRange = measurement.quantities.every(({ name, value }) => {
    const [low, high] = PLAUSIBLE_RANGES[name];
    return Number.isFinite(value) && value >= low && value <= high;
  });
  const value = (name: Quantity['name']) => measurement.quantities.find((q) => q.name === name)?.value;
  const systolic = value('systolic');
  const diastolic = value('diastolic');
  const ordered = systolic === undefined || diastolic === undefined || systolic > diastolic;
  return inRange && ordered && measurement.quantities.length > 0;
}
