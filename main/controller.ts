// The composition root: store, log, peripherals and machines wired together into one controller
// that both shells (Electron and browser mode) serve. It owns the truth of the session.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { createActor, fromPromise as fromPromiseLogic, type AnyActorRef } from 'xstate';
import {
  err,
  ok,
  type CabinApi,
  type CabinEvent,
  type CabinMethod,
  type CabinParams,
  type CabinServer,
  type CabinView,
  type Clock,
  type Result,
} from '../contract';
import { happyScript } from '../devices/simulated/simulation-script';
import {
  cabinMachine,
  cabinViewOf,
  sessionMachine,
  type ConsentRecord,
  type SelfTestReport,
  type SessionOutput,
} from '../state-machines';
import type { CabinConfig } from './config';
import type { Controller } from './controller-types';
import { createOperationLog, type OperationLog } from './log';
import { checkPeripherals, createSimulatedPeripherals, type CabinPeripherals } from './peripherals';
import { sessionActors } from './session-actors';
import { openCabinStore, type CabinStore } from './store';
import { OutboundDelivery } from './outbound-delivery';
import { CallMediaBoard } from './call-media-board';

/** What a controller is built from; tests pass their own clock, peripherals, store and log. */
export interface ControllerOptions {
  readonly config: CabinConfig;
  /** The clock of the machines' delays (XState's SimulatedClock in tests). */
  readonly clock?: ControllerClock;
  /** Defaults to the simulated set when `config.hardware` is `simulated`. */
  readonly peripherals?: CabinPeripherals;
  readonly store?: CabinStore;
  readonly log?: OperationLog;
  /** Run at each session's wipe, after the store: the Electron shell clears the renderer's storage here. */
  readonly wipeHooks?: readonly (() => Promise<void>)[];
}

/** The calls that wait for the platform: the call's media parameters and SFU requests. */
type DeferredMethod = 'joinMedia' | 'media';

/** The controller's CabinApi: every call answers at once, but the two that wait for the platform. */
export type ImmediateCabinServer = {
  readonly [M in Exclude<CabinMethod, DeferredMethod>]: (params: CabinParams<M>) => ReturnType<CabinApi[M]>;
} & Pick<CabinServer, DeferredMethod>;

/** How long `joinMedia` waits for the platform to join the call. */
const JOIN_MEDIA_TIMEOUT_MS = 15_000;

/** A controller plus what tests and benchmarks observe. */
export interface RunningController extends Controller {
  readonly server: ImmediateCabinServer;
  /** The current view (the same the renderer gets). */
  view(): CabinView;
  /** Resolves once the cabin has left `booting` (ready or out of service). */
  readonly booted: Promise<void>;
  readonly peripherals: CabinPeripherals;
  readonly store: CabinStore;
  readonly log: OperationLog;
}

/** The timer functions the machines run on: XState's `Clock`, with `now` when it is simulated. */
export interface ControllerClock {
  setTimeout(fn: () => void, timeout: number): unknown;
  clearTimeout(id: unknown): void;
  now?(): number;
}

const realClock: ControllerClock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id as NodeJS.Timeout),
};

