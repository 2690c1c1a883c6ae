// The cabin's client of the platform protocol (contract/platform-protocol.ts) over one WebSocket: wss://
// to an operator's platform, ws:// only to a platform on this machine. It authenticates with the cabin's
// credential, reconnects with backoff, resumes the sessions it was serving, and validates every message
// the platform sends. Nothing of a patient is logged: codes, counts and message types only.
import WebSocket from 'ws';
import {
  err,
  isCabinPush,
  MAX_PLATFORM_MESSAGE_BYTES,
  ok,
  parseCallMedia,
  parseFrame,
  parsePlatformToCabin,
  PLATFORM_CLOSE_CODES,
  PLATFORM_SOCKET_PATH,
  type CabinPush,
  type CabinReplies,
  type CabinRequest,
  type CabinNotice,
  type MediaUp,
  type Profession,
  type Result,
  type SessionItem,
} from '../../contract';
import type { PeripheralState } from '../../devices/peripheral';
import type { OperationLog } from '../log';
import type {
  CallFact,
  DocumentContent,
  OutboundItem,
  PlatformLink,
  QueueEntry,
  QueueFact,
} from './platform-link';

/** Where the platform is and who this cabin is. */
export interface PlatformSocketOptions {
  /** The platform's base URL (`https://…` or, on this machine only, `http://127.0.0.1:…`). */
  readonly url: string;
  readonly cabinId: string;
  readonly credential: string;
  readonly log: OperationLog;
  /** How long a request waits for its reply. */
  readonly requestTimeoutMs?: number;
  /** Backoff between reconnection attempts: first and longest wait. */
  readonly reconnectMs?: { readonly first: number; readonly max: number };
  /** Every this many ms the platform is pinged; no answer by the next ping counts as a drop (default 10 s). */
  readonly heartbeatMs?: number;
}

type RequestType = CabinRequest['type'];

/** How long a request waits for a link that is (re)connecting before it answers `platform.unreachable`. */
const CONNECT_WAIT_MS = 3_000;
type RequestFields<T extends RequestType> = Omit<Extract<CabinRequest, { type: T }>, 'type' | 'requestId'>;

interface Pending {
  readonly resolve: (result: Result<unknown>) => void;
  readonly timer: NodeJS.Timeout;
}

/** What the link keeps of a session it serves: who to tell, and what to resume after a reconnection. */
interface Served {
  queue: ((fact: QueueFact) => void) | null;
  call: ((fact: CallFact) => void) | null;
}

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

/** The platform link over the platform protocol. */
export class PlatformSocketLink implements PlatformLink {
  private socket: WebSocket | null = null;
  private authenticated = false;
  /** The platform refused this cabin's credential at the last attempt: nothing waits for it. */
  private refused = false;
  private closed = false;
  private nextRequestId = 1;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly pending = new Map<number, Pending>();
  private readonly served = new Map<string, Served>();
  /** Items of sessions not yet in the platform's waiting room (the consent): sent right after `queue.join`. */
  private readonly early = new Map<string, SessionItem[]>();
  /** The sessions whose early items are being sent (one sender at a time keeps their order). */
  private readonly flushing = new Set<string>();
  private readonly socketUrl: string;
  private readonly requestTimeoutMs: number;
  private readonly reconnectMs: { readonly first: number; readonly max: number };
  private readonly readyWaiters = new Set<(ready: boolean) => void>();

  constructor(private readonly options: PlatformSocketOptions) {
    const url = platformSocketUrl(options.url);
    if (!url.ok) throw new Error(url.error.detail);
    this.socketUrl = url.value;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.reconnectMs = options.reconnectMs ?? { first: 250, max: 5_000 };
    this.connect();
  }

  check(): Promise<PeripheralState> {
    if (this.authenticated) return Promise.resolve('ok');
    // At boot the first connection may still be opening: give it a moment before calling it faulty.
    return this.whenReady(CONNECT_WAIT_MS).then((ready) => (ready ? 'ok' : 'faulty'));
  }

