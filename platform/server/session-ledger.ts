// What the platform holds of its sessions and how long: the sessions by id, the waiting rooms, the
// connected parties, the graces a session waits out when one of them drops, its time to live, the end
// of a call and the forgetting of a session. The switchboard routes the messages; this is its memory.
import type {
  CabinPush,
  CallEndReason,
  PractitionerPush,
  Profession,
  QueueEntryView,
  QueuePlace,
} from '../../contract';
import { after, type Clock } from '../../contract/clock';
import { MISSED_LIMIT, Parties, type PractitionerLine } from './parties';
import type { PlatformLog } from './platform-log';
import {
  entryOf,
  forgetCall,
  forgetSession,
  isActive,
  openSession,
  type NewSession,
  type PlatformSession as Session,
} from './platform-session';
import { WaitingRooms } from './waiting-room';

/** How long sessions are kept, on which clock, and where the ledger writes what happened. */
export interface LedgerOptions {
  /** How long a session survives its cabin's, or a call its practitioner's, dropped connection. */
  readonly resumeGraceMs: number;
  /** How long the platform keeps a session at all. */
  readonly sessionTtlMs: number;
  /** The mean consultation length, in minutes, the estimates use before any call has finished. */
  readonly meanConsultationMinutes?: number;
  readonly clock: Clock;
  readonly log: PlatformLog;
}

/** Counts for tests and benchmarks. */
export interface LedgerStats {
  readonly cabinsConnected: number;
  readonly practitionersConnected: number;
  readonly queued: number;
  /** Calls taken by a practitioner and not ended (assigned or in progress). */
  readonly calls: number;
  /** Sessions whose data the platform still holds (waiting, in call, or ended with documents). */
  readonly sessionsHeld: number;
}

/** The sessions of the platform, their waiting rooms and parties, and their timers. */
export class SessionLedger {
  readonly #options: LedgerOptions;
  readonly #sessions = new Map<string, Session>();
  /** The waiting rooms of every profession. */
  readonly rooms: WaitingRooms<Session>;
  /** The connected cabins and practitioners. */
  readonly parties = new Parties();
  #stopped = false;

  /** An empty ledger. */
  constructor(options: LedgerOptions) {
    this.#options = options;
    this.rooms = new WaitingRooms<Session>(options.meanConsultationMinutes);
  }

  /** Whether the platform stopped (nothing changes any more). */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** The session `sessionId`, if the platform holds it. */
  get(sessionId: string): Session | undefined {
    return this.#sessions.get(sessionId);
  }

