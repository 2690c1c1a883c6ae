// The one request/reply client on a fake socket and the manual clock: ids, replies, timeouts, closes,
// pushes and malformed frames.
import { describe, expect, it } from 'vitest';
import { FakeTextSocketOpener } from '../test/support/fake-text-socket';
import { ManualClock } from '../test/support/manual-clock';
import { CABIN_API_WIRE, type CabinCall } from './cabin-api-wire';
import type { ServerMessage } from './cabin-api';
import { SocketClient, webSocketOpener, type ReplyWire, type WebSocketLike } from './socket-client';

/** A small wire: requests are `{ask, id}`, replies `{answer: id, result}`, anything else with `type` a push. */
type Incoming = { readonly answer: number; readonly result: unknown } | { readonly type: string };
const WIRE: ReplyWire<{ readonly ask: string }, Incoming> = {
  withId: (request, id) => ({ ...request, id }),
  check: (message) => {
    if (typeof message !== 'object' || message === null) return { ok: false, error: 'message' };
    if ('answer' in message || 'type' in message) return { ok: true, value: message as Incoming };
    return { ok: false, error: 'type' };
  },
  replyTo: (message) =>
    'answer' in message ? { id: message.answer, result: { ok: true, value: message.result } } : null,
};

function connect(options: { timeoutMs?: number } = {}) {
  const clock = new ManualClock();
  const opener = new FakeTextSocketOpener();
  const pushes: Incoming[] = [];
  const malformed: string[] = [];
  const closes: number[] = [];
  let opened = 0;
  const client = new SocketClient({
    open: opener.open,
    wire: WIRE,
    clock,
    replyTimeoutMs: options.timeoutMs ?? 1_000,
    events: {
      opened: () => (opened += 1),
      pushed: (message) => pushes.push(message),
      malformed: (detail) => malformed.push(detail),
      closed: (code) => closes.push(code),
    },
  });
  return { client, clock, socket: opener.latest, pushes, malformed, closes, opened: () => opened };
}

describe('the socket client', () => {
  it('numbers requests from 1 and settles each with the reply that carries its id, in any order', async () => {
    const { client, socket, opened } = connect();
    socket.open();
    expect(opened()).toBe(1);
    expect(client.isOpen).toBe(true);
    const first = client.request({ ask: 'first' });
    const second = client.request({ ask: 'second' });
    expect(socket.sent()).toEqual([
      { ask: 'first', id: 1 },
      { ask: 'second', id: 2 },
    ]);
    socket.push({ answer: 2, result: 'two' });
    socket.push({ answer: 1, result: 'one' });
    await expect(first).resolves.toEqual({ ok: true, value: 'one' });
    await expect(second).resolves.toEqual({ ok: true, value: 'two' });
    expect(client.pendingCount).toBe(0);
  });

  it('settles a request once: a second reply with the same id, or a reply to nothing, is dropped', async () => {
    const { client, socket, pushes } = connect();
    socket.open();
    const asked = client.request({ ask: 'once' });
    socket.push({ answer: 1, result: 'first' });
    socket.push({ answer: 1, result: 'again' });
    socket.push({ answer: 42, result: 'stray' });
    await expect(asked).resolves.toEqual({ ok: true, value: 'first' });
    expect(pushes).toEqual([]);
  });

  it('answers transport.timeout when no reply comes in time, and drops the late reply', async () => {
    const { client, clock, socket } = connect({ timeoutMs: 5_000 });
    socket.open();
    let answer: unknown = null;
    void client.request({ ask: 'slow' }).then((result) => (answer = result));
    await clock.advance(4_999);
    expect(answer).toBeNull();
    await clock.advance(1);
    expect(answer).toEqual({ ok: false, error: { code: 'transport.timeout' } });
    socket.push({ answer: 1, result: 'late' });
    expect(client.pendingCount).toBe(0);
  });

  it('cancels the timeout of a request once it is answered', async () => {
    const { client, clock, socket } = connect();
    socket.open();
    const asked = client.request({ ask: 'quick' });
    expect(clock.pending()).toBe(1);
    socket.push({ answer: 1, result: 'done' });
    await asked;
    expect(clock.pending()).toBe(0);
  });

  it('settles every pending request with transport.unavailable when the connection closes, and says so', async () => {
    const { client, socket, closes } = connect();
    socket.open();
    const one = client.request({ ask: 'one' });
    const two = client.request({ ask: 'two' });
    socket.drop(1006);
    await expect(one).resolves.toEqual({ ok: false, error: { code: 'transport.unavailable' } });
    await expect(two).resolves.toEqual({ ok: false, error: { code: 'transport.unavailable' } });
    expect(closes).toEqual([1006]);
    expect(client.isOpen).toBe(false);
    // Closed for good: a later request does not go out.
    await expect(client.request({ ask: 'after' })).resolves.toEqual({
      ok: false,
      error: { code: 'transport.unavailable' },
    });
    expect(socket.sent()).toHaveLength(2);
  });

  it('closing it settles what waits without reporting a close, and closes the socket', async () => {
    const { client, socket, closes } = connect();
    socket.open();
    const waiting = client.request({ ask: 'cut' });
    client.close(4000);
    await expect(waiting).resolves.toEqual({ ok: false, error: { code: 'transport.unavailable' } });
    expect(socket.closedWith).toBe(4000);
    socket.drop(4000);
    expect(closes).toEqual([]);
  });

  it('answers the failure values it is given instead of the default ones', async () => {
    const clock = new ManualClock();
    const opener = new FakeTextSocketOpener();
    const client = new SocketClient({
      open: opener.open,
      wire: WIRE,
      clock,
      replyTimeoutMs: 10,
      timeoutError: { code: 'platform.timeout' },
      unavailableError: { code: 'platform.unreachable' },
    });
    await expect(client.request({ ask: 'early' })).resolves.toEqual({
      ok: false,
      error: { code: 'platform.unreachable' },
    });
    opener.latest.open();
    const slow = client.request({ ask: 'slow' });
    await clock.advance(10);
    await expect(slow).resolves.toEqual({ ok: false, error: { code: 'platform.timeout' } });
  });

  it('refuses requests before the socket opens, and when the socket cannot take the frame', async () => {
    const { client, socket } = connect();
    await expect(client.request({ ask: 'early' })).resolves.toEqual({
      ok: false,
      error: { code: 'transport.unavailable' },
    });
    expect(client.send({ notice: true })).toBe(false);
    socket.open();
    socket.refuseSends = true;
    await expect(client.request({ ask: 'refused' })).resolves.toEqual({
      ok: false,
      error: { code: 'transport.unavailable' },
    });
    expect(client.send({ notice: true })).toBe(false);
    expect(client.pendingCount).toBe(0);
    socket.refuseSends = false;
    expect(client.send({ notice: true })).toBe(true);
    expect(socket.sent()).toEqual([{ notice: true }]);
  });

  it('hands every valid message that answers nothing to the pushes', () => {
    const { socket, pushes } = connect();
    socket.open();
    socket.push({ type: 'news', n: 1 });
    socket.push({ type: 'news', n: 2 });
    expect(pushes).toEqual([
      { type: 'news', n: 1 },
      { type: 'news', n: 2 },
    ]);
  });

  it('drops malformed input and says why, and the connection goes on', async () => {
    const { client, socket, pushes, malformed } = connect();
    socket.open();
    const asked = client.request({ ask: 'still there' });
    socket.pushRaw('{not json');
    socket.pushRaw(new Uint8Array([1, 2, 3]));
    socket.push(42);
    socket.push({ nothing: 'known' });
    expect(malformed).toEqual(['json', 'binary', 'message', 'type']);
    expect(pushes).toEqual([]);
    socket.push({ answer: 1, result: 'yes' });
    await expect(asked).resolves.toEqual({ ok: true, value: 'yes' });
  });

  it('reads nothing once closed', () => {
    const { client, socket, pushes } = connect();
    socket.open();
    client.close();
    socket.push({ type: 'late' });
    expect(pushes).toEqual([]);
  });
});

