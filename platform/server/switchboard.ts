// The platform's switchboard: the waiting rooms, the calls and everything routed between a cabin and the
// practitioner who took its patient. It sees authenticated parties and validated messages only (the
// server does the socket, the hello and the validation); it enforces who may speak about which session,
// keeps calls alive across a party's short absence, and forgets patient data as soon as it may.
// Everything lives in memory. The log gets codes, counts and session ids, never patient data.
import { randomBytes } from 'node:crypto';
import type {
  CabinMessage,
  CabinPush,
  CallEndReason,
  CallMedia,
  ConsentSummary,
  DocumentContentType,
  DocumentSummary,
  IceServer,
  Measurement,
  PatientSummary,
  PlatformToCabin,
  PlatformToPractitioner,
  PractitionerMessage,
  PractitionerPush,
  Profession,
  ProfessionalCard,
  QueueEntryView,
  SfuMethod,
} from '../../contract';
import { after, type Cancel, type Clock } from '../../contract/clock';
import { PLATFORM_CLOSE_CODES } from '../../contract/platform-protocol';
import { err, ok, type CabinError, type Result } from '../../contract/result';
import { checkDocument } from './document-check';
import type { PlatformLog } from './platform-log';
import type { SfuBackend, SfuPeer, SfuRoom } from './sfu';
import { estimateWaitMinutes, RecentDurations } from './waiting-room';

/** One connection as the switchboard sees it: it can be written to and closed. */
export interface Party<Out> {
  send(message: Out): void;
  close(code: number, reason: string): void;
}

/** A cabin's authenticated connection. */
export interface CabinLine {
  readonly role: 'cabin';
  readonly cabinId: string;
  readonly party: Party<PlatformToCabin>;
}

/** A practitioner's authenticated connection. */
export interface PractitionerLine {
  readonly role: 'practitioner';
  readonly login: string;
  readonly professional: ProfessionalCard;
  readonly party: Party<PlatformToPractitioner>;
}

/** What the switchboard is set up with. */
export interface SwitchboardOptions {
  /** Appointment codes (without spaces) and the profession each leads to. */
  readonly appointments: ReadonlyMap<string, Profession>;
  readonly iceServers: readonly IceServer[];
  /** How long a session survives its cabin's, or a call its practitioner's, dropped connection. */
  readonly resumeGraceMs: number;
  /** How long the platform keeps a session at all. */
  readonly sessionTtlMs: number;
  readonly sfu: SfuBackend | null;
  /** The time of the graces, the time-to-live and the consultation lengths. */
  readonly clock: Clock;
  readonly log: PlatformLog;
}

/** Counts for tests and benchmarks. */
export interface SwitchboardStats {
  readonly cabinsConnected: number;
  readonly practitionersConnected: number;
  readonly queued: number;
  /** Calls taken by a practitioner and not ended (assigned or in progress). */
  readonly calls: number;
  /** Sessions whose data the platform still holds (waiting, in call, or ended with documents). */
  readonly sessionsHeld: number;
}

type Stage = 'queue' | 'assigned' | 'call' | 'ended';

interface StoredDocument {
  readonly summary: DocumentSummary;
  readonly contentType: DocumentContentType;
  readonly bytes: Buffer;
}

/** One patient's visit, from the waiting room to the end of the call. Patient data: memory only. */
interface Session {
  readonly id: string;
  readonly cabinId: string;
  profession: Profession;
  appointmentCode: string | null;
  stage: Stage;
  /** When the patient entered the waiting room. */
  since: number;
  patient: PatientSummary | null;
  measurements: Measurement[];
  consent: ConsentSummary | null;
  dmpOpposed: boolean | null;
  /** The login of the practitioner who accepted the call (kept after its end, to answer them). */
  practitioner: string | null;
  acceptedAt: number | null;
  room: SfuRoom | null;
  readonly documents: Map<string, StoredDocument>;
  /** The cabin's connection dropped and it has not resumed this session yet. */
  cabinAway: boolean;
  /** Ends the cabin's grace (set while the cabin is away). */
  cabinGrace: Cancel | null;
  /** Ends the practitioner's grace (set while the practitioner is away). */
  practitionerGrace: Cancel | null;
  /** Ends the session's time to live. */
  readonly ttl: Cancel;
  /** Pushes the cabin missed while away, delivered when it resumes. */
  missed: CabinPush[];
  lastQueueUpdate: { position: number; estimatedWaitMinutes: number } | null;
}

