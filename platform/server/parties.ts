// The parties the switchboard talks to: one current connection per cabin and per practitioner (a new
// one replaces the old), and what an absent practitioner missed, delivered when it comes back.
import type {
  PlatformToCabin,
  PlatformToPractitioner,
  PractitionerPush,
} from '../../contract/platform-protocol';
import type { Profession, ProfessionalCard } from '../../contract/domain';

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

interface PractitionerRecord {
  line: PractitionerLine | null;
  professional: ProfessionalCard;
  /** Pushes the practitioner missed while away. */
  missed: PractitionerPush[];
}

/** Pushes kept for an absent party; beyond this the oldest are dropped. */
export const MISSED_LIMIT = 100;

/** The current connections of the cabins and the practitioners. */
export class Parties {
  readonly #cabins = new Map<string, CabinLine>();
  readonly #practitioners = new Map<string, PractitionerRecord>();

  /** Makes `line` its cabin's current connection; answers the one it replaces. */
  connectCabin(line: CabinLine): CabinLine | undefined {
    const previous = this.#cabins.get(line.cabinId);
    this.#cabins.set(line.cabinId, line);
    return previous;
  }

  /**
   * Makes `line` its practitioner's current connection; answers the one it replaces and the pushes
   * the practitioner missed meanwhile (handed over once).
   */
  connectPractitioner(line: PractitionerLine): {
    readonly previous: PractitionerLine | null;
    readonly missed: readonly PractitionerPush[];
  } {
    let record = this.#practitioners.get(line.login);
    if (record === undefined) {
      record = { line: null, professional: line.professional, missed: [] };
      this.#practitioners.set(line.login, record);
    }
    const previous = record.line;
    const missed = record.missed;
    record.line = line;
    record.professional = line.professional;
    record.missed = [];
    return { previous, missed };
  }

  /** Forgets `line` if it is still the current connection of its party; answers whether it was. */
  disconnect(line: CabinLine | PractitionerLine): boolean {
    if (!this.isCurrent(line)) return false;
    if (line.role === 'cabin') this.#cabins.delete(line.cabinId);
    else {
      const record = this.#practitioners.get(line.login);
      if (record !== undefined) record.line = null;
    }
    return true;
  }

  /** Whether `line` is still the current connection of its cabin or practitioner. */
  isCurrent(line: CabinLine | PractitionerLine): boolean {
    if (line.role === 'cabin') return this.#cabins.get(line.cabinId) === line;
    return this.#practitioners.get(line.login)?.line === line;
  }

  /** The current connection of a cabin. */
  cabin(cabinId: string): CabinLine | undefined {
    return this.#cabins.get(cabinId);
  }

  /** Whether the practitioner `login` is connected now. */
  isPractitionerPresent(login: string): boolean {
    return this.#practitioners.get(login)?.line != null;
  }

  /** Pushes to the practitioner `login`; while it is away, `keep` pushes wait for its return. */
  toPractitioner(login: string, push: PractitionerPush, keep: boolean): void {
    const record = this.#practitioners.get(login);
    if (record === undefined) return;
    if (record.line !== null) return record.line.party.send(push);
    if (keep) record.missed = [...record.missed, push].slice(-MISSED_LIMIT);
  }

  /** The connected consoles of `profession`. */
  practitionersOf(profession: Profession): PractitionerLine[] {
    const lines: PractitionerLine[] = [];
    for (const record of this.#practitioners.values()) {
      if (record.line !== null && record.professional.profession === profession) lines.push(record.line);
    }
    return lines;
  }

  /** How many cabins and practitioners are connected. */
  counts(): { readonly cabins: number; readonly practitioners: number } {
    let practitioners = 0;
    for (const record of this.#practitioners.values()) if (record.line !== null) practitioners += 1;
    return { cabins: this.#cabins.size, practitioners };
  }

  /** Forgets every party (the platform stops). */
  clear(): void {
    this.#cabins.clear();
    this.#practitioners.clear();
  }
}
