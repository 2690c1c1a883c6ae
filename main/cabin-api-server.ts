// The CabinApi as the controller serves it: each call checks the cabin's current view, then turns into
// an event for the cabin actor, a question to the call's media board, or a relay to the platform.
import { randomUUID, timingSafeEqual } from 'node:crypto';
import {
  err,
  ok,
  type CabinApi,
  type CabinMethod,
  type CabinParams,
  type CabinServer,
  type CabinView,
  type Clock,
} from '../contract';
import type { CabinActorRef } from '../state-machines';
import type { CallMediaBoard } from './call-media-board';
import type { OperationLog } from './log';
import type { PlatformLink } from './platform-client/platform-link';
import type { CabinStore } from './store';

/** The calls that wait for the platform: the call's media parameters and SFU requests. */
type DeferredMethod = 'joinMedia' | 'media';

/** The controller's CabinApi: every call answers at once, but the two that wait for the platform. */
export type ImmediateCabinServer = {
  readonly [M in Exclude<CabinMethod, DeferredMethod>]: (params: CabinParams<M>) => ReturnType<CabinApi[M]>;
} & Pick<CabinServer, DeferredMethod>;

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
  /** The code the attendant types for attendant commands. */
  readonly attendantCode: string;
}

/** Builds the CabinApi implementation; every argument must already be validated with `parseCall`. */
export function serveCabinApi(ports: CabinApiPorts): ImmediateCabinServer {
  const { actor, view, store, log, board } = ports;
  return {
    getView: () => ok(view()),
    startSession: ({ locale, accessibility }) => {
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
      actor.send(action);
      return ok(undefined);
    },
    attend: ({ code, command }) => {
      if (!sameSecret(code, ports.attendantCode)) {
        log.warn('attendant.refused');
        return err({ code: 'attendant.badCode' });
      }
      log.info('attendant.command', { command: command.type });
      actor.send(command);
      return ok(undefined);
    },
    joinMedia: () => board.whenJoined(JOIN_MEDIA_TIMEOUT_MS),
    media: async (message) => {
      const callSession = board.sessionId();
      if (callSession === null) return err({ code: 'call.notJoined' });
      if (message.kind === 'linkState') {
        log.info('call.mediaLink', { state: message.state });
        board.reportLinkState(message.state);
        return ok(null);
      }
      return ports.platform.relayMedia(callSession, message);
    },
  };
}

// Compares in constant time, so the answer's timing does not reveal how much of the code was right.
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
