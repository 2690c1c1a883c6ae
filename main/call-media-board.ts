// Where the running call meets the renderer's video link: the call's media parameters once the platform
// has joined it, and the link's state as the renderer reports it. The session's `joinCall` actor opens
// the board for its session; the CabinApi `joinMedia` and `media` calls read and feed it.
import {
  after,
  err,
  ok,
  systemClock,
  type CallMedia,
  type Clock,
  type MediaLinkState,
  type Result,
} from '../contract';

interface OpenCall {
  readonly sessionId: string;
  readonly onLinkState: (state: MediaLinkState) => void;
  media: CallMedia | null;
  linkState: MediaLinkState | null;
}

/** The one call of the cabin, as seen by its video link. */
export class CallMediaBoard {
  private call: OpenCall | null = null;
  private readonly waiters = new Set<(media: Result<CallMedia>) => void>();

  /** A board with no call; `whenJoined` waits on `clock` (the system clock by default). */
  constructor(private readonly clock: Clock = systemClock) {}

  /** The call of `sessionId` starts: link states go to `onLinkState` until `close`. */
  open(sessionId: string, onLinkState: (state: MediaLinkState) => void): void {
    this.call = { sessionId, onLinkState, media: null, linkState: null };
  }

  /** The platform joined the call: the video link may start. */
  setMedia(sessionId: string, media: CallMedia): void {
    if (this.call?.sessionId !== sessionId) return;
    this.call.media = media;
    for (const wake of this.waiters) wake(ok(media));
    this.waiters.clear();
  }

  /** The session of the open call, or null outside a call. */
  sessionId(): string | null {
    return this.call?.sessionId ?? null;
  }

  /** The video link's last reported state in the open call (null before its first report). */
  linkState(): MediaLinkState | null {
    return this.call?.linkState ?? null;
  }

  /** The media parameters, waiting up to `timeoutMs` for the platform; `call.notJoined` outside a call. */
  whenJoined(timeoutMs: number): Promise<Result<CallMedia>> {
    if (this.call === null) return Promise.resolve(err({ code: 'call.notJoined' }));
    if (this.call.media !== null) return Promise.resolve(ok(this.call.media));
    return new Promise((resolve) => {
      const wake = (media: Result<CallMedia>): void => {
        cancelTimeout();
        resolve(media);
      };
      const cancelTimeout = after(this.clock, timeoutMs, () => {
        this.waiters.delete(wake);
        resolve(err({ code: 'call.notJoined' }));
      });
      this.waiters.add(wake);
    });
  }

  /** The renderer's video link reports its state; a state outside a call is ignored. */
  reportLinkState(state: MediaLinkState): void {
    if (this.call === null || this.call.linkState === state) return;
    this.call.linkState = state;
    this.call.onLinkState(state);
  }

  /** The call ended (or the session left it): waiting renderers are told `call.notJoined`. */
  close(sessionId: string): void {
    if (this.call?.sessionId !== sessionId) return;
    this.call = null;
    for (const wake of this.waiters) wake(err({ code: 'call.notJoined' }));
    this.waiters.clear();
  }
}
