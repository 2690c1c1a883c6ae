// The platform's switchboard: the waiting rooms, the calls and everything routed between a cabin and the
// practitioner who took its patient. It sees authenticated parties and validated messages only (the
// server does the socket, the hello and the validation); it enforces who may speak about which session,
// keeps calls alive across a party's short absence, and forgets patient data as soon as it may.
// Everything lives in memory. The log gets codes, counts and session ids, never patient data.
import type {
  CabinMessage,
  CabinReplies,
  IceServer,
  PlatformToCabin,
  PlatformToPractitioner,
  PractitionerMessage,
  SfuMethod,
} from '../../contract';
import type { Clock } from '../../contract/clock';
import { PLATFORM_CLOSE_CODES } from '../../contract/platform-protocol';
import { err, ok, type CabinError, type Result } from '../../contract/result';
import { CallDocuments } from './call-documents';
import { DocumentWriter } from './document-writer';
import { HelpCalls, HelpDesk, ledgerHelpRoutes } from './help-desk';
import { instrumentToCabin, instrumentToPractitioner } from './instrument-relay';
import type { CabinLine, Party, PractitionerLine } from './parties';
import type { PlatformLog } from './platform-log';
import { callMediaOf, isActive, keepItem, type PlatformSession as Session } from './platform-session';
import { SessionLedger, type LedgerStats } from './session-ledger';
import type { SfuBackend, SfuPeer } from './sfu';

export type { CabinLine, Party, PractitionerLine } from './parties';

/** What the switchboard is set up with. */
export interface SwitchboardOptions {
  /** Appointment codes (without spaces) and what each books: a profession, a direct-access specialty. */
  readonly appointments: ReadonlyMap<string, CabinReplies['appointment.lookUp']>;
  readonly iceServers: readonly IceServer[];
  /** How long a session survives its cabin's, or a call its practitioner's, dropped connection. */
  readonly resumeGraceMs: number;
  /** How long the platform keeps a session at all. */
  readonly sessionTtlMs: number;
  /** The mean consultation length, in minutes, the estimates use before any call has finished (10). */
  readonly meanConsultationMinutes?: number;
  readonly sfu: SfuBackend | null;
  /** The time of the graces, the time-to-live and the consultation lengths. */
  readonly clock: Clock;
  readonly log: PlatformLog;
  /** Writes composed documents and deposits documents in the DMP (default: the reference platform's seams). */
  readonly documents?: DocumentWriter;
}

/**
 * The sessions one cabin may hold open at once (waiting or in a call): a cabin runs one session at a
 * time, and the margin covers a visit that starts again while the platform still waits out the last one.
 */
export const MAX_OPEN_SESSIONS_PER_CABIN = 3;

/** Counts for tests and benchmarks. */
export type SwitchboardStats = LedgerStats;

type Answer = Result<unknown> | 'notAllowed';

/** Routes the messages of cabins and practitioners, and owns the sessions they are about. */
export class Switchboard {
  readonly #options: SwitchboardOptions;
  readonly #ledger: SessionLedger;
  readonly #documents: CallDocuments;
  /** The patients' help calls: the support's list, the professional of the call, the cabin's answer. */
  readonly help: HelpCalls;

