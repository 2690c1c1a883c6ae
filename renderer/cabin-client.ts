// The renderer's transport to the controller: Electron's preload bridge when present, else a WebSocket
// spoken by the contract's socket client (nothing of the controller is bundled into the screens).
import type { CabinBridge, CabinClient, CabinEvent, CabinMethod, ServerMessage } from '../contract/cabin-api';
import { CABIN_API_WIRE, type CabinCall } from '../contract/cabin-api-wire';
import { after, systemClock, type Cancel, type Clock } from '../contract/clock';
import type { CabinError, Result } from '../contract/result';
import { SocketClient, webSocketOpener, type WebSocketLike } from '../contract/socket-client';

/** The event that carries a new view of the cabin. */
export type ViewEvent = Extract<CabinEvent, { readonly type: 'view.changed' }>;

/** An event for the video link: signaling from the professional's side, or a new SFU producer. */
export type MediaEvent = Exclude<CabinEvent, { readonly type: 'view.changed' }>;

/** A CabinClient plus what the screens need to know about the link: pushed events and its state. */
export interface CabinTransport {
  readonly client: CabinClient;
  /** Subscribes to `view.changed` events; returns the unsubscribe function. */
  onEvent(listener: (event: ViewEvent) => void): () => void;
  /** Subscribes to the video link's events (`media.*`); returns the unsubscribe function. */
  onMediaEvent(listener: (event: MediaEvent) => void): () => void;
  /** Subscribes to link changes (true when connected); returns the unsubscribe function. */
  onConnectionChange(listener: (connected: boolean) => void): () => void;
  isConnected(): boolean;
  /** Stops the transport for good (no more reconnection). */
  close(): void;
}

type RawCall = (method: CabinMethod, params: unknown) => Promise<Result<unknown, CabinError>>;

/** The answer of any call the transport cannot deliver. */
export const TRANSPORT_UNAVAILABLE: Result<never, CabinError> = {
  ok: false,
  error: { code: 'transport.unavailable' },
};

/** How long a call waits for its reply before it is answered `transport.timeout`. */
const REPLY_TIMEOUT_MS = 20_000;

/** Wraps one untyped call function as a typed CabinClient. */
function clientOver(call: RawCall): CabinClient {
  // The wire is untyped; the controller answers each method with that method's Result type.
  return {
    getView: () => call('getView', undefined) as ReturnType<CabinClient['getView']>,
    startSession: (input) => call('startSession', input) as ReturnType<CabinClient['startSession']>,
    act: (action) => call('act', action) as ReturnType<CabinClient['act']>,
    staffLogin: (input) => call('staffLogin', input) as ReturnType<CabinClient['staffLogin']>,
    staffSetPins: (input) => call('staffSetPins', input) as ReturnType<CabinClient['staffSetPins']>,
    staff: (input) => call('staff', input),
    joinMedia: () => call('joinMedia', undefined) as ReturnType<CabinClient['joinMedia']>,
    media: (message) => call('media', message),
    subtitleAudio: (input) => call('subtitleAudio', input) as ReturnType<CabinClient['subtitleAudio']>,
    reportMediaDevices: (input) =>
      call('reportMediaDevices', input) as ReturnType<CabinClient['reportMediaDevices']>,
    reportInstrument: (input) =>
      call('reportInstrument', input) as ReturnType<CabinClient['reportInstrument']>,
  };
}

/** A set of listeners of one kind of value. */
interface ListenerSet<T> {
  add(listener: (value: T) => void): () => void;
  emit(value: T): void;
}

