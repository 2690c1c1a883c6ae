// Delivers the outbound queue to the platform: in order, with the store's backoff, never twice at once.
import { every, systemClock, type Cancel, type Clock } from '../contract';
import type { OperationLog } from './log';
import type { PlatformLink } from './platform-client/platform-link';
import type { CabinStore } from './store';

/** How often the queue is looked at when nothing kicks it (a platform that came back). */
const POLL_MS = 5_000;

/** A delivery loop over the store's outbound queue. */
export class OutboundDelivery {
  private stopPolling: Cancel | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  /** Delivers `store`'s queue to `platform`; polls it on `clock` (the system clock by default). */
  constructor(
    private readonly store: CabinStore,
    private readonly platform: PlatformLink,
    private readonly log: OperationLog,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Starts polling the queue. */
  start(): void {
    this.stopPolling ??= every(this.clock, POLL_MS, () => this.kick());
  }

  /** Stops polling and resolves once an attempt under way has finished (the store may then close). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopPolling?.();
    this.stopPolling = null;
    await this.running;
  }

  /** Delivers what is due now; a kick during a delivery runs one more pass after it. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.deliverDue()
      .catch(() => this.log.error('outbound.passFailed'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async deliverDue(): Promise<void> {
    const due = this.store.takeDue(20);
    if (!due.ok) {
      this.log.error('outbound.readFailed', { code: due.error.code });
      return;
    }
    for (const row of due.value) {
      if (this.stopped) return;
      if (!row.ok) {
        // The store has set the row aside: no code could deliver it, and it must not block the others.
        this.log.error('outbound.unreadable', { code: row.error.code });
        continue;
      }
      const item = row.value;
      const delivered = await this.platform.deliver(item).catch(() => ({ ok: false as const }));
      if (this.stopped) return;
      if (delivered.ok) {
        this.store.markSent(item.id);
      } else {
        this.log.warn('outbound.retrying', { kind: item.kind, attempts: item.attempts + 1 });
        this.store.markFailed(item.id);
      }
    }
  }
}
