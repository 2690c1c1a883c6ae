// Which of the browser's media inputs are examination instruments, which is the patient's face camera and
// which the patient's microphone. Pure: the renderer's `enumerateDevices()` list in, one role per device
// out. Rule: a device whose label ends with USB ids `(vvvv:pppp)` (Chromium on Linux) of a catalog model
// is that instrument; else a device whose label matches a configured pattern; else one whose label
// matches a catalog pattern; else it is the patient's own. The face camera and microphone are the first
// of the patient's own inputs in the browser's order, so an instrument is never taken for the face camera.
import type { InstrumentKind, MediaDeviceEntry, MediaRoles } from '../contract';
import {
  INSTRUMENT_MEDIA_KIND,
  INSTRUMENT_MODELS,
  type InstrumentModel,
  type UsbId,
  formatUsbId,
} from './instrument-catalog';

/** What the configuration expects of one instrument: its kind, a label pattern, whether the cabin needs it. */
export interface InstrumentExpectation {
  readonly kind: InstrumentKind;
  /** A case-insensitive substring of the label; `^` at its start and `$` at its end anchor it. Empty: none. */
  readonly labelPattern: string;
  /** A required instrument that is not found is a device fault on the attendant's panel. */
  readonly required: boolean;
}

/** The longest label kept (longer ones are cut), and the most devices read from one list. */
export const MAX_LABEL_LENGTH = 256;
export const MAX_MEDIA_DEVICES = 64;
/** The longest label pattern the configuration may give. */
export const MAX_PATTERN_LENGTH = 64;

/** The role of one media input. */
export type MediaRole =
  | {
      readonly role: 'instrument';
      readonly kind: InstrumentKind;
      readonly by: 'usbId' | 'configuredLabel' | 'catalogLabel';
      readonly modelId: string | null;
    }
  | { readonly role: 'faceCamera' }
  | { readonly role: 'microphone' }
  | { readonly role: 'unused' };

/** One media input with its cleaned label, its USB ids when the label carries them, and its role. */
export interface ClassifiedMediaDevice {
  readonly deviceId: string;
  readonly kind: 'videoinput' | 'audioinput';
  readonly label: string;
  readonly usbId: UsbId | null;
  readonly role: MediaRole;
}

/** The whole list classified; `labelsHidden` when the browser gave no labels (no permission yet). */
export interface MediaClassification {
  readonly labelsHidden: boolean;
  readonly devices: readonly ClassifiedMediaDevice[];
  readonly faceCameraId: string | null;
  readonly microphoneId: string | null;
}

// C0 and C1 controls, and the bidirectional marks, embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const USB_SUFFIX = /\s*\(([0-9a-f]{4}):([0-9a-f]{4})\)$/iu;
/** Chromium's aliases of the system's default inputs: the same device listed twice. */
const ALIASES = new Set(['default', 'communications']);

const isSpareAlias = (device: ClassifiedMediaDevice): boolean =>
  ALIASES.has(device.deviceId) && device.role.role === 'unused';

/** The label without control or bidirectional characters, trimmed and cut to `MAX_LABEL_LENGTH`. */
export function cleanLabel(label: string): string {
  return label
    .slice(0, MAX_LABEL_LENGTH * 2)
    .replace(UNSAFE_CHARACTERS, '')
    .trim()
    .slice(0, MAX_LABEL_LENGTH);
}

/** The USB ids at the end of a label, and the label without them. */
export function splitUsbId(label: string): { readonly name: string; readonly usbId: UsbId | null } {
  const match = USB_SUFFIX.exec(label);
  if (match === null) return { name: label, usbId: null };
  return {
    name: label.slice(0, match.index),
    usbId: { vendorId: parseInt(match[1] ?? '', 16), productId: parseInt(match[2] ?? '', 16) },
  };
}

/** Whether a label (without its id suffix) matches a pattern: substring, `^`/`$` anchors, any case. */
export function matchesLabelPattern(name: string, pattern: string): boolean {
  const anchoredStart = pattern.startsWith('^');
  const anchoredEnd = pattern.length > 1 && pattern.endsWith('$');
  const text = pattern.slice(anchoredStart ? 1 : 0, anchoredEnd ? -1 : undefined).toLowerCase();
  if (text === '') return false;
  const subject = name.toLowerCase();
  if (anchoredStart && anchoredEnd) return subject === text;
  if (anchoredStart) return subject.startsWith(text);
  if (anchoredEnd) return subject.endsWith(text);
  return subject.includes(text);
}

