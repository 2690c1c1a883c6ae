// The composition root: store, log, peripherals and machines wired together into one controller that
// both shells (Electron and browser mode) serve. It owns the truth of the session; what the machines do
// outside themselves is in session-effects.ts, the screen's view in view-publisher.ts, the CabinApi in
// cabin-api-server.ts, the staff's PINs, locks and commands in staff/, the technician's trail of states
// in machine-trail.ts, the files in cabin-records.ts.
import { assign, createActor, type InspectionEvent } from 'xstate';
import {
  systemClock,
  type CabinEvent,
  type CabinView,
  type Clock,
  type InstrumentKind,
  type PeripheralStatus,
} from '../contract';
import { happyScript } from '../devices/simulated/simulation-script';
import { cabinMachine, sessionMachine } from '../state-machines';
import { CallMediaBoard } from './call-media-board';
import { serveCabinApi, type ImmediateCabinServer } from './cabin-api-server';
import type { CabinConfig } from './config';
import type { Controller } from './controller-types';
import { openLog, openStore } from './cabin-records';
import { startAttendantPage, type AttendantPageServer } from './attendant-page/attendant-page-server';
import { attendantPageState } from './attendant-page/attendant-page-state';
import { HelpRelay } from './help-relay';
import { keepCalibrationGate } from './maintenance/calibration-gate';
import { withCorrections } from './maintenance/corrected-devices';
import { createTechnicianDesk, type TechnicianDesk } from './maintenance/technician-desk';
import type { OperationLog } from './log';
import { traceMachineStates } from './machine-trail';
import { OutboundDelivery } from './outbound-delivery';
import { checkPeripherals, createSimulatedPeripherals, type CabinPeripherals } from './peripherals';
import { sessionActors } from './session-actors';
import { LiveSubtitles } from './speech/live-subtitles';
import { speechEngineForConfig } from './speech/speech-engine-for-config';
import type { SpeechToText } from './speech/speech-to-text';
import { StaffAccess } from './staff/staff-access';
import { TerminalPayments } from './terminal-payments';
import { serveStaffCalls } from './staff/staff-calls';
import { cabinMachineEffects, closeInterruptedSession, sessionMachineEffects } from './session-effects';
import { keepSessionHeartbeat } from './session-heartbeat';
import { keepRetention, type CabinStore } from './store';
import { classifyMediaDevices, toMediaRoles } from '../devices/instrument-match';
import { foundInstrumentKinds, instrumentStatuses } from './instruments/instrument-statuses';
import { publishViews } from './view-publisher';

/** What a controller is built from; tests pass their own clock, peripherals, store and log. */
export interface ControllerOptions {
  readonly config: CabinConfig;
  /** The clock of the machines' delays and of the store's times (a manual clock in tests). */
  readonly clock?: Clock;
  /** Defaults to the simulated set when `config.hardware` is `simulated`. */
  readonly peripherals?: CabinPeripherals;
  readonly store?: CabinStore;
  readonly log?: OperationLog;
  /** Run at each session's wipe, after the store: the Electron shell clears the renderer's storage here. */
  readonly wipeHooks?: readonly (() => Promise<void>)[];
  /** Builds the desk of the technician's device commands (by default the cabin's, on its devices and register). */
  readonly technicianDesk?: (parts: TechnicianDeskParts) => TechnicianDesk;
  /** The offline speech engine of the subtitles (by default the configuration's, null when it has none). */
  readonly speech?: SpeechToText | null;
}

/** The controller's parts a technician desk is built on (`ControllerOptions.technicianDesk`). */
export interface TechnicianDeskParts {
  readonly store: CabinStore;
  readonly peripherals: CabinPeripherals;
  readonly clock: Clock;
  readonly log: OperationLog;
  /** The cabin's view now (its phase says whether the cabin is in maintenance). */
  readonly view: () => CabinView;
}

/** A controller plus what its shells and the tests wait for. */
export interface RunningController extends Controller {
  readonly server: ImmediateCabinServer;
  /** Resolves once the cabin has left `booting` (ready or out of service). */
  readonly booted: Promise<void>;
  readonly log: OperationLog;
  /** The attendant page when the configuration enables it (null otherwise, or when it could not listen). */
  readonly attendantPage: Promise<AttendantPageServer | null>;
}

