// Linear corrections of a device's readings (value × gain + offset), their least-squares fit on a
// procedure's points, and their application to a measurement's quantities.
import type { Correction, Quantity } from '../../contract';
import { roundTo } from './limits';

/** The quantity a correction of `quantity` names: the cuff's pressure corrects every pressure the tensiometer gives. */
function correctionFor(name: Quantity['name'], corrections: readonly Correction[]): Correction | undefined {
  const pressure = name === 'systolic' || name === 'diastolic' || name === 'meanArterial';
  return corrections.find((c) => c.quantity === name || (pressure && c.quantity === 'pressure'));
}

/** Applies one correction to a value, keeping as many decimals as the device gave (at least one for a fraction). */
export function correctValue(value: number, correction: Correction | undefined): number {
  if (correction === undefined) return value;
  const decimals = (String(value).split('.')[1] ?? '').length;
  return roundTo(value * correction.gain + correction.offset, decimals);
}

/** The quantities with the corrections in force applied; quantities without one are unchanged. */
export function correctQuantities(
  quantities: readonly Quantity[],
  corrections: readonly Correction[],
): Quantity[] {
  return quantities.map((q) => ({ ...q, value: correctValue(q.value, correctionFor(q.name, corrections)) }));
}

/** A raw reading with the correction in force of `quantity` applied, at full precision (for a procedure's points). */
export function correctReading(
  quantity: Correction['quantity'],
  raw: number,
  corrections: readonly Correction[],
): number {
  const correction = corrections.find((c) => c.quantity === quantity);
  return correction === undefined ? raw : raw * correction.gain + correction.offset;
}

/**
 * The least-squares line `reference ≈ raw × gain + offset` through the pairs; `offsetOnly` fixes the gain
 * at 1 (the offset is then the mean difference). Null with fewer than two distinct raw values for a gain.
 */
export function fitCorrection(
  quantity: Correction['quantity'],
  pairs: readonly { readonly raw: number; readonly reference: number }[],
  offsetOnly: boolean,
): Correction | null {
  const n = pairs.length;
  if (n === 0) return null;
  const meanRaw = pairs.reduce((sum, p) => sum + p.raw, 0) / n;
  const meanReference = pairs.reduce((sum, p) => sum + p.reference, 0) / n;
  if (offsetOnly) return { quantity, gain: 1, offset: roundTo(meanReference - meanRaw, 6) };
  const sxx = pairs.reduce((sum, p) => sum + (p.raw - meanRaw) ** 2, 0);
  if (sxx === 0) return null;
  const sxy = pairs.reduce((sum, p) => sum + (p.raw - meanRaw) * (p.reference - meanReference), 0);
  const gain = sxy / sxx;
  return { quantity, gain: roundTo(gain, 6), offset: roundTo(meanReference - gain * meanRaw, 6) };
}
