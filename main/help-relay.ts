// The patient's help call beyond the cabin's own screen: when it started (for the attendant page), and
// its passage through the platform to the operator's support and the professional of the call. The
// session machine says when the call starts and ends (`callAttendant`, `reportHelpEnded`); the relay
// tells the platform and feeds back to the cabin who was told (`help.reached`) and a remote answer
// (`help.answered`). The platform unreachable is no failure of the call: the attendant was told anyway,
// the banner says only that, and the relay tries again while the call waits. Nothing of the patient is logged or sent: the session id and the state.
import {
  after,
  type Cancel,
  type Clock,
  type HelpCallState,
  type HelpEvent,
  type RemoteHelpAudience,
  type Result,
  type StepName,
} from '../contract';
import type { OperationLog } from './log';

/** While the platform cannot be told of a waiting help call, the relay tries again this often. */
export const HELP_RETRY_MS = 15_000;

/** What the relay needs of the platform link. */
export interface HelpChannel {
  /**
   * Tells the platform the state of a session's help call; answers who it told. While a call is
   * `requested`, `answered` hears an answer from the support or the professional.
   */
  reportHelp(
    sessionId: string,
    state: HelpCallState,
    answered: (by: RemoteHelpAudience) => void,
  ): Promise<Result<{ readonly told: readonly RemoteHelpAudience[] }>>;
}

/** The help call as the attendant page shows it: since when, and whether the platform has it. */
export interface HelpCallRecord {
  readonly sessionId: string;
  /** Epoch ms when the patient asked (the cabin's clock). */
  readonly since: number;
  /** The step the patient asked from, for the staff (null when the relay is not told the step). */
  readonly step: StepName | null;
  /** `pending` while the platform's answer is awaited, `unreachable` when it could not be told. */
  readonly platform: 'pending' | 'told' | 'unreachable';
}

/** The session's help calls, passed on to the platform and back. */
export class HelpRelay {
  #current: HelpCallRecord | null = null;
  #send: (event: HelpEvent) => void = () => undefined;
  #stepNow: () => StepName | null = () => null;
  readonly #watchers = new Set<() => void>();
  /** Counts the calls, so that a late answer about an earlier call changes nothing. */
  #generation = 0;
  #retry: Cancel | null = null;

  /** A relay on `channel` (the platform link); `clock` stamps when a call started and paces the retries. */
  constructor(
    private readonly channel: HelpChannel,
    private readonly clock: Clock,
    private readonly log: OperationLog,
  ) {}

  /** Where the relay sends what it hears back (the cabin actor, created after the relay). */
  sendTo(send: (event: HelpEvent) => void): void {
    this.#send = send;
  }

  /** Where the relay reads the patient's step when a call starts (the screen's view, built after the relay). */
  stepFrom(stepNow: () => StepName | null): void {
    this.#stepNow = stepNow;
  }

  /** The pending help call, if any. */
  current(): HelpCallRecord | null {
    return this.#current;
  }

  /** Calls `listener` whenever the pending call's record changes; answers how to stop. */
  watch(listener: () => void): () => void {
    this.#watchers.add(listener);
    return () => this.#watchers.delete(listener);
  }

  #set(record: HelpCallRecord | null): void {
    this.#current = record;
    for (const listener of this.#watchers) listener();
  }

  /** The patient asked for help in `sessionId`: the platform is told, and who it told goes back to the session. */
  requested(sessionId: string): void {
    this.#stopRetry();
    const generation = (this.#generation += 1);
    this.#set({ sessionId, since: this.clock.now(), step: this.#stepNow(), platform: 'pending' });
    const answered = (by: RemoteHelpAudience): void => {
      if (this.#generation !== generation || this.#current === null) return;
      this.log.info('help.answeredRemotely', { by });
      this.#stopRetry();
      this.#set(null);
      this.#send({ type: 'help.answered', by });
    };
    this.#tell(sessionId, generation, answered);
  }

  // Tells the platform of the call; while it cannot be reached, tries again every HELP_RETRY_MS for as
  // long as the call waits, so that the support hears of it once the network is back.
  #tell(sessionId: string, generation: number, answered: (by: RemoteHelpAudience) => void): void {
    void this.channel.reportHelp(sessionId, 'requested', answered).then((result) => {
      const call = this.#current;
      if (this.#generation !== generation || call === null) return;
      if (!result.ok) {
        if (call.platform !== 'unreachable')
          this.log.warn('help.platformNotTold', { code: result.error.code });
        this.#set({ ...call, platform: 'unreachable' });
        this.#retry = after(this.clock, HELP_RETRY_MS, () => {
          this.#retry = null;
          this.#tell(sessionId, generation, answered);
        });
        return;
      }
      this.#set({ ...call, platform: 'told' });
      this.log.info('help.platformTold', { told: result.value.told.join(',') });
      if (result.value.told.length > 0) this.#send({ type: 'help.reached', told: result.value.told });
    });
  }

  #stopRetry(): void {
    this.#retry?.();
    this.#retry = null;
  }

  /** The call ended on the cabin (cancelled by the patient, answered by the attendant): the platform is told. */
  ended(sessionId: string, state: 'cancelled' | 'answered'): void {
    if (this.#current?.sessionId !== sessionId) return;
    this.#stopRetry();
    this.#set(null);
    this.log.info('help.ended', { state });
    void this.channel
      .reportHelp(sessionId, state, () => undefined)
      .then((result) => {
        if (!result.ok) this.log.warn('help.platformNotTold', { code: result.error.code });
      });
  }

  /** The cabin stops: no more tries (the platform forgets the session with the link). */
  stop(): void {
    this.#stopRetry();
    this.#generation += 1;
  }

  /** The session ends: a call still pending is cancelled on the platform's lists. */
  forget(sessionId: string): void {
    this.ended(sessionId, 'cancelled');
  }
}