  /** An empty switchboard. */
  constructor(options: SwitchboardOptions) {
    this.#options = options;
    this.#ledger = new SessionLedger(options);
    this.#documents = new CallDocuments(
      options.documents ?? new DocumentWriter({ clock: options.clock, log: options.log }),
      {
        toCabin: (session, push) => this.#ledger.toCabin(session, push, true),
        answer: (line, requestId, result) => this.#answer(line.party, requestId, result),
      },
      options.log,
    );
    this.help = new HelpCalls(new HelpDesk(options), ledgerHelpRoutes(this.#ledger));
  }

  // ------------------------------------------------------------------------------------ connections

  /** A cabin said a valid hello (and was welcomed): an older connection of the same cabin is replaced. */
  connectCabin(line: CabinLine): void {
    const previous = this.#ledger.parties.connectCabin(line);
    previous?.party.close(PLATFORM_CLOSE_CODES.replaced, 'replaced');
    this.#options.log('cabin.connected', { cabinId: line.cabinId, replaced: previous !== undefined });
  }

  /**
   * A practitioner said a valid hello (and was welcomed): an older connection is replaced; the console
   * gets the waiting room, its calls again, and what it missed.
   */
  connectPractitioner(line: PractitionerLine): void {
    const { previous, missed } = this.#ledger.parties.connectPractitioner(line);
    previous?.party.close(PLATFORM_CLOSE_CODES.replaced, 'replaced');
    this.#options.log('practitioner.connected', { replaced: previous !== null });

    line.party.send({
      type: 'queue.snapshot',
      entries: this.#ledger.entriesOf(line.professional.profession),
    });
    for (const session of this.#ledger.callsOf(line.login)) {
      this.#ledger.practitionerBack(session);
      this.#ledger.sendCallState(line, session);
    }
    for (const push of missed) line.party.send(push);
    if (previous === null) this.#ledger.refreshQueue(line.professional.profession, true);
  }

  /** A connection closed. Its sessions wait for it for the grace period; a replaced one changes nothing. */
  disconnect(line: CabinLine | PractitionerLine): void {
    if (this.#ledger.stopped || !this.#ledger.parties.disconnect(line)) return;
    if (line.role === 'cabin') {
      const sessions = this.#ledger.sessionsOf(line.cabinId);
      for (const session of sessions) this.#ledger.cabinLeft(session);
      this.#options.log('cabin.disconnected', { cabinId: line.cabinId, sessions: sessions.length });
      return;
    }
    const calls = this.#ledger.callsOf(line.login);
    for (const session of calls) this.#ledger.practitionerLeft(session);
    this.#options.log('practitioner.disconnected', { calls: calls.length });
    this.#ledger.refreshQueue(line.professional.profession, true);
  }

  /** Whether `line` is still the current connection of its cabin or practitioner. */
  isCurrent(line: CabinLine | PractitionerLine): boolean {
    return this.#ledger.parties.isCurrent(line);
  }

  // ---------------------------------------------------------------------------------- cabin messages

  /** Handles one validated message of a cabin. */
  receiveFromCabin(line: CabinLine, message: CabinMessage): void {
    if (!this.isCurrent(line)) return;
    switch (message.type) {
      case 'signal':
      case 'media.reception': {
        const session = this.#ledger.get(message.sessionId);
        if (session?.cabinId !== line.cabinId) return this.#notAllowed(line.party, null);
        if (!isActive(session)) return;
        return this.#ledger.toPractitioner(session, message, false);
      }
      case 'appointment.lookUp': {
        const booked = this.#options.appointments.get(message.code.replace(/\s/g, ''));
        return this.#answer(
          line.party,
          message.requestId,
          booked === undefined ? err({ code: 'appointment.unknownCode' }) : ok(booked),
        );
      }
      case 'presence.lookUp': {
        // Only a count: who is online is nobody's business but the platform's.
        const professionalsOnline = this.#ledger.parties.practitionersOf(message.profession).length;
        return this.#answer(line.party, message.requestId, ok({ professionalsOnline }));
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
      case 'help.update':
        return this.#answer(
          line.party,
          message.requestId,
          this.help.update(line.cabinId, message.sessionId, message.state),
        );
      case 'chat.send': {
        const session = this.#ledger.get(message.sessionId);
        if (session !== undefined && session.cabinId !== line.cabinId) {
          return this.#notAllowed(line.party, message.requestId);
        }
        if (session === undefined || !isActive(session) || session.stage === 'queue') {
          return this.#answer(line.party, message.requestId, err({ code: 'call.ended' }));
        }
        // To the professional of this call only, never kept (not even for an absent party), never logged.
        const chat = {
          type: 'call.chat',
          sessionId: session.id,
          from: 'patient',
          text: message.text,
        } as const;
        this.#ledger.toPractitioner(session, chat, false);
        return this.#answer(line.party, message.requestId, ok(null));
      }
      case 'instrument.update': {
        const session = this.#ledger.get(message.sessionId);
        if (session !== undefined && session.cabinId !== line.cabinId) {
          return this.#notAllowed(line.party, message.requestId);
        }
        const relayed = instrumentToPractitioner(this.#instrumentPorts(), session, message);
        return this.#answer(line.party, message.requestId, relayed);
      }
      case 'sfu.request': {
        const session = this.#ledger.get(message.sessionId);
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
      profession = booked.profession;
    }
    const existing = this.#ledger.get(message.sessionId);
    if (existing !== undefined) {
      if (existing.cabinId !== line.cabinId) return 'notAllowed';
      if (existing.stage !== 'ended') return err({ code: 'queue.alreadyJoined' });
      // The same session queues again after its call ended: a new visit, nothing of the old one kept.
      this.#ledger.drop(existing, 'rejoined');
    }
    const open = this.#ledger.sessionsOf(line.cabinId).filter((held) => held.stage !== 'ended').length;
    if (open >= MAX_OPEN_SESSIONS_PER_CABIN) {
      this.#options.log('queue.refused', { cabinId: line.cabinId, open });
      return err({ code: 'queue.tooManySessions' });
    }
    const { session, position } = this.#ledger.open({
      id: message.sessionId,
      cabinId: line.cabinId,
      profession,
      appointmentCode: message.appointmentCode,
      since: this.#options.clock.now(),
      patient: message.patient,
      visit: message.visit,
      billing: message.billing,
      measurements: message.measurements,
    });
    // With nobody of that profession connected the answer says so at once (and no estimate).
    const place = this.#ledger.place(profession, position);
    session.lastQueueUpdate = place;
    const online = place.professionalsOnline;
    this.#options.log('queue.joined', { sessionId: session.id, profession, position, online });
    this.#ledger.pushSnapshots(profession);
    return ok(place);
  }

  #leave(line: CabinLine, sessionId: string): Answer {
    const session = this.#ledger.get(sessionId);
    if (session === undefined) return ok(null);
    if (session.cabinId !== line.cabinId) return 'notAllowed';
    this.#ledger.endCall(session, 'patientLeft', { cabin: false, practitioner: true });
    this.#ledger.drop(session, 'patientLeft');
    return ok(null);
  }