/** A tiny listener set. */
function listeners<T>(): ListenerSet<T> {
  const set = new Set<(value: T) => void>();
  return {
    add(listener) {
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(value) {
      for (const listener of [...set]) listener(value);
    },
  };
}

/** Listener sets of the two kinds of pushed events, and the dispatch of one event to its kind. */
function eventListeners(): {
  readonly views: ListenerSet<ViewEvent>;
  readonly media: ListenerSet<MediaEvent>;
  dispatch(event: CabinEvent): void;
} {
  const views = listeners<ViewEvent>();
  const media = listeners<MediaEvent>();
  return {
    views,
    media,
    dispatch(event) {
      if (event.type === 'view.changed') views.emit(event);
      else media.emit(event);
    },
  };
}

/** Builds a transport over Electron's preload bridge; the IPC link is always up while the window lives. */
export function createBridgeTransport(bridge: CabinBridge): CabinTransport {
  const call: RawCall = async (method, params) => {
    try {
      return await bridge.call(method, params);
    } catch {
      return TRANSPORT_UNAVAILABLE;
    }
  };
  const events = eventListeners();
  const offBridge = bridge.onEvent((event) => events.dispatch(event));
  return {
    client: clientOver(call),
    onEvent: (listener) => events.views.add(listener),
    onMediaEvent: (listener) => events.media.add(listener),
    onConnectionChange: () => () => undefined,
    isConnected: () => true,
    close: () => offBridge(),
  };
}

/** Options of the WebSocket transport; the defaults are the browser's. */
export interface WebSocketTransportOptions {
  readonly url: string;
  /** Builds the socket (the browser's WebSocket by default; tests pass a fake with its handler properties). */
  readonly openSocket?: (url: string) => WebSocketLike;
  readonly retryDelayMs?: number;
  readonly clock?: Clock;
}

/** Builds a transport over a WebSocket that reconnects every `retryDelayMs` after a close. */
export function createWebSocketTransport(options: WebSocketTransportOptions): CabinTransport {
  const openSocket = options.openSocket ?? ((url: string) => new WebSocket(url));
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const clock = options.clock ?? systemClock;
  const events = eventListeners();
  const links = listeners<boolean>();
  let socket: SocketClient<CabinCall, ServerMessage> | null = null;
  let connected = false;
  let closed = false;
  let cancelRetry: Cancel | null = null;

  const setConnected = (value: boolean): void => {
    if (connected === value) return;
    connected = value;
    links.emit(value);
  };

  const retryLater = (): void => {
    if (!closed) cancelRetry = after(clock, retryDelayMs, connect);
  };

  function connect(): void {
    cancelRetry = null;
    if (closed) return;
    try {
      const current: SocketClient<CabinCall, ServerMessage> = new SocketClient({
        open: webSocketOpener(() => openSocket(options.url)),
        wire: CABIN_API_WIRE,
        clock,
        replyTimeoutMs: REPLY_TIMEOUT_MS,
        events: {
          opened: () => setConnected(true),
          // A malformed frame is dropped; the controller's messages are JSON.
          pushed: (message) => {
            if (message.kind === 'event') events.dispatch(message.event);
          },
          closed: () => {
            if (socket !== current) return;
            socket = null;
            setConnected(false);
            retryLater();
          },
        },
      });
      socket = current;
    } catch {
      retryLater();
    }
  }

  const call: RawCall = (method, params) => {
    if (!connected || socket === null) return Promise.resolve(TRANSPORT_UNAVAILABLE);
    return socket.request({ method, params });
  };

  connect();
  return {
    client: clientOver(call),
    onEvent: (listener) => events.views.add(listener),
    onMediaEvent: (listener) => events.media.add(listener),
    onConnectionChange: (listener) => links.add(listener),
    isConnected: () => connected,
    close() {
      closed = true;
      cancelRetry?.();
      const current = socket;
      socket = null;
      setConnected(false);
      current?.close();
    },
  };
}

/** The WebSocket address of browser mode: same host, path /api; the page's cookie carries the access. */
export function browserSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api`;
}

/** Chooses the transport: `window.cabinBridge` in Electron, else a WebSocket to the page's host. */
export function createCabinTransport(win: Window): CabinTransport {
  const bridge = (win as Window & { cabinBridge?: CabinBridge }).cabinBridge;
  if (bridge !== undefined) return createBridgeTransport(bridge);
  return createWebSocketTransport({ url: browserSocketUrl(win.location) });
}
