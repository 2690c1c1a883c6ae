// The examination instruments as the attendant's panel shows them: from the media inputs the renderer's
// browser lists and the configuration's expectations, one peripheral status per configured kind. A
// required instrument not found is `absent` (a device fault, like a missing tensiometer); an optional one
// not found is left out; a found one is `ok`.
import {
  INSTRUMENT_KINDS,
  isInstrumentKind,
  type InstrumentKind,
  type MediaDeviceEntry,
  type PeripheralStatus,
} from '../../contract';
import {
  classifyMediaDevices,
  type InstrumentExpectation,
  type MediaClassification,
} from '../../devices/instrument-match';

/** The reason an expected instrument is out: the configuration needs it and the browser lists none. */
export const INSTRUMENT_MISSING = 'instrument.missing';

/**
 * The statuses of the configured instruments, each kind once in the configuration's order; null while the
 * browser hides the labels (no permission yet: nothing can be told, so nothing is reported).
 */
export function instrumentStatuses(
  classification: MediaClassification,
  expectations: readonly InstrumentExpectation[],
): readonly PeripheralStatus[] | null {
  if (classification.labelsHidden) return null;
  const found = new Set<InstrumentKind>();
  for (const device of classification.devices) {
    if (device.role.role === 'instrument') found.add(device.role.kind);
  }
  const statuses: PeripheralStatus[] = [];
  for (const kind of new Set(expectations.map((e) => e.kind))) {
    const required = expectations.some((e) => e.kind === kind && e.required);
    if (found.has(kind)) statuses.push({ peripheral: kind, state: 'ok' });
    else if (required) statuses.push({ peripheral: kind, state: 'absent', reason: INSTRUMENT_MISSING });
  }
  return statuses;
}

/**
 * The instrument kinds the browser lists, each once in the catalog's order (what the console may ask
 * for); null while the browser hides the labels.
 */
export function foundInstrumentKinds(classification: MediaClassification): readonly InstrumentKind[] | null {
  if (classification.labelsHidden) return null;
  const found = new Set<InstrumentKind>();
  for (const device of classification.devices) {
    if (device.role.role === 'instrument') found.add(device.role.kind);
  }
  return INSTRUMENT_KINDS.filter((kind) => found.has(kind));
}

/** The media list classified and turned into statuses in one step, as the controller receives it. */
export function instrumentStatusesOf(
  entries: readonly MediaDeviceEntry[],
  expectations: readonly InstrumentExpectation[],
): readonly PeripheralStatus[] | null {
  return instrumentStatuses(classifyMediaDevices(entries, expectations), expectations);
}

/**
 * The cabin's peripheral statuses with the instruments' replacing any earlier ones: the self-test's list
 * stays as it is, the instruments follow it.
 */
export function withInstrumentStatuses(
  peripherals: readonly PeripheralStatus[],
  instruments: readonly PeripheralStatus[],
): readonly PeripheralStatus[] {
  return [...peripherals.filter((p) => !isInstrumentKind(p.peripheral)), ...instruments];
}
