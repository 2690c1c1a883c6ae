// The cabin's client of the platform protocol (contract/platform-protocol.ts) over one WebSocket: wss://
// to an operator's platform, ws:// only to a platform on this machine. It speaks through the contract's
// platform connection (one request/reply client for the cabin, the console and the screens),
// authenticates with the cabin's credential, reconnects with backoff, resumes the sessions it was
// serving, and reports the platform's pushes as the session's facts. Nothing of a patient is logged:
// codes, counts and message types only.
import {
  DIRECT_ACCESS_SPECIALTIES,
  after,
  connectCabin,
  doublingBackoff,
  err,
  ok,
  parseCallMedia,
  PLATFORM_CLOSE_CODES,
  Retry,
  systemClock,
  type CabinConnection,
  type CabinPush,
  type CabinReplies,
  type CabinRequest,
  type CabinNotice,
  type CallFact,
  type Clock,
  type HelpCallState,
  type InstrumentUse,
  type MediaUp,
  type Profession,
  type QueueEvent,
  type RemoteHelpAudience,
  type Result,
  type SessionItem,
} from '../../contract';
import type { PeripheralState } from '../../devices/peripheral';
import type { OperationLog } from '../log';
import type { DocumentContent, OutboundItem, PlatformLink, QueueEntry } from './platform-link';
import { platformSocketOpener, platformSocketUrl } from './platform-socket';
import { billingSummaryOf } from './billing-summary';
import { coverSummaryOf } from './cover-summary';
import { patientNeedsOf } from './needs-summary';
import { sessionFactOf, toSessionItem } from './protocol-terms';

/** Where the platform is and who this cabin is. */
export interface PlatformSocketOptions {
  /** The platform's base URL (`https://…` or, on this machine only, `http://127.0.0.1:…`). */
  readonly url: string;
  readonly cabinId: string;
  readonly credential: string;
  readonly log: OperationLog;
  /** The time of the backoff, the heartbeat and the request timeouts (the system clock by default). */
  readonly clock?: Clock;
  /** How long a request waits for its reply. */
  readonly requestTimeoutMs?: number;
  /** Backoff between reconnection attempts: first and longest wait. */
  readonly reconnectMs?: { readonly first: number; readonly max: number };
  /** Every this many ms the platform is pinged; no answer by the next ping counts as a drop (default 10 s). */
  readonly heartbeatMs?: number;
}

type RequestType = CabinRequest['type'];

/** How long a request waits for a link that is (re)connecting before it answers `platform.unreachable`. */
export const CONNECT_WAIT_MS = 3_000;
type RequestFields<T extends RequestType> = Omit<Extract<CabinRequest, { type: T }>, 'type' | 'requestId'>;

/** What the link keeps of a session it serves: who to tell, and what to resume after a reconnection. */
interface Served {
  queue: ((event: QueueEvent) => void) | null;
  call: ((fact: CallFact) => void) | null;
}

/** The platform link over the platform protocol. */
export class PlatformSocketLink implements PlatformLink {
  private connection: CabinConnection | null = null;
  /** The platform refused this cabin's credential at the last attempt: nothing waits for it. */
  private refused = false;
  private closed = false;
  /** The next connection after a drop, after a wait that doubles with each failed one. */
  private readonly reconnect: Retry;
  private readonly served = new Map<string, Served>();
  /** Sessions whose help call is pending on the platform, and who hears its answer (any stage, even before the queue). */
  private readonly helpAnswers = new Map<string, (by: RemoteHelpAudience) => void>();
  /** Items of sessions not yet in the platform's waiting room (the consent): sent right after `queue.join`. */
  private readonly early = new Map<string, SessionItem[]>();
  /** The sessions whose early items are being sent (one sender at a time keeps their order). */
  private readonly flushing = new Set<string>();
  private readonly socketUrl: string;
  private readonly clock: Clock;
  private readonly readyWaiters = new Set<(ready: boolean) => void>();
  /** The current connection was welcomed (its drop is a reconnection, not a refusal). */
  private wasWelcomed = false;

  constructor(private readonly options: PlatformSocketOptions) {
    const url = platformSocketUrl(options.url);
    if (!url.ok) throw new Error(url.error.detail);
    this.socketUrl = url.value;
    this.clock = options.clock ?? systemClock;
    const { first, max } = options.reconnectMs ?? { first: 250, max: 5_000 };
    this.reconnect = new Retry(this.clock, doublingBackoff(first, max));
    this.connect();
  }

  private get authenticated(): boolean {
    return this.connection?.ready === true;
  }

