// A byte link on a real serial port (serialport 13), with a watchdog that turns a vanished or silent
// port into an end of the link instead of a hang.
//
// Why a watchdog: serialport reports a USB-serial adapter pulled out, or a pseudo-terminal whose other
// end closed, with a `close` event carrying `disconnected`, but not always: when the peer of a
// pseudo-terminal closes while a read is in progress, serialport 13 retries 0-byte reads forever
// (bindings-cpp `unixRead` recurses on `bytesRead === 0`): no `close`, one core busy (MACHINE.md). And a
// real adapter can stay open and simply go silent. So the link does not trust events alone:
//   - presence: every `presencePollMs` it stats the device node resolved at open (the target of a
//     socat `link=` or a udev symlink). The node vanishes when a USB adapter is unplugged and when the
//     master of a pty is closed (the kernel removes /dev/pts/N); a different device number means the
//     path now names another port. Either way the link ends with 'unplugged' and the port is closed,
//     which sets the binding's `isOpen` to false and stops the 0-byte read loop. This check costs one
//     stat a poll and no CPU in between, unlike measuring the process's CPU.
//   - silence: with `silence`, a port that stays quiet longer than the model allows ends with 'silent':
//     in 'stream' mode (a device that always streams, the oximeter) silence counts from the last chunk;
//     in 'reply' mode (host-triggered devices) it counts from a write that has not been answered yet.
import { realpath, stat } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import { after, err, every, ok, type CabinError, type Cancel, type Clock, type Result } from '../../contract';
import type { LinkEnd } from '../byte-link';
import { LinkEndBase } from '../link-end-base';

/** Line settings of a serial port, in serialport's names (the shape of a model's `SerialSettings`). */
export interface SerialLineSettings {
  readonly baudRate: number;
  readonly dataBits: 7 | 8;
  readonly parity: 'none' | 'even' | 'odd';
  readonly stopBits: 1 | 2;
}

/** How long a model's port may stay quiet, and from when silence counts. */
export interface SilenceWatch {
  readonly silenceMs: number;
  readonly mode: 'stream' | 'reply';
}

/** Options of a serial link: the silence watch and the watchdog's poll period. */
export interface SerialLinkOptions {
  readonly silence?: SilenceWatch;
  /** How often the watchdog checks the port's presence and silence (default 250 ms). */
  readonly presencePollMs?: number;
  /** How long opening may take before `link.openFailed` (default 5 s). */
  readonly openTimeoutMs?: number;
}

/** A ByteLink on a serial port; ends with 'unplugged' (port vanished), 'silent' (watchdog) or 'closed'. */
export class SerialLink extends LinkEndBase {
  private lastDataAt: number;
  private unansweredSince: number | undefined;
  private readonly stopWatchdog: Cancel;
  private polling = false;

  constructor(
    readonly name: string,
    private readonly port: SerialPort,
    private readonly devicePath: string,
    private readonly deviceNumber: number,
    private readonly clock: Clock,
    private readonly options: SerialLinkOptions,
  ) {
    super();
    this.lastDataAt = clock.now();
    port.on('data', (chunk: Buffer) => this.received(chunk));
    // `disconnected` (or any error of an open port) means the device went away; our own close is 'closed'.
    port.on('close', () => void this.finish('unplugged'));
    port.on('error', () => void this.finish('unplugged'));
    this.stopWatchdog = every(clock, options.presencePollMs ?? 250, () => void this.watch());
  }

  write(bytes: Uint8Array): Promise<Result<void>> {
    if (this.ended !== undefined) return Promise.resolve(err({ code: 'link.closed' }));
    if (this.options.silence?.mode === 'reply') this.unansweredSince ??= this.clock.now();
    return new Promise((resolve) => {
      this.port.write(Buffer.from(bytes), (error) => {
        if (error) resolve(err({ code: 'link.writeFailed', detail: error.message }));
        else resolve(ok(undefined));
      });
    });
  }

  close(): Promise<void> {
    return this.finish('closed');
  }

  private received(chunk: Buffer): void {
    if (this.ended !== undefined) return;
    this.lastDataAt = this.clock.now();
    this.unansweredSince = undefined;
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.emit(bytes);
  }

  private async watch(): Promise<void> {
    if (this.ended !== undefined || this.polling) return;
    this.polling = true;
    try {
      const node = await stat(this.devicePath).catch(() => undefined);
      if (node === undefined || node.rdev !== this.deviceNumber || !this.port.isOpen) {
        await this.finish('unplugged');
        return;
      }
      const silence = this.options.silence;
      if (silence === undefined) return;
      const since = silence.mode === 'stream' ? this.lastDataAt : this.unansweredSince;
      if (since !== undefined && this.clock.now() - since > silence.silenceMs) await this.finish('silent');
    } finally {
      this.polling = false;
    }
  }

  private async finish(end: LinkEnd): Promise<void> {
    const notify = this.markEnded(end);
    if (!notify) return;
    this.stopWatchdog();
    // Closing sets the binding's isOpen to false, which is what stops serialport's 0-byte read loop.
    if (this.port.isOpen) await new Promise<void>((resolve) => this.port.close(() => resolve()));
    this.port.removeAllListeners();
    this.port.on('error', () => undefined);
    notify();
  }
}

/**
 * Opens a serial port as a ByteLink whose watchdog runs on `clock`; fails with `link.portMissing`,
 * `link.busy` or `link.openFailed`.
 */
export async function openSerialLink(
  path: string,
  settings: SerialLineSettings,
  clock: Clock,
  options: SerialLinkOptions = {},
): Promise<Result<SerialLink>> {
  let devicePath: string;
  let deviceNumber: number;
  try {
    devicePath = await realpath(path);
    const node = await stat(devicePath);
    if (!node.isCharacterDevice()) return err({ code: 'link.openFailed', detail: `${path}: not a device` });
    deviceNumber = node.rdev;
  } catch {
    return err({ code: 'link.portMissing', detail: path });
  }
  const port = new SerialPort({ path: devicePath, ...settings, autoOpen: false, hupcl: false });
  const opened = await new Promise<Result<void>>((resolve) => {
    const cancelTimer = after(clock, options.openTimeoutMs ?? 5000, () =>
      resolve(err({ code: 'link.openFailed', detail: `${path}: open timed out` })),
    );
    port.open((error) => {
      cancelTimer();
      resolve(error ? err(openError(path, error)) : ok(undefined));
    });
  });
  if (!opened.ok) {
    if (port.isOpen) port.close();
    return opened;
  }
  return ok(new SerialLink(path, port, devicePath, deviceNumber, clock, options));
}

function openError(path: string, error: Error): CabinError {
  const detail = `${path}: ${error.message}`;
  if (/ENOENT|No such file/i.test(error.message)) return { code: 'link.portMissing', detail };
  // bindings-cpp locks the port (flock) by default: a second opener gets EAGAIN / "Cannot lock port".
  if (/lock|EBUSY|busy|Resource temporarily unavailable/i.test(error.message))
    return { code: 'link.busy', detail };
  return { code: 'link.openFailed', detail };
}