  /** The sessions of a cabin. */
  sessionsOf(cabinId: string): Session[] {
    return [...this.#sessions.values()].filter((session) => session.cabinId === cabinId);
  }

  /** Opens a session in its waiting room, its time to live running; answers it and its position. */
  open(fields: Omit<NewSession, 'ttl'>): { readonly session: Session; readonly position: number } {
    const session = openSession({
      ...fields,
      ttl: after(this.#options.clock, this.#options.sessionTtlMs, () => this.#expire(fields.id)),
    });
    this.#sessions.set(session.id, session);
    return { session, position: this.rooms.add(session) };
  }

  /** The practitioner of `session` dropped: the cabin is told, and the call waits out the grace. */
  practitionerLeft(session: Session): void {
    this.toCabin(session, { type: 'call.peerPresence', sessionId: session.id, present: false }, false);
    session.practitionerGrace ??= after(this.#options.clock, this.#options.resumeGraceMs, () => {
      session.practitionerGrace = null;
      this.#options.log('call.practitionerLost', { sessionId: session.id });
      this.endCall(session, 'connectionLost', { cabin: true, practitioner: true });
    });
  }

  /** The practitioner of `session` came back within the grace: the cabin is told, the grace stops. */
  practitionerBack(session: Session): void {
    if (session.practitionerGrace === null) return;
    session.practitionerGrace();
    session.practitionerGrace = null;
    this.toCabin(session, { type: 'call.peerPresence', sessionId: session.id, present: true }, false);
  }

  /** Re-sends a practitioner everything about one of its calls (after accepting or reconnecting). */
  sendCallState(line: PractitionerLine, session: Session): void {
    if (session.patient === null || session.visit === null || session.billing === null) return;
    const sessionId = session.id;
    // The identity and the billing block go to the practitioner who took the patient, on this line only.
    line.party.send({
      type: 'call.started',
      sessionId,
      patient: session.patient,
      visit: session.visit,
      billing: session.billing,
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
    if (session.mediaCheck !== null) {
      line.party.send({
        type: 'call.item',
        sessionId,
        item: { kind: 'mediaCheck', result: session.mediaCheck },
      });
    }
    if (session.stage === 'call') line.party.send({ type: 'call.patientJoined', sessionId });
    if (!this.isCabinPresent(session))
      line.party.send({ type: 'call.peerPresence', sessionId, present: false });
    if (session.room !== null && session.room.producersOf('cabin').length > 0) {
      line.party.send({ type: 'sfu.producerAdded', sessionId });
    }
  }

  /** Whether the cabin of `session` is connected and has resumed it. */
  isCabinPresent(session: Session): boolean {
    return !session.cabinAway && this.parties.cabin(session.cabinId) !== undefined;
  }

  /** Counts for tests and benchmarks. */
  stats(): LedgerStats {
    let calls = 0;
    for (const session of this.#sessions.values()) if (isActive(session)) calls += 1;
    const connected = this.parties.counts();
    return {
      cabinsConnected: connected.cabins,
      practitionersConnected: connected.practitioners,
      queued: this.rooms.count(),
      calls,
      sessionsHeld: this.#sessions.size,
    };
  }

  /** Forgets everything and stops every timer; later disconnections change nothing. */
  stop(): void {
    this.#stopped = true;
    for (const session of [...this.#sessions.values()]) this.drop(session, 'stopped');
    this.rooms.clear();
    this.parties.clear();
  }

  /** The cabin of `session` dropped: its practitioner is told, and the session waits out the grace. */
  cabinLeft(session: Session): void {
    session.cabinAway = true;
    if (isActive(session)) {
      this.toPractitioner(
        session,
        { type: 'call.peerPresence', sessionId: session.id, present: false },
        false,
      );
    }
    session.cabinGrace ??= after(this.#options.clock, this.#options.resumeGraceMs, () => {
      session.cabinGrace = null;
      this.#options.log('session.cabinLost', { sessionId: session.id, stage: session.stage });
      this.endCall(session, 'connectionLost', { cabin: false, practitioner: true });
      this.drop(session, 'connectionLost');
    });
  }

  /** The session outlived the platform's time-to-live: its call ends and its data goes. */
  #expire(sessionId: string): void {
    const session = this.#sessions.get(sessionId);
    if (session === undefined) return;
    this.endCall(session, 'connectionLost', { cabin: true, practitioner: true });
    this.drop(session, 'expired');
  }

  /** Ends an assigned or running call: the room closes and the patient's data is forgotten. */
  endCall(
    session: Session,
    reason: CallEndReason,
    tell: { readonly cabin: boolean; readonly practitioner: boolean },
  ): void {
    if (!isActive(session)) return;
    if (reason !== 'connectionLost' && session.acceptedAt !== null) {
      this.rooms.recordCall(session.profession, this.#options.clock.now() - session.acceptedAt);
    }
    session.stage = 'ended';
    forgetCall(session);
    session.practitionerGrace?.();
    session.practitionerGrace = null;
    this.#options.log('call.ended', { sessionId: session.id, reason });
    const ended = { type: 'call.ended', sessionId: session.id, reason } as const;
    if (tell.cabin) this.toCabin(session, ended, true);
    if (tell.practitioner) this.toPractitioner(session, ended, true);
    // The mean consultation time changed: so did the estimated waits.
    this.refreshQueue(session.profession, false);
  }

  /** Forgets a session entirely: its queue place, its documents, its timers. */
  drop(session: Session, reason: string): void {
    if (this.#sessions.get(session.id) !== session) return;
    this.#sessions.delete(session.id);
    forgetSession(session);
    this.#options.log('session.dropped', { sessionId: session.id, reason });
    if (this.rooms.remove(session) && !this.#stopped) {
      this.refreshQueue(session.profession, false);
      this.pushSnapshots(session.profession);
    }
  }

  /** Pushes a cabin's session; while the cabin is away, `keep` pushes wait for its resumption. */
  toCabin(session: Session, push: CabinPush, keep: boolean): void {
    const line = this.parties.cabin(session.cabinId);
    if (line !== undefined && !session.cabinAway) return line.party.send(push);
    if (keep) session.missed = [...session.missed, push].slice(-MISSED_LIMIT);
  }

  /** Pushes the practitioner of a session; while it is away, `keep` pushes wait for its return. */
  toPractitioner(session: Session, push: PractitionerPush, keep: boolean): void {
    if (session.practitioner !== null) this.parties.toPractitioner(session.practitioner, push, keep);
  }

  /** The calls `login` took that have not ended. */
  callsOf(login: string): Session[] {
    return [...this.#sessions.values()].filter(
      (session) => session.practitioner === login && isActive(session),
    );
  }

  /** The place at `position` for `profession`: the practitioners connected now and the estimated wait. */
  place(profession: Profession, position: number): QueuePlace {
    return this.rooms.place(profession, position, this.parties.practitionersOf(profession).length);
  }

  /**
   * Tells each waiting cabin of `profession` its place, the practitioners connected and the wait: when
   * they changed, or all when `force`.
   */
  refreshQueue(profession: Profession, force: boolean): void {
    this.rooms.queueOf(profession).forEach((session, index) => {
      const place = this.place(profession, index + 1);
      const last = session.lastQueueUpdate;
      const changed =
        last?.position !== place.position ||
        last.estimatedWaitMinutes !== place.estimatedWaitMinutes ||
        last.professionalsOnline !== place.professionalsOnline;
      if (!force && !changed) return;
      if (session.cabinAway || this.parties.cabin(session.cabinId) === undefined) return;
      session.lastQueueUpdate = place;
      this.toCabin(session, { type: 'queue.updated', sessionId: session.id, ...place }, false);
    });
  }

  /** The waiting patients of `profession` as a console lists them. */
  entriesOf(profession: Profession): QueueEntryView[] {
    return this.rooms.queueOf(profession).flatMap((session) => entryOf(session) ?? []);
  }

  /** Sends the waiting room of `profession` to every console of that profession. */
  pushSnapshots(profession: Profession): void {
    let entries: QueueEntryView[] | null = null;
    for (const line of this.parties.practitionersOf(profession)) {
      entries ??= this.entriesOf(profession);
      line.party.send({ type: 'queue.snapshot', entries });
    }
  }
}
