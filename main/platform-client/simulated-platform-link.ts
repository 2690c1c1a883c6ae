// An in-process platform for scenario tests and a cabin without a platform (`platform.kind: "simulated"`):
// a short queue, a fictitious doctor, a call that asks for one measurement, deposits a prescription and
// ends (it waits for the measurement it asked for, or a call's length). It carries no media: the call
// counts as connected by itself, and media messages are dropped. A patient who asked for the written
// conversation is greeted in writing as the call connects; every message of the patient gets a short
// written answer a step later (nothing of it is kept).
// Like the reference platform, it knows who is online: asked, it gives the count of a kind; with nobody
// of the kind online the queue says so at once (no estimate) and the queue does not move until someone comes (`setOnline`).
import {
  after,
  err,
  every,
  ok,
  PROFESSIONS,
  type CallFact,
  type Cancel,
  type Clock,
  type HelpCallState,
  type InstrumentKind,
  type InstrumentUse,
  type MeasurementKind,
  type Profession,
  type QueueEvent,
  type QueuePlace,
  type RemoteHelpAudience,
  type Result,
  type CabinReplies,
  type DirectAccessSpecialty,
} from '../../contract';
import type { PeripheralState } from '../../devices/peripheral';
import type { DocumentContent, OutboundItem, PlatformLink, QueueEntry } from './platform-link';

/** The appointment codes the simulated platform knows (fictitious). */
export const SIMULATED_APPOINTMENT_CODES: Readonly<
  Record<string, { readonly profession: Profession; readonly specialty: DirectAccessSpecialty | null }>
> = {
  '123456': { profession: 'doctor', specialty: null },
  '135790': { profession: 'doctor', specialty: 'ophthalmology' },
  '654321': { profession: 'physiotherapist', specialty: null },
};

/** Pace and behaviour of the simulated platform. */
export interface SimulatedPlatformOptions {
  /** Gap between two waiting-room or call events, in ms. */
  readonly stepMs: number;
  /** How long the professional talks before ending the call, in ms. */
  readonly callMs: number;
  /** Whether the platform answers at all (false simulates a network cut). */
  readonly reachable: () => boolean;
  /** Professionals online by profession at the start; one of each where not given. */
  readonly online?: Partial<Record<Profession, number>>;
  /** What the simulated professional asks for in the middle of the call (default temperature; null: nothing). */
  readonly callMeasurement?: MeasurementKind | null;
}

/** The running simulated call: where its facts go, and the measurement the professional waits for. */
interface SimulatedCall {
  readonly sessionId: string;
  readonly report: (fact: CallFact) => void;
  waitingFor: MeasurementKind | null;
  /** A measurement was asked for in this call. */
  asked: boolean;
}

/** The simulated mean consultation length, in minutes (a short demo queue). */
export const SIMULATED_CONSULTATION_MINUTES = 3;

/** How long the simulated platform keeps a session whose cabin is out of reach (the reference platform's grace). */
export const SIMULATED_RESUME_GRACE_MS = 60_000;

/** What the simulated professional writes first to a patient who asked for the written conversation. */
export const SIMULATED_GREETING =
  'Bonjour, je suis le docteur Fontaine. Je vous écris ici. Comment allez-vous ?';

/** What the simulated professional writes back to each message of the patient. */
export const SIMULATED_REPLY = 'Merci, j’ai bien lu votre message.';

/** Where the simulated platform places a patient who joins (one patient ahead). */
const FIRST_POSITION = 2;

/** A patient in the simulated waiting room. */
interface SimulatedWaiting {
  readonly profession: Profession;
  position: number;
  /** The platform answered the join: from then on every change is pushed. */
  answered: boolean;
  readonly report: (event: QueueEvent) => void;
}

