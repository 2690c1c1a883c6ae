// The practitioner's desk: what the console knows and does once logged in, apart from how it is drawn.
// It holds the connection to the platform (reconnecting with the same token after a drop), the waiting
// room, the call in progress with its media, and answers every action with a new immutable view.
import { after, type Cancel, type Clock } from '../../contract/clock';
import type { ComposedDocument } from '../../contract/composed-document';
import type { DocumentSummary, MeasurementKind, ProfessionalCard } from '../../contract/domain';
import { connectPractitioner, type PractitionerConnection } from '../../contract/platform-connection';
import type {
  CallEndReason,
  MediaMode,
  PractitionerPush,
  PractitionerRequest,
} from '../../contract/platform-protocol';
import { PLATFORM_CLOSE_CODES } from '../../contract/platform-protocol';
import { err, type CabinError, type Result } from '../../contract/result';
import { webSocketOpener, type WebSocketLike } from '../../contract/socket-client';
import { parseCallMedia } from '../../contract/validate-platform';
import type { ConsoleMedia, MediaFactory } from './console-media';
import {
  byKind,
  isTransportFailure,
  newCall,
  refusalText,
  sentDocument,
  withItem,
  MAX_CHAT_LINES,
  type CallState,
  type ChatLine,
  type DeskView,
  type OutgoingDocument,
  type SessionEnd,
} from './desk-view';
import { CALL_END_MESSAGES, DOCUMENT_KIND_LABELS } from './french-format';
import { InstrumentDesk, NO_INSTRUMENT, type InstrumentView } from './instrument-desk';
import { reportReception } from './reception-report';

/** How long the console waits before opening the connection again after a drop. */
export const RECONNECT_DELAY_MS = 2000;

/** How long a request waits for the platform's reply before it is answered `transport.timeout`. */
export const REPLY_TIMEOUT_MS = 20_000;

/** The answer of an action while there is no connection to carry it. */
const UNAVAILABLE: Result<never, CabinError> = err({ code: 'transport.unavailable' });

/** A document request as the desk sends it, before the call's session id is added. */
type DocumentRequest =
  | Omit<Extract<PractitionerRequest, { type: 'document.push' }>, 'requestId' | 'sessionId'>
  | Omit<Extract<PractitionerRequest, { type: 'document.compose' }>, 'requestId' | 'sessionId'>;

/** What the desk is built with. */
export interface DeskOptions {
  readonly token: string;
  /** When the token stops being accepted (epoch ms). */
  readonly expiresAt: number;
  readonly professional: ProfessionalCard;
  readonly socketUrl: string;
  /** Builds the WebSocket to `url` (the browser's; a fake in tests). */
  readonly openSocket: (url: string) => WebSocketLike;
  readonly media: MediaFactory;
  readonly clock: Clock;
  /** The token was refused, expired, or opened elsewhere: the practitioner must log in again. */
  onSessionEnd(reason: SessionEnd): void;
}

/** The console's model of the practitioner's work: connection, waiting room, call and media. */
export class PractitionerDesk {
  readonly #options: DeskOptions;
  readonly #listeners = new Set<() => void>();
  #view: DeskView;
  #client: PractitionerConnection | null = null;
  #stopped = false;
  #cancelReconnect: Cancel | null = null;
  // The call's machinery, beside its view.
  #media: ConsoleMedia | null = null;
  #stopReporting: Cancel | null = null;
  /** Pushes about the session being accepted, kept until the accept's reply starts the call. */
  #early: PractitionerPush[] = [];
  /** The call's examination instrument: asked, where it stands, its track, the stills. */
  readonly instruments: InstrumentDesk;