describe('the WebSocket adapter', () => {
  /** The handler properties a browser WebSocket or a `ws` socket has, set by the adapter. */
  class HandlerSocket implements WebSocketLike {
    onopen: unknown = null;
    onmessage: unknown = null;
    onclose: unknown = null;
    onerror: unknown = null;
    readonly sent: string[] = [];
    closedWith: number | undefined;
    send(data: string): void {
      this.sent.push(data);
    }
    close(code?: number): void {
      this.closedWith = code;
    }
    fire(handler: 'onopen' | 'onmessage' | 'onclose' | 'onerror', event: object): void {
      (this[handler] as (event: object) => void)(event);
    }
  }

  it('turns the handler properties of a WebSocket into the text socket events', () => {
    const socket = new HandlerSocket();
    const seen: unknown[] = [];
    const text = webSocketOpener(() => socket)({
      opened: () => seen.push('opened'),
      received: (data) => seen.push(data),
      closed: (code) => seen.push(code),
    });
    socket.fire('onopen', {});
    socket.fire('onmessage', { data: '{"a":1}' });
    socket.fire('onerror', {});
    socket.fire('onclose', { code: 4401 });
    socket.fire('onclose', {});
    expect(seen).toEqual(['opened', '{"a":1}', 4401, 1006]);
    text.send('frame');
    text.close(1000);
    expect(socket.sent).toEqual(['frame']);
    expect(socket.closedWith).toBe(1000);
  });
});

describe("the call channel's wire", () => {
  it('carries calls with their id, and reads replies and events', async () => {
    const clock = new ManualClock();
    const opener = new FakeTextSocketOpener();
    const events: ServerMessage[] = [];
    const client = new SocketClient<CabinCall, ServerMessage>({
      open: opener.open,
      wire: CABIN_API_WIRE,
      clock,
      replyTimeoutMs: 20_000,
      events: { pushed: (message) => events.push(message) },
    });
    opener.latest.open();
    const view = client.request({ method: 'getView', params: undefined });
    const act = client.request({ method: 'act', params: { type: 'patient.next' } });
    expect(opener.latest.sent()).toEqual([
      { kind: 'call', id: 1, method: 'getView' },
      { kind: 'call', id: 2, method: 'act', params: { type: 'patient.next' } },
    ]);
    opener.latest.push({ kind: 'reply', id: 2, result: { ok: true } });
    opener.latest.push({ kind: 'event', event: { type: 'media.producerAdded' } });
    opener.latest.push({ kind: 'reply', id: 1, result: { ok: false, error: { code: 'x' } } });
    await expect(act).resolves.toEqual({ ok: true });
    await expect(view).resolves.toEqual({ ok: false, error: { code: 'x' } });
    expect(events).toEqual([{ kind: 'event', event: { type: 'media.producerAdded' } }]);
  });
});