function instrumentRole(
  mediaKind: 'videoinput' | 'audioinput',
  name: string,
  usbId: UsbId | null,
  expectations: readonly InstrumentExpectation[],
  models: readonly InstrumentModel[],
): MediaRole | null {
  const fits = (kind: InstrumentKind): boolean => INSTRUMENT_MEDIA_KIND[kind] === mediaKind;
  if (usbId !== null) {
    const model = models.find(
      (m) =>
        fits(m.kind) &&
        m.usbIds.some((id) => id.vendorId === usbId.vendorId && id.productId === usbId.productId),
    );
    if (model) return { role: 'instrument', kind: model.kind, by: 'usbId', modelId: model.id };
  }
  const configured = expectations.find((e) => fits(e.kind) && matchesLabelPattern(name, e.labelPattern));
  if (configured) return { role: 'instrument', kind: configured.kind, by: 'configuredLabel', modelId: null };
  const model = models.find(
    (m) => fits(m.kind) && m.labelPattern !== null && matchesLabelPattern(name, m.labelPattern),
  );
  if (model) return { role: 'instrument', kind: model.kind, by: 'catalogLabel', modelId: model.id };
  return null;
}

/**
 * Classifies the browser's media inputs (outputs and unknown kinds are left out, a device id listed twice
 * counts once, at most `MAX_MEDIA_DEVICES` are read). With no labels at all nothing can be told apart:
 * every device is `unused` and `labelsHidden` is set.
 */
export function classifyMediaDevices(
  entries: readonly MediaDeviceEntry[],
  expectations: readonly InstrumentExpectation[],
  models: readonly InstrumentModel[] = INSTRUMENT_MODELS,
): MediaClassification {
  const seen = new Set<string>();
  const inputs: { deviceId: string; kind: 'videoinput' | 'audioinput'; label: string }[] = [];
  for (const entry of entries.slice(0, MAX_MEDIA_DEVICES)) {
    if (entry.kind !== 'videoinput' && entry.kind !== 'audioinput') continue;
    const key = `${entry.kind}/${entry.deviceId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inputs.push({ deviceId: entry.deviceId, kind: entry.kind, label: cleanLabel(entry.label) });
  }
  const labelsHidden = inputs.length > 0 && inputs.every((input) => input.label === '');
  let faceCameraId: string | null = null;
  let microphoneId: string | null = null;
  const devices = inputs.map((input): ClassifiedMediaDevice => {
    const { name, usbId } = splitUsbId(input.label);
    const base = { deviceId: input.deviceId, kind: input.kind, label: input.label, usbId };
    if (labelsHidden) return { ...base, role: { role: 'unused' } };
    const instrument = instrumentRole(input.kind, name, usbId, expectations, models);
    if (instrument !== null) return { ...base, role: instrument };
    if (ALIASES.has(input.deviceId)) return { ...base, role: { role: 'unused' } };
    if (input.kind === 'videoinput' && faceCameraId === null) {
      faceCameraId = input.deviceId;
      return { ...base, role: { role: 'faceCamera' } };
    }
    if (input.kind === 'audioinput' && microphoneId === null) {
      microphoneId = input.deviceId;
      return { ...base, role: { role: 'microphone' } };
    }
    return { ...base, role: { role: 'unused' } };
  });
  // Only the system's default alias left (no other microphone listed): that one is the patient's.
  const alias =
    microphoneId === null ? devices.find((d) => d.kind === 'audioinput' && isSpareAlias(d)) : undefined;
  if (alias === undefined) return { labelsHidden, devices, faceCameraId, microphoneId };
  const withAlias = devices.map((d) => (d === alias ? { ...d, role: { role: 'microphone' } as const } : d));
  return { labelsHidden, devices: withAlias, faceCameraId, microphoneId: alias.deviceId };
}

/**
 * The required instruments of the configuration that the classification did not find, each kind once in
 * the configuration's order; null when the browser hid the labels (nothing can be told yet).
 */
export function missingInstruments(
  classification: MediaClassification,
  expectations: readonly InstrumentExpectation[],
): readonly InstrumentKind[] | null {
  if (classification.labelsHidden) return null;
  const found = new Set(
    classification.devices.flatMap((device) => (device.role.role === 'instrument' ? [device.role.kind] : [])),
  );
  const missing: InstrumentKind[] = [];
  for (const expectation of expectations) {
    if (expectation.required && !found.has(expectation.kind) && !missing.includes(expectation.kind)) {
      missing.push(expectation.kind);
    }
  }
  return missing;
}

/** The classification as the controller answers it to the renderer (`CabinApi.reportMediaDevices`). */
export function toMediaRoles(classification: MediaClassification): MediaRoles {
  return {
    labelsHidden: classification.labelsHidden,
    faceCameraId: classification.faceCameraId,
    microphoneId: classification.microphoneId,
    inputs: classification.devices.map(({ deviceId, kind, label, usbId, role }) => ({
      deviceId,
      mediaKind: kind,
      label,
      usbId: usbId === null ? null : formatUsbId(usbId),
      role: role.role,
      instrument: role.role === 'instrument' ? role.kind : null,
      recognisedBy: role.role === 'instrument' ? role.by : null,
    })),
  };
}
