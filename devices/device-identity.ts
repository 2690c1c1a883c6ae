// Who a device is, as the technician's tools see it: what the device says of itself by its own protocol,
// completed by what its USB descriptors (or the simulator behind it) say; and the last decoded frames of
// a device, as short text for the technician's screen.
import type { Clock, DeviceIdentity } from '../contract';

/** The identity of a device that tells nothing of itself by its protocol (every field null). */
export const SILENT_IDENTITY: DeviceIdentity = {
  model: null,
  serialNumber: null,
  firmware: null,
  source: 'device',
};

/** An identity of `source` with the given fields (absent ones null). */
export function identityOf(
  source: DeviceIdentity['source'],
  fields: Partial<Omit<DeviceIdentity, 'source'>>,
): DeviceIdentity {
  return {
    model: fields.model ?? null,
    serialNumber: fields.serialNumber ?? null,
    firmware: fields.firmware ?? null,
    source,
  };
}

const telling = (identity: DeviceIdentity | null): identity is DeviceIdentity =>
  identity !== null &&
  (identity.model !== null || identity.serialNumber !== null || identity.firmware !== null);

/**
 * The device's own fields first, each missing one from `fallback` (its USB descriptors, or its simulator);
 * `source` is the device's when it told anything, else the fallback's; null when neither tells anything.
 */
export function mergeIdentity(
  own: DeviceIdentity | null,
  fallback: DeviceIdentity | null,
): DeviceIdentity | null {
  if (!telling(own)) return telling(fallback) ? fallback : null;
  if (!telling(fallback)) return own;
  return {
    model: own.model ?? fallback.model,
    serialNumber: own.serialNumber ?? fallback.serialNumber,
    firmware: own.firmware ?? fallback.firmware,
    source: own.source,
  };
}

/** How many decoded frames a frame log keeps. */
export const FRAME_LOG_SIZE = 20;

/** The longest text of one frame in the log; longer ones are cut with `…`. */
export const FRAME_TEXT_LENGTH = 200;

/** One decoded frame for the technician: when, and the frame as short JSON text. */
export interface LoggedFrame {
  readonly atMs: number;
  readonly text: string;
}

/** A frame as short JSON text: byte arrays as hex, long texts cut. */
export function frameText(frame: unknown): string {
  const text =
    JSON.stringify(frame, (_key, value: unknown) =>
      value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value,
    ) ?? String(frame);
  return text.length > FRAME_TEXT_LENGTH ? `${text.slice(0, FRAME_TEXT_LENGTH - 1)}…` : text;
}

/** The last decoded frames of a device (a monitor's listener fills it), oldest first. */
export class FrameLog {
  readonly #frames: LoggedFrame[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly capacity = FRAME_LOG_SIZE,
  ) {}

  /** Records one frame now; the listener to give `monitor()`. */
  readonly record = (frame: unknown): void => {
    this.#frames.push({ atMs: this.clock.now(), text: frameText(frame) });
    if (this.#frames.length > this.capacity) this.#frames.splice(0, this.#frames.length - this.capacity);
  };

  /** The frames kept, oldest first. */
  frames(): readonly LoggedFrame[] {
    return [...this.#frames];
  }

  /** Drops every frame kept: they may carry the last patient's values (called at each session's wipe). */
  forget(): void {
    this.#frames.splice(0);
  }
}