  check(): Promise<PeripheralState> {
    if (this.authenticated) return Promise.resolve('ok');
    // At boot the first connection may still be opening: give it a moment before calling it faulty.
    return this.whenReady(CONNECT_WAIT_MS).then((ready) => (ready ? 'ok' : 'faulty'));
  }

  async lookUpAppointment(code: string): Promise<Result<CabinReplies['appointment.lookUp']>> {
    const found = await this.request('appointment.lookUp', { code: code.replace(/\s/g, '') });
    if (!found.ok) return found;
    // A platform that predates the specialty, or names one the cabin does not list, books no direct access.
    const { specialty } = found.value as { readonly specialty?: unknown };
    const known = DIRECT_ACCESS_SPECIALTIES.find((listed) => listed === specialty) ?? null;
    return ok({ profession: found.value.profession, specialty: known });
  }

  lookUpPresence(profession: Profession): Promise<Result<{ readonly professionalsOnline: number }>> {
    return this.request('presence.lookUp', { profession });
  }

  joinQueue(entry: QueueEntry, report: (event: QueueEvent) => void): () => void {
    const served = this.serve(entry.sessionId);
    served.queue = report;
    const { identity } = entry;
    void this.request('queue.join', {
      sessionId: entry.sessionId,
      profession: entry.profession,
      appointmentCode: entry.appointmentCode,
      patient: {
        surname: identity.surname,
        firstName: identity.firstName,
        birthDate: identity.birthDate,
        nir: identity.nir,
        source: identity.source,
      },
      visit: {
        locale: entry.locale,
        cover: coverSummaryOf(entry.carePath, entry.cost),
        // What the patient asked for, so the professional knows before the call (no identity in it).
        needs: patientNeedsOf(entry.accessibility),
        // The instruments the console may ask for (absent when the cabin did not say).
        ...(entry.instruments === undefined ? {} : { instruments: entry.instruments }),
      },
      // For this call only: the platform gives it to the professional who takes the patient, no one else.
      billing: billingSummaryOf(entry, this.clock.now()),
      measurements: entry.measurements,
    }).then((joined) => {
      if (served.queue !== report) return;
      if (!joined.ok) return report({ type: 'queue.failed', error: joined.error });
      const { position, estimatedWaitMinutes, professionalsOnline } = joined.value;
      report({ type: 'queue.updated', position, estimatedWaitMinutes, professionalsOnline });
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
      if (!joined.ok) return report({ type: 'call.failed', error: joined.error });
      const media = parseCallMedia(joined.value);
      if (!media.ok) return report({ type: 'call.failed', error: { code: 'platform.invalidMessage' } });
      report({ type: 'call.joined', media: media.value });
    });
    return () => {
      if (served.call === report) served.call = null;
    };
  }