/** Builds and starts a controller; the cabin boots at once and `booted` tells when it is ready. */
export function createController(options: ControllerOptions): RunningController {
  const { config } = options;
  const clock = options.clock ?? realClock;
  const now = (): number => (clock.now ? clock.now() : Date.now());
  const log = options.log ?? openLog(config);
  const store = options.store ?? openStore(config, now, log);
  const peripheralClock: Clock = {
    now,
    setTimeout: (callback, ms) => clock.setTimeout(callback, ms),
    clearTimeout: (handle) => clock.clearTimeout(handle),
  };
  const peripherals =
    options.peripherals ??
    createSimulatedPeripherals(
      happyScript(config.simulation.stepMs),
      peripheralClock,
      config.simulation.callMs,
      config.simulation.byteLevelDevices,
    );
  const delivery = new OutboundDelivery(store, peripherals.platform, log);
  const listeners = new Set<(event: CabinEvent) => void>();
  const emit = (event: CabinEvent): void => {
    for (const listener of listeners) listener(event);
  };
  const board = new CallMediaBoard();

  const session = sessionMachine.provide({
    actors: sessionActors(peripherals, { board, emit }),
    actions: {
      recordConsent: (_, record: ConsentRecord) => {
        report(store.recordConsent(record), log, 'consent.recordFailed');
        enqueue(store, log, {
          sessionId: record.sessionId,
          kind: 'consent',
          payload: { ...record, consentedAt: now() },
          containsPatientData: false,
        });
        delivery.kick();
      },
      callAttendant: (_, { sessionId }) => {
        log.warn('attendant.called');
        report(store.recordHelpCall(sessionId), log, 'audit.writeFailed');
      },
      recordProblem: (_, { sessionId, problem }) => {
        log.warn('patient.problemReported', { problem });
        report(store.recordProblemReport(sessionId, problem), log, 'audit.writeFailed');
      },
      shareMeasurement: (_, { sessionId, measurement }) => {
        log.info('measurement.shared', { kind: measurement.kind });
        enqueue(store, log, {
          sessionId,
          kind: 'measurement',
          payload: measurement,
          containsPatientData: true,
        });
        delivery.kick();
      },
      recordDmpChoice: (_, { sessionId, opposed }) => {
        enqueue(store, log, {
          sessionId,
          kind: 'dmp.choice',
          payload: { sessionId, opposed },
          containsPatientData: true,
        });
        delivery.kick();
      },
    },
    delays: {
      inactivity: config.delays.inactivityMs,
      stillThereGrace: config.delays.stillThereGraceMs,
      goodbye: config.delays.goodbyeMs,
      reconnectWindow: config.delays.reconnectWindowMs,
      audioOnlyWindow: config.delays.audioOnlyWindowMs,
    },
  });

  const cabin = cabinMachine.provide({
    actors: {
      runSession: session,
      selfTest: fromPromiseLogic(async (): Promise<SelfTestReport> => {
        recoverOpenSessions(store, log);
        const peripheralsFound = await checkPeripherals(peripherals);
        for (const { peripheral, state } of peripheralsFound) {
          if (state !== 'ok') log.warn('selfTest.peripheral', { peripheral, state });
        }
        return { peripherals: peripheralsFound };
      }),
      wipeSession: fromPromiseLogic(async ({ input }: { input: { sessionId: string } }) => {
        const wiped = store.wipeSession(input.sessionId);
        peripherals.platform.forgetSession(input.sessionId);
        for (const hook of options.wipeHooks ?? []) await hook();
        if (!wiped.ok) {
          log.error('session.wipeFailed', { code: wiped.error.code });
          throw new Error(wiped.error.code);
        }
        log.info('session.wiped', { purged: wiped.value.patientRowsPurged });
      }),
    },
    actions: {
      recordSessionEnd: (_, output: SessionOutput) => {
        log.info('session.ended', { outcome: output.outcome });
        report(store.endSession(output.sessionId, output.outcome), log, 'audit.writeFailed');
      },
    },
  });

  const actor = createActor(cabin, {
    input: { consentTextVersion: config.consentTextVersion, tariffs: config.tariffs },
    clock,
    inspect: (inspection) => {
      // An error inside any actor is logged by its code only; the machines turn it into a state.
      if (inspection.type === '@xstate.event' && inspection.event.type.startsWith('xstate.error')) {
        log.error('actor.failed', { event: inspection.event.type.slice(0, 60) });
      }
    },
  });

  let currentView: CabinView = cabinViewOf(actor.getSnapshot());
  let currentJson = JSON.stringify(currentView);
  let currentStep: string | null = null;
  let sessionId: string | null = null;
  let resolveBooted: () => void = () => undefined;
  const booted = new Promise<void>((resolve) => {
    resolveBooted = resolve;
  });

  const publish = (): void => {
    const view = cabinViewOf(actor.getSnapshot());
    if (view.phase !== 'booting') resolveBooted();
    const step = view.session?.screen.step ?? null;
    if (step !== currentStep) {
      if (step !== null && sessionId !== null) {
        log.info('session.step', { step });
        report(store.enterStep(sessionId, step), log, 'audit.writeFailed');
      }
      currentStep = step;
    }
    const json = JSON.stringify(view);
    if (json === currentJson) return;
    currentView = view;
    currentJson = json;
    emit({ type: 'view.changed', view });
  };

  // The session child changes without the cabin changing: follow it too.
  let followed: AnyActorRef | undefined;
  actor.subscribe({
    next: (snapshot) => {
      const child = snapshot.children.session as AnyActorRef | undefined;
      if (child !== followed) {
        followed = child;
        child?.subscribe({ next: publish, error: () => publish() });
      }
      publish();
    },
    error: (error) => log.error('cabin.crashed', { error: error instanceof Error ? error.name : 'unknown' }),
  });
  actor.start();
  delivery.start();
  // A device plugged or unplugged: check again, so the session offers only what works now.
  const stopWatchingPeripherals = peripherals.watchChanges?.(() => {
    void checkPeripherals(peripherals).then((found) =>
      actor.send({ type: 'peripherals.changed', peripherals: found }),
    );
  });
  // The reader tells the cabin whenever a card goes in or out, session or not.
  const stopWatchingCard = peripherals.cardReader.watchPresence((present) =>
    actor.send({ type: 'card.presenceChanged', present }),
  );

  const server: ImmediateCabinServer = {
    getView: () => ok(currentView),
    startSession: ({ locale, accessibility }) => {
      if (currentView.phase !== 'ready') return err({ code: 'cabin.notReady' });
      if (currentView.cardInReader) return err({ code: 'cabin.cardLeftInReader' });
      const opened = store.startSession({ locale });
      if (!opened.ok) log.error('audit.writeFailed', { code: opened.error.code });
      sessionId = opened.ok ? opened.value : randomUUID();
      log.info('session.started', { locale });
      actor.send({ type: 'session.start', sessionId, startedAt: now(), locale, accessibility });
      return ok(undefined);
    },
    act: (action) => {
      if (currentView.phase !== 'inSession' || currentView.session === null)
        return err({ code: 'session.none' });
      actor.send(action);
      return ok(undefined);
    },
    attend: ({ code, command }) => {
      if (!sameSecret(code, config.attendantCode)) {
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
      return peripherals.platform.relayMedia(callSession, message);
    },
  };

  return {
    server,
    peripherals,
    store,
    log,
    booted,
    view: () => currentView,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      await delivery.stop();
      stopWatchingCard();
      stopWatchingPeripherals?.();
      peripherals.dispose?.();
      const open = sessionId;
      actor.stop();
      if (open !== null && currentView.phase === 'inSession') {
        report(store.endSession(open, 'reset'), log, 'audit.writeFailed');
        report(store.wipeSession(open), log, 'session.wipeFailed');
      }
      log.info('controller.stopped');
      store.close();
      log.close();
    },
  };
}

