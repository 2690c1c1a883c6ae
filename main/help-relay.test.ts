// The help call passed on to the platform and back, with the platform played by hand: told, unreachable,
// answered from afar, cancelled, and a session that ends with its call still waiting.
import { describe, expect, it } from 'vitest';
import {
  err,
  ok,
  type HelpCallState,
  type HelpEvent,
  type RemoteHelpAudience,
  type Result,
} from '../contract';
import { ManualClock, settleMicrotasks } from '../test/support/manual-clock';
import { HELP_RETRY_MS, HelpRelay, type HelpChannel } from './help-relay';
import { MemoryOperationLog } from './test-support/memory-operation-log';

type Told = Result<{ readonly told: readonly RemoteHelpAudience[] }>;

/** A platform that answers every report with `answer`, and remembers what it heard. */
class HandPlatform implements HelpChannel {
  readonly heard: [string, HelpCallState][] = [];
  answered: ((by: RemoteHelpAudience) => void) | null = null;
  constructor(public answer: Told) {}
  reportHelp(sessionId: string, state: HelpCallState, answered: (by: RemoteHelpAudience) => void) {
    this.heard.push([sessionId, state]);
    if (state === 'requested') this.answered = answered;
    return Promise.resolve(this.answer);
  }
}

function setUp(answer: Told) {
  const clock = new ManualClock(5_000);
  const platform = new HandPlatform(answer);
  const log = new MemoryOperationLog(clock);
  const relay = new HelpRelay(platform, clock, log);
  const sent: HelpEvent[] = [];
  relay.sendTo((event) => sent.push(event));
  return { platform, relay, sent, log, clock };
}

describe('the help call beyond the cabin', () => {
  it('tells the platform, and the session hears who it told', async () => {
    const { platform, relay, sent } = setUp(ok({ told: ['support', 'professional'] }));
    relay.requested('s1');
    expect(relay.current()).toEqual({ sessionId: 's1', since: 5_000, step: null, platform: 'pending' });
    await settleMicrotasks();
    expect(platform.heard).toEqual([['s1', 'requested']]);
    expect(sent).toEqual([{ type: 'help.reached', told: ['support', 'professional'] }]);
    expect(relay.current()?.platform).toBe('told');
  });

  it('says the platform could not be told when it is unreachable, and tells it once it is back', async () => {
    const { platform, relay, sent, log, clock } = setUp(err({ code: 'platform.unreachable' }));
    relay.requested('s1');
    await settleMicrotasks();
    expect(sent).toEqual([]);
    expect(relay.current()?.platform).toBe('unreachable');
    await clock.advance(HELP_RETRY_MS);
    expect(platform.heard).toHaveLength(2);
    // Logged once, not at every try.
    expect(log.records().filter((record) => record.event === 'help.platformNotTold')).toHaveLength(1);
    platform.answer = ok({ told: ['support'] });
    await clock.advance(HELP_RETRY_MS);
    expect(sent).toEqual([{ type: 'help.reached', told: ['support'] }]);
    expect(relay.current()?.platform).toBe('told');
    await clock.advance(10 * HELP_RETRY_MS);
    expect(platform.heard).toHaveLength(3);
  });

  it('stops trying once the call is cancelled', async () => {
    const { platform, relay, clock } = setUp(err({ code: 'platform.unreachable' }));
    relay.requested('s1');
    await settleMicrotasks();
    relay.ended('s1', 'cancelled');
    await clock.advance(10 * HELP_RETRY_MS);
    expect(platform.heard).toEqual([
      ['s1', 'requested'],
      ['s1', 'cancelled'],
    ]);
  });

  it('passes on an answer from the support, once, and forgets the call', async () => {
    const { platform, relay, sent } = setUp(ok({ told: ['support'] }));
    relay.requested('s1');
    await settleMicrotasks();
    platform.answered?.('support');
    platform.answered?.('support');
    expect(sent.at(-1)).toEqual({ type: 'help.answered', by: 'support' });
    expect(sent.filter((event) => event.type === 'help.answered')).toHaveLength(1);
    expect(relay.current()).toBeNull();
  });

  it('tells the platform of a call cancelled or answered on the cabin, and of a session that ended with its call waiting', async () => {
    const { platform, relay } = setUp(ok({ told: ['support'] }));
    relay.requested('s1');
    relay.ended('s1', 'cancelled');
    relay.requested('s1');
    relay.ended('s1', 'answered');
    relay.requested('s2');
    relay.forget('s2');
    // Nothing waits any more: ending the session again tells no one.
    relay.forget('s2');
    await settleMicrotasks();
    expect(platform.heard).toEqual([
      ['s1', 'requested'],
      ['s1', 'cancelled'],
      ['s1', 'requested'],
      ['s1', 'answered'],
      ['s2', 'requested'],
      ['s2', 'cancelled'],
    ]);
  });
});