interface PractitionerRecord {
  line: PractitionerLine | null;
  professional: ProfessionalCard;
  /** Ends of calls the practitioner missed while away. */
  missed: PractitionerPush[];
}

/** Pushes kept for an absent party; beyond this the oldest are dropped. */
const MISSED_LIMIT = 100;
/** Measurements a session keeps (the contract's `call.started` carries at most 16). */
const MEASUREMENT_LIMIT = 16;
/** Documents one session may hold. */
const DOCUMENT_LIMIT = 20;

type Answer = Result<unknown> | 'notAllowed';

/** Routes the messages of cabins and practitioners, and owns the sessions they are about. */
export class Switchboard {
  readonly #options: SwitchboardOptions;
  readonly #sessions = new Map<string, Session>();
  readonly #queues = new Map<Profession, Session[]>();
  readonly #cabins = new Map<string, CabinLine>();
  readonly #practitioners = new Map<string, PractitionerRecord>();
  readonly #durations = new Map<Profession, RecentDurations>();
  #stopped = false;

  /** An empty switchboard. */
  constructor(options: SwitchboardOptions) {
    this.#options = options;
  }

  // ------------------------------------------------------------------------------------ connections

  /** A cabin said a valid hello (and was welcomed): an older connection of the same cabin is replaced. */
  connectCabin(line: CabinLine): void {
    const previous = this.#cabins.get(line.cabinId);
    this.#cabins.set(line.cabinId, line);
    previous?.party.close(PLATFORM_CLOSE_CODES.replaced, 'replaced');
    this.#options.log('cabin.connected', { cabinId: line.cabinId, replaced: previous !== undefined });
  }