  constructor(options: DeskOptions) {
    this.#options = options;
    this.instruments = new InstrumentDesk({
      clock: options.clock,
      sessionId: () => this.#view.call?.sessionId ?? null,
      view: () => this.#view.call?.instrument ?? NO_INSTRUMENT,
      update: (sessionId, change) => this.#updateInstrument(sessionId, change),
      request: (request) => this.#client?.request(request) ?? Promise.resolve(UNAVAILABLE),
      showError: (message) => this.#update({ error: message }),
      refusal: (code) => refusalText('instrument', code),
      captureStill: (video) => options.media.captureStill(video),
    });
    this.#view = {
      professional: options.professional,
      link: 'connecting',
      queue: [],
      accepting: null,
      call: null,
      endedMessage: null,
      error: null,
    };
  }

  /** Opens the connection to the platform. */
  start(): void {
    if (this.#stopped || this.#client !== null) return;
    this.#connect();
  }

  /** Closes the connection and the call's media for good (logout, expiry, page left). */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#cancelReconnect?.();
    this.#client?.close();
    this.#client = null;
    this.#releaseCall();
  }

  /** The current view (a new object after every change, for useSyncExternalStore). */
  readonly getView = (): DeskView => this.#view;

  /** Calls `listener` after every change; answers the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Takes a waiting patient's call; a refusal (already taken, gone) shows as an error. */
  accept(sessionId: string): Promise<void> {
    return this.#take(sessionId, []);
  }

  /** Sends `call.accept`; `early` holds pushes about the session that came before the reply. */
  async #take(sessionId: string, early: PractitionerPush[]): Promise<void> {
    const client = this.#client;
    if (client === null || this.#view.call !== null || this.#view.accepting !== null) return;
    this.#early = [...early];
    this.#update({ accepting: sessionId, error: null, endedMessage: null });
    const result = await client.request({ type: 'call.accept', sessionId });
    if (this.#stopped || this.#view.accepting !== sessionId) return;
    if (!result.ok) {
      this.#update({ accepting: null, error: refusalText('accept', result.error.code) });
      return;
    }
    const media = parseCallMedia(result.value);
    if (!media.ok) {
      this.#update({ accepting: null, error: refusalText('accept', media.error.code) });
      return;
    }
    this.#beginCall(sessionId, media.value.mode);
    this.#startMedia(sessionId, media.value);
    const pending = this.#early;
    this.#early = [];
    for (const push of pending) this.#handlePush(push);
  }

  /** Asks the cabin for a measurement during the call. */
  async requestMeasurement(kind: MeasurementKind): Promise<void> {
    const call = this.#view.call;
    const client = this.#client;
    if (call === null) return;
    if (client === null) {
      this.#update({ error: refusalText('measure', 'transport.unavailable') });
      return;
    }
    this.#update({ error: null });
    const result = await client.request({ type: 'call.requestMeasurement', sessionId: call.sessionId, kind });
    if (this.#view.call?.sessionId !== call.sessionId) return;
    if (!result.ok) {
      this.#update({ error: refusalText('measure', result.error.code) });
      return;
    }
    this.#updateCall({ requested: { kind, at: this.#options.clock.now() } });
  }

  /** Answers the patient's help call: the professional takes care of it (the cabin's banner goes). */
  async answerHelp(): Promise<void> {
    const call = this.#view.call;
    const client = this.#client;
    if (call === null || client === null) return;
    const result = await client.request({ type: 'help.answer', sessionId: call.sessionId });
    if (result.ok && this.#view.call?.sessionId === call.sessionId)
      this.#updateCall({ helpRequested: false });
  }

  /** Writes to the patient in the call; answers true once the platform relayed it (shown then). */
  async sendChat(text: string): Promise<boolean> {
    const call = this.#view.call;
    const client = this.#client;
    if (call === null) return false;
    if (client === null) {
      this.#update({ error: refusalText('chat', 'transport.unavailable') });
      return false;
    }
    const result = await client.request({ type: 'chat.send', sessionId: call.sessionId, text });
    if (this.#view.call?.sessionId !== call.sessionId) return false;
    if (!result.ok) {
      this.#update({ error: refusalText('chat', result.error.code) });
      return false;
    }
    this.#addChat({ from: 'professional', text });
    return true;
  }

  #addChat(line: ChatLine): void {
    const chat = this.#view.call?.chat ?? [];
    this.#updateCall({ chat: [...chat, line].slice(-MAX_CHAT_LINES) });
  }

  /** Sends a document to the cabin; answers true once the platform stored it. */
  pushDocument(document: OutgoingDocument): Promise<boolean> {
    return this.#sendDocument({ type: 'document.push', ...document }, document);
  }

  /**
   * Has the platform write a composed document (ordonnance, arrêt de travail, compte rendu) and send it
   * to the cabin; answers true once the platform stored it, false with the refusal shown (a sick leave
   * the rule refuses says why).
   */
  composeDocument(document: ComposedDocument): Promise<boolean> {
    return this.#sendDocument(
      { type: 'document.compose', document },
      { kind: document.kind, title: DOCUMENT_KIND_LABELS[document.kind] },
    );
  }

  async #sendDocument(
    request: DocumentRequest,
    fallback: { readonly kind: DocumentSummary['kind']; readonly title: string },
  ): Promise<boolean> {
    const call = this.#view.call;
    const client = this.#client;
    if (call === null) return false;
    if (client === null) {
      this.#update({ error: refusalText('document', 'transport.unavailable') });
      return false;
    }
    this.#update({ error: null });
    const result = await client.request({ ...request, sessionId: call.sessionId });
    if (this.#view.call?.sessionId !== call.sessionId) return false;
    if (!result.ok) {
      this.#update({ error: refusalText('document', result.error.code, result.error.detail) });
      return false;
    }
    const sent = sentDocument(result.value, fallback);
    const current = this.#view.call;
    this.#updateCall({ documents: [...current.documents, sent] });
    return true;
  }

  /**
   * Ends the consultation for both sides and goes back to the waiting room. The practitioner's decision
   * is kept: when the connection is down, `call.end` goes again after each reconnection until the
   * platform answers it or ends the call itself.
   */
  async endCall(): Promise<void> {
    const call = this.#view.call;
    if (call === null || call.ending) return;
    this.#update({ error: null });
    this.#updateCall({ ending: true });
    await this.#sendEnd(call.sessionId);
  }

  /** Shows a problem the page found itself (a file too large, a missing title). */
  showError(message: string | null): void {
    this.#update({ error: message });
  }

  /** Hides the message of the last ended call. */
  dismissEndedMessage(): void {
    this.#update({ endedMessage: null });
  }

  /** Sends `call.end` on the current connection; a transport failure keeps the end for the next welcome. */
  async #sendEnd(sessionId: string): Promise<void> {
    const client = this.#client;
    if (this.#view.call?.endAwaitsConnection === true) this.#updateCall({ endAwaitsConnection: false });
    const result = client === null ? UNAVAILABLE : await client.request({ type: 'call.end', sessionId });
    if (this.#stopped || this.#view.call?.sessionId !== sessionId) return; // call.ended came first.
    if (!result.ok && isTransportFailure(result.error.code)) {
      this.#updateCall({ endAwaitsConnection: true });
      if (result.error.code === 'transport.timeout' && client !== null && this.#client === client) {
        // No reply on a socket that still looks open: the network is gone and the browser does not
        // know it yet. Dropping that connection lets a fresh one carry the end.
        client.close();
        this.#reconnectLater();
      }
      return;
    }
    // Any other refusal means the platform no longer holds this call: it is over either way.
    this.#finishCall(null);
  }

  // ------------------------------------------------------------------------------------ connection

  #connect(): void {
    this.#cancelReconnect = null;
    if (this.#stopped) return;
    if (this.#options.clock.now() >= this.#options.expiresAt) {
      this.#endSession('expired');
      return;
    }
    const client = connectPractitioner({
      open: webSocketOpener(() => this.#options.openSocket(this.#options.socketUrl)),
      hello: { type: 'hello', role: 'practitioner', token: this.#options.token },
      clock: this.#options.clock,
      replyTimeoutMs: REPLY_TIMEOUT_MS,
      events: {
        welcomed: () => {
          if (this.#client !== client) return;
          this.#update({ link: 'online' });
          const call = this.#view.call;
          if (call?.endAwaitsConnection === true) void this.#sendEnd(call.sessionId);
        },
        // Malformed frames are dropped; they may hold patient data, so nothing is logged.
        pushed: (push) => {
          if (this.#client === client) this.#handlePush(push);
        },
        closed: (code) => {
          if (this.#client === client) this.#closed(code);
        },
      },
    });
    this.#client = client;
  }

  #closed(code: number): void {
    this.#client = null;
    if (code === PLATFORM_CLOSE_CODES.unauthenticated) {
      this.#endSession('expired');
      return;
    }
    if (code === PLATFORM_CLOSE_CODES.replaced) {
      this.#endSession('replaced');
      return;
    }
    this.#reconnectLater();
  }

  /** Forgets the current connection and opens a new one after the reconnect delay. */
  #reconnectLater(): void {
    this.#client = null;
    this.#update({ link: 'reconnecting' });
    this.#cancelReconnect = after(this.#options.clock, RECONNECT_DELAY_MS, () => this.#connect());
  }

  #endSession(reason: SessionEnd): void {
    this.stop();
    this.#options.onSessionEnd(reason);
  }

  // ----------------------------------------------------------------------------------------- pushes

  #handlePush(push: PractitionerPush): void {
    if (push.type === 'queue.snapshot') {
      const profession = this.#options.professional.profession;
      const queue = push.entries
        .filter((entry) => entry.profession === profession)
        .sort((a, b) => a.since - b.since);
      this.#update({ queue });
      return;
    }
    const call = this.#view.call;
    if (call === null || call.sessionId !== push.sessionId) {
      if (this.#view.accepting === push.sessionId) {
        this.#early.push(push);
      } else if (call === null && this.#view.accepting === null && push.type === 'call.started') {
        // A call of this practitioner that the page no longer holds (it was reloaded): the platform
        // gives it back, and accepting it again answers its media parameters.
        void this.#take(push.sessionId, [push]);
      }
      return;
    }
    switch (push.type) {
      case 'call.started': {
        const measurements = { ...call.measurements, ...byKind(push.measurements) };
        this.#updateCall({
          patient: push.patient,
          visit: push.visit,
          billing: push.billing,
          consent: push.consent ?? call.consent,
          measurements,
        });
        return;
      }
      case 'call.patientJoined':
        this.#updateCall({ patientJoined: true, patientPresent: true });
        return;
      case 'call.item':
        this.#updateCall(withItem(call, push.item));
        return;
      case 'call.peerPresence':
        this.#updateCall({ patientPresent: push.present });
        return;
      case 'call.ended':
        this.#callEnded(call, push.reason);
        return;
      case 'signal':
        this.#media?.handleSignal(push.payload);
        return;
      case 'media.reception':
        this.#updateCall({ reception: push.reception });
        return;
      case 'sfu.producerAdded':
        this.#media?.handleProducerAdded();
        return;
      case 'call.helpChanged':
        this.#updateCall({ helpRequested: push.active });
        return;
      case 'call.chat':
        if (push.from === 'patient') this.#addChat({ from: 'patient', text: push.text });
        return;
      case 'call.instrument':
        this.instruments.cabinSaid(call.sessionId, push.use);
        return;
      default: {
        const unknown: never = push;
        return unknown;
      }
    }
  }

  #callEnded(call: CallState, reason: CallEndReason): void {
    this.#finishCall(call.ending ? null : CALL_END_MESSAGES[reason]);
  }

  // ------------------------------------------------------------------------------------------- call

  #beginCall(sessionId: string, mode: MediaMode): void {
    this.#update({ accepting: null, call: newCall(sessionId, mode) });
  }

  #startMedia(sessionId: string, callMedia: Parameters<MediaFactory['start']>[0]['callMedia']): void {
    const isCurrent = (): boolean => !this.#stopped && this.#view.call?.sessionId === sessionId;
    const local = this.#options.media.openLocal().then((opened) => {
      if (!isCurrent()) {
        for (const track of opened.stream?.getTracks() ?? []) track.stop();
        return null;
      }
      this.#updateCall({ localStream: opened.stream, localProblem: opened.problem });
      return opened.stream;
    });
    this.#media = this.#options.media.start({
      callMedia,
      local,
      sendSignal: (payload) => {
        if (isCurrent()) this.#client?.notify({ type: 'signal', sessionId, payload });
      },
      sfuRequest: (method, data) =>
        this.#client === null || !isCurrent()
          ? Promise.resolve(UNAVAILABLE)
          : this.#client.request({ type: 'sfu.request', sessionId, method, data }),
      onRemoteStream: (stream) => {
        if (isCurrent()) this.#updateCall({ remoteStream: stream });
      },
      onInstrumentTrack: (tag, track) => {
        if (isCurrent()) this.instruments.trackArrived(sessionId, tag, track);
      },
      onFailure: (failure) => {
        if (isCurrent()) this.#updateCall({ mediaFailure: failure });
      },
    });
    const stopFrames = this.instruments.watchFrames(sessionId, this.#media);
    const stopReception = reportReception({
      clock: this.#options.clock,
      media: this.#media,
      notify: (reception) =>
        isCurrent() && this.#client?.notify({ type: 'media.reception', sessionId, reception }) === true,
    });
    this.#stopReporting = () => {
      stopFrames();
      stopReception();
    };
  }

  #finishCall(endedMessage: string | null): void {
    this.#releaseCall();
    this.#update({ call: null, endedMessage, accepting: null });
  }

  #releaseCall(): void {
    this.#stopReporting?.();
    this.#stopReporting = null;
    this.#media?.close();
    this.#media = null;
    for (const track of this.#view.call?.localStream?.getTracks() ?? []) track.stop();
  }

  // ------------------------------------------------------------------------------------------ views

  #update(change: Partial<DeskView>): void {
    this.#view = { ...this.#view, ...change };
    for (const listener of [...this.#listeners]) listener();
  }

  #updateCall(change: Partial<CallState>): void {
    const call = this.#view.call;
    if (call !== null) this.#update({ call: { ...call, ...change } });
  }

  #updateInstrument(sessionId: string, change: (view: InstrumentView) => InstrumentView): void {
    const call = this.#view.call;
    if (call?.sessionId !== sessionId) return;
    const instrument = change(call.instrument);
    if (instrument !== call.instrument) this.#updateCall({ instrument });
  }
}
