// The operator's support list: every help call a cabin reported (`help.update`), by cabin and session,
// with its state and times, never a patient's data. The switchboard keeps it up to date; the support
// reads it and answers a call through the support API (support-api.ts). Memory only; the newest
// `limit` calls are kept, and an ended one for `keepEndedMs` at most.
import type { Clock } from '../../contract/clock';
import type { RemoteHelpAudience } from '../../contract/platform-facts';
import type {
  CabinPush,
  HelpCallState,
  PractitionerPush,
  SupportHelpCall,
} from '../../contract/platform-protocol';
import { ok, type Result } from '../../contract/result';
import type { PlatformLog } from './platform-log';
import { isActive } from './platform-session';
import type { SessionLedger } from './session-ledger';

/** How many help calls the list keeps, and how long an ended one stays on it. */
export interface HelpDeskOptions {
  readonly clock: Pick<Clock, 'now'>;
  readonly log: PlatformLog;
  readonly limit?: number;
  readonly keepEndedMs?: number;
}

/** The support's list of help calls. */
export class HelpDesk {
  readonly #calls = new Map<string, SupportHelpCall>();
  readonly #limit: number;
  readonly #keepEndedMs: number;

  /** An empty list. */
  constructor(private readonly options: HelpDeskOptions) {
    this.#limit = options.limit ?? 200;
    this.#keepEndedMs = options.keepEndedMs ?? 24 * 3_600_000;
  }

  /** A cabin reported its help call's state; answers the call as the list now holds it. */
  update(
    cabinId: string,
    sessionId: string,
    state: HelpCallState,
    professionalTold: boolean,
  ): SupportHelpCall {
    const now = this.options.clock.now();
    const key = keyOf(cabinId, sessionId);
    const previous = this.#calls.get(key);
    const call: SupportHelpCall =
      state === 'requested' || previous === undefined
        ? { cabinId, sessionId, state, since: now, changedAt: now, professionalTold }
        : { ...previous, state, changedAt: now };
    this.#calls.delete(key);
    this.#calls.set(key, call);
    this.options.log(`help.${state}`, { cabinId, sessionId, professionalTold: call.professionalTold });
    this.#prune(now);
    return call;
  }

  /** The support or the professional answered a call still requested; null when there is none to answer. */
  answer(cabinId: string, sessionId: string, by: 'support' | 'professional'): SupportHelpCall | null {
    const key = keyOf(cabinId, sessionId);
    const call = this.#calls.get(key);
    if (call?.state !== 'requested') return null;
    const answered: SupportHelpCall = {
      ...call,
      state: by === 'support' ? 'answeredBySupport' : 'answeredByProfessional',
      changedAt: this.options.clock.now(),
    };
    this.#calls.set(key, answered);
    this.options.log('help.answered', { cabinId, sessionId, by });
    return answered;
  }

  /** Whether the session's help call is requested and not yet answered. */
  isRequested(cabinId: string, sessionId: string): boolean {
    return this.#calls.get(keyOf(cabinId, sessionId))?.state === 'requested';
  }

  /** The list, requested calls first, then the newest. */
  list(): SupportHelpCall[] {
    this.#prune(this.options.clock.now());
    return [...this.#calls.values()].sort(
      (a, b) =>
        Number(b.state === 'requested') - Number(a.state === 'requested') || b.changedAt - a.changedAt,
    );
  }

  #prune(now: number): void {
    for (const [key, call] of this.#calls) {
      if (call.state !== 'requested' && now - call.changedAt > this.#keepEndedMs) this.#calls.delete(key);
    }
    // Oldest first in the map's order: beyond the limit, the oldest go.
    for (const key of this.#calls.keys()) {
      if (this.#calls.size <= this.#limit) break;
      this.#calls.delete(key);
    }
  }
}

function keyOf(cabinId: string, sessionId: string): string {
  return `${cabinId}\u0000${sessionId}`;
}

/** What the help calls need of the switchboard's sessions and connections. */
export interface HelpRoutes {
  /** The session the platform holds under this id, if any (a help call may come before the waiting room). */
  session(
    sessionId: string,
  ): { readonly cabinId: string; readonly practitioner: string | null; readonly active: boolean } | undefined;
  /** Pushes a cabin, if connected. */
  toCabin(cabinId: string, push: Extract<CabinPush, { type: 'help.answered' }>): void;
  /** Pushes the practitioner of the session's call; kept for a console that is away. */
  toPractitioner(sessionId: string, push: Extract<PractitionerPush, { type: 'call.helpChanged' }>): void;
}

/** The help calls through the platform: the support's list, the professional of the call, the cabin's answer. */
export class HelpCalls {
  /** Help calls on `desk`, routed through `routes`. */
  constructor(
    readonly desk: HelpDesk,
    private readonly routes: HelpRoutes,
  ) {}

  /** A cabin's `help.update`: the support's list, and the professional when the session is in a call. */
  update(
    cabinId: string,
    sessionId: string,
    state: HelpCallState,
  ): Result<{ told: RemoteHelpAudience[] }> | 'notAllowed' {
    const session = this.routes.session(sessionId);
    if (session !== undefined && session.cabinId !== cabinId) return 'notAllowed';
    const inCall = session !== undefined && session.active && session.practitioner !== null;
    this.desk.update(cabinId, sessionId, state, inCall);
    if (inCall)
      this.routes.toPractitioner(sessionId, {
        type: 'call.helpChanged',
        sessionId,
        active: state === 'requested',
      });
    return ok({
      told: state === 'requested' ? ['support', ...(inCall ? (['professional'] as const) : [])] : [],
    });
  }

  /** The professional of the call answered the patient's help call in the console. */
  answerAsProfessional(cabinId: string, sessionId: string): void {
    if (this.desk.answer(cabinId, sessionId, 'professional') === null) return;
    this.routes.toCabin(cabinId, { type: 'help.answered', sessionId, by: 'professional' });
    this.routes.toPractitioner(sessionId, { type: 'call.helpChanged', sessionId, active: false });
  }

  /** The operator's support answered; null when the call is not (or no longer) waiting. */
  answerAsSupport(cabinId: string, sessionId: string): SupportHelpCall | null {
    const answered = this.desk.answer(cabinId, sessionId, 'support');
    if (answered === null) return null;
    this.routes.toCabin(cabinId, { type: 'help.answered', sessionId, by: 'support' });
    if (answered.professionalTold) {
      this.routes.toPractitioner(sessionId, { type: 'call.helpChanged', sessionId, active: false });
    }
    return answered;
  }

  /** A professional took the session's call: a help call still waiting shows in their console at once. */
  callTaken(cabinId: string, sessionId: string): void {
    if (this.desk.isRequested(cabinId, sessionId)) {
      this.routes.toPractitioner(sessionId, { type: 'call.helpChanged', sessionId, active: true });
    }
  }
}

/** The routes of the help calls through the switchboard's sessions and connections. */
export function ledgerHelpRoutes(ledger: SessionLedger): HelpRoutes {
  return {
    session: (sessionId) => {
      const session = ledger.get(sessionId);
      return (
        session && { cabinId: session.cabinId, practitioner: session.practitioner, active: isActive(session) }
      );
    },
    toCabin: (cabinId, push) => ledger.parties.cabin(cabinId)?.party.send(push),
    toPractitioner: (sessionId, push) => {
      const session = ledger.get(sessionId);
      if (session !== undefined) ledger.toPractitioner(session, push, true);
    },
  };
}
