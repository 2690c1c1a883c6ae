// The session's `joinCall` actor between the platform link, the renderer's video link and the session:
// what the patient's call does when one or the other drops; the `waitInQueue` actor, a pass-through; and
// the `lookUpPresence` actor, whose every failure is a fact the session goes on after; the
// `printDocuments` actor, which reports each document and stops at the first failure.
import { describe, expect, it } from 'vitest';
import { createActor, setup, type AnyEventObject } from 'xstate';
import { err, ok, type CabinEvent, type CallFact, type QueueEvent, type Result } from '../contract';
import type { SessionEvent } from '../state-machines';
import { ManualClock, settleMicrotasks } from '../test/support/manual-clock';
import { CallMediaBoard } from './call-media-board';
import type { CabinPeripherals } from './peripherals';
import type { PlatformLink } from './platform-client/platform-link';
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
  const board = new CallMediaBoard(new ManualClock());
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
    call.platform.tell({ type: 'call.joined', media: { mode: 'direct', iceServers: [] } });
    await expect(call.board.whenJoined(100)).resolves.toEqual(ok({ mode: 'direct', iceServers: [] }));
    call.board.reportLinkState('connected');
    expect(call.types()).toEqual(['call.connected']);
    call.board.reportLinkState('disconnected');
    expect(call.types()).toEqual(['call.connected', 'call.reconnecting']);
  });

  it('a platform link that drops while media flows peer to peer does not interrupt the call', () => {
    const call = runCall();
    call.board.reportLinkState('connected');
    call.platform.tell({ type: 'call.reconnecting' });
    call.platform.tell({ type: 'call.resumed' });
    expect(call.types()).toEqual(['call.connected', 'call.connected']);
  });

  it('a platform link that drops before media flows makes the call reconnect', () => {
    const call = runCall();
    call.platform.tell({ type: 'call.reconnecting' });
    expect(call.types()).toEqual(['call.reconnecting']);
  });

  it("the professional's requests, the call's end and its failures reach the session as they are", () => {
    const call = runCall();
    const document = { id: 'doc-1', kind: 'prescription', title: 'Ordonnance', pages: 1 } as const;
    const facts: CallFact[] = [
      { type: 'call.measurementRequested', kind: 'weight' },
      { type: 'call.receptionChanged', reception: { audio: true, video: false } },
      { type: 'call.documentReceived', document },
      { type: 'call.failed', error: { code: 'call.lost' } },
      { type: 'call.ended' },
    ];
    for (const fact of facts) call.platform.tell(fact);
    expect(call.received).toEqual(facts);
  });

  it("the professional's signaling goes to the renderer, not to the session", () => {
    const call = runCall();
    const payload = { kind: 'description', description: { type: 'answer', sdp: 'v=0' } } as const;
    call.platform.tell({ type: 'media.signal', payload });
    call.platform.tell({ type: 'media.producerAdded' });
    expect(call.emitted).toEqual([{ type: 'media.signal', payload }, { type: 'media.producerAdded' }]);
    expect(call.received).toEqual([]);
  });

  it('when the call stops, the platform call is cancelled and the renderer cannot join any more', async () => {
    const call = runCall();
    call.platform.tell({ type: 'call.joined', media: { mode: 'direct', iceServers: [] } });
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

describe('the waiting room actor', () => {
  it("hands the platform's queue events to the session unchanged, and leaves the queue when stopped", () => {
    let report: ((event: QueueEvent) => void) | null = null;
    let left = false;
    const platform: Partial<PlatformLink> = {
      joinQueue: (_entry, onEvent) => {
        report = onEvent;
        return () => {
          left = true;
        };
      },
    };
    const actors = sessionActors({ platform } as unknown as CabinPeripherals, {
      board: new CallMediaBoard(new ManualClock()),
      emit: () => undefined,
    });
    const received: SessionEvent[] = [];
    const parent = setup({ actors: { waitInQueue: actors.waitInQueue } }).createMachine({
      invoke: {
        src: 'waitInQueue',
        input: {
          sessionId: 'session-1',
          profession: 'doctor',
          appointmentCode: null,
          identity: { surname: 'X', firstName: 'Y', birthDate: '1950-01-01', nir: null, source: 'manual' },
          measurements: [],
          locale: 'fr',
          carePath: null,
          cost: null,
        },
      },
      on: {
        '*': { actions: ({ event }: { event: AnyEventObject }) => received.push(event as SessionEvent) },
      },
    });
    const actor = createActor(parent).start();
    const events: QueueEvent[] = [
      { type: 'queue.updated', position: 2, estimatedWaitMinutes: 20, professionalsOnline: 1 },
      { type: 'queue.failed', error: { code: 'platform.sessionLost' } },
    ];
    for (const event of events) (report as ((event: QueueEvent) => void) | null)?.(event);
    expect(received).toEqual(events);
    actor.stop();
    expect(left).toBe(true);
  });
});

describe('the presence actor', () => {
  /** Runs `lookUpPresence` for a dentist on a platform that answers `answer`; answers what the session got. */
  async function presenceFacts(answer: () => Promise<Result<{ professionalsOnline: number }>>) {
    const asked: string[] = [];
    const platform: Partial<PlatformLink> = {
      lookUpPresence: (profession) => {
        asked.push(profession);
        return answer();
      },
    };
    const actors = sessionActors({ platform } as unknown as CabinPeripherals, {
      board: new CallMediaBoard(new ManualClock()),
      emit: () => undefined,
    });
    const received: SessionEvent[] = [];
    const parent = setup({ actors: { lookUpPresence: actors.lookUpPresence } }).createMachine({
      invoke: { src: 'lookUpPresence', input: { profession: 'dentist' } },
      on: {
        '*': { actions: ({ event }: { event: AnyEventObject }) => received.push(event as SessionEvent) },
      },
    });
    const actor = createActor(parent).start();
    await settleMicrotasks();
    actor.stop();
    return { asked, received };
  }

  it('tells the session the count of the chosen kind online', async () => {
    await expect(presenceFacts(() => Promise.resolve(ok({ professionalsOnline: 0 })))).resolves.toEqual({
      asked: ['dentist'],
      received: [{ type: 'presence.counted', profession: 'dentist', professionalsOnline: 0 }],
    });
  });

  it('turns an unreachable platform, and a broken link, into a failure the session goes on after', async () => {
    const unreachable = await presenceFacts(() => Promise.resolve(err({ code: 'platform.unreachable' })));
    expect(unreachable.received).toEqual([
      { type: 'presence.failed', profession: 'dentist', error: { code: 'platform.unreachable' } },
    ]);
    const broken = await presenceFacts(() => Promise.reject(new TypeError('bug')));
    expect(broken.received).toEqual([
      { type: 'presence.failed', profession: 'dentist', error: { code: 'internal.actorFailed' } },
    ]);
  });
});

/** A printer whose jobs the test answers one by one, and a platform that hands each document's content. */
class HandDrivenPrinter {
  readonly titles: string[] = [];
  readonly signals: AbortSignal[] = [];
  private readonly waiting: ((result: Result<void>) => void)[] = [];
  print(job: { readonly title: string }, signal: AbortSignal): Promise<Result<void>> {
    this.titles.push(job.title);
    this.signals.push(signal);
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  async answer(result: Result<void>): Promise<void> {
    this.waiting.shift()?.(result);
    await settleMicrotasks();
  }
}

/** Runs the printDocuments actor on these documents under a parent that records what it sends. */
async function runPrint(documentIds: readonly string[]) {
  const printer = new HandDrivenPrinter();
  const platform = {
    fetchDocument: (_sessionId: string, id: string) =>
      Promise.resolve(
        id === 'missing'
          ? err({ code: 'platform.unreachable' })
          : ok({ contentType: 'application/pdf' as const, content: new Uint8Array([1]) }),
      ),
  };
  const actors = sessionActors({ platform, printer } as unknown as CabinPeripherals, {
    board: new CallMediaBoard(new ManualClock()),
    emit: () => undefined,
  });
  const received: SessionEvent[] = [];
  const documents = documentIds.map((id) => ({ id, kind: 'other' as const, title: `title ${id}`, pages: 1 }));
  const parent = setup({ actors: { printDocuments: actors.printDocuments } }).createMachine({
    invoke: { src: 'printDocuments', input: { sessionId: 'session-1', documents } },
    on: { '*': { actions: ({ event }: { event: AnyEventObject }) => received.push(event as SessionEvent) } },
  });
  const actor = createActor(parent).start();
  await settleMicrotasks();
  return { printer, received, actor };
}

describe('the print actor', () => {
  it('reports each document started, then printed, in order', async () => {
    const run = await runPrint(['a', 'b']);
    expect(run.received).toEqual([{ type: 'print.started', documentId: 'a' }]);
    await run.printer.answer(ok(undefined));
    await run.printer.answer(ok(undefined));
    expect(run.received).toEqual([
      { type: 'print.started', documentId: 'a' },
      { type: 'print.done', documentId: 'a' },
      { type: 'print.started', documentId: 'b' },
      { type: 'print.done', documentId: 'b' },
    ]);
    expect(run.printer.titles).toEqual(['title a', 'title b']);
  });

  it('stops at the first failure: the documents after it are not sent to the printer', async () => {
    const run = await runPrint(['a', 'b', 'c']);
    await run.printer.answer(ok(undefined));
    await run.printer.answer(err({ code: 'printer.outOfPaper' }));
    await settleMicrotasks();
    expect(run.received.at(-1)).toEqual({
      type: 'print.failed',
      documentId: 'b',
      error: { code: 'printer.outOfPaper' },
    });
    expect(run.printer.titles).toEqual(['title a', 'title b']);
  });

  it('a document the platform cannot hand over fails with the platform reason, nothing is printed', async () => {
    const run = await runPrint(['missing', 'b']);
    expect(run.received).toEqual([
      { type: 'print.started', documentId: 'missing' },
      { type: 'print.failed', documentId: 'missing', error: { code: 'platform.unreachable' } },
    ]);
    expect(run.printer.titles).toEqual([]);
  });

  it('a session that leaves the printing hears nothing more, and the job is told to stop', async () => {
    const run = await runPrint(['a', 'b']);
    run.actor.stop();
    expect(run.printer.signals[0]?.aborted).toBe(true);
    await run.printer.answer(ok(undefined));
    expect(run.received).toEqual([{ type: 'print.started', documentId: 'a' }]);
    expect(run.printer.titles).toEqual(['title a']);
  });
});
