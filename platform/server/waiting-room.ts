// The honest wait estimate of the waiting room: the patients ahead (and the patient) times the mean
// length of a consultation, shared among the practitioners of that profession who are connected.
//   estimatedWaitMinutes = ceil(position × meanConsultationMinutes / connectedPractitioners)
// With nobody connected there is no estimate (null): the platform does not know when someone comes.
// The mean is over the last 20 calls of the profession that finished (accepted → ended by the
// practitioner or the patient), the configured mean (10 minutes by default) before any did.
import type { QueuePlace } from '../../contract/platform-protocol';
import type { Profession } from '../../contract/domain';

/** The mean consultation length used before any call of a profession has finished, in minutes. */
export const DEFAULT_CONSULTATION_MINUTES = 10;

/** How many finished calls the mean is taken over. */
export const RECENT_CALLS = 20;

/** The longest wait the protocol can carry (a day), in minutes. */
const MAX_WAIT_MINUTES = 24 * 60;

/**
 * The estimated wait of the patient at `position` (1 = next), in whole minutes rounded up; null when no
 * practitioner is connected, since nobody can say when one will be.
 */
export function estimateWaitMinutes(
  position: number,
  meanConsultationMinutes: number,
  connectedPractitioners: number,
): number | null {
  if (connectedPractitioners <= 0) return null;
  const minutes = Math.ceil((position * meanConsultationMinutes) / connectedPractitioners);
  return Math.min(MAX_WAIT_MINUTES, Math.max(0, minutes));
}

/** The lengths of the last finished calls of one profession. */
export class RecentDurations {
  readonly #minutes: number[] = [];
  readonly #defaultMinutes: number;

  /** No call yet: the mean is `defaultMinutes` until one finishes. */
  constructor(defaultMinutes = DEFAULT_CONSULTATION_MINUTES) {
    this.#defaultMinutes = defaultMinutes;
  }

  /** Records one finished call of `durationMs`. */
  add(durationMs: number): void {
    this.#minutes.push(Math.max(0, durationMs) / 60_000);
    if (this.#minutes.length > RECENT_CALLS) this.#minutes.shift();
  }

  /** The mean length of the recorded calls in minutes, or the default before any. */
  meanMinutes(): number {
    if (this.#minutes.length === 0) return this.#defaultMinutes;
    return this.#minutes.reduce((sum, minutes) => sum + minutes, 0) / this.#minutes.length;
  }
}

/** A patient's place in a waiting room: anything with the profession it waits for. */
interface Waiting {
  readonly profession: Profession;
}

/** The waiting rooms of every profession: who waits in which order, and how long calls last. */
export class WaitingRooms<T extends Waiting> {
  readonly #queues = new Map<Profession, T[]>();
  readonly #durations = new Map<Profession, RecentDurations>();
  readonly #defaultMinutes: number;

  /** Empty rooms; `defaultMinutes` is the mean consultation length before any call finished. */
  constructor(defaultMinutes = DEFAULT_CONSULTATION_MINUTES) {
    this.#defaultMinutes = defaultMinutes;
  }

  /** Puts `waiting` last in its profession's room; answers its position (1 = next). */
  add(waiting: T): number {
    const queue = this.queueOf(waiting.profession);
    queue.push(waiting);
    return queue.length;
  }

  /** Takes `waiting` out of its room; answers false when it was not waiting. */
  remove(waiting: T): boolean {
    const queue = this.queueOf(waiting.profession);
    const place = queue.indexOf(waiting);
    if (place < 0) return false;
    queue.splice(place, 1);
    return true;
  }

  /** The position of `waiting` in its room (1 = next), 0 when it does not wait. */
  positionOf(waiting: T): number {
    return this.queueOf(waiting.profession).indexOf(waiting) + 1;
  }

  /** The patients waiting for `profession`, first in line first. */
  queueOf(profession: Profession): T[] {
    let queue = this.#queues.get(profession);
    if (queue === undefined) {
      queue = [];
      this.#queues.set(profession, queue);
    }
    return queue;
  }

  /** How many patients wait, all professions together. */
  count(): number {
    let count = 0;
    for (const queue of this.#queues.values()) count += queue.length;
    return count;
  }

  /** Records the length of a call of `profession` that ended normally. */
  recordCall(profession: Profession, durationMs: number): void {
    let durations = this.#durations.get(profession);
    if (durations === undefined) {
      durations = new RecentDurations(this.#defaultMinutes);
      this.#durations.set(profession, durations);
    }
    durations.add(durationMs);
  }

  /** The place at `position` for `profession`, with `connected` practitioners of it and its estimate. */
  place(profession: Profession, position: number, connected: number): QueuePlace {
    const mean = this.#durations.get(profession)?.meanMinutes() ?? this.#defaultMinutes;
    return {
      position,
      estimatedWaitMinutes: estimateWaitMinutes(position, mean, connected),
      professionalsOnline: connected,
    };
  }

  /** Empties every room (the platform stops); the call lengths stay. */
  clear(): void {
    this.#queues.clear();
  }
}
