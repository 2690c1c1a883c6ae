// The CabinApi as the controller serves it: each call checks the cabin's current view, then turns into
// an event for the cabin actor, a question to the call's media board, or a relay to the platform; the
// staff's calls are main/staff/staff-calls.ts.
import { randomUUID } from 'node:crypto';
import type { AnyMachineSnapshot, AnyStateNode, StateValue } from 'xstate';
import {
  err,
  ok,
  type CabinApi,
  type CabinMethod,
  type CabinParams,
  type CabinServer,
  type CabinView,
  type Clock,
  type MediaDeviceReport,
  type MediaRoles,
  type PatientAction,
} from '../contract';
import type { CabinActorRef } from '../state-machines';
import type { CallMediaBoard } from './call-media-board';
import type { OperationLog } from './log';
import type { PlatformLink } from './platform-client/platform-link';
import type { LiveSubtitles } from './speech/live-subtitles';
import type { StaffCalls } from './staff/staff-calls';
import type { CabinStore } from './store';

/**
 * The calls that may wait: the call's media parameters and SFU requests (the platform), and staff
 * commands (a technician's procedure waits for its device).
 */
type DeferredMethod = 'joinMedia' | 'media' | 'staff';

/** The controller's CabinApi: every call answers at once, but those that may wait. */
export type ImmediateCabinServer = {
  readonly [M in Exclude<CabinMethod, DeferredMethod>]: (params: CabinParams<M>) => ReturnType<CabinApi[M]>;
} & Pick<CabinServer, DeferredMethod>;

/** The answer to a media report where nothing classifies the inputs: the browser's defaults are used. */
const NO_MEDIA_ROLES: MediaRoles = { labelsHidden: true, inputs: [], faceCameraId: null, microphoneId: null };

/** How long `joinMedia` waits for the platform to join the call. */
const JOIN_MEDIA_TIMEOUT_MS = 15_000;

/** What the CabinApi server acts on. */
export interface CabinApiPorts {
  readonly actor: CabinActorRef;
  /** The view the renderer has now (the view publisher's). */
  readonly view: () => CabinView;
  readonly store: CabinStore;
  readonly log: OperationLog;
  readonly clock: Pick<Clock, 'now'>;
  readonly board: CallMediaBoard;
  readonly platform: PlatformLink;
  /** The staff's calls (login, PINs, commands). */
  readonly staff: StaffCalls;
  /** Real hardware whose staff PINs are still to choose: no patient session starts before. */
  readonly pinsNeeded: () => boolean;
  /** The running call's live subtitles; without it no subtitle audio is taken. */
  readonly subtitles?: LiveSubtitles;
  /** Takes the renderer's media inputs to tell the examination instruments apart; without it they are ignored. */
  readonly mediaDevices?: (report: MediaDeviceReport) => MediaRoles;
}

/** Builds the CabinApi implementation; every argument must already be validated with `parseCall`. */
export function serveCabinApi(ports: CabinApiPorts): ImmediateCabinServer {
  const { actor, view, store, log, board } = ports;
  // The link state last logged, by call: a renderer repeating its state writes no line per message.
  let loggedLink: { readonly callSession: string; readonly state: string } | null = null;
  return {
    getView: () => ok(view()),
    startSession: ({ locale, accessibility }) => {
      if (ports.pinsNeeded()) return err({ code: 'staff.pinsNeeded' });
      const current = view();
      if (current.phase !== 'ready') return err({ code: 'cabin.notReady' });
      if (current.cardInReader) return err({ code: 'cabin.cardLeftInReader' });
      if (current.waitingForCleaning) return err({ code: 'cabin.waitingForCleaning' });
      const opened = store.startSession({ locale });
      if (!opened.ok) log.error('audit.writeFailed', { code: opened.error.code });
      // Without its audit row the session still runs: the patient is not turned away for a disk fault.
      const sessionId = opened.ok ? opened.value : randomUUID();
      log.info('session.started', { locale });
      actor.send({ type: 'session.start', sessionId, startedAt: ports.clock.now(), locale, accessibility });
      return ok(undefined);
    },
    act: (action) => {
      const current = view();
      if (current.phase !== 'inSession' || current.session === null) return err({ code: 'session.none' });
      const session = actor.getSnapshot().children.session?.getSnapshot();
      if (session?.status !== 'active') return err({ code: 'session.none' });
      if (!fitsCurrentStep(session, action)) return err({ code: 'session.actionNotNow' });
      actor.send(action);
      return ok(undefined);
    },
    staffLogin: (input) => ports.staff.staffLogin(input),
    staffSetPins: (input) => ports.staff.staffSetPins(input),
    staff: (input) => ports.staff.staff(input),
    joinMedia: () => board.whenJoined(JOIN_MEDIA_TIMEOUT_MS),
    media: async (message) => {
      const callSession = board.sessionId();
      if (callSession === null) return err({ code: 'call.notJoined' });
      if (message.kind === 'linkState') {
        if (loggedLink?.callSession !== callSession || loggedLink.state !== message.state) {
          loggedLink = { callSession, state: message.state };
          log.info('call.mediaLink', { state: message.state });
        }
        board.reportLinkState(message.state);
        return ok(null);
      }
      return ports.platform.relayMedia(callSession, message);
    },
    reportMediaDevices: (report) => ok(ports.mediaDevices?.(report) ?? NO_MEDIA_ROLES),
    // Only the instrument the professional asked for, while it starts or is on: the session handles
    // the rest with the call (state-machines/session/steps/consultation.ts).
    reportInstrument: (report) => {
      const screen = view().session?.screen;
      const current = screen?.step === 'consultation' ? screen.instrument : null;
      if (
        current === null ||
        current === undefined ||
        current.kind !== report.kind ||
        (current.state !== 'starting' && current.state !== 'on')
      ) {
        return err({ code: 'instrument.notAsked' });
      }
      actor.send({ type: 'instrument.reported', report });
      return ok(undefined);
    },
    subtitleAudio: ({ pcm }) => {
      // Only a call's voice, only for a patient who asked, only to an engine that is there.
      const callSession = board.sessionId();
      const session = view().session;
      const { subtitles } = ports;
      if (
        callSession === null ||
        session === null ||
        session.screen.step !== 'consultation' ||
        session.accessibility.subtitles !== true ||
        subtitles?.offered() !== true
      ) {
        return err({ code: 'subtitles.notNow' });
      }
      return subtitles.hear(callSession, pcm);
    },
  };
}

/**
 * True when a state the session is in names the action: the step on screen, the screens' common
 * commands (quit, help, language), or the "are you still there?" prompt. Guards are not asked: an
 * action the step offers may still change nothing now (help pressed twice). `patient.stillHere` fits
 * everywhere: it is the presence signal of typing, which any screen may send.
 */
export function fitsCurrentStep(session: AnyMachineSnapshot, action: PatientAction): boolean {
  if (action.type === 'patient.stillHere') return true;
  const { root } = session.machine;
  // Exact names only: the attention region's `patient.*` wildcard takes every action as a touch.
  return [root, ...activeStateNodes(root, session.value as StateValue)].some((node) =>
    node.ownEvents.includes(action.type),
  );
}

/** The state nodes below `node` that `value` says are active, parents before children. */
function activeStateNodes(node: AnyStateNode, value: StateValue): AnyStateNode[] {
  if (typeof value === 'string') {
    const child = node.states[value];
    return child === undefined ? [] : [child];
  }
  return Object.entries(value).flatMap(([key, below]) => {
    const child = node.states[key];
    if (child === undefined) return [];
    return below === undefined ? [child] : [child, ...activeStateNodes(child, below)];
  });
}
