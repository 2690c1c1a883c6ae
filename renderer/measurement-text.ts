// Plain words for measurement progress and results, shared by the measurement and consultation screens.
import type { Locale, MeasurementKind, MeasurementProgress, Quantity } from '../contract/domain';
import { fill, formatNumber, type Strings } from './i18n';

/**
 * Whether the patient must keep still and silent during the measurement: blood pressure only (speaking
 * and moving change the cuff's oscillometric reading); a thermometer, an oximeter or a scale do not care.
 */
export function needsSilence(kind: MeasurementKind): boolean {
  return kind === 'bloodPressure';
}

/** Answers the sentence telling the patient what is happening during a measurement. */
export function progressText(strings: Strings, progress: MeasurementProgress | null, locale: Locale): string {
  if (progress === null) return strings.measurements.dontMove;
  switch (progress.stage) {
    case 'preparing':
      return strings.measurements.progress.preparing;
    case 'inflating':
    case 'deflating':
      return fill(strings.measurements.progress[progress.stage], {
        pressure: formatNumber(progress.cuffPressureMmHg, locale),
      });
    case 'keepStill':
      return strings.measurements.progress.keepStill;
    case 'fingerDetected':
      return strings.measurements.progress.fingerDetected;
    case 'stepOnScale':
      return strings.measurements.progress.stepOnScale;
    default: {
      const unknown: never = progress;
      return String(unknown);
    }
  }
}

/** Answers the label and the value-with-unit of one measured quantity. */
export function quantityText(
  strings: Strings,
  quantity: Quantity,
  locale: Locale,
): { label: string; value: string } {
  return {
    label: strings.measurements.quantities[quantity.name],
    value: `${formatNumber(quantity.value, locale)} ${strings.measurements.units[quantity.unit]}`,
  };
}
