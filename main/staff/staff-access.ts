// Who may open the staff panel: each role's PIN checked against its scrypt hash (the configuration's,
// else the store's, else with simulated hardware the demonstration's), five wrong PINs in a row locking
// the role for five minutes over the cabin's screen and the attendant page alike, and the one staff
// session open on the cabin's screen, which ends after `idleMs` without a command. Logins, wrong PINs,
// locks and their end are recorded in the store as codes and times; the PIN typed is never kept.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  after,
  err,
  ok,
  pinWeakness,
  STAFF_LOCKOUT,
  STAFF_ROLES,
  type Cancel,
  type Clock,
  type Result,
  type StaffRole,
  type StaffSession,
  type StaffView,
} from '../../contract';
import type { OperationLog } from '../log';
import type { StaffEvent, StaffRecords } from '../store';
import { hashPin, pinMatches } from './pin-hash';

/** The demonstration PINs, which work with simulated hardware only (and are printed by `npm start`). */
export const DEMO_STAFF_PINS: Readonly<Record<StaffRole, string>> = {
  attendant: '246813',
  technician: '135792',
};

/** Where a PIN was typed: the cabin's screen or the attendant page (recorded with the login). */
export type PinOrigin = 'screen' | 'attendantPage';

/** What the staff access is built from. */
export interface StaffAccessOptions {
  readonly hardware: 'simulated' | 'real';
  /** The configuration's PIN hashes, both or none (empty strings: none). */
  readonly configured: { readonly attendantPinHash: string; readonly technicianPinHash: string };
  readonly idleMs: number;
  readonly records: StaffRecords;
  readonly clock: Clock;
  readonly log: OperationLog;
  /** Told whenever what the screens know of the staff has changed (a panel, a lock, the PINs). */
  readonly changed: () => void;
  /** Told when a staff session ends (logout, idle, another login), with its role. */
  readonly ended?: (role: StaffRole) => void;
}

interface OpenSession {
  readonly role: StaffRole;
  readonly token: Buffer;
  stopIdle: Cancel;
}

// The demonstration hashes, made once a process; cheap, since the PINs are public anyway.
let demoHashes: Record<StaffRole, string> | null = null;
function demonstrationHashes(): Record<StaffRole, string> {
  demoHashes ??= {
    attendant: hashPin(DEMO_STAFF_PINS.attendant, { N: 1_024, r: 8, p: 1 }),
    technician: hashPin(DEMO_STAFF_PINS.technician, { N: 1_024, r: 8, p: 1 }),
  };
  return demoHashes;
}

/** The staff's PINs, locks and the one staff session of the cabin's screen. */
export class StaffAccess {
  readonly #options: StaffAccessOptions;
  #hashes: Partial<Record<StaffRole, string>> | null = null;
  readonly #failures = new Map<StaffRole, number>();
  readonly #locks = new Map<StaffRole, { readonly until: number; readonly stop: Cancel }>();
  #session: OpenSession | null = null;

  /** The access on `options`; locks still running from before a restart are taken back from the store. */
  constructor(options: StaffAccessOptions) {
    this.#options = options;
    this.#restoreLocks();
  }

  /** What the screens may know: whose panel is open, the locks, whether the PINs are still to choose. */
  view(): StaffView {
    const now = this.#options.clock.now();
    return {
      onScreen: this.#session?.role ?? null,
      locks: STAFF_ROLES.flatMap((role) => {
        const lock = this.#locks.get(role);
        return lock !== undefined && lock.until > now ? [{ role, until: lock.until }] : [];
      }),
      pinsNeeded: this.pinsNeeded(),
    };
  }

  /** Real hardware whose PINs are neither configured nor chosen yet (a store fault is not "needed"). */
  pinsNeeded(): boolean {
    const hashes = this.#readHashes();
    return hashes.ok && STAFF_ROLES.some((role) => hashes.value[role] === undefined);
  }

  /** When the role's lock ends (epoch ms), or null when it is not locked. */
  lockedUntil(role: StaffRole): number | null {
    const lock = this.#locks.get(role);
    return lock !== undefined && lock.until > this.#options.clock.now() ? lock.until : null;
  }

