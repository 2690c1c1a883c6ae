// The time rules of one connection, apart from its socket: the hello must come within its delay, a
// connection that leaves a ping unanswered until the next one is dropped (a network that died silently
// never closes anything), and an authenticated connection ends when its authority expires.
import { after, every, type Cancel, type Clock } from '../../contract/clock';

/** The longest delay a Node timer takes (about 24.8 days): a later expiry is waited for in steps. */
const MAX_TIMER_MS = 2_147_483_647;

/** What the watch does to the connection, and what it tells the server. */
export interface WatchedConnection {
  /** Sends a WebSocket ping. */
  ping(): void;
  /** No hello came in time. */
  helloMissing(): void;
  /** The previous ping got no pong: the connection is gone. */
  silent(): void;
  /** The connection's authority (token, cabin connection lifetime) ran out. */
  expired(): void;
}

/** The delays of the watch. */
export interface ConnectionWatchOptions {
  readonly clock: Clock;
  /** How long a new connection may take to say hello. */
  readonly helloTimeoutMs: number;
  /** Every this many ms the connection is pinged; a ping unanswered by the next one drops it. */
  readonly heartbeatMs: number;
}

/** Watches one connection from its opening until `stop`. */
export class ConnectionWatch {
  readonly #connection: WatchedConnection;
  readonly #clock: Clock;
  #answeredPing = true;
  #expiresAt: number | null = null;
  #cancelHello: Cancel | null;
  #cancelExpiry: Cancel | null = null;
  readonly #stopHeartbeat: Cancel;

  /** Starts the hello delay and the heartbeat. */
  constructor(connection: WatchedConnection, options: ConnectionWatchOptions) {
    this.#connection = connection;
    this.#clock = options.clock;
    this.#cancelHello = after(options.clock, options.helloTimeoutMs, () => connection.helloMissing());
    this.#stopHeartbeat = every(options.clock, options.heartbeatMs, () => {
      if (!this.#answeredPing) return connection.silent();
      this.#answeredPing = false;
      connection.ping();
    });
  }

  /** The connection answered a ping. */
  pong(): void {
    this.#answeredPing = true;
  }

  /** The first message came (valid or not): the hello delay no longer runs. */
  helloReceived(): void {
    this.#cancelHello?.();
    this.#cancelHello = null;
  }

  /** The connection was welcomed until `expiresAt` (epoch ms): it is told to expire then. */
  authenticatedUntil(expiresAt: number): void {
    this.#expiresAt = expiresAt;
    this.#armExpiry();
  }

  /** Whether the connection's authority has run out (checked again on each message). */
  isExpired(): boolean {
    return this.#expiresAt !== null && this.#clock.now() >= this.#expiresAt;
  }

  #armExpiry(): void {
    const left = (this.#expiresAt ?? 0) - this.#clock.now();
    this.#cancelExpiry = after(this.#clock, Math.min(MAX_TIMER_MS, Math.max(0, left)), () => {
      if (this.isExpired()) this.#connection.expired();
      else this.#armExpiry();
    });
  }

  /** Stops every timer (the connection closed). */
  stop(): void {
    this.helloReceived();
    this.#stopHeartbeat();
    this.#cancelExpiry?.();
    this.#cancelExpiry = null;
  }
}