  #resume(line: CabinLine, requestId: number, sessionId: string): void {
    const session = this.#ledger.get(sessionId);
    if (session === undefined) return this.#answer(line.party, requestId, ok({ stage: 'ended' }));
    if (session.cabinId !== line.cabinId) return this.#notAllowed(line.party, requestId);
    this.#answer(line.party, requestId, ok({ stage: session.stage }));
    const wasAway = session.cabinAway;
    session.cabinAway = false;
    session.cabinGrace?.();
    session.cabinGrace = null;
    this.#options.log('session.resumed', { sessionId, stage: session.stage });
    if (session.stage === 'queue') {
      const place = this.#ledger.place(session.profession, this.#ledger.rooms.positionOf(session));
      session.lastQueueUpdate = place;
      line.party.send({ type: 'queue.updated', sessionId, ...place });
    }
    const missed = session.missed;
    session.missed = [];
    for (const push of missed) line.party.send(push);
    if (!isActive(session)) return;
    if (wasAway)
      this.#ledger.toPractitioner(session, { type: 'call.peerPresence', sessionId, present: true }, false);
    const practitionerPresent =
      session.practitioner !== null && this.#ledger.parties.isPractitionerPresent(session.practitioner);
    line.party.send({ type: 'call.peerPresence', sessionId, present: practitionerPresent });
    // SFU: what the practitioner publishes may not have been consumed on the cabin's side yet.
    if (session.room !== null && session.room.producersOf('practitioner').length > 0) {
      line.party.send({ type: 'sfu.producerAdded', sessionId });
    }
  }

  #joinCall(line: CabinLine, sessionId: string): Answer {
    const session = this.#ledger.get(sessionId);
    if (session === undefined) return err({ code: 'session.unknown' });
    if (session.cabinId !== line.cabinId) return 'notAllowed';
    if (session.stage === 'queue') return err({ code: 'call.notAssigned' });
    if (session.stage === 'ended') return err({ code: 'call.ended' });
    session.stage = 'call';
    this.#options.log('call.joined', { sessionId });
    this.#ledger.toPractitioner(session, { type: 'call.patientJoined', sessionId }, false);
    return ok(callMediaOf(session, this.#options.iceServers));
  }

  #storeItem(line: CabinLine, message: Extract<CabinMessage, { type: 'session.item' }>): Answer {
    const session = this.#ledger.get(message.sessionId);
    if (session === undefined) return err({ code: 'session.unknown' });
    if (session.cabinId !== line.cabinId) return 'notAllowed';
    const item = message.item;
    // The DMP choice comes from the documents screen, usually after the call: the documents that
    // waited for it go (or not) now.
    if (item.kind === 'dmpChoice') this.#documents.depositPending(session, item.opposed);
    // After the end of the call the patient's data is no longer kept: the item is dropped.
    if (session.stage === 'ended') return ok(null);
    keepItem(session, item);
    if (isActive(session)) {
      this.#ledger.toPractitioner(session, { type: 'call.item', sessionId: session.id, item }, false);
    }
    return ok(null);
  }

  #fetchDocument(line: CabinLine, message: Extract<CabinMessage, { type: 'document.fetch' }>): Answer {
    const session = this.#ledger.get(message.sessionId);
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
    const session = this.#ledger.get(message.sessionId);
    const requestId = 'requestId' in message ? message.requestId : null;
    if (session === undefined) {
      if (requestId === null) return this.#notAllowed(line.party, null);
      return this.#answer(line.party, requestId, err({ code: 'session.unknown' }));
    }
    if (session.practitioner !== line.login) return this.#notAllowed(line.party, requestId);
    switch (message.type) {
      case 'signal':
      case 'media.reception':
        if (isActive(session)) this.#ledger.toCabin(session, message, false);
        return;
      case 'call.end':
        if (isActive(session)) {
          this.#ledger.endCall(session, 'professionalEnded', { cabin: true, practitioner: true });
        }
        return this.#answer(line.party, message.requestId, ok(null));
      case 'call.requestMeasurement':
        if (!isActive(session))
          return this.#answer(line.party, message.requestId, err({ code: 'call.ended' }));
        this.#ledger.toCabin(
          session,
          { type: 'call.measurementRequested', sessionId: session.id, kind: message.kind },
          true,
        );
        return this.#answer(line.party, message.requestId, ok(null));
      case 'call.requestInstrument':
      case 'call.endInstrument':
        return this.#answer(
          line.party,
          message.requestId,
          instrumentToCabin(this.#instrumentPorts(), session, message),
        );
      case 'document.push':
        return this.#documents.push(line, session, message);
      case 'document.compose':
        return this.#documents.compose(line, session, message);
      case 'help.answer':
        this.help.answerAsProfessional(session.cabinId, session.id);
        return this.#answer(line.party, message.requestId, ok(null));
      case 'chat.send':
        if (!isActive(session))
          return this.#answer(line.party, message.requestId, err({ code: 'call.ended' }));
        // To the cabin of this call only, never kept (not even for an absent cabin), never logged.
        this.#ledger.toCabin(
          session,
          { type: 'call.chat', sessionId: session.id, from: 'professional', text: message.text },
          false,
        );
        return this.#answer(line.party, message.requestId, ok(null));
      case 'sfu.request':
        return this.#sfuRequest(line.party, session, 'practitioner', message);
    }
  }

  #answerAccept(line: PractitionerLine, requestId: number, sessionId: string): void {
    const session = this.#ledger.get(sessionId);
    if (session === undefined) return this.#answer(line.party, requestId, err({ code: 'session.unknown' }));
    if (session.profession !== line.professional.profession) return this.#notAllowed(line.party, requestId);
    if (session.stage !== 'queue') {
      // The same practitioner accepting again (a console that retried) gets the call back.
      if (session.practitioner === line.login && isActive(session)) {
        this.#answer(line.party, requestId, ok(callMediaOf(session, this.#options.iceServers)));
        return this.#ledger.sendCallState(line, session);
      }
      return this.#answer(line.party, requestId, err({ code: 'call.alreadyTaken' }));
    }
    this.#ledger.rooms.remove(session);
    session.stage = 'assigned';
    session.practitioner = line.login;
    session.acceptedAt = this.#options.clock.now();
    session.lastQueueUpdate = null;
    session.room = this.#options.sfu?.createRoom(session.id) ?? null;
    this.#options.log('call.accepted', { sessionId, mode: session.room === null ? 'direct' : 'sfu' });
    this.#ledger.toCabin(
      session,
      { type: 'queue.assigned', sessionId, professional: line.professional },
      true,
    );
    this.#answer(line.party, requestId, ok(callMediaOf(session, this.#options.iceServers)));
    this.#ledger.sendCallState(line, session);
    this.help.callTaken(session.cabinId, session.id);
    this.#ledger.refreshQueue(session.profession, false);
    this.#ledger.pushSnapshots(session.profession);
  }

  #instrumentPorts() {
    return { ledger: this.#ledger, log: this.#options.log };
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
        if (peer === 'cabin') this.#ledger.toPractitioner(session, added, false);
        else this.#ledger.toCabin(session, added, true);
      },
      () => refuse({ code: 'sfu.failed', detail: message.method }),
    );
  }

  // ---------------------------------------------------------------------------------------- the rest

  /** Counts for tests and benchmarks. */
  stats(): SwitchboardStats {
    return this.#ledger.stats();
  }

  /** Forgets everything and stops every timer; later disconnections change nothing. */
  stop(): void {
    this.#ledger.stop();
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