  /**
   * Checks a role's PIN: `staff.locked`, `staff.pinsNeeded`, `staff.badPin` (the fifth in a row locks
   * the role and answers `staff.locked`), or a store fault.
   */
  checkPin(role: StaffRole, pin: string, origin: PinOrigin): Result<void> {
    if (this.lockedUntil(role) !== null) return err({ code: 'staff.locked' });
    const hashes = this.#readHashes();
    if (!hashes.ok) return hashes;
    const hash = hashes.value[role];
    if (hash === undefined) return err({ code: 'staff.pinsNeeded' });
    if (pin.length <= 64 && pinMatches(pin, hash)) {
      this.#failures.delete(role);
      this.#record({ role, kind: 'login', until: null, detail: origin });
      this.#options.log.info('staff.login', { role, origin });
      return ok(undefined);
    }
    const failures = (this.#failures.get(role) ?? 0) + 1;
    this.#record({ role, kind: 'badPin', until: null, detail: origin });
    this.#options.log.warn('staff.badPin', { role, origin, failures });
    if (failures < STAFF_LOCKOUT.maxTries) {
      this.#failures.set(role, failures);
      return err({ code: 'staff.badPin' });
    }
    this.#failures.delete(role);
    this.#lock(role, this.#options.clock.now() + STAFF_LOCKOUT.lockMs, true);
    return err({ code: 'staff.locked' });
  }

  /** Opens the staff panel on the cabin's screen with the role's PIN (replacing any panel open). */
  login(role: StaffRole, pin: string): Result<StaffSession> {
    const checked = this.checkPin(role, pin, 'screen');
    if (!checked.ok) return checked;
    this.logout('replaced');
    const token = randomBytes(24);
    this.#session = { role, token, stopIdle: () => undefined };
    this.#keepAlive(this.#session);
    this.#options.changed();
    return ok({ token: token.toString('base64url'), role, idleMs: this.#options.idleMs });
  }

  /** The role of the open session `token` names, which it keeps alive; `staff.sessionEnded` otherwise. */
  use(token: string): Result<StaffRole> {
    const session = this.#session;
    const given = Buffer.from(token, 'base64url');
    if (session === null || given.length !== session.token.length || !timingSafeEqual(given, session.token)) {
      return err({ code: 'staff.sessionEnded' });
    }
    this.#keepAlive(session);
    return ok(session.role);
  }

  /** Closes the staff panel (`staff.logout`, or the idle time run out). */
  logout(reason: 'asked' | 'idle' | 'replaced'): void {
    const session = this.#session;
    if (session === null) return;
    session.stopIdle();
    this.#session = null;
    this.#record({ role: session.role, kind: 'logout', until: null, detail: reason });
    this.#options.log.info('staff.logout', { role: session.role, reason });
    this.#options.ended?.(session.role);
    this.#options.changed();
  }

  /** Sets both PINs at the first start on real hardware; refused once any is set, or a PIN too weak. */
  setPins(pins: { readonly attendantPin: string; readonly technicianPin: string }): Result<void> {
    const hashes = this.#readHashes();
    if (!hashes.ok) return hashes;
    if (!this.pinsNeeded() || STAFF_ROLES.some((role) => hashes.value[role] !== undefined)) {
      return err({ code: 'staff.pinsAlreadySet' });
    }
    const chosen: Record<StaffRole, string> = {
      attendant: pins.attendantPin,
      technician: pins.technicianPin,
    };
    for (const role of STAFF_ROLES) {
      const weakness = pinWeakness(chosen[role]);
      if (weakness !== null) return err({ code: weakness, detail: role });
    }
    if (chosen.attendant === chosen.technician) return err({ code: 'pin.same' });
    for (const role of STAFF_ROLES) {
      const stored = this.#options.records.setPinHash(role, hashPin(chosen[role]));
      if (!stored.ok) {
        this.#hashes = null;
        return stored;
      }
    }
    this.#hashes = null;
    this.#record({ role: null, kind: 'pins.set', until: null, detail: null });
    this.#options.log.info('staff.pinsSet');
    this.#options.changed();
    return ok(undefined);
  }

  /** Records a staff event (a reset with its step); a store fault is logged, the cabin goes on. */
  record(event: Omit<StaffEvent, 'at'>): void {
    this.#record(event);
  }

  /** Stops the timers (the controller stops). */
  stop(): void {
    this.#session?.stopIdle();
    for (const lock of this.#locks.values()) lock.stop();
  }

  #keepAlive(session: OpenSession): void {
    session.stopIdle();
    session.stopIdle = after(this.#options.clock, this.#options.idleMs, () => {
      if (this.#session === session) this.logout('idle');
    });
  }

  #lock(role: StaffRole, until: number, fresh: boolean): void {
    this.#locks.get(role)?.stop();
    const stop = after(this.#options.clock, until - this.#options.clock.now(), () => {
      this.#locks.delete(role);
      this.#record({ role, kind: 'unlocked', until: null, detail: null });
      this.#options.log.info('staff.unlocked', { role });
      this.#options.changed();
    });
    this.#locks.set(role, { until, stop });
    if (fresh) {
      this.#record({ role, kind: 'locked', until, detail: null });
      this.#options.log.warn('staff.locked', { role, forMs: STAFF_LOCKOUT.lockMs });
      this.#options.changed();
    }
  }

  // A lock recorded before a restart and not ended yet still holds until its end.
  #restoreLocks(): void {
    const now = this.#options.clock.now();
    const events = this.#options.records.events(now - STAFF_LOCKOUT.lockMs);
    if (!events.ok) return;
    const running = new Map<StaffRole, number>();
    for (const event of events.value) {
      if (event.role === null) continue;
      if (event.kind === 'locked' && event.until !== null) running.set(event.role, event.until);
      if (event.kind === 'unlocked') running.delete(event.role);
    }
    for (const [role, until] of running) if (until > now) this.#lock(role, until, false);
  }

  #readHashes(): Result<Partial<Record<StaffRole, string>>> {
    if (this.#hashes !== null) return ok(this.#hashes);
    const { configured, hardware, records } = this.#options;
    if (configured.attendantPinHash !== '' && configured.technicianPinHash !== '') {
      this.#hashes = { attendant: configured.attendantPinHash, technician: configured.technicianPinHash };
      return ok(this.#hashes);
    }
    const stored = records.pinHashes();
    if (!stored.ok) return stored;
    const chosen = STAFF_ROLES.some((role) => stored.value[role] !== undefined);
    // The demonstration PINs stand in for PINs never chosen, with simulated hardware only.
    this.#hashes = chosen || hardware === 'real' ? stored.value : demonstrationHashes();
    return ok(this.#hashes);
  }

  #record(event: Omit<StaffEvent, 'at'>): void {
    const recorded = this.#options.records.record(event);
    if (!recorded.ok) this.#options.log.error('staff.recordFailed', { code: recorded.error.code });
  }
}
