// The session's `joinCall` actor between the platform link, the renderer's video link and the session:
// what the patient's call does when one or the other drops.
import { describe, expect, it } from 'vitest';
import { createActor, setup, type AnyEventObject } from 'xstate';
import { ok, type CabinEvent } from '../contract';
import type { SessionEvent } from '../state-machines';
import { CallMediaBoard } from './call-media-board';
import type { CabinPeripherals } from './peripherals';
import type { CallFact, PlatformLink } from './platform-client/platform-link';
import { sessionActors } from './session-actors';

/** A platform link whose call facts the test sends by hand (the rest is never used here). */
class HandDrivenPlatform implements Partial<PlatformLink> {
  report: ((fact: CallFact) => void) | null = null;
  cancelled = false;
  joinCall(_sessionId: string, report: (fact: CallFact) => void): () => void {
    this.report = report;
    return () => {
      this.cancelled = true;
    };
  }
  tell(fact: CallFact): void {
    this.report?.(fact);
  }
}

/** Runs the joinCall actor under a parent that records what it sends to the session. */
function runCall() {
  const platform = new HandDrivenPlatform();
  const board = new CallMediaBoard();
  const emitted: CabinEvent[] = [];
  const actors = sessionActors({ platform } as unknown as CabinPeripherals, {
    board,
    emit: (event) => emitted.push(event),
  });
  const received: SessionEvent[] = [];
  const parent = setup({ actors: { joinCall: actors.joinCall } }).createMachine({
    invoke: { src: 'joinCall', input: { sessionId: 'session-1' } },
    on: { '*': { actions: ({ event }: { event: AnyEventObject }) => received.push(event as SessionEvent) } },
  });
  const actor = createActor(parent).start();
  return { platform, board, emitted, received, actor, types: () => received.map((event) => event.type) };
}

describe('the call actor', () => {
  it('the call is connected when the video link says media flows', async () => {
    const call = runCall();
    call.platform.tell({ type: 'joined', media: { mode: 'direct', iceServers: [] } });
    await expect(call.board.whenJoined(100)).resolves.toEqual(ok({ mode: 'direct', iceServers: [] }));
    call.board.reportLinkState('connected');
    expect(call.types()).toEqual(['call.connected']);
    call.board.reportLinkState('disconnected');
    expect(call.types()).toEqual(['call.connected', 'call.reconnecting']);
  });

  it('a platform link that drops while media flows peer to peer does not interrupt the call', () => {
    const call = runCall();
    call.board.reportLinkState('connected');
    call.platform.tell({ type: 'reconnecting' });
    call.platform.tell({ type: 'resumed' });
    expect(call.types()).toEqual(['call.connected', 'call.connected']);
  });

  it('a platform link that drops before media flows makes the call reconnect', () => {
    const call = runCall();
    call.platform.tell({ type: 'reconnecting' });
    expect(call.types()).toEqual(['call.reconnecting']);
  });

  it("the professional's signaling goes to the renderer, not to the session", () => {
    const call = runCall();
    const payload = { kind: 'description', description: { type: 'answer', sdp: 'v=0' } } as const;
    call.platform.tell({ type: 'signal', payload });
    call.platform.tell({ type: 'producerAdded' });
    expect(call.emitted).toEqual([{ type: 'media.signal', payload }, { type: 'media.producerAdded' }]);
    expect(call.received).toEqual([]);
  });

  it('when the call stops, the platform call is cancelled and the renderer cannot join any more', async () => {
    const call = runCall();
    call.platform.tell({ type: 'joined', media: { mode: 'direct', iceServers: [] } });
    call.actor.stop();
    expect(call.platform.cancelled).toBe(true);
    await expect(call.board.whenJoined(100)).resolves.toMatchObject({
      ok: false,
      error: { code: 'call.notJoined' },
    });
    call.board.reportLinkState('connected');
    expect(call.received).toEqual([]);
  });
});