  async lookUpAppointment(code: string): Promise<Result<{ readonly profession: Profession }>> {
    return this.request('appointment.lookUp', { code: code.replace(/\s/g, '') });
  }

  joinQueue(entry: QueueEntry, report: (fact: QueueFact) => void): () => void {
    const served = this.serve(entry.sessionId);
    served.queue = report;
    const { identity } = entry;
    void this.request('queue.join', {
      sessionId: entry.sessionId,
      profession: entry.profession,
      appointmentCode: entry.appointmentCode,
      patient: { surname: identity.surname, firstName: identity.firstName, birthDate: identity.birthDate },
      measurements: entry.measurements,
    }).then((joined) => {
      if (served.queue !== report) return;
      if (!joined.ok) return report({ type: 'failed', error: joined.error });
      report({ type: 'updated', ...joined.value });
      void this.sendEarlyItems(entry.sessionId);
    });
    return () => {
      if (served.queue !== report) return;
      served.queue = null;
      // Leaving before a professional took the patient: free the place. After assignment the call follows.
      void this.request('queue.leave', { sessionId: entry.sessionId });
    };
  }

  joinCall(sessionId: string, report: (fact: CallFact) => void): () => void {
    const served = this.serve(sessionId);
    served.call = report;
    void this.request('call.join', { sessionId }).then((joined) => {
      if (served.call !== report) return;
      if (!joined.ok) return report({ type: 'failed', error: joined.error });
      const media = parseCallMedia(joined.value);
      if (!media.ok) return report({ type: 'failed', error: { code: 'platform.invalidMessage' } });
      report({ type: 'joined', media: media.value });
    });
    return () => {
      if (served.call === report) served.call = null;
    };
  }

  async deliver(item: OutboundItem): Promise<Result<void>> {
    const sessionItem = toSessionItem(item);
    if (sessionItem === null || item.sessionId === null) {
      this.options.log.warn('platform.unknownOutboundKind', { kind: item.kind.slice(0, 40) });
      return ok(undefined);
    }
    if (!this.served.has(item.sessionId)) {
      // The platform learns of the session when it joins the waiting room; the item goes right after.
      this.early.set(item.sessionId, [...(this.early.get(item.sessionId) ?? []), sessionItem]);
      return ok(undefined);
    }
    const sent = await this.request('session.item', { sessionId: item.sessionId, item: sessionItem });
    // A session the platform has forgotten (ended long ago) cannot take the item: drop it, do not retry forever.
    if (!sent.ok && sent.error.code === 'session.unknown') return ok(undefined);
    return sent.ok ? ok(undefined) : sent;
  }

  async fetchDocument(sessionId: string, documentId: string): Promise<Result<DocumentContent>> {
    const fetched = await this.request('document.fetch', { sessionId, documentId });
    if (!fetched.ok) return fetched;
    return ok({
      contentType: fetched.value.contentType,
      content: new Uint8Array(Buffer.from(fetched.value.base64, 'base64')),
    });
  }

  relayMedia(sessionId: string, message: Exclude<MediaUp, { kind: 'linkState' }>): Promise<Result<unknown>> {
    switch (message.kind) {
      case 'signal':
        return Promise.resolve(this.notify({ type: 'signal', sessionId, payload: message.payload }));
      case 'reception':
        return Promise.resolve(
          this.notify({ type: 'media.reception', sessionId, reception: message.reception }),
        );
      case 'sfu':
        return this.request('sfu.request', { sessionId, method: message.method, data: message.data });
    }
  }

  forgetSession(sessionId: string): void {
    this.early.delete(sessionId);
    if (!this.served.delete(sessionId)) return;
    // Tells the platform the patient left: it ends the call if one runs and drops the session's data.
    void this.request('call.leave', { sessionId });
  }

  /** Closes the connection for good (the cabin stops). */
  close(): void {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.socket?.close(1000);
    this.failPending('platform.unreachable');
  }

