// Keeps a serial port open: when its link ends with 'unplugged' or 'silent', reopens it with backoff and
// hands the fresh link to the owner, who builds a new device on it (a device owns its link).
import { after, type CabinError, type Cancel, type Clock, type Result } from '../../contract';
import type { ByteLink, LinkEnd } from '../byte-link';
import { openSerialLink, type SerialLineSettings, type SerialLinkOptions } from './serial-link';

/** What the reconnector says about its port: connected with a link, or lost and retrying. */
export type SerialConnection =
  | { readonly state: 'connected'; readonly link: ByteLink }
  | {
      readonly state: 'lost';
      readonly end?: LinkEnd;
      readonly error?: CabinError;
      readonly retryInMs: number;
    };

/** Options of the reconnector: backoff bounds and the opener (injectable for tests). */
export interface SerialReconnectorOptions extends SerialLinkOptions {
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly open?: (
    path: string,
    settings: SerialLineSettings,
    clock: Clock,
    options: SerialLinkOptions,
  ) => Promise<Result<ByteLink>>;
}

/** Opens a port and reopens it after each unplug or silence, doubling the wait (on `clock`) up to a bound. */
export class SerialReconnector {
  private current: ByteLink | undefined;
  private stopped = false;
  private cancelRetry: Cancel = () => undefined;
  private backoffMs: number;

  constructor(
    private readonly path: string,
    private readonly settings: SerialLineSettings,
    private readonly onConnection: (connection: SerialConnection) => void,
    private readonly clock: Clock,
    private readonly options: SerialReconnectorOptions = {},
  ) {
    this.backoffMs = options.minBackoffMs ?? 250;
  }

  /** Starts opening the port; connections are reported until `stop()`. */
  start(): void {
    void this.attempt();
  }

  /** Stops retrying and closes the current link, if any. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelRetry();
    await this.current?.close();
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    const open = this.options.open ?? openSerialLink;
    const opened = await open(this.path, this.settings, this.clock, this.options);
    if (this.stopped) {
      if (opened.ok) await opened.value.close();
      return;
    }
    if (!opened.ok) return this.retry({ error: opened.error });
    const link = opened.value;
    this.current = link;
    this.backoffMs = this.options.minBackoffMs ?? 250;
    link.onEnd((end) => {
      this.current = undefined;
      if (end !== 'closed') this.retry({ end });
    });
    this.onConnection({ state: 'connected', link });
  }

  private retry(why: { end?: LinkEnd; error?: CabinError }): void {
    if (this.stopped) return;
    const retryInMs = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs ?? 5000);
    this.onConnection({ state: 'lost', ...why, retryInMs });
    this.cancelRetry = after(this.clock, retryInMs, () => void this.attempt());
  }
}
