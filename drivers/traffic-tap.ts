// A tap on a device's link for the technician's raw monitor: every chunk written to the device and every
// chunk received from it, stamped with the clock's time, in a ring of the last chunks. The device sees
// the same link as before; the tap only listens.
import type { Clock, Result, TrafficEntry } from '../contract';
import type { ByteLink, LinkEnd } from './byte-link';

/** How many chunks a tap keeps (the technician's monitor shows at most that many). */
export const TRAFFIC_RING_SIZE = 500;

/** What a tap answers of the traffic it saw. */
export interface TrafficRecord {
  /** The chunks seen at or after `sinceMs` (epoch ms on the tap's clock), oldest first. */
  traffic(sinceMs: number): readonly TrafficEntry[];
  /** Drops every chunk kept: they may carry the last patient's values (called at each session's wipe). */
  forget(): void;
}

/** A link that records its traffic, and the record. */
export interface TappedLink extends ByteLink, TrafficRecord {}

/** Wraps `link`: writes and received chunks go through unchanged and are recorded on `clock`. */
export function tapLink(link: ByteLink, clock: Clock, capacity = TRAFFIC_RING_SIZE): TappedLink {
  const ring: TrafficEntry[] = [];
  const record = (direction: TrafficEntry['direction'], bytes: Uint8Array): void => {
    if (bytes.length === 0) return;
    ring.push({ atMs: clock.now(), direction, hex: Buffer.from(bytes).toString('hex') });
    if (ring.length > capacity) ring.splice(0, ring.length - capacity);
  };
  // One listener on the link records what arrives before any of the device's listeners sees it.
  link.onData((chunk) => record('fromDevice', chunk));
  return {
    name: link.name,
    write(bytes: Uint8Array): Promise<Result<void>> {
      record('toDevice', bytes);
      return link.write(bytes);
    },
    onData: (listener: (chunk: Uint8Array) => void) => link.onData(listener),
    onEnd: (listener: (end: LinkEnd) => void) => link.onEnd(listener),
    close: () => link.close(),
    traffic: (sinceMs) => ring.filter((entry) => entry.atMs >= sinceMs),
    forget: () => void ring.splice(0),
  };
}
