// The call's media board on the manual clock: a renderer asking for the call's media waits for the
// platform to join the call, up to its timeout, and is told when the call goes.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../test/support/manual-clock';
import { CallMediaBoard } from './call-media-board';

const MEDIA = { mode: 'direct', iceServers: [] } as const;

describe('the call media board', () => {
  it('answers call.notJoined outside a call, at once', async () => {
    const board = new CallMediaBoard(new ManualClock());
    await expect(board.whenJoined(15_000)).resolves.toEqual({ ok: false, error: { code: 'call.notJoined' } });
  });

  it('hands the media over as soon as the platform joined the call', async () => {
    const clock = new ManualClock();
    const board = new CallMediaBoard(clock);
    board.open('s1', () => undefined);
    const waiting = board.whenJoined(15_000);
    await clock.advance(14_000);
    board.setMedia('s1', MEDIA);
    await expect(waiting).resolves.toEqual({ ok: true, value: MEDIA });
    expect(clock.pending()).toBe(0);
    await expect(board.whenJoined(15_000)).resolves.toEqual({ ok: true, value: MEDIA });
  });

  it('gives up at the timeout, to the millisecond', async () => {
    const clock = new ManualClock();
    const board = new CallMediaBoard(clock);
    board.open('s1', () => undefined);
    let answer: unknown = null;
    void board.whenJoined(15_000).then((result) => (answer = result));
    await clock.advance(14_999);
    expect(answer).toBeNull();
    await clock.advance(1);
    expect(answer).toEqual({ ok: false, error: { code: 'call.notJoined' } });
  });

  it('tells a waiting renderer when the call goes before the platform joined it', async () => {
    const clock = new ManualClock();
    const board = new CallMediaBoard(clock);
    board.open('s1', () => undefined);
    const waiting = board.whenJoined(15_000);
    board.close('s1');
    await expect(waiting).resolves.toEqual({ ok: false, error: { code: 'call.notJoined' } });
    expect(clock.pending()).toBe(0);
  });
});
