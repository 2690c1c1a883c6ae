// The examination instruments the professional may ask for in a call, and the browser's media devices
// they are found among: pure types and values shared by the controller, the renderer and the technician.
import { err, ok, type CabinError, type Result } from './result';
import { isRecord } from './schema';

/** The examination instruments the cabin knows, in the order the screens list them. */
export const INSTRUMENT_KINDS = ['otoscope', 'dermatoscope', 'examinationCamera', 'stethoscope'] as const;

/** An examination instrument: three USB Video Class cameras and a stethoscope heard as a microphone. */
export type InstrumentKind = (typeof INSTRUMENT_KINDS)[number];

/** The kind of browser media input an instrument is: a camera or a microphone. */
export type InstrumentMediaKind = 'videoinput' | 'audioinput';

/** Whether this value names an instrument kind. */
export function isInstrumentKind(value: unknown): value is InstrumentKind {
  return typeof value === 'string' && (INSTRUMENT_KINDS as readonly string[]).includes(value);
}

/** One entry of `navigator.mediaDevices.enumerateDevices()`, as the renderer sees it. */
export interface MediaDeviceEntry {
  readonly deviceId: string;
  readonly kind: string;
  readonly label: string;
  readonly groupId: string;
}

/** The media inputs the renderer's browser lists, as it reports them to the controller. */
export interface MediaDeviceReport {
  readonly devices: readonly MediaDeviceEntry[];
}

/** Bounds of a media device report: entries, and the length of each text. */
export const MEDIA_REPORT_LIMITS = { devices: 64, id: 256, kind: 32, label: 1024 } as const;

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length <= max;

function isEntry(value: unknown): value is MediaDeviceEntry {
  const { id, kind, label } = MEDIA_REPORT_LIMITS;
  return (
    isRecord(value) &&
    Object.keys(value).every((key) => ['deviceId', 'kind', 'label', 'groupId'].includes(key)) &&
    isText(value.deviceId, id) &&
    isText(value.kind, kind) &&
    isText(value.label, label) &&
    isText(value.groupId, id)
  );
}

/** A report from the wire: `{ devices }` of at most 64 entries of four bounded texts, nothing else. */
export function parseMediaDeviceReport(input: unknown): Result<MediaDeviceReport, CabinError> {
  const refused = err({ code: 'api.invalidInput', detail: 'bad reportMediaDevices argument' });
  if (!isRecord(input) || Object.keys(input).some((key) => key !== 'devices')) return refused;
  const { devices } = input;
  if (!Array.isArray(devices) || devices.length > MEDIA_REPORT_LIMITS.devices) return refused;
  if (!devices.every(isEntry)) return refused;
  return ok({
    devices: devices.map(({ deviceId, kind, label, groupId }) => ({ deviceId, kind, label, groupId })),
  });
}
