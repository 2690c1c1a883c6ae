// The practitioner's desk: what the console knows and does once logged in, apart from how it is drawn.
// It holds the connection to the platform (reconnecting with the same token after a drop), the waiting
// room, the call in progress with its media, and answers every action with a new immutable view.
import { every, after, type Cancel, type Clock } from '../../contract/clock';
import {
  DOCUMENT_KINDS,
  type DocumentSummary,
  type Measurement,
  type MeasurementKind,
  type ProfessionalCard,
} from '../../contract/domain';
import { connectPractitioner, type PractitionerConnection } from '../../contract/platform-connection';
import type {
  CallEndReason,
  ConsentSummary,
  DocumentContentType,
  MediaMode,
  MediaReception,
  PatientSummary,
  PractitionerPush,
  QueueEntryView,
} from '../../contract/platform-protocol';
import { PLATFORM_CLOSE_CODES } from '../../contract/platform-protocol';
import { err, type CabinError, type Result } from '../../contract/result';
import { integer, matching, object, oneOf, text } from '../../contract/schema';
import { webSocketOpener, type WebSocketLike } from '../../contract/socket-client';
import { parseCallMedia } from '../../contract/validate-platform';
import {
  receptionBetween,
  type ConsoleMedia,
  type InboundCounters,
  type LocalMediaProblem,
  type MediaFactory,
  type MediaFailure,
} from './console-media';
import { CALL_END_MESSAGES } from './french-format';

/** How often the inbound statistics are read to tell the cabin what reaches the practitioner. */
export const RECEPTION_SAMPLE_MS = 1000;

/** How long the console waits before opening the connection again after a drop. */
export const RECONNECT_DELAY_MS = 2000;

/** How long a request waits for the platform's reply before it is answered `transport.timeout`. */
export const REPLY_TIMEOUT_MS = 20_000;

/** The answer of an action while there is no connection to carry it. */
const UNAVAILABLE: Result<never, CabinError> = err({ code: 'transport.unavailable' });

/** Why the desk sends the practitioner back to the login form. */
export type SessionEnd = 'expired' | 'replaced';

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

/** The state of the connection to the platform. */
export type LinkState = 'connecting' | 'online' | 'reconnecting';

/** The consultation in progress, as the call view shows it. Patient data: memory only. */
export interface CallState {
  readonly sessionId: string;
  /** null until the platform sent who the patient is. */
  readonly patient: PatientSummary | null;
  readonly consent: ConsentSummary | null;
  readonly measurements: Readonly<Partial<Record<MeasurementKind, Measurement>>>;
  /** The patient's choice about the DMP, once known: true when they oppose it. */
  readonly dmpOpposed: boolean | null;
  readonly mode: MediaMode;
  /** The patient entered the call (tapped to start it in the cabin). */
  readonly patientJoined: boolean;
  /** false while the platform reports the cabin's connection lost. */
  readonly patientPresent: boolean;
  /** What the cabin reports receiving of the practitioner. */
  readonly reception: MediaReception;
  /** The last measurement asked for, until it arrives. */
  readonly requested: { readonly kind: MeasurementKind; readonly at: number } | null;
  readonly documents: readonly DocumentSummary[];
  readonly localStream: MediaStream | null;
  /** What is missing of the practitioner's camera and microphone; null until they were asked for. */
  readonly localProblem: LocalMediaProblem | null;
  readonly remoteStream: MediaStream | null;
  readonly mediaFailure: MediaFailure | null;
  /** The practitioner ended the call: `call.end` is on its way or waits for the connection. */
  readonly ending: boolean;
  /** `call.end` could not reach the platform; it goes again as soon as the connection is welcomed. */
  readonly endAwaitsConnection: boolean;
}

/** Everything the console shows once logged in. */
export interface DeskView {
  readonly professional: ProfessionalCard;
  readonly link: LinkState;
  /** The waiting patients of the practitioner's profession, longest waiting first. */
  readonly queue: readonly QueueEntryView[];
  /** The session whose `call.accept` is waiting for its reply. */
  readonly accepting: string | null;
  readonly call: CallState | null;
  /** Why the last call ended, when the practitioner did not end it. */
  readonly endedMessage: string | null;
  readonly error: string | null;
}

/** A document as the practitioner sends it. */
export interface OutgoingDocument {
  readonly kind: DocumentSummary['kind'];
  readonly title: string;
  readonly contentType: DocumentContentType;
  readonly base64: string;
}

const TRANSPORT_CODES = new Set(['transport.unavailable', 'transport.timeout']);

/** The French sentence for a refused action. */
export function refusalText(action: 'accept' | 'measure' | 'document' | 'end', code: string): string {
  if (TRANSPORT_CODES.has(code)) return 'Pas de connexion au serveur. Réessayez dans un instant.';
  if (code === 'call.alreadyTaken') return 'Ce patient est déjà pris en charge par un autre professionnel.';
  switch (action) {
    case 'accept':
      return 'La prise en charge n’a pas abouti : le patient n’est peut-être plus en salle d’attente.';
    case 'measure':
      return 'La demande de mesure n’a pas abouti. Réessayez.';
    case 'document':
      return 'Le document n’a pas pu être envoyé. Réessayez.';
    case 'end':
      return 'La consultation n’a pas pu être terminée. Réessayez.';
    default: {
      const unknown: never = action;
      return String(unknown);
    }
  }
}