/** Builds and starts a controller; the cabin boots at once and `booted` tells when it is ready. */
export function createController(options: ControllerOptions): RunningController {
  const { config, wipeHooks } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? openLog(config);
  const store = options.store ?? openStore(config, clock, log);
  // Each device's corrections in force (the maintenance register) apply to every reading the session gets.
  const peripherals = withCorrections(
    options.peripherals ??
      createSimulatedPeripherals(
        happyScript(config.simulation.stepMs),
        clock,
        config.simulation.callMs,
        config.simulation.byteLevelDevices,
      ),
    store.maintenance,
    log,
  );
  const delivery = new OutboundDelivery(store, peripherals.platform, log, clock);
  const listeners = new Set<(event: CabinEvent) => void>();
  const emit = (event: CabinEvent): void => {
    for (const listener of listeners) listener(event);
  };
  const board = new CallMediaBoard(clock);
  const help = new HelpRelay(peripherals.platform, clock, log);
  // The staff's panel, locks and PINs, and the payments waiting for the attendant, are outside the
  // machines: the view is told when they change.
  let refreshView = (): void => undefined;
  const payments = new TerminalPayments({
    terminal: peripherals.paymentTerminal,
    records: store.payments,
    log,
    changed: () => refreshView(),
  });
  const subtitles = new LiveSubtitles({
    engine: options.speech === undefined ? speechEngineForConfig(config.subtitles, log) : options.speech,
    log,
    changed: () => refreshView(),
  });
  const ports = {
    store,
    log,
    clock,
    peripherals,
    wipeHooks,
    help,
    payments,
    itemQueued: () => delivery.kick(),
  };
  const cabinEffects = cabinMachineEffects(ports);
  // The examination instruments the renderer's browser last listed (undefined until it said, with labels).
  let foundInstruments: readonly InstrumentKind[] | undefined;

  const session = sessionMachine.provide({
    actors: sessionActors(peripherals, { board, emit }, payments, () => foundInstruments),
    actions: {
      ...sessionMachineEffects(ports),
      // The screen counts "are you still there?" down to this time (the machines read no clock).
      noteStillThereDeadline: assign({
        stillThereUntil: () => clock.now() + config.delays.stillThereGraceMs,
      }),
      // The goodbye screen announces when it closes by itself, and can be given more time.
      noteGoodbyeDeadline: assign({ goodbyeUntil: () => clock.now() + config.delays.goodbyeMs }),
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
    actors: { runSession: session, ...cabinEffects.actors },
    actions: cabinEffects.actions,
    delays: { cleaningMaxWait: config.cleaning.maxWaitMs },
  });

  const trail = traceMachineStates(log);
  const actor = createActor(cabin, {
    input: {
      consentTextVersions: config.consentTextVersions,
      tariffs: config.tariffs,
      thirdPartyPayment: config.thirdPartyPayment,
    },
    clock,
    inspect: (inspection: InspectionEvent) => {
      trail(inspection);
      // An error inside any actor is logged by its code only; the machines turn it into a state.
      if (inspection.type === '@xstate.event' && inspection.event.type.startsWith('xstate.error')) {
        log.error('actor.failed', { event: inspection.event.type.slice(0, 60) });
      }
    },
  });
  help.sendTo((event) => actor.send(event));
  const deskParts: TechnicianDeskParts = { store, peripherals, clock, log, view: () => views.current() };
  const desk =
    options.technicianDesk?.(deskParts) ??
    createTechnicianDesk({
      inspection: peripherals.inspection,
      register: store.maintenance,
      clock,
      log,
      logDirectory: config.logDirectory,
      statuses: () => views.current().peripherals,
      inMaintenance: () => views.current().phase === 'maintenance',
    });
  const staffAccess = new StaffAccess({
    hardware: config.hardware,
    configured: config.staff,
    idleMs: config.staff.idleMs,
    records: store.staff,
    clock,
    log,
    changed: () => refreshView(),
    // A technician who leaves (logout, idle, another login) leaves no procedure running and no cabin
    // held in maintenance: the cabin checks its peripherals again and serves patients.
    ended: (role) => {
      if (role !== 'technician') return;
      desk.cancelProcedure();
      if (views.current().phase === 'maintenance') actor.send({ type: 'technician.leaveMaintenance' });
    },
  });
  // The examination instruments the renderer's browser lists, as statuses for the attendant.
  let instruments: readonly PeripheralStatus[] = [];
  const views = publishViews(
    actor,
    emit,
    log,
    () => {
      const call = help.current();
      return {
        staff: staffAccess.view(),
        help: call !== null && call.step !== null ? { step: call.step, since: call.since } : null,
        payments: payments.awaitingDecision(),
        subtitlesOffered: subtitles.offered(),
        subtitles: subtitles.view(),
      };
    },
    () => instruments,
  );
  refreshView = views.refresh;
  // The step a help call comes from is the one on the patient's screen when it starts.
  help.stepFrom(() => views.current().session?.screen.step ?? null);
  const staff = serveStaffCalls({
    access: staffAccess,
    actor,
    view: () => views.current(),
    log,
    technician: desk,
    payments,
  });
  const server = serveCabinApi({
    actor,
    view: () => views.current(),
    store,
    log,
    clock,
    board,
    platform: peripherals.platform,
    staff,
    pinsNeeded: () => staffAccess.pinsNeeded(),
    mediaDevices: ({ devices }) => {
      const classification = classifyMediaDevices(devices, config.instruments);
      // Labels hidden (no permission yet): the last statuses stay.
      const statuses = instrumentStatuses(classification, config.instruments);
      foundInstruments = foundInstrumentKinds(classification) ?? foundInstruments;
      if (statuses !== null) {
        instruments = statuses;
        refreshView();
      }
      return toMediaRoles(classification);
    },
    subtitles,
  });
  // The subtitles last as long as the consultation: any other screen ends them and wipes their text.
  listeners.add((event) => {
    // After this view has reached every listener: a view published from inside would overtake it.
    if (event.type === 'view.changed' && event.view.session?.screen.step !== 'consultation') {
      queueMicrotask(() => subtitles.end());
    }
  });

  const attendantPage = openAttendantPage(config, {
    state: () => attendantPageState(views.current(), help.current()),
    watch: (listener) => {
      const onView = (event: CabinEvent): void => {
        if (event.type === 'view.changed') listener();
      };
      listeners.add(onView);
      const stopHelp = help.watch(listener);
      return () => {
        listeners.delete(onView);
        stopHelp();
      };
    },
    acknowledgeHelp: () => actor.send({ type: 'attendant.acknowledgeHelp' }),
    settlePayment: (transactionId, paid) => payments.settleByAttendant(transactionId, paid),
    attendantPin: {
      check: (pin) => staffAccess.checkPin('attendant', pin, 'attendantPage'),
      lockedForMs: () => Math.max(0, (staffAccess.lockedUntil('attendant') ?? 0) - clock.now()),
    },
    clock,
    log,
  });

  const stopRetention = keepRetention(store, config.retention, clock, log);
  // A device whose last check failed or is overdue leaves the journey (statuses gated before each session).
  const stopGate = keepCalibrationGate(actor, {
    register: store.maintenance,
    inspection: peripherals.inspection,
    clock,
    log,
  });
  // The running session's heartbeat: a power cut's session is closed at boot when it last beat.
  const stopHeartbeat = keepSessionHeartbeat(
    {
      runningSessionId: () => {
        const snapshot = actor.getSnapshot();
        return snapshot.matches('inSession') ? snapshot.context.lastSessionId : null;
      },
    },
    { store, clock, log },
  );
  actor.start();
  delivery.start();
  // A transaction a stopped cabin left open is asked of the terminal before any new payment.
  const stopRecovery = new AbortController();
  void payments.resolveUnresolved(stopRecovery.signal);
  // A device plugged or unplugged, the card reader's service stopped or back: check again, so the
  // session offers only what works now and the staff see the fault.
  const checkAgain = (): void => {
    void checkPeripherals(peripherals).then((found) =>
      actor.send({ type: 'peripherals.changed', peripherals: found }),
    );
  };
  const stopWatchingPeripherals = peripherals.watchChanges?.(checkAgain);
  const stopWatchingReader = peripherals.cardReader.watchReader?.(checkAgain);
  // The reader tells the cabin whenever a card goes in or out, session or not.
  const stopWatchingCard = peripherals.cardReader.watchPresence((present) =>
    actor.send({ type: 'card.presenceChanged', present }),
  );

  return {
    server,
    log,
    attendantPage,
    booted: views.booted,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      await (await attendantPage)?.close();
      staffAccess.stop();
      stopRecovery.abort();
      help.stop();
      subtitles.end();
      stopRetention();
      stopGate();
      stopHeartbeat();
      await delivery.stop();
      stopWatchingCard();
      stopWatchingPeripherals?.();
      stopWatchingReader?.();
      peripherals.dispose?.();
      const snapshot = actor.getSnapshot();
      actor.stop();
      // A session still open, or whose wipe has not run: its patient data must not outlive the process.
      const open = snapshot.context.lastSessionId;
      if (open !== null) closeInterruptedSession(store, log, open, snapshot.matches('inSession'));
      log.info('controller.stopped');
      store.close();
      log.close();
    },
  };
}

// The attendant page when the configuration enables it; a port already taken is logged, and the cabin
// runs on without it (its own panel still works).
function openAttendantPage(
  config: CabinConfig,
  ports: Parameters<typeof startAttendantPage>[0],
): Promise<AttendantPageServer | null> {
  const { enabled, host, port } = config.attendantPage;
  if (!enabled) return Promise.resolve(null);
  return startAttendantPage(ports, { host, port }).catch((error: unknown) => {
    ports.log.error('attendantPage.notListening', {
      code: error instanceof Error && 'code' in error ? String(error.code) : 'unknown',
    });
    return null;
  });
}
