// The one shape every device transport gives its device model: bytes in, bytes out, and an end.
import type { Result } from '../contract';

/** Why a link ended: unplugged (the port or device vanished), silent (the watchdog gave up), closed by us. */
export type LinkEnd = 'unplugged' | 'silent' | 'closed';

/**
 * An open link to one device (a serial port, a HID device, a pseudo-terminal in tests). Data arrives in
 * chunks as the transport delivers them (a serial read, a HID report); framing is the model's job.
 */
export interface ByteLink {
  /** A human-readable name for the technician (`/dev/ttyUSB0`, `hid:0590:0090`); never patient data. */
  readonly name: string;
  /** Sends bytes; answers `link.closed` or `link.writeFailed` instead of throwing. */
  write(bytes: Uint8Array): Promise<Result<void>>;
  /** Subscribes to incoming chunks; answers the unsubscribe function. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** Subscribes to the link's end; called once. */
  onEnd(listener: (end: LinkEnd) => void): () => void;
  /** Closes the link; safe to call twice. */
  close(): Promise<void>;
}
