// What the HID measuring devices (Omron HEM-7322U, Beurer PO 80) share: their timing options, the
// link's end, and the monitor that shows the technician every report, decoded.
import type { Result } from '../contract';
import type { ByteLink, LinkEnd } from '../drivers/byte-link';
import { realTimeSchedule, type Schedule } from '../drivers/hid';

/** One report seen on the link, decoded, for the technician's monitor. */
export type HidMonitorEntry<Command, Reply> =
  | { readonly direction: 'toDevice'; readonly bytes: Uint8Array; readonly frame: Result<Command> }
  | { readonly direction: 'fromDevice'; readonly bytes: Uint8Array; readonly frame: Result<Reply> };

/** The clock of a HID device; tests pass a manual one. */
export interface HidDeviceTiming {
  readonly schedule?: Schedule;
  readonly now?: () => number;
}

/** A measuring device on a HID link, with its settings (defaults overridden by the options); owns the link. */
export abstract class HidMeasuringDevice<Entry, Settings extends object> {
  protected readonly schedule: Schedule;
  protected readonly now: () => number;
  protected readonly settings: Settings;
  /** How the link ended, null while it is open. */
  protected ended: LinkEnd | null = null;
  private readonly monitors = new Set<(entry: Entry) => void>();

  constructor(
    protected readonly link: ByteLink,
    defaults: Settings,
    options: HidDeviceTiming & Partial<Settings>,
  ) {
    this.schedule = options.schedule ?? realTimeSchedule;
    this.now = options.now ?? Date.now;
    this.settings = { ...defaults, ...options };
    link.onEnd((end) => {
      this.ended = end;
    });
  }

  /** Subscribes to every report on the link, decoded; answers the unsubscribe function. */
  monitor(listener: (entry: Entry) => void): () => void {
    this.monitors.add(listener);
    return () => this.monitors.delete(listener);
  }

  protected emit(entry: Entry): void {
    for (const listener of [...this.monitors]) listener(entry);
  }
}
