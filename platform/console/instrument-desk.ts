// The examination instrument of the call in progress, on the practitioner's side: the instrument asked
// (`call.requestInstrument`), where it stands on the cabin (`call.instrument`), its track joined to the
// use by media tag (either may come first), the frames decoded of it, its end (`call.endInstrument`),
// and the stills the professional takes (memory only, for this call: never sent anywhere).
import { every, type Cancel, type Clock } from '../../contract/clock';
import type { InstrumentFailure, InstrumentKind, InstrumentUse } from '../../contract/instrument';
import type { WithoutRequestId } from '../../contract/platform-connection';
import type { PractitionerRequest } from '../../contract/platform-protocol';
import type { CabinError, Result } from '../../contract/result';
import type { ConsoleMedia } from './console-media';

/** A still the professional took of an instrument's picture: a PNG kept in the console's memory only. */
export interface InstrumentStill {
  /** Counts from 1 within the call. */
  readonly id: number;
  readonly kind: InstrumentKind;
  readonly takenAt: number;
  /** The PNG as a data URL. */
  readonly image: string;
}

/** One instrument track received, by the media tag the cabin names it with. */
export interface InstrumentTrack {
  readonly tag: string;
  readonly track: MediaStreamTrack;
}

/** The call's examination instrument as the console knows it. Memory only, gone with the call. */
export interface InstrumentView {
  /** The instrument asked for, until the cabin says where it stands (null when none is awaited). */
  readonly asked: InstrumentKind | null;
  /** Where the instrument stands on the cabin: the last `call.instrument` (null before any). */
  readonly use: InstrumentUse | null;
  /** The latest instrument tracks received (a few), by tag. */
  readonly tracks: readonly InstrumentTrack[];
  /** The frames decoded so far of the instrument camera on, read about every second. */
  readonly framesDecoded: number;
  readonly stills: readonly InstrumentStill[];
}

/** A call's instrument before anything was asked. */
export const NO_INSTRUMENT: InstrumentView = {
  asked: null,
  use: null,
  tracks: [],
  framesDecoded: 0,
  stills: [],
};

/** How many instrument tracks a call remembers (a switch in SFU mode brings a new one). */
export const MAX_INSTRUMENT_TRACKS = 8;

/** How many stills a call keeps; the button waits beyond (the professional downloads what they keep). */
export const MAX_STILLS = 30;

/** Said when the instrument's picture has no frame to draw yet. */
const NO_FRAME =
  'Pas encore d’image de l’instrument : la photo n’a pas été prise. Réessayez dans un instant.';

/** How often the frames decoded of the instrument camera are read. */
export const INSTRUMENT_FRAMES_SAMPLE_MS = 1000;

/** What the console shows of the instrument: the state in the screen's terms, and its track when on. */
export type InstrumentState = 'asked' | 'starting' | 'on' | 'failed' | 'stoppedByPatient';

/** The instrument shown now, or null when none is asked nor in use. */
export interface ShownInstrument {
  readonly kind: InstrumentKind;
  readonly state: InstrumentState;
  readonly failure: InstrumentFailure | null;
  /** The instrument's track once on and received (null before). */
  readonly track: MediaStreamTrack | null;
}

/**
 * The instrument to show: the one asked while the cabin has not answered it (`withUse` clears it), else
 * the cabin's use.
 */
export function shownInstrument(view: InstrumentView): ShownInstrument | null {
  const { asked, use } = view;
  if (asked !== null) return { kind: asked, state: 'asked', failure: null, track: null };
  if (use === null || use.state === 'ended') return null;
  const tag = use.state === 'on' ? use.mediaTag : null;
  return {
    kind: use.kind,
    state: use.state,
    failure: use.state === 'failed' ? use.failure : null,
    track: view.tracks.find((entry) => entry.tag === tag)?.track ?? null,
  };
}

/** What the cabin's `call.instrument` changes: the use, and the question answered. */
export function withUse(view: InstrumentView, use: InstrumentUse): InstrumentView {
  const answered = use.kind === view.asked && use.state !== 'ended';
  const sameTag = view.use?.state === 'on' && use.state === 'on' && view.use.mediaTag === use.mediaTag;
  return {
    ...view,
    asked: answered ? null : view.asked,
    use,
    framesDecoded: sameTag ? view.framesDecoded : 0,
  };
}

/** A track arrived: kept by its tag (replacing one of the same tag), the oldest forgotten beyond a few. */
export function withTrack(view: InstrumentView, tag: string, track: MediaStreamTrack): InstrumentView {
  const tracks = [...view.tracks.filter((entry) => entry.tag !== tag), { tag, track }];
  return { ...view, tracks: tracks.slice(-MAX_INSTRUMENT_TRACKS) };
}

