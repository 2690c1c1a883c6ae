// The screen's projection as the controller publishes it: a state the projection cannot draw is logged
// and the last view stays, instead of the process ending with a dead screen.
import { describe, expect, it } from 'vitest';
import type { CabinEvent } from '../contract';
import type { CabinActorRef } from '../state-machines';
import { MemoryOperationLog } from './test-support/memory-operation-log';
import { publishViews } from './view-publisher';

/** A stand-in cabin actor whose snapshot the test sets, with one subscriber. */
function cabinActor(initialValue: unknown) {
  let value = initialValue;
  let next: ((snapshot: unknown) => void) | null = null;
  const snapshot = () => ({
    value,
    children: {},
    context: { peripherals: [], needsCleaning: false, outOfServiceReason: null, cardInReader: false },
  });
  const actor = {
    getSnapshot: snapshot,
    subscribe: (observer: { next: (snapshot: unknown) => void }) => {
      next = observer.next;
      return { unsubscribe: () => undefined };
    },
  } as unknown as CabinActorRef;
  return {
    actor,
    moveTo(newValue: unknown) {
      value = newValue;
      next?.(snapshot());
    },
  };
}

describe('the view publisher', () => {
  it('publishes a new view when the cabin moves', () => {
    const cabin = cabinActor('booting');
    const events: CabinEvent[] = [];
    publishViews(cabin.actor, (event) => events.push(event), new MemoryOperationLog());
    cabin.moveTo('ready');
    expect(events).toMatchObject([{ type: 'view.changed', view: { phase: 'ready' } }]);
  });

  it('keeps the last view and logs the fault when a state has no screen', () => {
    const cabin = cabinActor('ready');
    const events: CabinEvent[] = [];
    const log = new MemoryOperationLog();
    const views = publishViews(cabin.actor, (event) => events.push(event), log);
    expect(() => cabin.moveTo({ nowhere: 'known' })).not.toThrow();
    expect(views.current().phase).toBe('ready');
    expect(events).toEqual([]);
    expect(log.records().map((record) => record.event)).toContain('view.projectionFailed');
  });
});
