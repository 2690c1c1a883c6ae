// One authenticated connection to the platform, on the one socket client (socket-client.ts): it says
// hello when the socket opens, is ready once the platform welcomed it, matches each `reply` (or
// `rejected`) to its request by requestId, and hands every valid push to its owner. The cabin's platform
// link and the practitioner console both speak through it; reconnecting is their own business.
import type { Clock } from './clock';
import type {
  CabinNotice,
  CabinPush,
  CabinRequest,
  Hello,
  PractitionerMessage,
  PractitionerPush,
  PractitionerRequest,
  Rejected,
  Reply,
  Welcome,
} from './platform-protocol';
import { err, type CabinError, type Result } from './result';
import {
  SOCKET_ERRORS,
  SocketClient,
  type OpenTextSocket,
  type ReplyTo,
  type ReplyWire,
} from './socket-client';
import {
  parsePlatformToCabin,
  parsePlatformToPractitioner,
  type ProtocolViolation,
} from './validate-platform';

/** A request as its sender writes it: the connection adds the requestId. */
export type WithoutRequestId<R> = R extends { readonly requestId: number } ? Omit<R, 'requestId'> : never;

/** A message the console sends that expects no answer (`signal`, `media.reception`). */
export type PractitionerNotice = Exclude<PractitionerMessage, PractitionerRequest>;

/** What the platform sends on any connection besides the pushes of its side. */
type Envelope = Welcome | Reply | Rejected;

/** What a connection tells its owner; a close through `close()` is not reported. */
export interface PlatformConnectionEvents<Push> {
  /** The platform accepted the hello. */
  welcomed?(welcome: Welcome): void;
  /** A valid push arrived (pushes before the welcome are dropped). */
  pushed?(push: Push): void;
  /** The platform refused a message that carried no request id (a request's refusal answers the request). */
  rejected?(rejected: Rejected): void;
  /** A frame that does not fit the protocol: dropped, the connection goes on. */
  malformed?(detail: string): void;
  /** The platform or the network closed the connection, with the WebSocket close code. */
  closed?(code: number): void;
}

/** How a connection is set up. */
export interface PlatformConnectionOptions<Push, H extends Hello = Hello> {
  readonly open: OpenTextSocket;
  /** The first message: a cabin's id and credential, or a practitioner's token. */
  readonly hello: H;
  readonly clock: Clock;
  /** How long a request waits for its reply. */
  readonly replyTimeoutMs: number;
  /** The answer of a request without a reply in time (default `transport.timeout`). */
  readonly timeoutError?: CabinError;
  /** The answer of a request the connection cannot carry (default `transport.unavailable`). */
  readonly unavailableError?: CabinError;
  readonly events: PlatformConnectionEvents<Push>;
}

/** The reply a `reply`, or a `rejected` with a request id, carries; null for anything else. */
function replyTo(message: { readonly type: string }): ReplyTo | null {
  if (message.type === 'reply') {
    const reply = message as Reply;
    return { id: reply.requestId, result: reply.result };
  }
  if (message.type === 'rejected') {
    const rejected = message as Rejected;
    if (rejected.requestId === null) return null;
    return { id: rejected.requestId, result: err({ code: rejected.code, detail: rejected.detail }) };
  }
  return null;
}

/** The platform protocol's wire for one side: requests carry `requestId`, messages checked by `parse`. */
function platformWire<Request, Incoming extends { readonly type: string }>(
  parse: (message: unknown) => Result<Incoming, ProtocolViolation>,
): ReplyWire<Request, Incoming> {
  return {
    withId: (request, id) => ({ ...request, requestId: id }),
    check: (message) => {
      const parsed = parse(message);
      return parsed.ok ? parsed : err(parsed.error.detail);
    },
    replyTo,
  };
}

/** One connection of a cabin or a practitioner console to the platform. */
export class PlatformConnection<Request, Notice, Push extends { readonly type: string }> {
  readonly #client: SocketClient<Request, Envelope | Push>;
  readonly #unavailable: CabinError;
  #welcomed = false;

  /** Opens the socket at once; the hello goes out when it opens. */
  constructor(
    options: PlatformConnectionOptions<Push>,
    parse: (message: unknown) => Result<Envelope | Push, ProtocolViolation>,
  ) {
    const { events } = options;
    this.#unavailable = options.unavailableError ?? SOCKET_ERRORS.unavailable;
    this.#client = new SocketClient<Request, Envelope | Push>({
      open: options.open,
      wire: platformWire<Request, Envelope | Push>(parse),
      clock: options.clock,
      replyTimeoutMs: options.replyTimeoutMs,
      timeoutError: options.timeoutError,
      unavailableError: options.unavailableError,
      events: {
        opened: () => this.#client.send(options.hello),
        pushed: (message) => {
          if (message.type === 'welcome') {
            const welcome = message as Welcome;
            if (welcome.role !== options.hello.role || this.#welcomed) return;
            this.#welcomed = true;
            events.welcomed?.(welcome);
          } else if (message.type === 'rejected') {
            events.rejected?.(message as Rejected);
          } else if (this.#welcomed) {
            events.pushed?.(message as Push);
          }
        },
        malformed: (detail) => events.malformed?.(detail),
        closed: (code) => events.closed?.(code),
      },
    });
  }

  /** True once the platform welcomed the hello, and until the connection closes. */
  get ready(): boolean {
    return this.#welcomed && this.#client.isOpen;
  }

  /** Sends a request once ready; answers the platform's result (a `rejected` is an error with its code). */
  request(request: Request): Promise<Result<unknown, CabinError>> {
    if (!this.ready) return Promise.resolve(err(this.#unavailable));
    return this.#client.request(request);
  }

  /** Sends a notice once ready; answers false when the connection cannot carry it now (it is not queued). */
  notify(notice: Notice): boolean {
    return this.ready && this.#client.send(notice);
  }

  /** Closes the connection for good; pending requests answer unavailable, no `closed` event follows. */
  close(code = 1000): void {
    this.#client.close(code);
  }
}

/** A cabin's connection: its requests, notices and pushes. */
export type CabinConnection = PlatformConnection<WithoutRequestId<CabinRequest>, CabinNotice, CabinPush>;

/** A practitioner console's connection: its requests, notices and pushes. */
export type PractitionerConnection = PlatformConnection<
  WithoutRequestId<PractitionerRequest>,
  PractitionerNotice,
  PractitionerPush
>;

/** Opens a cabin's connection (hello with its id and credential). */
export function connectCabin(
  options: PlatformConnectionOptions<CabinPush, Extract<Hello, { readonly role: 'cabin' }>>,
): CabinConnection {
  return new PlatformConnection(options, parsePlatformToCabin);
}

/** Opens a practitioner console's connection (hello with its token). */
export function connectPractitioner(
  options: PlatformConnectionOptions<PractitionerPush, Extract<Hello, { readonly role: 'practitioner' }>>,
): PractitionerConnection {
  return new PlatformConnection(options, parsePlatformToPractitioner);
}