/** A platform simulated in-process. */
export class SimulatedPlatformLink implements PlatformLink {
  readonly delivered: OutboundItem[] = [];
  /** The help calls' states the cabin reported, in order. */
  readonly helpReports: HelpCallState[] = [];
  /** Where the examination instrument stood, as the cabin told the simulated professional, in order. */
  readonly instrumentUses: InstrumentUse[] = [];
  /** The instruments the last queue entry said the cabin has (undefined: it did not say). */
  offeredInstruments: readonly InstrumentKind[] | undefined;
  private readonly documents = new Map<string, Map<string, Uint8Array>>();
  private readonly online = new Map<Profession, number>();
  private readonly waiting = new Set<SimulatedWaiting>();
  private call: SimulatedCall | null = null;
  /** The sessions whose patient asked for the written conversation at the start. */
  private readonly writing = new Set<string>();

  constructor(
    private readonly options: SimulatedPlatformOptions,
    private readonly clock: Clock,
  ) {
    for (const profession of PROFESSIONS) this.online.set(profession, options.online?.[profession] ?? 1);
  }

  /** How many professionals of `profession` are online. */
  onlineOf(profession: Profession): number {
    return this.online.get(profession) ?? 0;
  }

  /**
   * Sets how many professionals of `profession` are online (a console logging in or out); every patient
   * waiting for that profession is told at once, as the reference platform does.
   */
  setOnline(profession: Profession, count: number): void {
    this.online.set(profession, Math.max(0, Math.floor(count)));
    for (const waiting of this.waiting) {
      if (waiting.profession === profession && waiting.answered) this.tell(waiting);
    }
  }

  check(): Promise<PeripheralState> {
    return Promise.resolve(this.options.reachable() ? 'ok' : 'faulty');
  }

  lookUpAppointment(code: string): Promise<Result<CabinReplies['appointment.lookUp']>> {
    if (!this.options.reachable()) return Promise.resolve(err({ code: 'platform.unreachable' }));
    const booked = SIMULATED_APPOINTMENT_CODES[code.replace(/\s/g, '')];
    return Promise.resolve(booked ? ok(booked) : err({ code: 'appointment.unknownCode' }));
  }

  lookUpPresence(profession: Profession): Promise<Result<{ readonly professionalsOnline: number }>> {
    if (!this.options.reachable()) return Promise.resolve(err({ code: 'platform.unreachable' }));
    return Promise.resolve(ok({ professionalsOnline: this.onlineOf(profession) }));
  }

  joinQueue(entry: QueueEntry, report: (event: QueueEvent) => void): Cancel {
    const { stepMs } = this.options;
    if (!this.options.reachable()) {
      return after(this.clock, stepMs, () =>
        report({ type: 'queue.failed', error: { code: 'platform.unreachable' } }),
      );
    }
    // The answer, then one step a patient ahead is taken, then the patient: while nobody of the kind is
    // online nobody is taken and the queue stands still. A network cut holds the queue where it was; past
    // the platform's grace the patient has lost their place, as with the reference platform.
    if (entry.accessibility?.writtenConversation === true) this.writing.add(entry.sessionId);
    this.offeredInstruments = entry.instruments;
    const waiting: SimulatedWaiting = {
      profession: entry.profession,
      position: FIRST_POSITION,
      answered: false,
      report,
    };
    this.waiting.add(waiting);
    let awayMs = 0;
    const stop = every(this.clock, stepMs, () => {
      if (!this.options.reachable()) {
        awayMs += stepMs;
        if (awayMs < SIMULATED_RESUME_GRACE_MS) return;
        leave();
        return report({ type: 'queue.failed', error: { code: 'platform.unreachable' } });
      }
      awayMs = 0;
      if (!waiting.answered) {
        waiting.answered = true;
        return this.tell(waiting);
      }
      if (this.onlineOf(waiting.profession) === 0) return;
      if (waiting.position > 1) {
        waiting.position -= 1;
        return this.tell(waiting);
      }
      leave();
      report({
        type: 'queue.assigned',
        professional: {
          civility: 'Dr',
          name: 'Claire Fontaine',
          profession: entry.profession,
          specialty: entry.profession === 'doctor' ? 'Médecine générale' : '',
          rpps: '10000000000',
          address: '12 rue des Lilas, 69003 Lyon',
        },
      });
    });
    const leave = (): void => {
      stop();
      this.waiting.delete(waiting);
    };
    return leave;
  }

