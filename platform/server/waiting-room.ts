// The honest wait estimate of the waiting room: the patients ahead (and the patient) times the mean
// length of a consultation, shared among the practitioners of that profession who are connected.
//   estimatedWaitMinutes = ceil(position × meanConsultationMinutes / max(1, connectedPractitioners))
// The mean is over the last 20 calls of the profession that finished (accepted → ended by the
// practitioner or the patient), 10 minutes before any did.

/** The mean consultation length used before any call of a profession has finished, in minutes. */
export const DEFAULT_CONSULTATION_MINUTES = 10;

/** How many finished calls the mean is taken over. */
export const RECENT_CALLS = 20;

/** The longest wait the protocol can carry (a day), in minutes. */
const MAX_WAIT_MINUTES = 24 * 60;

/** The estimated wait of the patient at `position` (1 = next), in whole minutes, rounded up. */
export function estimateWaitMinutes(
  position: number,
  meanConsultationMinutes: number,
  connectedPractitioners: number,
): number {
  const minutes = Math.ceil((position * meanConsultationMinutes) / Math.max(1, connectedPractitioners));
  return Math.min(MAX_WAIT_MINUTES, Math.max(0, minutes));
}

/** The lengths of the last finished calls of one profession. */
export class RecentDurations {
  readonly #minutes: number[] = [];

  /** Records one finished call of `durationMs`. */
  add(durationMs: number): void {
    this.#minutes.push(Math.max(0, durationMs) / 60_000);
    if (this.#minutes.length > RECENT_CALLS) this.#minutes.shift();
  }

  /** The mean length of the recorded calls in minutes, or the default before any. */
  meanMinutes(): number {
    if (this.#minutes.length === 0) return DEFAULT_CONSULTATION_MINUTES;
    return this.#minutes.reduce((sum, minutes) => sum + minutes, 0) / this.#minutes.length;
  }
}
