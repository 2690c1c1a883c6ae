// The running session's heartbeat in the store: every few seconds the audit learns that the session is
// still alive, so that one a power cut leaves open is closed at boot with the moment the cabin stopped.
import { every, type Cancel, type Clock } from '../contract';
import type { OperationLog } from './log';
import type { CabinStore } from './store';

/** How often a running session's `alive_at` is written: the precision of a power-cut session's end. */
export const SESSION_HEARTBEAT_MS = 10_000;

/** What the heartbeat reads: the session now running, or null. */
export interface HeartbeatSource {
  runningSessionId(): string | null;
}

/** Writes the running session's heartbeat every `SESSION_HEARTBEAT_MS` on `clock`; answers the stop. */
export function keepSessionHeartbeat(
  source: HeartbeatSource,
  ports: { readonly store: CabinStore; readonly clock: Clock; readonly log: OperationLog },
): Cancel {
  return every(ports.clock, SESSION_HEARTBEAT_MS, () => {
    const sessionId = source.runningSessionId();
    if (sessionId === null) return;
    const marked = ports.store.markSessionAlive(sessionId);
    if (!marked.ok) ports.log.error('audit.writeFailed', { code: marked.error.code });
  });
}
