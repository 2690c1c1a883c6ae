// The one API between the controller and the screens, declared once. The controller implements
// `CabinServer`, the renderer calls a `CabinClient`; both are derived from `CabinApi` here.
import type { CabinView } from './cabin-view';
import type { InstrumentReport, MediaDeviceReport, MediaRoles } from './instrument';
import type { Accessibility, Locale } from './domain';
import type { PatientAction } from './patient-action';
import type { CallMedia, MediaReception, SfuMethod, SignalPayload } from './platform-protocol';
import type { CabinError, Result } from './result';
import type { StaffCommand, StaffRole, StaffSession } from './staff';
import type { SubtitleAudio } from './subtitles';

/** The state of the renderer's video link, as it reports it to the controller. */
export type MediaLinkState = 'connected' | 'disconnected';

/** A message of the renderer's video link to the controller, which relays it to the platform. */
export type MediaUp =
  | { readonly kind: 'signal'; readonly payload: SignalPayload }
  | { readonly kind: 'sfu'; readonly method: SfuMethod; readonly data: unknown }
  | { readonly kind: 'reception'; readonly reception: MediaReception }
  | { readonly kind: 'linkState'; readonly state: MediaLinkState };

/** What the patient chose on the welcome screen before starting a session: language and accessibility. */
export type WelcomeChoices = { readonly locale: Locale; readonly accessibility: Accessibility };

/** Every call the renderer can make; each takes at most one argument and answers a Result. */
export interface CabinApi {
  /** Answers the current cabin view; the renderer calls it when it loads, and so resumes after a reload. */
  getView(): Result<CabinView>;
  /** Starts a patient session from the welcome screen; refused unless the cabin is ready. */
  startSession(input: WelcomeChoices): Result<void>;
  /** Sends a patient action to the running session; refused when no session runs or it does not fit. */
  act(action: PatientAction): Result<void>;
  /**
   * Opens a staff session on the cabin's screen with the role's PIN; `staff.badPin`, `staff.locked`
   * (after five wrong PINs, for five minutes) or `staff.pinsNeeded` otherwise.
   */
  staffLogin(input: { readonly role: StaffRole; readonly pin: string }): Result<StaffSession>;
  /** Sets both PINs at the first start on real hardware; refused (`staff.pinsAlreadySet`) once any is set. */
  staffSetPins(input: { readonly attendantPin: string; readonly technicianPin: string }): Result<void>;
  /**
   * Runs a staff command in an open staff session (which it keeps alive); `staff.sessionEnded` when the
   * token is unknown or idle too long, `staff.forbidden` when the role may not. The value depends on the
   * command (see `StaffCommand`).
   */
  staff(input: { readonly token: string; readonly command: StaffCommand }): Result<unknown>;
  /** The media parameters of the session's call, once the platform has joined it; `call.notJoined` outside a call. */
  joinMedia(): Result<CallMedia>;
  /** Relays one video link message to the platform; an SFU request answers the SFU's data, the others null. */
  media(message: MediaUp): Result<unknown>;
  /**
   * Hands one frame of the professional's voice (as the renderer receives it) to the cabin's offline
   * speech engine for the subtitles; `subtitles.notNow` unless a call runs whose patient asked for
   * subtitles and an engine is there. The audio is never logged nor stored.
   */
  subtitleAudio(input: SubtitleAudio): Result<void>;
  /**
   * Tells the controller the cameras and microphones the renderer's browser lists (`enumerateDevices()`),
   * on load, after the first camera opened and on each `devicechange`: the controller tells the
   * examination instruments apart, shows a required one missing on the attendant's panel, and answers
   * which input is which (the renderer opens the face camera and microphone by these ids, never an
   * instrument). Labels are never logged.
   */
  reportMediaDevices(input: MediaDeviceReport): Result<MediaRoles>;
  /**
   * Tells the controller how the instrument the professional asked for went: on (its stream sent, with
   * its media tag) or failed (absent, unplugged, refused); `instrument.notAsked` unless the call's
   * current instrument is that kind.
   */
  reportInstrument(input: InstrumentReport): Result<void>;
}

/** The names of the CabinApi calls. */
export type CabinMethod = keyof CabinApi;

/** The argument type of a CabinApi call (undefined for calls without one). */
export type CabinParams<M extends CabinMethod> = Parameters<CabinApi[M]>[0];

/** The value a successful CabinApi call carries. */
export type CabinValue<M extends CabinMethod> = ReturnType<CabinApi[M]> extends Result<infer T> ? T : never;

/** The controller's side: each call may answer synchronously or later. */
export type CabinServer = {
  readonly [M in CabinMethod]: (
    params: CabinParams<M>,
  ) => ReturnType<CabinApi[M]> | Promise<ReturnType<CabinApi[M]>>;
};

/** The renderer's side: every call is asynchronous; a broken transport answers `transport.unavailable`. */
export type CabinClient = {
  readonly [M in CabinMethod]: (
    ...params: CabinParams<M> extends undefined ? [] : [CabinParams<M>]
  ) => Promise<ReturnType<CabinApi[M]>>;
};

/** Events pushed to the renderer on the one event channel. */
export type CabinEvent =
  | { readonly type: 'view.changed'; readonly view: CabinView }
  /** Signaling from the professional's side for the renderer's video link (direct mode). */
  | { readonly type: 'media.signal'; readonly payload: SignalPayload }
  /** SFU mode: the professional published a track; the video link consumes it. */
  | { readonly type: 'media.producerAdded' };

/** A call on the wire (WebSocket in browser mode, IPC in Electron). */
export interface CallMessage {
  readonly kind: 'call';
  readonly id: number;
  readonly method: string;
  readonly params?: unknown;
}

/** The answer to one call, matched by id. */
export interface ReplyMessage {
  readonly kind: 'reply';
  readonly id: number;
  readonly result: Result<unknown, CabinError>;
}

/** An event on the wire. */
export interface EventMessage {
  readonly kind: 'event';
  readonly event: CabinEvent;
}

/** Anything the controller sends to the renderer. */
export type ServerMessage = ReplyMessage | EventMessage;

/** The name of the IPC channels of the Electron preload bridge. */
export const IPC_CHANNELS = { call: 'cabin.call', event: 'cabin.event' } as const;

/** The bridge that Electron's preload exposes as `window.cabinBridge`: one call and one event channel. */
export interface CabinBridge {
  call(method: string, params: unknown): Promise<Result<unknown, CabinError>>;
  onEvent(listener: (event: CabinEvent) => void): () => void;
}
