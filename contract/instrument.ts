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

// ------------------------------------------------------------------------- the browser's inputs classified

/** What one media input is to the cabin: the patient's face camera or microphone, an instrument, or unused. */
export type MediaInputRole = 'faceCamera' | 'microphone' | 'instrument' | 'unused';

/** How an instrument was recognised: its USB ids, a configured label pattern, or a catalog label pattern. */
export type InstrumentRecognition = 'usbId' | 'configuredLabel' | 'catalogLabel';

/** One media input as the controller classified it (the technician's listing, the renderer's choice of devices). */
export interface ClassifiedMediaInput {
  readonly deviceId: string;
  readonly mediaKind: InstrumentMediaKind;
  /** The label cleaned of control and bidirectional characters. */
  readonly label: string;
  /** The USB ids Chromium appended to the label, as `vvvv:pppp`, or null. */
  readonly usbId: string | null;
  readonly role: MediaInputRole;
  /** The instrument's kind when `role` is `instrument`, else null. */
  readonly instrument: InstrumentKind | null;
  /** How the instrument was recognised when `role` is `instrument`, else null. */
  readonly recognisedBy: InstrumentRecognition | null;
}

/**
 * The controller's answer to a media device report: every input classified, and the devices the cabin
 * opens for the patient's face and voice (never an instrument). `labelsHidden` while the browser hides
 * labels (no permission yet): then nothing is told apart and the renderer opens the browser's defaults.
 */
export interface MediaRoles {
  readonly labelsHidden: boolean;
  readonly inputs: readonly ClassifiedMediaInput[];
  readonly faceCameraId: string | null;
  readonly microphoneId: string | null;
}

// ------------------------------------------------------------------------------ an instrument in the call

/** Why an instrument the professional asked for does not work: not found, unplugged while on, refused by the browser. */
export const INSTRUMENT_FAILURES = ['absent', 'unplugged', 'refused'] as const;

/** One reason an instrument does not work in the call. */
export type InstrumentFailure = (typeof INSTRUMENT_FAILURES)[number];

/** Whether this value names an instrument failure. */
export function isInstrumentFailure(value: unknown): value is InstrumentFailure {
  return typeof value === 'string' && (INSTRUMENT_FAILURES as readonly string[]).includes(value);
}

/** The longest media tag (see `InstrumentUse`), in characters. */
export const MAX_MEDIA_TAG_LENGTH = 64;

/**
 * Where the instrument the professional asked for stands on the cabin, as the cabin's screen, the
 * platform and the console know it:
 * - `starting`: the patient is shown how to hold it while the cabin opens it;
 * - `on`: its stream is sent as an extra track; `mediaTag` names that track for the console (direct
 *   mode: the `mid` of its transceiver; SFU mode: the id of its producer);
 * - `failed`: it could not be used (`failure`), the consultation goes on;
 * - `stoppedByPatient`: the patient stopped it;
 * - `ended`: the professional ended it (or asked for another one).
 */
export type InstrumentUse =
  | { readonly kind: InstrumentKind; readonly state: 'starting' }
  | { readonly kind: InstrumentKind; readonly state: 'on'; readonly mediaTag: string }
  | { readonly kind: InstrumentKind; readonly state: 'failed'; readonly failure: InstrumentFailure }
  | { readonly kind: InstrumentKind; readonly state: 'stoppedByPatient' }
  | { readonly kind: InstrumentKind; readonly state: 'ended' };

/** What the renderer reports of the instrument it was asked to open: on (with its media tag), or failed. */
export type InstrumentReport =
  | { readonly kind: InstrumentKind; readonly state: 'on'; readonly mediaTag: string }
  | { readonly kind: InstrumentKind; readonly state: 'failed'; readonly failure: InstrumentFailure };

/** Whether a media tag is 1 to MAX_MEDIA_TAG_LENGTH printable ASCII characters without spaces. */
export function isMediaTag(value: unknown): value is string {
  return typeof value === 'string' && /^[\x21-\x7e]{1,64}$/u.test(value);
}

/** A report from the wire: `{ kind, state: 'on', mediaTag }` or `{ kind, state: 'failed', failure }`, nothing else. */
export function parseInstrumentReport(input: unknown): Result<InstrumentReport, CabinError> {
  const refused = err({ code: 'api.invalidInput', detail: 'bad reportInstrument argument' });
  if (!isRecord(input) || !isInstrumentKind(input.kind)) return refused;
  const keys = Object.keys(input).sort().join(',');
  if (input.state === 'on' && keys === 'kind,mediaTag,state' && isMediaTag(input.mediaTag)) {
    return ok({ kind: input.kind, state: 'on', mediaTag: input.mediaTag });
  }
  if (input.state === 'failed' && keys === 'failure,kind,state' && isInstrumentFailure(input.failure)) {
    return ok({ kind: input.kind, state: 'failed', failure: input.failure });
  }
  return refused;
}

/** Whether a value is an `InstrumentUse` (the platform's and the console's check of what a cabin says). */
export function isInstrumentUse(value: unknown): value is InstrumentUse {
  if (!isRecord(value) || !isInstrumentKind(value.kind)) return false;
  const keys = Object.keys(value).sort().join(',');
  switch (value.state) {
    case 'starting':
    case 'stoppedByPatient':
    case 'ended':
      return keys === 'kind,state';
    case 'on':
      return keys === 'kind,mediaTag,state' && isMediaTag(value.mediaTag);
    case 'failed':
      return keys === 'failure,kind,state' && isInstrumentFailure(value.failure);
    default:
      return false;
  }
}