  /**
   * A practitioner said a valid hello (and was welcomed): an older connection is replaced; the console
   * gets the waiting room, its calls again, and what it missed.
   */
  connectPractitioner(line: PractitionerLine): void {
    let record = this.#practitioners.get(line.login);
    if (record === undefined) {
      record = { line: null, professional: line.professional, missed: [] };
      this.#practitioners.set(line.login, record);
    }
    const previous = record.line;
    record.line = line;
    record.professional = line.professional;
    previous?.party.close(PLATFORM_CLOSE_CODES.replaced, 'replaced');
    this.#options.log('practitioner.connected', { replaced: previous !== null });

    line.party.send({ type: 'queue.snapshot', entries: this.#entriesOf(line.professional.profession) });
    for (const session of this.#callsOf(line.login)) {
      if (session.practitionerGrace !== null) {
        session.practitionerGrace();
        session.practitionerGrace = null;
        this.#toCabin(session, { type: 'call.peerPresence', sessionId: session.id, present: true }, false);
      }
      this.#sendCallState(line, session);
    }
    const missed = record.missed;
    record.missed = [];
    for (const push of missed) line.party.send(push);
    if (previous === null) this.#refreshQueue(line.professional.profession, true);
  }

  /** A connection closed. Its sessions wait for it for the grace period; a replaced one changes nothing. */
  disconnect(line: CabinLine | PractitionerLine): void {
    if (this.#stopped) return;
    if (line.role === 'cabin') {
      if (this.#cabins.get(line.cabinId) !== line) return;
      this.#cabins.delete(line.cabinId);
      let sessions = 0;
      for (const session of this.#sessions.values()) {
        if (session.cabinId !== line.cabinId) continue;
        sessions += 1;
        this.#cabinLeftFor(session);
      }
      this.#options.log('cabin.disconnected', { cabinId: line.cabinId, sessions });
      return;
    }
    const record = this.#practitioners.get(line.login);
    if (record?.line !== line) return;
    record.line = null;
    const calls = this.#callsOf(line.login);
    for (const session of calls) {
      this.#toCabin(session, { type: 'call.peerPresence', sessionId: session.id, present: false }, false);
      session.practitionerGrace ??= after(this.#options.clock, this.#options.resumeGraceMs, () => {
        session.practitionerGrace = null;
        this.#options.log('call.practitionerLost', { sessionId: session.id });
        this.#endCall(session, 'connectionLost', { cabin: true, practitioner: true });
      });
    }
    this.#options.log('practitioner.disconnected', { calls: calls.length });
    this.#refreshQueue(line.professional.profession, true);
  }

  /** Whether `line` is still the current connection of its cabin or practitioner. */
  isCurrent(line: CabinLine | PractitionerLine): boolean {
    if (line.role === 'cabin') return this.#cabins.get(line.cabinId) === line;
    return this.#practitioners.get(line.login)?.line === line;
  }

  // ---------------------------------------------------------------------------------- cabin messages

  /** Handles one validated message of a cabin. */
  receiveFromCabin(line: CabinLine, message: CabinMessage): void {
    if (!this.isCurrent(line)) return;
    switch (message.type) {
      case 'signal':
      case 'media.reception': {
        const session = this.#sessions.get(message.sessionId);
        if (session?.cabinId !== line.cabinId) return this.#notAllowed(line.party, null);
        if (!isActive(session)) return;
        return this.#toPractitioner(session, message, false);
      }
      case 'appointment.lookUp': {
        const profession = this.#options.appointments.get(message.code.replace(/\s/g, ''));
        return this.#answer(
          line.party,
          message.requestId,
          profession === undefined ? err({ code: 'appointment.unknownCode' }) : ok({ profession }),
        );
      }
      case 'queue.join':
        return this.#answer(line.party, message.requestId, this.#join(line, message));
      case 'queue.leave':
      case 'call.leave':
        return this.#answer(line.party, message.requestId, this.#leave(line, message.sessionId));
      case 'session.resume':
        return this.#resume(line, message.requestId, message.sessionId);
      case 'call.join':
        return this.#answer(line.party, message.requestId, this.#joinCall(line, message.sessionId));
      case 'session.item':
        return this.#answer(line.party, message.requestId, this.#storeItem(line, message));
      case 'document.fetch':
        return this.#answer(line.party, message.requestId, this.#fetchDocument(line, message));
      case 'sfu.request': {
        const session = this.#sessions.get(message.sessionId);
        if (session !== undefined && session.cabinId !== line.cabinId) {
          return this.#notAllowed(line.party, message.requestId);
        }
        return this.#sfuRequest(line.party, session, 'cabin', message);
      }
    }
  }

  #join(line: CabinLine, message: Extract<CabinMessage, { type: 'queue.join' }>): Answer {
    let profession = message.profession;
    if (message.appointmentCode !== null) {
      const booked = this.#options.appointments.get(message.appointmentCode.replace(/\s/g, ''));
      if (booked === undefined) return err({ code: 'appointment.unknownCode' });
      profession = booked;
    }
    const existing = this.#sessions.get(message.sessionId);
    if (existing !== undefined) {
      if (existing.cabinId !== line.cabinId) return 'notAllowed';
      if (existing.stage !== 'ended') return err({ code: 'queue.alreadyJoined' });
      // The same session queues again after its call ended: a new visit, nothing of the old one kept.
      this.#drop(existing, 'rejoined');
    }
    const now = this.#options.clock.now();
    const session: Session = {
      id: message.sessionId,
      cabinId: line.cabinId,
      profession,
      appointmentCode: message.appointmentCode,
      stage: 'queue',
      since: now,
      patient: message.patient,
      measurements: message.measurements.slice(-MEASUREMENT_LIMIT),
      consent: null,
      dmpOpposed: null,
      practitioner: null,
      acceptedAt: null,
      room: null,
      documents: new Map(),
      cabinAway: false,
      cabinGrace: null,
      practitionerGrace: null,
      ttl: after(this.#options.clock, this.#options.sessionTtlMs, () => this.#expire(message.sessionId)),
      missed: [],
      lastQueueUpdate: null,
    };
    this.#sessions.set(session.id, session);
    const queue = this.#queueOf(profession);
    queue.push(session);
    const position = queue.length;
    const estimatedWaitMinutes = this.#estimate(profession, position);
    session.lastQueueUpdate = { position, estimatedWaitMinutes };
    this.#options.log('queue.joined', { sessionId: session.id, profession, position });
    this.#pushSnapshots(profession);
    return ok({ position, estimatedWaitMinutes });
  }

  #leave(line: CabinLine, sessionId: string): Answer {
    const session = this.#sessions.get(sessionId);
    if (session === undefined) return ok(null);
    if (session.cabinId !== line.cabinId) return 'notAllowed';
    this.#endCall(session, 'patientLeft', { cabin: false, practitioner: true });
    this.#drop(session, 'patientLeft');
    return ok(null);
  }

  #resume(line: CabinLine, requestId: number, sessionId: string): void {
    const session = this.#sessions.get(sessionId);
    if (session === undefined) return this.#answer(line.party, requestId, ok({ stage: 'ended' }));
    if (session.cabinId !== line.cabinId) return this.#notAllowed(line.party, requestId);
    this.#answer(line.party, requestId, ok({ stage: session.stage }));
    const wasAway = session.cabinAway;
    session.cabinAway = false;
    if (session.cabinGrace !== null) {
      session.cabinGrace();
      session.cabinGrace = null;
    }
    this.#options.log('session.resumed', { sessionId, stage: session.stage });
    if (session.stage === 'queue') {
      const position = this.#queueOf(session.profession).indexOf(session) + 1;
      const estimatedWaitMinutes = this.#estimate(session.profession, position);
      session.lastQueueUpdate = { position, estimatedWaitMinutes };
      line.party.send({ type: 'queue.updated', sessionId, position, estimatedWaitMinutes });
    }
    const missed = session.missed;
    session.missed = [];
    for (const push of missed) line.party.send(push);
    if (!isActive(session)) return;
    if (wasAway)
      this.#toPractitioner(session, { type: 'call.peerPresence', sessionId, present: true }, false);
    const practitionerPresent = this.#practitionerOf(session)?.line != null;
    line.party.send({ type: 'call.peerPresence', sessionId, present: practitionerPresent });
    // SFU: what the practitioner publishes may not have been consumed on the cabin's side yet.
    if (session.room !== null && session.room.producersOf('practitioner').length > 0) {
      line.party.send({ type: 'sfu.producerAdded', sessionId });
    }
  }

