// The transport as the controller's link behaves: replies matched by id, pushed events, drops and reconnections.
import { beforeEach, describe, expect, it } from 'vitest';
import type { CabinBridge, CabinEvent } from '../contract/cabin-api';
import { browserSocketUrl, createBridgeTransport, createWebSocketTransport } from './cabin-client';
import type { WebSocketLike } from '../contract/socket-client';
import { ManualClock } from '../test/support/manual-clock';
import { sampleView } from './sample-screens';

/** A socket the test opens, feeds and closes by hand. */
class FakeSocket implements WebSocketLike {
  readonly sent: unknown[] = [];
  onopen: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.drop();
  }
  open(): void {
    this.onopen?.(new Event('open'));
  }
  receive(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) } as MessageEvent);
  }
  drop(): void {
    this.onclose?.({} as CloseEvent);
  }
}

describe('WebSocket transport', () => {
  let sockets: FakeSocket[];
  let clock: ManualClock;
  const latest = (): FakeSocket => {
    const socket = sockets.at(-1);
    if (socket === undefined) throw new Error('no socket opened');
    return socket;
  };
  const start = () =>
    createWebSocketTransport({
      url: 'ws://cabin/api?token=t',
      clock,
      openSocket: (url) => {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket;
      },
    });

  beforeEach(() => {
    sockets = [];
    clock = new ManualClock();
  });

  it('sends calls as CallMessages and matches replies by id', async () => {
    const transport = start();
    latest().open();
    const view = sampleView();
    const answer = transport.client.getView();
    const act = transport.client.act({ type: 'patient.next' });
    expect(latest().sent).toEqual([
      { kind: 'call', id: 1, method: 'getView' },
      { kind: 'call', id: 2, method: 'act', params: { type: 'patient.next' } },
    ]);
    latest().receive({ kind: 'reply', id: 2, result: { ok: true } });
    latest().receive({ kind: 'reply', id: 1, result: { ok: true, value: view } });
    await expect(answer).resolves.toEqual({ ok: true, value: view });
    await expect(act).resolves.toEqual({ ok: true });
  });

  it('passes pushed views to the listeners', () => {
    const transport = start();
    latest().open();
    const seen: CabinEvent[] = [];
    transport.onEvent((event) => seen.push(event));
    latest().receive({ kind: 'event', event: { type: 'view.changed', view: sampleView() } });
    expect(seen).toEqual([{ type: 'view.changed', view: sampleView() }]);
  });

  it("passes the video link's events to the media listeners only, and sends its messages as calls", () => {
    const transport = start();
    latest().open();
    const views: CabinEvent[] = [];
    const media: CabinEvent[] = [];
    transport.onEvent((event) => views.push(event));
    transport.onMediaEvent((event) => media.push(event));
    const answer = { kind: 'description', description: { type: 'answer', sdp: 'v=0' } } as const;
    latest().receive({ kind: 'event', event: { type: 'media.signal', payload: answer } });
    latest().receive({ kind: 'event', event: { type: 'media.producerAdded' } });
    expect(views).toEqual([]);
    expect(media).toEqual([{ type: 'media.signal', payload: answer }, { type: 'media.producerAdded' }]);
    void transport.client.joinMedia();
    void transport.client.media({ kind: 'linkState', state: 'connected' });
    expect(latest().sent).toEqual([
      { kind: 'call', id: 1, method: 'joinMedia' },
      { kind: 'call', id: 2, method: 'media', params: { kind: 'linkState', state: 'connected' } },
    ]);
  });

  it('answers transport.unavailable while disconnected, and to calls cut by a drop', async () => {
    const transport = start();
    await expect(transport.client.getView()).resolves.toEqual({
      ok: false,
      error: { code: 'transport.unavailable' },
    });
    latest().open();
    const cut = transport.client.act({ type: 'patient.next' });
    latest().drop();
    await expect(cut).resolves.toEqual({ ok: false, error: { code: 'transport.unavailable' } });
  });

  it('reconnects every second after the socket closes and says so', () => {
    const transport = start();
    const links: boolean[] = [];
    transport.onConnectionChange((connected) => links.push(connected));
    latest().open();
    latest().drop();
    expect(sockets).toHaveLength(1);
    clock.increment(1000);
    expect(sockets).toHaveLength(2);
    latest().drop(); // the controller is still down
    clock.increment(1000);
    expect(sockets).toHaveLength(3);
    latest().open();
    expect(links).toEqual([true, false, true]);
    expect(transport.isConnected()).toBe(true);
    transport.close();
    clock.increment(5000);
    expect(sockets).toHaveLength(3);
  });

  it('answers transport.timeout when no reply comes', async () => {
    const transport = start();
    latest().open();
    const call = transport.client.getView();
    await clock.advance(19_999);
    expect(clock.pending()).toBe(1);
    await clock.advance(1);
    await expect(call).resolves.toEqual({ ok: false, error: { code: 'transport.timeout' } });
  });

  it('connects to the page’s own host, with no secret in the address (the cookie carries it)', () => {
    expect(browserSocketUrl({ protocol: 'http:', host: 'localhost:8080' })).toBe('ws://localhost:8080/api');
    expect(browserSocketUrl({ protocol: 'https:', host: 'cabin' })).toBe('wss://cabin/api');
  });
});

describe('Electron bridge transport', () => {
  it('calls through the bridge and turns a thrown error into transport.unavailable', async () => {
    const calls: [string, unknown][] = [];
    const bridge: CabinBridge = {
      call: (method, params) => {
        calls.push([method, params]);
        if (method === 'act') return Promise.reject(new Error('ipc closed'));
        return Promise.resolve({ ok: true, value: sampleView() });
      },
      onEvent: () => () => undefined,
    };
    const transport = createBridgeTransport(bridge);
    await expect(transport.client.getView()).resolves.toEqual({ ok: true, value: sampleView() });
    await expect(transport.client.act({ type: 'patient.help' })).resolves.toEqual({
      ok: false,
      error: { code: 'transport.unavailable' },
    });
    expect(calls).toEqual([
      ['getView', undefined],
      ['act', { type: 'patient.help' }],
    ]);
    expect(transport.isConnected()).toBe(true);
  });

  it('sorts pushed events: views to the screens, media events to the video link', () => {
    let push: (event: CabinEvent) => void = () => undefined;
    const bridge: CabinBridge = {
      call: () => Promise.resolve({ ok: true, value: null }),
      onEvent: (listener) => {
        push = listener;
        return () => undefined;
      },
    };
    const transport = createBridgeTransport(bridge);
    const views: CabinEvent[] = [];
    const media: CabinEvent[] = [];
    transport.onEvent((event) => views.push(event));
    transport.onMediaEvent((event) => media.push(event));
    push({ type: 'view.changed', view: sampleView() });
    push({ type: 'media.producerAdded' });
    expect(views).toEqual([{ type: 'view.changed', view: sampleView() }]);
    expect(media).toEqual([{ type: 'media.producerAdded' }]);
  });
});
