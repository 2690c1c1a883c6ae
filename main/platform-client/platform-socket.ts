// The cabin's WebSocket to its platform (the `ws` package): wss:// to an operator's platform, ws:// only
// to a platform on this machine; pinged on the clock, since a network that dies silently never closes
// the socket: a ping left unanswered until the next one drops it.
import WebSocket from 'ws';
import {
  err,
  every,
  MAX_PLATFORM_MESSAGE_BYTES,
  ok,
  PLATFORM_SOCKET_PATH,
  webSocketOpener,
  type Clock,
  type OpenTextSocket,
  type Result,
} from '../../contract';

/** The platform's WebSocket URL for a base URL; plain ws:// is refused except to this machine. */
export function platformSocketUrl(base: string): Result<string> {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return err({ code: 'config.invalid', detail: 'platform url is not a URL' });
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol === 'https:' || url.protocol === 'wss:') url.protocol = 'wss:';
  else if ((url.protocol === 'http:' || url.protocol === 'ws:') && loopback) url.protocol = 'ws:';
  else return err({ code: 'config.invalid', detail: 'platform url must use TLS (https) off this machine' });
  url.pathname = PLATFORM_SOCKET_PATH;
  url.search = '';
  return ok(url.toString());
}

/** Where and how the socket is opened and watched. */
export interface PlatformSocketSetup {
  /** The WebSocket URL (from `platformSocketUrl`). */
  readonly url: string;
  readonly clock: Clock;
  /** Every this many ms the platform is pinged. */
  readonly heartbeatMs: number;
  /** The platform left a ping unanswered: the socket is being dropped. */
  readonly onSilent: () => void;
}

/** Opens the platform's WebSocket for the socket client, with its heartbeat (stopped when it closes). */
export function platformSocketOpener(options: PlatformSocketSetup): OpenTextSocket {
  return webSocketOpener(() => {
    const socket = new WebSocket(options.url, {
      maxPayload: MAX_PLATFORM_MESSAGE_BYTES,
      handshakeTimeout: 5_000,
    });
    let answeredPing = true;
    socket.on('pong', () => {
      answeredPing = true;
    });
    const stopHeartbeat = every(options.clock, options.heartbeatMs, () => {
      if (socket.readyState !== WebSocket.OPEN) return;
      if (!answeredPing) {
        options.onSilent();
        return socket.terminate();
      }
      answeredPing = false;
      socket.ping();
    });
    socket.on('close', stopHeartbeat);
    return socket;
  });
}
