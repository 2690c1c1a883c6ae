// The outbound queue's delivery on the manual clock: in order, retried with the store's backoff when
// the platform cannot take an item, and looked at again by the poll when nothing kicks it.
import { afterEach, describe, expect, it } from 'vitest';
import { err, ok, type Result } from '../contract';
import { ManualClock } from '../test/support/manual-clock';
import { DISCARDING_LOG } from './test-support/discarding-log';
import { OutboundDelivery } from './outbound-delivery';
import type { OutboundItem, PlatformLink } from './platform-client/platform-link';
import type { CabinStore } from './store';
import { openCabinStore } from './store/sqlite-cabin-store';

/** A platform that takes items only while `reachable`, and records those it took. */
class RecordingPlatform {
  reachable = false;
  readonly delivered: OutboundItem[] = [];
  attempts = 0;

  deliver(item: OutboundItem): Promise<Result<void>> {
    this.attempts += 1;
    if (!this.reachable) return Promise.resolve(err({ code: 'platform.unreachable' }));
    this.delivered.push(item);
    return Promise.resolve(ok(undefined));
  }
}

let store: CabinStore | null = null;
afterEach(() => {
  store?.close();
  store = null;
});

function delivery() {
  const clock = new ManualClock(Date.UTC(2025, 0, 15, 9, 0, 0));
  const opened = openCabinStore(':memory:', clock, {
    firstBackoffMs: 1_000,
    maxBackoffMs: 8_000,
  });
  if (!opened.ok) throw new Error(opened.error.code);
  const openedStore = opened.value;
  store = openedStore;
  const started = openedStore.startSession({ locale: 'fr' });
  if (!started.ok) throw new Error(started.error.code);
  const sessionId = started.value;
  const platform = new RecordingPlatform();
  const loop = new OutboundDelivery(openedStore, platform as unknown as PlatformLink, DISCARDING_LOG, clock);
  const items: Readonly<Record<'consent' | 'dmp.choice', OutboundItem>> = {
    consent: {
      sessionId,
      kind: 'consent',
      payload: {
        sessionId,
        textVersion: 'v1',
        presence: 'alone',
        attendantStays: false,
        consentedAt: clock.now(),
      },
    },
    'dmp.choice': { sessionId, kind: 'dmp.choice', payload: { sessionId, opposed: false } },
  };
  const enqueue = (kind: keyof typeof items): void => {
    const queued = openedStore.enqueue(items[kind]);
    if (!queued.ok) throw new Error('not queued');
  };
  return { clock, platform, loop, enqueue };
}

describe('the outbound delivery', () => {
  it('delivers what is due in order when kicked', async () => {
    const { clock, platform, loop, enqueue } = delivery();
    platform.reachable = true;
    enqueue('consent');
    enqueue('dmp.choice');
    loop.kick();
    await clock.advance(0);
    expect(platform.delivered.map((item) => item.kind)).toEqual(['consent', 'dmp.choice']);
    await loop.stop();
  });

  it('retries an item the platform could not take at the next poll after its backoff', async () => {
    const { clock, platform, loop, enqueue } = delivery();
    loop.start();
    enqueue('consent');
    loop.kick();
    await clock.advance(0);
    expect(platform.attempts).toBe(1);
    expect(platform.delivered).toEqual([]);
    // The platform comes back; nothing kicks the loop: the poll finds the item due again.
    platform.reachable = true;
    await clock.advance(4_999);
    expect(platform.delivered).toEqual([]);
    await clock.advance(1);
    expect(platform.delivered.map((item) => item.kind)).toEqual(['consent']);
    await clock.advance(60_000);
    expect(platform.attempts).toBe(2);
    await loop.stop();
  });

  it('polls no more once stopped', async () => {
    const { clock, platform, loop, enqueue } = delivery();
    loop.start();
    await loop.stop();
    platform.reachable = true;
    enqueue('consent');
    await clock.advance(60_000);
    expect(platform.attempts).toBe(0);
    expect(clock.pending()).toBe(0);
  });
});