/** Opens the rotated operation log of `config` (1 MB a file, 5 files). */
export function openLog(config: CabinConfig): OperationLog {
  return createOperationLog({ directory: config.logDirectory, maxFileBytes: 1_000_000, maxFiles: 5 });
}

function openStore(config: CabinConfig, now: () => number, log: OperationLog): CabinStore {
  mkdirSync(config.dataDirectory, { recursive: true });
  const opened = openCabinStore(join(config.dataDirectory, 'cabin.db'), now);
  if (opened.ok) return opened.value;
  // The cabin still starts, on a store in memory, so that the attendant sees why it is out of service.
  log.error('store.unavailable', { code: opened.error.code });
  const fallback = openCabinStore(':memory:', now);
  if (!fallback.ok) throw new Error(`no store at all: ${fallback.error.code}`);
  return fallback.value;
}

// A crash or power cut can leave a session open: close it and wipe what it may have left.
function recoverOpenSessions(store: CabinStore, log: OperationLog): void {
  const open = store.listOpenSessions();
  if (!open.ok) return report(open, log, 'store.readFailed');
  for (const id of open.value) {
    report(store.endSession(id, 'reset'), log, 'audit.writeFailed');
    report(store.wipeSession(id), log, 'session.wipeFailed');
    log.warn('session.recoveredAfterCrash');
  }
}

function enqueue(store: CabinStore, log: OperationLog, draft: Parameters<CabinStore['enqueue']>[0]): void {
  report(store.enqueue(draft), log, 'outbound.enqueueFailed');
}

function report(result: Result<unknown>, log: OperationLog, event: string): void {
  if (!result.ok) log.error(event, { code: result.error.code });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