  /** The place of a waiting patient, with the professionals online and the estimate (none with nobody). */
  placeOf(profession: Profession, position: number): QueuePlace {
    const online = this.onlineOf(profession);
    return {
      position,
      estimatedWaitMinutes:
        online === 0 ? null : Math.ceil((position * SIMULATED_CONSULTATION_MINUTES) / online),
      professionalsOnline: online,
    };
  }

  private tell(waiting: SimulatedWaiting): void {
    waiting.report({ type: 'queue.updated', ...this.placeOf(waiting.profession, waiting.position) });
  }

  joinCall(sessionId: string, report: (fact: CallFact) => void): Cancel {
    const { stepMs, callMs } = this.options;
    const asked = this.options.callMeasurement === undefined ? 'temperature' : this.options.callMeasurement;
    const prescription = {
      id: 'doc-1',
      kind: 'prescription' as const,
      title: 'Ordonnance',
      pages: 1,
    };
    const call: SimulatedCall = { sessionId, report, waitingFor: null, asked: false };
    this.call = call;
    report({ type: 'call.joined', media: { mode: 'direct', iceServers: [] } });
    // The call's own time runs only while the platform is reachable: connected after a step; half-way the
    // professional asks for a measurement and waits for it (a call's length at most: the patient may skip
    // it); then writes the prescription and, a step later, ends the call. A network cut is told as the
    // real link tells it (`call.reconnecting`, then `call.resumed`); past the grace the call is lost.
    let elapsed = 0;
    let awayMs = 0;
    let askedAt: number | null = null;
    let documentAt: number | null = null;
    let documentSent = false;
    const stop = every(this.clock, stepMs, () => {
      if (!this.options.reachable()) {
        if (awayMs === 0) report({ type: 'call.reconnecting' });
        awayMs += stepMs;
        if (awayMs < SIMULATED_RESUME_GRACE_MS) return;
        stop();
        return report({ type: 'call.failed', error: { code: 'call.lost' } });
      }
      if (awayMs > 0) report({ type: 'call.resumed' });
      awayMs = 0;
      elapsed += stepMs;
      if (elapsed === stepMs) {
        report({ type: 'call.connected' });
        if (this.writing.has(sessionId)) report({ type: 'call.messageReceived', text: SIMULATED_GREETING });
        return;
      }
      if (askedAt === null) {
        if (elapsed < stepMs + callMs / 2) return;
        askedAt = elapsed;
        // A test that asked for its own measurement already has the professional's attention.
        if (asked !== null && !call.asked) this.requestMeasurement(asked);
        return;
      }
      if (documentAt === null) {
        if (call.waitingFor !== null && elapsed - askedAt < callMs) return;
        documentAt = elapsed + callMs / 2;
        return;
      }
      if (!documentSent) {
        if (elapsed < documentAt) return;
        documentSent = true;
        const text = 'Ordonnance (document de démonstration)\nParacétamol 1 g, 3 fois par jour, 3 jours.\n';
        this.documentsOf(sessionId).set(prescription.id, new TextEncoder().encode(text));
        return report({ type: 'call.documentReceived', document: prescription });
      }
      stop();
      report({ type: 'call.ended' });
    });
    return () => {
      stop();
      if (this.call === call) this.call = null;
    };
  }

  /**
   * The simulated professional asks for a measurement in the running call (browser mode: `POST
   * /simulator/platform {"requestMeasurement": "bloodPressure"}`), and waits for it before ending the
   * call; answers false when no call runs.
   */
  requestMeasurement(kind: MeasurementKind): boolean {
    const call = this.call;
    if (call === null) return false;
    call.waitingFor = kind;
    call.asked = true;
    call.report({ type: 'call.measurementRequested', kind });
    return true;
  }