  #joinCall(line: CabinLine, sessionId: string): Answer {
    const session = this.#sessions.get(sessionId);
    if (session === undefined) return err({ code: 'session.unknown' });
    if (session.cabinId !== line.cabinId) return 'notAllowed';
    if (session.stage === 'queue') return err({ code: 'call.notAssigned' });
    if (session.stage === 'ended') return err({ code: 'call.ended' });
    session.stage = 'call';
    this.#options.log('call.joined', { sessionId });
    this.#toPractitioner(session, { type: 'call.patientJoined', sessionId }, false);
    return ok(this.#media(session));
  }

  #storeItem(line: CabinLine, message: Extract<CabinMessage, { type: 'session.item' }>): Answer {
    const session = this.#sessions.get(message.sessionId);
    if (session === undefined) return err({ code: 'session.unknown' });
    if (session.cabinId !== line.cabinId) return 'notAllowed';
    // After the end of the call the patient's data is no longer kept: the item is dropped.
    if (session.stage === 'ended') return ok(null);
    const item = message.item;
    switch (item.kind) {
      case 'consent':
        session.consent = item.consent;
        break;
      case 'measurement':
        // The same measurement may come twice (with the waiting room entry, then live): keep it once.
        if (
          !session.measurements.some(
            (known) => known.kind === item.measurement.kind && known.takenAt === item.measurement.takenAt,
          )
        ) {
          session.measurements = [...session.measurements, item.measurement].slice(-MEASUREMENT_LIMIT);
        }
        break;
      case 'dmpChoice':
        session.dmpOpposed = item.opposed;
        break;
    }
    if (isActive(session)) {
      this.#toPractitioner(session, { type: 'call.item', sessionId: session.id, item }, false);
    }
    return ok(null);
  }

  #fetchDocument(line: CabinLine, message: Extract<CabinMessage, { type: 'document.fetch' }>): Answer {
    const session = this.#sessions.get(message.sessionId);
    if (session === undefined) return err({ code: 'session.unknown' });
    if (session.cabinId !== line.cabinId) return 'notAllowed';
    const document = session.documents.get(message.documentId);
    if (document === undefined) return err({ code: 'document.missing' });
    return ok({ contentType: document.contentType, base64: document.bytes.toString('base64') });
  }

  // --------------------------------------------------------------------------- practitioner messages

  /** Handles one validated message of a practitioner console. */
  receiveFromPractitioner(line: PractitionerLine, message: PractitionerMessage): void {
    if (!this.isCurrent(line)) return;
    if (message.type === 'call.accept') {
      return this.#answerAccept(line, message.requestId, message.sessionId);
    }
    const session = this.#sessions.get(message.sessionId);
    const requestId = 'requestId' in message ? message.requestId : null;
    if (session === undefined) {
      if (requestId === null) return this.#notAllowed(line.party, null);
      return this.#answer(line.party, requestId, err({ code: 'session.unknown' }));
    }
    if (session.practitioner !== line.login) return this.#notAllowed(line.party, requestId);
    switch (message.type) {
      case 'signal':
      case 'media.reception':
        if (isActive(session)) this.#toCabin(session, message, false);
        return;
      case 'call.end':
        if (isActive(session)) {
          this.#endCall(session, 'professionalEnded', { cabin: true, practitioner: true });
        }
        return this.#answer(line.party, message.requestId, ok(null));
      case 'call.requestMeasurement':
        if (!isActive(session))
          return this.#answer(line.party, message.requestId, err({ code: 'call.ended' }));
        this.#toCabin(
          session,
          { type: 'call.measurementRequested', sessionId: session.id, kind: message.kind },
          true,
        );
        return this.#answer(line.party, message.requestId, ok(null));
      case 'document.push':
        return this.#answer(line.party, message.requestId, this.#pushDocument(session, message));
      case 'sfu.request':
        return this.#sfuRequest(line.party, session, 'practitioner', message);
    }
  }

  #answerAccept(line: PractitionerLine, requestId: number, sessionId: string): void {
    const session = this.#sessions.get(sessionId);
    if (session === undefined) return this.#answer(line.party, requestId, err({ code: 'session.unknown' }));
    if (session.profession !== line.professional.profession) return this.#notAllowed(line.party, requestId);
    if (session.stage !== 'queue') {
      // The same practitioner accepting again (a console that retried) gets the call back.
      if (session.practitioner === line.login && isActive(session)) {
        this.#answer(line.party, requestId, ok(this.#media(session)));
        return this.#sendCallState(line, session);
      }
      return this.#answer(line.party, requestId, err({ code: 'call.alreadyTaken' }));
    }
    const queue = this.#queueOf(session.profession);
    const place = queue.indexOf(session);
    if (place >= 0) queue.splice(place, 1);
    session.stage = 'assigned';
    session.practitioner = line.login;
    session.acceptedAt = this.#options.clock.now();
    session.lastQueueUpdate = null;
    session.room = this.#options.sfu?.createRoom(session.id) ?? null;
    this.#options.log('call.accepted', { sessionId, mode: session.room === null ? 'direct' : 'sfu' });
    this.#toCabin(session, { type: 'queue.assigned', sessionId, professional: line.professional }, true);
    this.#answer(line.party, requestId, ok(this.#media(session)));
    this.#sendCallState(line, session);
    this.#refreshQueue(session.profession, false);
    this.#pushSnapshots(session.profession);
  }

  #pushDocument(session: Session, message: Extract<PractitionerMessage, { type: 'document.push' }>): Answer {
    if (!isActive(session)) return err({ code: 'call.ended' });
    if (session.documents.size >= DOCUMENT_LIMIT) return err({ code: 'document.tooMany' });
    const checked = checkDocument(message.contentType, message.base64);
    if (!checked.ok) {
      this.#options.log('document.refused', { sessionId: session.id, code: checked.error.code });
      return checked;
    }
    const summary: DocumentSummary = {
      id: randomBytes(12).toString('base64url'),
      kind: message.kind,
      title: message.title,
      pages: checked.value.pages,
    };
    session.documents.set(summary.id, {
      summary,
      contentType: message.contentType,
      bytes: checked.value.bytes,
    });
    this.#options.log('document.pushed', {
      sessionId: session.id,
      kind: message.kind,
      pages: summary.pages,
      bytes: checked.value.bytes.length,
    });
    this.#toCabin(session, { type: 'call.documentPushed', sessionId: session.id, document: summary }, true);
    return ok({ document: summary });
  }

  // --------------------------------------------------------------------------------------------- SFU

  #sfuRequest(
    party: Party<PlatformToCabin> | Party<PlatformToPractitioner>,
    session: Session | undefined,
    peer: SfuPeer,
    message: { readonly requestId: number; readonly method: SfuMethod; readonly data: unknown },
  ): void {
    const refuse = (error: CabinError): void => this.#answer(party, message.requestId, err(error));
    if (session === undefined) return refuse({ code: 'session.unknown' });
    if (session.stage === 'queue') return refuse({ code: 'call.notAssigned' });
    if (session.stage === 'ended') return refuse({ code: 'call.ended' });
    const room = session.room;
    if (room === null) return refuse({ code: 'sfu.unavailable' });
    void room.request(peer, message.method, message.data).then(
      (result) => {
        this.#answer(party, message.requestId, result);
        if (!result.ok || message.method !== 'produce' || session.room !== room) return;
        const added = { type: 'sfu.producerAdded', sessionId: session.id } as const;
        if (peer === 'cabin') this.#toPractitioner(session, added, false);
        else this.#toCabin(session, added, true);
      },
      () => refuse({ code: 'sfu.failed', detail: message.method }),
    );
  }

  // ---------------------------------------------------------------------------------------- the rest

  /** Counts for tests and benchmarks. */
  stats(): SwitchboardStats {
    let queued = 0;
    for (const queue of this.#queues.values()) queued += queue.length;
    let calls = 0;
    for (const session of this.#sessions.values()) if (isActive(session)) calls += 1;
    let practitionersConnected = 0;
    for (const record of this.#practitioners.values()) if (record.line !== null) practitionersConnected += 1;
    return {
      cabinsConnected: this.#cabins.size,
      practitionersConnected,
      queued,
      calls,
      sessionsHeld: this.#sessions.size,
    };
  }

  /** Forgets everything and stops every timer; later disconnections change nothing. */
  stop(): void {
    this.#stopped = true;
    for (const session of [...this.#sessions.values()]) this.#drop(session, 'stopped');
    this.#queues.clear();
    this.#cabins.clear();
    this.#practitioners.clear();
  }

  #cabinLeftFor(session: Session): void {
    session.cabinAway = true;
    if (isActive(session)) {
      this.#toPractitioner(
        session,
        { type: 'call.peerPresence', sessionId: session.id, present: false },
        false,
      );
    }
    session.cabinGrace ??= after(this.#options.clock, this.#options.resumeGraceMs, () => {
      session.cabinGrace = null;
      this.#options.log('session.cabinLost', { sessionId: session.id, stage: session.stage });
      this.#endCall(session, 'connectionLost', { cabin: false, practitioner: true });
      this.#drop(session, 'connectionLost');
    });
  }

  /** The session outlived the platform's time-to-live: its call ends and its data goes. */
  #expire(sessionId: string): void {
    const session = this.#sessions.get(sessionId);
    if (session === undefined) return;
    this.#endCall(session, 'connectionLost', { cabin: true, practitioner: true });
    this.#drop(session, 'expired');
  }

  /** Ends an assigned or running call: the room closes and the patient's data is forgotten. */
  #endCall(
    session: Session,
    reason: CallEndReason,
    tell: { readonly cabin: boolean; readonly practitioner: boolean },
  ): void {
    if (!isActive(session)) return;
    if (reason !== 'connectionLost' && session.acceptedAt !== null) {
      this.#durationsOf(session.profession).add(this.#options.clock.now() - session.acceptedAt);
    }
    session.stage = 'ended';
    session.room?.close();
    session.room = null;
    session.patient = null;
    session.measurements = [];
    session.consent = null;
    session.dmpOpposed = null;
    session.practitionerGrace?.();
    session.practitionerGrace = null;
    this.#options.log('call.ended', { sessionId: session.id, reason });
    const ended = { type: 'call.ended', sessionId: session.id, reason } as const;
    if (tell.cabin) this.#toCabin(session, ended, true);
    if (tell.practitioner) this.#toPractitioner(session, ended, true);
    // The mean consultation time changed: so did the estimated waits.
    this.#refreshQueue(session.profession, false);
  }

  /** Forgets a session entirely: its queue place, its documents, its timers. */
  #drop(session: Session, reason: string): void {
    if (this.#sessions.get(session.id) !== session) return;
    this.#sessions.delete(session.id);
    session.ttl();
    session.cabinGrace?.();
    session.practitionerGrace?.();
    session.room?.close();
    session.room = null;
    session.documents.clear();
    session.patient = null;
    session.measurements = [];
    session.consent = null;
    session.missed = [];
    this.#options.log('session.dropped', { sessionId: session.id, reason });
    const queue = this.#queueOf(session.profession);
    const place = queue.indexOf(session);
    if (place >= 0) {
      queue.splice(place, 1);
      if (this.#stopped) return;
      this.#refreshQueue(session.profession, false);
      this.#pushSnapshots(session.profession);
    }
  }

  /** Re-sends a practitioner everything about one of its calls (after accepting or reconnecting). */
  #sendCallState(line: PractitionerLine, session: Session): void {
    if (session.patient === null) return;
    const sessionId = session.id;
    line.party.send({
      type: 'call.started',
      sessionId,
      patient: session.patient,
      consent: session.consent,
      measurements: session.measurements,
    });
    if (session.dmpOpposed !== null) {
      line.party.send({
        type: 'call.item',
        sessionId,
        item: { kind: 'dmpChoice', opposed: session.dmpOpposed },
      });
    }
    if (session.stage === 'call') line.party.send({ type: 'call.patientJoined', sessionId });
    const cabinPresent = !session.cabinAway && this.#cabins.has(session.cabinId);
    if (!cabinPresent) line.party.send({ type: 'call.peerPresence', sessionId, present: false });
    if (session.room !== null && session.room.producersOf('cabin').length > 0) {
      line.party.send({ type: 'sfu.producerAdded', sessionId });
    }
  }

  #media(session: Session): CallMedia {
    return { mode: session.room === null ? 'direct' : 'sfu', iceServers: this.#options.iceServers };
  }

  /** Pushes a cabin's session; while the cabin is away, `keep` pushes wait for its resumption. */
  #toCabin(session: Session, push: CabinPush, keep: boolean): void {
    const line = this.#cabins.get(session.cabinId);
    if (line !== undefined && !session.cabinAway) return line.party.send(push);
    if (keep) session.missed = [...session.missed, push].slice(-MISSED_LIMIT);
  }

  /** Pushes the practitioner of a session; while it is away, `keep` pushes wait for its return. */
  #toPractitioner(session: Session, push: PractitionerPush, keep: boolean): void {
    const record = this.#practitionerOf(session);
    if (record === null) return;
    if (record.line !== null) return record.line.party.send(push);
    if (keep) record.missed = [...record.missed, push].slice(-MISSED_LIMIT);
  }

  #practitionerOf(session: Session): PractitionerRecord | null {
    return session.practitioner === null ? null : (this.#practitioners.get(session.practitioner) ?? null);
  }

  #callsOf(login: string): Session[] {
    return [...this.#sessions.values()].filter(
      (session) => session.practitioner === login && isActive(session),
    );
  }

  #queueOf(profession: Profession): Session[] {
    let queue = this.#queues.get(profession);
    if (queue === undefined) {
      queue = [];
      this.#queues.set(profession, queue);
    }
    return queue;
  }

  #durationsOf(profession: Profession): RecentDurations {
    let durations = this.#durations.get(profession);
    if (durations === undefined) {
      durations = new RecentDurations();
      this.#durations.set(profession, durations);
    }
    return durations;
  }

  #connectedOf(profession: Profession): number {
    let count = 0;
    for (const record of this.#practitioners.values()) {
      if (record.line !== null && record.professional.profession === profession) count += 1;
    }
    return count;
  }

  #estimate(profession: Profession, position: number): number {
    return estimateWaitMinutes(
      position,
      this.#durationsOf(profession).meanMinutes(),
      this.#connectedOf(profession),
    );
  }

  /** Tells each waiting cabin of `profession` its place and wait: when they changed, or all when `force`. */
  #refreshQueue(profession: Profession, force: boolean): void {
    const queue = this.#queues.get(profession);
    if (queue === undefined) return;
    queue.forEach((session, index) => {
      const position = index + 1;
      const estimatedWaitMinutes = this.#estimate(profession, position);
      const last = session.lastQueueUpdate;
      const changed = last?.position !== position || last.estimatedWaitMinutes !== estimatedWaitMinutes;
      if (!force && !changed) return;
      if (session.cabinAway || !this.#cabins.has(session.cabinId)) return;
      session.lastQueueUpdate = { position, estimatedWaitMinutes };
      this.#toCabin(
        session,
        { type: 'queue.updated', sessionId: session.id, position, estimatedWaitMinutes },
        false,
      );
    });
  }

  #entriesOf(profession: Profession): QueueEntryView[] {
    const entries: QueueEntryView[] = [];
    for (const session of this.#queues.get(profession) ?? []) {
      if (session.patient === null) continue;
      entries.push({
        sessionId: session.id,
        profession: session.profession,
        appointmentCode: session.appointmentCode,
        since: session.since,
        patient: session.patient,
      });
    }
    return entries;
  }

  /** Sends the waiting room of `profession` to every console of that profession. */
  #pushSnapshots(profession: Profession): void {
    let entries: QueueEntryView[] | null = null;
    for (const record of this.#practitioners.values()) {
      if (record.line === null || record.professional.profession !== profession) continue;
      entries ??= this.#entriesOf(profession);
      record.line.party.send({ type: 'queue.snapshot', entries });
    }
  }

  #answer(
    party: Party<PlatformToCabin> | Party<PlatformToPractitioner>,
    requestId: number,
    answer: Answer,
  ): void {
    if (answer === 'notAllowed') return this.#notAllowed(party, requestId);
    party.send({ type: 'reply', requestId, result: answer });
  }

  #notAllowed(party: Party<PlatformToCabin> | Party<PlatformToPractitioner>, requestId: number | null): void {
    party.send({ type: 'rejected', requestId, code: 'protocol.notAllowed', detail: 'sessionId' });
  }
}

/** A call that a practitioner took and that has not ended. */
function isActive(session: Session): boolean {
  return session.stage === 'assigned' || session.stage === 'call';
}