const documentSummaryCheck = object({
  id: matching(/^[A-Za-z0-9_-]{1,64}$/, 64),
  kind: oneOf(DOCUMENT_KINDS),
  title: text(120, 1),
  pages: integer(0, 500),
});
const documentReplyCheck = object({ document: documentSummaryCheck });

function sameReception(a: MediaReception, b: MediaReception): boolean {
  return a.audio === b.audio && a.video === b.video;
}

function byKind(measurements: readonly Measurement[]): Partial<Record<MeasurementKind, Measurement>> {
  const table: Partial<Record<MeasurementKind, Measurement>> = {};
  for (const measurement of measurements) {
    const known = table[measurement.kind];
    if (known === undefined || known.takenAt <= measurement.takenAt) table[measurement.kind] = measurement;
  }
  return table;
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
  #stopSampling: Cancel | null = null;
  #sampling = false;
  #lastCounters: InboundCounters | null = null;
  #lastSentReception: MediaReception = { audio: false, video: false };
  /** Pushes about the session being accepted, kept until the accept's reply starts the call. */
  #early: PractitionerPush[] = [];

  constructor(options: DeskOptions) {
    this.#options = options;
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
    const entry = this.#view.queue.find((item) => item.sessionId === sessionId);
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
    this.#beginCall(sessionId, entry?.patient ?? null, media.value.mode);
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

  /** Sends a document to the cabin; answers true once the platform stored it. */
  async pushDocument(document: OutgoingDocument): Promise<boolean> {
    const call = this.#view.call;
    const client = this.#client;
    if (call === null) return false;
    if (client === null) {
      this.#update({ error: refusalText('document', 'transport.unavailable') });
      return false;
    }
    this.#update({ error: null });
    const result = await client.request({ type: 'document.push', sessionId: call.sessionId, ...document });
    if (this.#view.call?.sessionId !== call.sessionId) return false;
    if (!result.ok) {
      this.#update({ error: refusalText('document', result.error.code) });
      return false;
    }
    const sent: DocumentSummary =
      documentReplyCheck(result.value, 'reply') === null
        ? (result.value as { document: DocumentSummary }).document
        : { id: '', kind: document.kind, title: document.title, pages: 0 };
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
    if (!result.ok && TRANSPORT_CODES.has(result.error.code)) {
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
        this.#updateCall({ patient: push.patient, consent: push.consent ?? call.consent, measurements });
        return;
      }
      case 'call.patientJoined':
        this.#updateCall({ patientJoined: true, patientPresent: true });
        return;
      case 'call.item':
        this.#handleItem(call, push.item);
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
      default: {
        const unknown: never = push;
        return unknown;
      }
    }
  }

  #handleItem(call: CallState, item: Extract<PractitionerPush, { type: 'call.item' }>['item']): void {
    switch (item.kind) {
      case 'consent':
        this.#updateCall({ consent: item.consent });
        return;
      case 'measurement': {
        const measurement = item.measurement;
        const known = call.measurements[measurement.kind];
        if (known !== undefined && known.takenAt > measurement.takenAt) return;
        this.#updateCall({
          measurements: { ...call.measurements, [measurement.kind]: measurement },
          requested: call.requested?.kind === measurement.kind ? null : call.requested,
        });
        return;
      }
      case 'dmpChoice':
        this.#updateCall({ dmpOpposed: item.opposed });
        return;
      default: {
        const unknown: never = item;
        return unknown;
      }
    }
  }

  #callEnded(call: CallState, reason: CallEndReason): void {
    this.#finishCall(call.ending ? null : CALL_END_MESSAGES[reason]);
  }

  // ------------------------------------------------------------------------------------------- call

  #beginCall(sessionId: string, patient: PatientSummary | null, mode: MediaMode): void {
    this.#lastCounters = null;
    this.#lastSentReception = { audio: false, video: false };
    this.#update({
      accepting: null,
      call: {
        sessionId,
        patient,
        consent: null,
        measurements: {},
        dmpOpposed: null,
        mode,
        patientJoined: false,
        patientPresent: true,
        reception: { audio: false, video: false },
        requested: null,
        documents: [],
        localStream: null,
        localProblem: null,
        remoteStream: null,
        mediaFailure: null,
        ending: false,
        endAwaitsConnection: false,
      },
    });
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
      onFailure: (failure) => {
        if (isCurrent()) this.#updateCall({ mediaFailure: failure });
      },
    });
    this.#stopSampling = every(this.#options.clock, RECEPTION_SAMPLE_MS, () => {
      void this.#sampleReception(sessionId);
    });
  }

  /** Reads what arrives from the cabin and tells the platform when it changed. */
  async #sampleReception(sessionId: string): Promise<void> {
    const media = this.#media;
    if (this.#sampling || media === null) return;
    this.#sampling = true;
    try {
      const counters = await media.readInbound().catch(() => null);
      if (this.#media !== media || this.#view.call?.sessionId !== sessionId) return;
      const reception = receptionBetween(this.#lastCounters, counters);
      this.#lastCounters = counters;
      if (sameReception(reception, this.#lastSentReception)) return;
      // Not sent (offline): the next sample tries again, since the last sent value did not change.
      if (this.#client?.notify({ type: 'media.reception', sessionId, reception }) === true) {
        this.#lastSentReception = reception;
      }
    } finally {
      this.#sampling = false;
    }
  }

  #finishCall(endedMessage: string | null): void {
    this.#releaseCall();
    this.#update({ call: null, endedMessage, accepting: null });
  }

  #releaseCall(): void {
    this.#stopSampling?.();
    this.#stopSampling = null;
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
}