  /**
   * The simulated professional asks for an examination instrument in the running call (browser mode:
   * `POST /simulator/platform {"requestInstrument": "otoscope"}`); answers false when no call runs.
   */
  requestInstrument(kind: InstrumentKind): boolean {
    const call = this.call;
    if (call === null) return false;
    call.report({ type: 'call.instrumentRequested', kind });
    return true;
  }

  /** The simulated professional ends the examination instrument (`{"endInstrument": true}`); false without a call. */
  endInstrument(): boolean {
    const call = this.call;
    if (call === null) return false;
    call.report({ type: 'call.instrumentEnded' });
    return true;
  }

  deliver(item: OutboundItem): Promise<Result<void>> {
    if (!this.options.reachable()) return Promise.resolve(err({ code: 'platform.unreachable' }));
    this.delivered.push(item);
    // The measurement the professional waited for has come.
    const call = this.call;
    if (
      call?.sessionId === item.sessionId &&
      item.kind === 'measurement' &&
      item.payload.kind === call.waitingFor
    ) {
      call.waitingFor = null;
    }
    return Promise.resolve(ok(undefined));
  }

  fetchDocument(sessionId: string, documentId: string): Promise<Result<DocumentContent>> {
    const content = this.documents.get(sessionId)?.get(documentId);
    return Promise.resolve(
      content ? ok({ contentType: 'text/plain', content }) : err({ code: 'document.missing' }),
    );
  }

  /** The simulated support is told of every help call, and never answers it (the attendant does). */
  reportHelp(
    _sessionId: string,
    state: HelpCallState,
  ): Promise<Result<{ readonly told: readonly RemoteHelpAudience[] }>> {
    if (!this.options.reachable()) return Promise.resolve(err({ code: 'platform.unreachable' }));
    this.helpReports.push(state);
    return Promise.resolve(ok({ told: state === 'requested' ? ['support'] : [] }));
  }

  /** The simulated professional reads the patient's message and answers it in writing a step later. */
  sendMessage(sessionId: string, _text: string): Promise<Result<void>> {
    if (!this.options.reachable()) return Promise.resolve(err({ code: 'platform.unreachable' }));
    const call = this.call;
    if (call?.sessionId !== sessionId) return Promise.resolve(err({ code: 'call.ended' }));
    after(this.clock, this.options.stepMs, () => {
      if (this.call === call) call.report({ type: 'call.messageReceived', text: SIMULATED_REPLY });
    });
    return Promise.resolve(ok(undefined));
  }

  /** The simulated professional sees where the instrument stands; nothing of it is kept past the session. */
  sendInstrumentUse(sessionId: string, use: InstrumentUse): Promise<Result<void>> {
    if (!this.options.reachable()) return Promise.resolve(err({ code: 'platform.unreachable' }));
    if (this.call?.sessionId !== sessionId) return Promise.resolve(err({ code: 'call.ended' }));
    this.instrumentUses.push(use);
    return Promise.resolve(ok(undefined));
  }

  relayMedia(): Promise<Result<unknown>> {
    return Promise.resolve(this.options.reachable() ? ok(null) : err({ code: 'platform.unreachable' }));
  }

  forgetSession(sessionId: string): void {
    this.documents.delete(sessionId);
    this.writing.delete(sessionId);
    this.instrumentUses.length = 0;
    this.offeredInstruments = undefined;
    // Delivered items stand for what the platform now holds; the cabin keeps no copy of them.
    this.delivered.length = 0;
  }

  private documentsOf(sessionId: string): Map<string, Uint8Array> {
    let documents = this.documents.get(sessionId);
    if (!documents) {
      documents = new Map();
      this.documents.set(sessionId, documents);
    }
    return documents;
  }
}