/** What the instrument desk reaches of the practitioner's desk. */
export interface InstrumentDeskOptions {
  readonly clock: Clock;
  /** The call's session id now, or null outside a call. */
  sessionId(): string | null;
  /** The call's instrument view now (NO_INSTRUMENT outside a call). */
  view(): InstrumentView;
  /** Changes the instrument view of the call `sessionId`, if it is still the call in progress. */
  update(sessionId: string, change: (view: InstrumentView) => InstrumentView): void;
  /** Sends one request to the platform (`transport.unavailable` without a connection). */
  request(
    request: WithoutRequestId<
      Extract<PractitionerRequest, { type: 'call.requestInstrument' | 'call.endInstrument' }>
    >,
  ): Promise<Result<unknown, CabinError>>;
  /** Shows a refusal (null hides the message). */
  showError(message: string | null): void;
  /** The French sentence of a refused instrument request. */
  refusal(code: string): string;
  /** Draws the frame a video element shows as a PNG data URL. */
  captureStill(video: HTMLVideoElement): Promise<string | null>;
}

/** The professional's gestures on the call's instrument, and the reading of its frames. */
export class InstrumentDesk {
  readonly #options: InstrumentDeskOptions;

  constructor(options: InstrumentDeskOptions) {
    this.#options = options;
  }

  /** Asks the cabin for an instrument (it replaces the one on, if any); a refusal is shown. */
  async request(kind: InstrumentKind): Promise<void> {
    const sessionId = this.#options.sessionId();
    if (sessionId === null) return;
    const before = this.#options.view().asked;
    this.#options.showError(null);
    this.#options.update(sessionId, (view) => ({ ...view, asked: kind }));
    const result = await this.#options.request({ type: 'call.requestInstrument', sessionId, kind });
    if (result.ok) return;
    this.#options.update(sessionId, (view) => (view.asked === kind ? { ...view, asked: before } : view));
    if (this.#options.sessionId() === sessionId)
      this.#options.showError(this.#options.refusal(result.error.code));
  }

  /** Ends the instrument on (or asked): nothing is shown of it any more; the stills stay. */
  async end(): Promise<void> {
    const sessionId = this.#options.sessionId();
    if (sessionId === null) return;
    this.#options.showError(null);
    const result = await this.#options.request({ type: 'call.endInstrument', sessionId });
    if (!result.ok) {
      if (this.#options.sessionId() === sessionId)
        this.#options.showError(this.#options.refusal(result.error.code));
      return;
    }
    this.#options.update(sessionId, (view) => ({ ...view, asked: null, use: null, framesDecoded: 0 }));
  }

  /** The cabin said where the instrument stands. */
  cabinSaid(sessionId: string, use: InstrumentUse): void {
    this.#options.update(sessionId, (view) => withUse(view, use));
  }

  /** An instrument's track arrived from the call's media. */
  trackArrived(sessionId: string, tag: string, track: MediaStreamTrack): void {
    this.#options.update(sessionId, (view) => withTrack(view, tag, track));
  }

  /**
   * Keeps the frame the instrument's video shows as a still of this call (memory only; nothing is
   * sent to the platform or the cabin). Answers false when no frame could be drawn.
   */
  async takeStill(video: HTMLVideoElement): Promise<boolean> {
    const sessionId = this.#options.sessionId();
    const shown = shownInstrument(this.#options.view());
    if (sessionId === null || shown === null || this.#options.view().stills.length >= MAX_STILLS)
      return false;
    const image = await this.#options.captureStill(video);
    if (image === null) {
      if (this.#options.sessionId() === sessionId) this.#options.showError(NO_FRAME);
      return false;
    }
    const takenAt = this.#options.clock.now();
    this.#options.update(sessionId, (view) => ({
      ...view,
      stills: [...view.stills, { id: (view.stills.at(-1)?.id ?? 0) + 1, kind: shown.kind, takenAt, image }],
    }));
    return true;
  }

  /** Reads the frames decoded of the instrument camera on, about every second, until cancelled. */
  watchFrames(sessionId: string, media: ConsoleMedia): Cancel {
    let reading = false;
    return every(this.#options.clock, INSTRUMENT_FRAMES_SAMPLE_MS, () => {
      const view = this.#options.view();
      const shown = shownInstrument(view);
      const use = view.use;
      if (reading || shown?.track == null || use?.state !== 'on' || shown.track.kind !== 'video') return;
      reading = true;
      void media
        .readTrackFrames(use.mediaTag, shown.track)
        .catch(() => null)
        .then((frames) => {
          reading = false;
          if (frames === null) return;
          this.#options.update(sessionId, (current) =>
            current.use === use && current.framesDecoded !== frames
              ? { ...current, framesDecoded: frames }
              : current,
          );
        });
    });
  }
}