  // The items delivered before the session was in the waiting room, in their order; an item the
  // platform could not take waits, with those after it, for the next reconnection.
  private async sendEarlyItems(sessionId: string): Promise<void> {
    if (this.flushing.has(sessionId)) return;
    this.flushing.add(sessionId);
    try {
      for (
        let item = this.early.get(sessionId)?.[0];
        item !== undefined;
        item = this.early.get(sessionId)?.[0]
      ) {
        const sent = await this.request('session.item', { sessionId, item });
        if (!sent.ok && sent.error.code !== 'session.unknown') return;
        this.early.get(sessionId)?.shift();
      }
      this.early.delete(sessionId);
    } finally {
      this.flushing.delete(sessionId);
    }
  }

  private serve(sessionId: string): Served {
    let served = this.served.get(sessionId);
    if (!served) {
      served = { queue: null, call: null };
      this.served.set(sessionId, served);
    }
    return served;
  }

  private connect(): void {
    if (this.closed) return;
    const socket = new WebSocket(this.socketUrl, {
      maxPayload: MAX_PLATFORM_MESSAGE_BYTES,
      handshakeTimeout: 5_000,
    });
    this.socket = socket;
    socket.on('open', () => {
      socket.send(
        JSON.stringify({
          type: 'hello',
          role: 'cabin',
          cabinId: this.options.cabinId,
          credential: this.options.credential,
        }),
      );
    });
    socket.on('message', (data, isBinary) => {
      if (isBinary) return this.options.log.warn('platform.invalidMessage', { detail: 'binary' });
      this.receive(
        Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8'),
      );
    });
    socket.on('error', () => undefined);
    // A network that dies silently never closes the socket: a ping without a pong does.
    let answeredPing = true;
    socket.on('pong', () => {
      answeredPing = true;
    });
    const heartbeat = setInterval(() => {
      if (socket.readyState !== WebSocket.OPEN) return;
      if (!answeredPing) {
        this.options.log.warn('platform.silent');
        return socket.terminate();
      }
      answeredPing = false;
      socket.ping();
    }, this.options.heartbeatMs ?? 10_000);
    heartbeat.unref();
    socket.on('close', (code) => {
      clearInterval(heartbeat);
      if (this.socket !== socket) return;
      const wasAuthenticated = this.authenticated;
      this.socket = null;
      this.authenticated = false;
      this.failPending('platform.unreachable');
      this.refused = code === PLATFORM_CLOSE_CODES.unauthenticated && !wasAuthenticated;
      if (this.refused) {
        for (const wake of this.readyWaiters) wake(false);
        this.readyWaiters.clear();
        this.options.log.error('platform.refusedCredential');
      } else {
        this.options.log.warn('platform.disconnected', { code });
      }
      if (wasAuthenticated) {
        for (const served of this.served.values()) served.call?.({ type: 'reconnecting' });
      }
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    const wait = Math.min(this.reconnectMs.max, this.reconnectMs.first * 2 ** this.attempt);
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => this.connect(), wait);
    this.reconnectTimer.unref();
  }

  private receive(frame: string): void {
    const parsed = parseFrame(frame);
    const message = parsed.ok ? parsePlatformToCabin(parsed.value) : parsed;
    if (!message.ok) {
      this.options.log.warn('platform.invalidMessage', { detail: message.error.detail.slice(0, 80) });
      return;
    }
    const value = message.value;
    switch (value.type) {
      case 'welcome':
        this.authenticated = true;
        this.refused = false;
        this.attempt = 0;
        this.options.log.info('platform.connected');
        for (const wake of this.readyWaiters) wake(true);
        this.readyWaiters.clear();
        this.resumeSessions();
        return;
      case 'reply':
        return this.settle(value.requestId, value.result);
      case 'rejected':
        this.options.log.warn('platform.rejectedOurMessage', {
          code: value.code,
          detail: value.detail.slice(0, 80),
        });
        if (value.requestId !== null) this.settle(value.requestId, err({ code: value.code }));
        return;
      default:
        if (isCabinPush(value)) this.dispatch(value);
    }
  }

  private dispatch(push: CabinPush): void {
    const served = this.served.get(push.sessionId);
    if (!served) return;
    const call = served.call;
    switch (push.type) {
      case 'queue.updated':
        return served.queue?.({
          type: 'updated',
          position: push.position,
          estimatedWaitMinutes: push.estimatedWaitMinutes,
        });
      case 'queue.assigned': {
        const queue = served.queue;
        served.queue = null;
        return queue?.({ type: 'assigned', professional: push.professional });
      }
      case 'call.measurementRequested':
        return call?.({ type: 'measurementRequested', kind: push.kind });
      case 'call.documentPushed':
        return call?.({ type: 'documentReceived', document: push.document });
      case 'call.ended':
        if (push.reason === 'connectionLost') return call?.({ type: 'failed', error: { code: 'call.lost' } });
        return call?.({ type: 'ended' });
      case 'signal':
        return call?.({ type: 'signal', payload: push.payload });
      case 'media.reception':
        return call?.({ type: 'receptionChanged', reception: push.reception });
      case 'sfu.producerAdded':
        return call?.({ type: 'producerAdded' });
      case 'call.peerPresence':
        this.options.log.info('platform.professionalPresence', { present: push.present });
        return;
    }
  }

  // After a reconnection, ask where each served session stands and pick its thread back up.
  private resumeSessions(): void {
    for (const [sessionId, served] of this.served) {
      void this.request('session.resume', { sessionId }).then((resumed) => {
        if (this.served.get(sessionId) !== served) return;
        if (!resumed.ok || resumed.value.stage === 'ended') {
          served.queue?.({ type: 'failed', error: { code: 'platform.sessionLost' } });
          served.call?.({ type: 'failed', error: { code: 'call.lost' } });
          return;
        }
        served.call?.({ type: 'resumed' });
        void this.sendEarlyItems(sessionId);
      });
    }
  }

  private whenReady(timeoutMs: number): Promise<boolean> {
    if (this.authenticated) return Promise.resolve(true);
    if (this.refused) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = (ready: boolean): void => {
        clearTimeout(timer);
        resolve(ready);
      };
      const timer = setTimeout(() => {
        this.readyWaiters.delete(wake);
        resolve(false);
      }, timeoutMs);
      this.readyWaiters.add(wake);
    });
  }

  private notify(message: CabinNotice): Result<null> {
    if (!this.authenticated || this.socket === null) return err({ code: 'platform.unreachable' });
    this.socket.send(JSON.stringify(message));
    return ok(null);
  }

  private async request<T extends RequestType>(
    type: T,
    fields: RequestFields<T>,
  ): Promise<Result<T extends keyof CabinReplies ? CabinReplies[T] : never>> {
    // A request made while the link is reconnecting waits a moment for it rather than failing at once.
    if (!this.authenticated && !(await this.whenReady(CONNECT_WAIT_MS))) {
      return err({ code: 'platform.unreachable' });
    }
    const socket = this.socket;
    if (socket === null) return err({ code: 'platform.unreachable' });
    const requestId = this.nextRequestId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        resolve(err({ code: 'platform.timeout' }));
      }, this.requestTimeoutMs);
      timer.unref();
      this.pending.set(requestId, { resolve: resolve as (result: Result<unknown>) => void, timer });
      socket.send(JSON.stringify({ type, requestId, ...fields }));
    });
  }

  // Answers the request `requestId` if it still waits.
  private settle(requestId: number, result: Result<unknown>): void {
    const pending = this.pending.get(requestId);
    if (!pending) return;
    this.pending.delete(requestId);
    clearTimeout(pending.timer);
    pending.resolve(result);
  }

  private failPending(code: string): void {
    for (const id of [...this.pending.keys()]) this.settle(id, err({ code }));
  }
}

// The outbound queue's items (main/store/outbound-item.ts) in the protocol's terms.
function toSessionItem(item: OutboundItem): SessionItem {
  switch (item.kind) {
    case 'consent': {
      const { presence, attendantStays, textVersion, consentedAt } = item.payload;
      return { kind: 'consent', consent: { presence, attendantStays, textVersion, at: consentedAt } };
    }
    case 'measurement':
      return { kind: 'measurement', measurement: item.payload };
    case 'dmp.choice':
      return { kind: 'dmpChoice', opposed: item.payload.opposed };
  }
}
