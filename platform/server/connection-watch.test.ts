// The time rules of one connection on the manual clock: the hello delay, the heartbeat that drops a
// silent peer, and the expiry of its authority.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock';
import { ConnectionWatch } from './connection-watch';

function watched(options: { helloTimeoutMs?: number; heartbeatMs?: number } = {}) {
  const clock = new ManualClock(5_000_000);
  const events: string[] = [];
  const watch = new ConnectionWatch(
    {
      ping: () => events.push('ping'),
      helloMissing: () => events.push('helloMissing'),
      silent: () => events.push('silent'),
      expired: () => events.push('expired'),
    },
    { clock, helloTimeoutMs: options.helloTimeoutMs ?? 10_000, heartbeatMs: options.heartbeatMs ?? 60_000 },
  );
  return { clock, events, watch };
}

describe('the watch of one connection', () => {
  it('gives up on a connection that says nothing within the hello delay', () => {
    const { clock, events } = watched();
    clock.increment(9_999);
    expect(events).toEqual([]);
    clock.increment(1);
    expect(events).toEqual(['helloMissing']);
  });

  it('stops the hello delay at the first message', () => {
    const { clock, events, watch } = watched();
    clock.increment(5_000);
    watch.helloReceived();
    clock.increment(10_000);
    expect(events).toEqual([]);
  });

  it('pings every heartbeat and keeps a peer that answers', () => {
    const { clock, events, watch } = watched({ heartbeatMs: 10_000 });
    watch.helloReceived();
    for (let beat = 0; beat < 3; beat += 1) {
      clock.increment(10_000);
      watch.pong();
    }
    expect(events).toEqual(['ping', 'ping', 'ping']);
  });

  it('drops a silent peer at the heartbeat after the ping it left unanswered', () => {
    const { clock, events, watch } = watched({ heartbeatMs: 10_000 });
    watch.helloReceived();
    clock.increment(10_000);
    watch.pong();
    clock.increment(10_000);
    expect(events).toEqual(['ping', 'ping']);
    // The network dies silently: no pong comes back.
    clock.increment(9_999);
    expect(events).toEqual(['ping', 'ping']);
    clock.increment(1);
    expect(events).toEqual(['ping', 'ping', 'silent']);
  });

  it('expires an authenticated connection at its expiry, and says it is expired from then on', () => {
    const { clock, events, watch } = watched({ heartbeatMs: 3_600_000 });
    watch.helloReceived();
    watch.authenticatedUntil(5_000_000 + 60_000);
    clock.increment(59_999);
    expect(watch.isExpired()).toBe(false);
    expect(events).toEqual([]);
    clock.increment(1);
    expect(watch.isExpired()).toBe(true);
    expect(events).toEqual(['expired']);
  });

  it('waits for an expiry beyond the longest timer in steps, without expiring early', () => {
    const { clock, events, watch } = watched({ heartbeatMs: 365 * 24 * 3_600_000 });
    watch.helloReceived();
    const thirtyDays = 30 * 24 * 3_600_000;
    watch.authenticatedUntil(5_000_000 + thirtyDays);
    clock.increment(thirtyDays - 1);
    expect(events).toEqual([]);
    clock.increment(1);
    expect(events).toEqual(['expired']);
  });

  it('leaves no timer once stopped', () => {
    const { clock, watch } = watched();
    watch.authenticatedUntil(6_000_000);
    watch.stop();
    expect(clock.pending()).toBe(0);
  });
});
