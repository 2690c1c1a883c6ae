// The examination instruments the professional may ask for in a call, and the browser's media devices
// they are found among: pure types and values shared by the controller, the renderer and the technician.

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