  async deliver(item: OutboundItem): Promise<Result<void>> {
    const sessionItem = toSessionItem(item);
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

  async reportHelp(
    sessionId: string,
    state: HelpCallState,
    answered: (by: RemoteHelpAudience) => void,
  ): Promise<Result<{ readonly told: readonly RemoteHelpAudience[] }>> {
    if (state === 'requested') this.helpAnswers.set(sessionId, answered);
    else this.helpAnswers.delete(sessionId);
    return this.request('help.update', { sessionId, state });
  }

  async sendMessage(sessionId: string, text: string): Promise<Result<void>> {
    const sent = await this.request('chat.send', { sessionId, text });
    return sent.ok ? ok(undefined) : sent;
  }

  async sendInstrumentUse(sessionId: string, use: InstrumentUse): Promise<Result<void>> {
    const sent = await this.request('instrument.update', { sessionId, use });
    return sent.ok ? ok(undefined) : sent;
  }

  forgetSession(sessionId: string): void {
    this.helpAnswers.delete(sessionId);
    this.early.delete(sessionId);
    if (!this.served.delete(sessionId)) return;
    // Tells the platform the patient left: it ends the call if one runs and drops the session's data.
    void this.request('call.leave', { sessionId });
  }

  /** Closes the connection for good (the cabin stops); what still waits answers `platform.unreachable`. */
  close(): void {
    this.closed = true;
    this.reconnect.cancel();
    this.connection?.close(1000);
    this.connection = null;
    for (const wake of this.readyWaiters) wake(false);
    this.readyWaiters.clear();
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
    const connection = connectCabin({
      open: platformSocketOpener({
        url: this.socketUrl,
        clock: this.clock,
        heartbeatMs: this.options.heartbeatMs ?? 10_000,
        onSilent: () => this.options.log.warn('platform.silent'),
      }),
      hello: {
        type: 'hello',
        role: 'cabin',
        cabinId: this.options.cabinId,
        credential: this.options.credential,
      },
      clock: this.clock,
      replyTimeoutMs: this.options.requestTimeoutMs ?? 10_000,
      timeoutError: { code: 'platform.timeout' },
      unavailableError: { code: 'platform.unreachable' },
      events: {
        welcomed: () => this.welcomed(),
        pushed: (push) => this.dispatch(push),
        rejected: (rejected) =>
          this.options.log.warn('platform.rejectedOurMessage', {
            code: rejected.code,
            detail: rejected.detail.slice(0, 80),
          }),
        malformed: (detail) =>
          this.options.log.warn('platform.invalidMessage', { detail: detail.slice(0, 80) }),
        closed: (code) => {
          if (this.connection === connection) this.dropped(code);
        },
      },
    });
    this.connection = connection;
  }

  private welcomed(): void {
    this.wasWelcomed = true;
    this.refused = false;
    this.reconnect.succeeded();
    this.options.log.info('platform.connected');
    for (const wake of this.readyWaiters) wake(true);
    this.readyWaiters.clear();
    this.resumeSessions();
  }

  // The connection closed by itself (the platform, the network, the heartbeat): requests waiting on it
  // were answered `platform.unreachable` by the connection; the calls hear that the link is down.
  private dropped(code: number): void {
    const wasWelcomed = this.wasWelcomed;
    this.wasWelcomed = false;
    this.connection = null;
    this.refused = code === PLATFORM_CLOSE_CODES.unauthenticated && !wasWelcomed;
    if (this.refused) {
      for (const wake of this.readyWaiters) wake(false);
      this.readyWaiters.clear();
      this.options.log.error('platform.refusedCredential');
    } else {
      this.options.log.warn('platform.disconnected', { code });
    }
    if (wasWelcomed) {
      for (const served of this.served.values()) served.call?.({ type: 'call.reconnecting' });
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    this.reconnect.schedule(() => this.connect());
  }

  // The platform's pushes about a served session, as the session's facts (protocol-terms.ts).
  private dispatch(push: CabinPush): void {
    const meantForHelp = sessionFactOf(push);
    if (meantForHelp.to === 'help') {
      const answered = this.helpAnswers.get(push.sessionId);
      this.helpAnswers.delete(push.sessionId);
      answered?.(meantForHelp.event.by);
      return;
    }
    const served = this.served.get(push.sessionId);
    if (!served) return;
    if (push.type === 'call.peerPresence') {
      this.options.log.info('platform.professionalPresence', { present: push.present });
      return;
    }
    const meant = sessionFactOf(push);
    if (meant.to === 'queue') {
      const queue = served.queue;
      // The waiting room ends once the professional is assigned.
      if (meant.event.type === 'queue.assigned') served.queue = null;
      queue?.(meant.event);
    } else if (meant.to === 'call') {
      served.call?.(meant.fact);
    }
  }

  // After a reconnection, ask where each served session stands and pick its thread back up.
  private resumeSessions(): void {
    for (const [sessionId, served] of this.served) {
      void this.request('session.resume', { sessionId }).then((resumed) => {
        if (this.served.get(sessionId) !== served) return;
        if (!resumed.ok || resumed.value.stage === 'ended') {
          served.queue?.({ type: 'queue.failed', error: { code: 'platform.sessionLost' } });
          served.call?.({ type: 'call.failed', error: { code: 'call.lost' } });
          return;
        }
        served.call?.({ type: 'call.resumed' });
        void this.sendEarlyItems(sessionId);
      });
    }
  }

  private whenReady(timeoutMs: number): Promise<boolean> {
    if (this.authenticated) return Promise.resolve(true);
    if (this.refused || this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = (ready: boolean): void => {
        cancelTimeout();
        resolve(ready);
      };
      const cancelTimeout = after(this.clock, timeoutMs, () => {
        this.readyWaiters.delete(wake);
        resolve(false);
      });
      this.readyWaiters.add(wake);
    });
  }

  private notify(message: CabinNotice): Result<null> {
    const connection = this.connection;
    if (connection === null || !connection.notify(message)) return err({ code: 'platform.unreachable' });
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
    const connection = this.connection;
    if (connection === null) return err({ code: 'platform.unreachable' });
    const body = { type, ...fields } as unknown as Parameters<CabinConnection['request']>[0];
    const result = await connection.request(body);
    if (!result.ok && result.error.code.startsWith('protocol.')) {
      // The platform refused the message itself: a bug on one side, logged with the faulty field only.
      this.options.log.warn('platform.rejectedOurMessage', {
        code: result.error.code,
        detail: (result.error.detail ?? '').slice(0, 80),
      });
      return err({ code: result.error.code });
    }
    // The platform answers each request with that request's reply type (validated by its own checks).
    return result as Result<T extends keyof CabinReplies ? CabinReplies[T] : never>;
  }
}
