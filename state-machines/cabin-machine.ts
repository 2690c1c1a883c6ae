// The cabin around the sessions: booting (self-test), ready (welcome screen; after a session it first
// waits for the attendant's cleaning), in session, cleaning (the wipe), maintenance and out of service.
// One session at a time, invoked as the child `session`.
import { assign, fromPromise, sendTo, setup, stateIn, type ActorRefFrom } from 'xstate';
import type { Accessibility, Locale, MeasurementKind, PeripheralStatus } from '../contract';
import { MEASUREMENT_KINDS } from '../contract';
import type { TariffTable, ThirdPartyPaymentPolicy } from './cost';
import { required, type SessionInput, type SessionOutput } from './session/context';
import { sessionMachine } from './session/machine';
import type { AttendantSessionEvent, CardPresenceEvent, SessionEvent } from './session/session-events';

/** What the self-test found: every peripheral's state. */
export interface SelfTestReport {
  readonly peripherals: readonly PeripheralStatus[];
  /** Sessions a crash or power cut had left open, closed now: the booth was used, so it waits for cleaning. */
  readonly interruptedSessions: number;
}

/** Input of the `wipeSession` actor. */
export interface WipeRequest {
  readonly sessionId: string;
}

/** Fixed facts of this cabin, given at start. */
export interface CabinInput {
  /** The version of the consent text in each language, recorded with each consent. */
  readonly consentTextVersions: Readonly<Record<Locale, string>>;
  readonly tariffs: TariffTable;
  /** The tiers payant the operator offers; `legalCases` when not given. */
  readonly thirdPartyPayment?: ThirdPartyPaymentPolicy;
}

/** The cabin's memory: no patient data, ever. */
export interface CabinContext extends CabinInput {
  readonly peripherals: readonly PeripheralStatus[];
  /** Set after each session until an attendant marks the cabin cleaned (the attendant's reminder). */
  readonly needsCleaning: boolean;
  readonly outOfServiceReason: string | null;
  /** The attendant's words for the welcome screen while out of service; null for the usual words. */
  readonly outOfServiceMessage: string | null;
  readonly lastSessionId: string | null;
  /** A card sits in the reader (the last patient's, or a new one put in early). */
  readonly cardInReader: boolean;
}

/** Commands and facts the cabin machine receives. */
export type CabinEventIn =
  | {
      readonly type: 'session.start';
      readonly sessionId: string;
      readonly startedAt: number;
      readonly locale: Locale;
      readonly accessibility: Accessibility;
    }
  | { readonly type: 'peripherals.changed'; readonly peripherals: readonly PeripheralStatus[] }
  | CardPresenceEvent
  | { readonly type: 'attendant.markCleaned' }
  /** `message` is what the welcome screen says while out of service; empty for the usual words. */
  | { readonly type: 'attendant.setOutOfService'; readonly message: string }
  | { readonly type: 'attendant.returnToService' }
  | { readonly type: 'technician.enterMaintenance' }
  | { readonly type: 'technician.leaveMaintenance' }
  | AttendantSessionEvent
  | SessionEvent;

/** Measurements that a present, working device can take now. */
export function availableMeasurements(peripherals: readonly PeripheralStatus[]): MeasurementKind[] {
  return MEASUREMENT_KINDS.filter((kind) =>
    peripherals.some((p) => p.peripheral === kind && p.state === 'ok'),
  );
}

/** The attendant's message as the welcome screen shows it: trimmed, and null for the usual words. */
function messageOf(message: string): string | null {
  const trimmed = message.trim();
  return trimmed === '' ? null : trimmed;
}

/** The cabin machine; main/ provides `selfTest`, `wipeSession` and the session machine's own actors. */
export const cabinMachine = setup({
  types: {
    context: {} as CabinContext,
    events: {} as CabinEventIn,
    input: {} as CabinInput,
    children: {} as { session: 'runSession' },
  },
  actors: {
    /** Checks what is attached: card reader, devices, printer, payment terminal, platform. */
    selfTest: fromPromise<SelfTestReport>(() => new Promise(() => undefined)),
    /** Removes everything of the session from the store, the WAL and the renderer. */
    wipeSession: fromPromise<void, WipeRequest>(() => new Promise(() => undefined)),
    runSession: sessionMachine,
  },
  guards: {
    /** The wipe runs on the way back from out of service, not after a session. */
    restartsAfterWipe: stateIn('#cabin.cleaning.beforeRestart'),
  },
  actions: {
    /** Records the session's outcome in the audit (no patient data). */
    recordSessionEnd: (_, _output: SessionOutput) => undefined,
  },
  delays: {
    /**
     * How long the welcome screen refuses a new session after the last one, waiting for the attendant
     * to clean the cabin; past it the cabin opens again (still marked to clean). main/ provides the
     * configured value (`cleaning.maxWaitMs`).
     */
    cleaningMaxWait: 3 * 60_000,
  },
}).createMachine({
  id: 'cabin',
  context: ({ input }) => ({
    ...input,
    peripherals: [],
    needsCleaning: false,
    outOfServiceReason: null,
    outOfServiceMessage: null,
    lastSessionId: null,
    cardInReader: false,
  }),
  initial: 'booting',
  on: {
    'peripherals.changed': { actions: assign({ peripherals: ({ event }) => event.peripherals }) },
    'attendant.markCleaned': { actions: assign({ needsCleaning: false }) },
    'card.presenceChanged': { actions: assign({ cardInReader: ({ event }) => event.present }) },
  },
  states: {
    booting: {
      invoke: {
        src: 'selfTest',
        onDone: [
          {
            guard: ({ event }) => event.output.interruptedSessions > 0,
            target: 'ready.waitingForCleaning',
            actions: assign({
              peripherals: ({ event }) => event.output.peripherals,
              outOfServiceReason: null,
              needsCleaning: true,
            }),
          },
          {
            target: 'ready',
            actions: assign({
              peripherals: ({ event }) => event.output.peripherals,
              outOfServiceReason: null,
            }),
          },
        ],
        onError: { target: 'outOfService', actions: assign({ outOfServiceReason: 'selfTest.failed' }) },
      },
    },
    ready: {
      initial: 'open',
      states: {
        open: {
          on: {
            // A card left in the reader is the last patient's until proven otherwise: no session starts on it.
            'session.start': {
              guard: ({ context }) => !context.cardInReader,
              target: '#cabin.inSession',
              actions: assign({ lastSessionId: ({ event }) => event.sessionId }),
            },
          },
        },
        // After a session: the welcome screen says the cabin is being cleaned and refuses to start
        // until the attendant marks it cleaned, or `cleaningMaxWait` has passed (a pharmacy busy at its
        // counter must not lose its cabin for the day).
        waitingForCleaning: {
          on: { 'attendant.markCleaned': { target: 'open', actions: assign({ needsCleaning: false }) } },
          after: { cleaningMaxWait: 'open' },
        },
      },
      on: {
        'attendant.setOutOfService': {
          target: 'outOfService',
          actions: assign({
            outOfServiceReason: 'attendant.request',
            outOfServiceMessage: ({ event }) => messageOf(event.message),
          }),
        },
        'technician.enterMaintenance': 'maintenance',
      },
    },
    inSession: {
      invoke: {
        id: 'session',
        src: 'runSession',
        input: ({ context, event }): SessionInput => {
          if (event.type !== 'session.start') throw new Error('a session starts only on session.start');
          return {
            sessionId: event.sessionId,
            startedAt: event.startedAt,
            locale: event.locale,
            accessibility: event.accessibility,
            availableKinds: availableMeasurements(context.peripherals),
            consentTextVersions: context.consentTextVersions,
            tariffs: context.tariffs,
            thirdPartyPayment: context.thirdPartyPayment ?? 'legalCases',
            cardInReader: context.cardInReader,
          };
        },
        onDone: {
          target: 'cleaning',
          actions: { type: 'recordSessionEnd', params: ({ event }) => event.output },
        },
        // A session that crashes (a bug) still ends in a wipe: the patient's data must not outlive it.
        onError: {
          target: 'cleaning',
          actions: {
            type: 'recordSessionEnd',
            params: ({ context }) => ({
              sessionId: required(context.lastSessionId, 'session id'),
              outcome: 'reset' as const,
            }),
          },
        },
      },
      on: {
        'patient.*': { actions: sendTo('session', ({ event }) => event as SessionEvent) },
        'attendant.acknowledgeHelp': { actions: sendTo('session', ({ event }) => event as SessionEvent) },
        'help.*': { actions: sendTo('session', ({ event }) => event as SessionEvent) },
        'instrument.reported': { actions: sendTo('session', ({ event }) => event as SessionEvent) },
        'attendant.resetSession': { actions: sendTo('session', ({ event }) => event as SessionEvent) },
        'card.presenceChanged': {
          actions: [
            assign({ cardInReader: ({ event }) => event.present }),
            sendTo('session', ({ event }) => event as SessionEvent),
          ],
        },
      },
    },
    cleaning: {
      initial: 'afterSession',
      states: {
        afterSession: {},
        // Back from out of service after a failed wipe: the peripherals may have changed meanwhile, so
        // the cabin runs its self-test again once the data is gone.
        beforeRestart: {},
      },
      invoke: {
        src: 'wipeSession',
        // A session started before any wipe (and the way back from out of service checks it).
        input: ({ context }) => ({ sessionId: required(context.lastSessionId, 'session to wipe') }),
        onDone: [
          {
            guard: 'restartsAfterWipe',
            target: 'booting',
            actions: assign({ needsCleaning: true, lastSessionId: null }),
          },
          {
            target: 'ready.waitingForCleaning',
            actions: assign({ needsCleaning: true, lastSessionId: null }),
          },
        ],
        onError: { target: 'outOfService', actions: assign({ outOfServiceReason: 'wipe.failed' }) },
      },
    },
    maintenance: {
      on: { 'technician.leaveMaintenance': 'booting' },
    },
    outOfService: {
      on: {
        // A wipe that failed is retried before anything else: the last patient's data must go.
        'attendant.returnToService': [
          {
            guard: ({ context }) => context.lastSessionId !== null,
            target: 'cleaning.beforeRestart',
            actions: assign({ outOfServiceMessage: null }),
          },
          { target: 'booting', actions: assign({ outOfServiceMessage: null }) },
        ],
        // The attendant changes the words of the welcome screen while the cabin stays out of service.
        'attendant.setOutOfService': {
          actions: assign({ outOfServiceMessage: ({ event }) => messageOf(event.message) }),
        },
        'technician.enterMaintenance': 'maintenance',
      },
    },
  },
});

/** The running cabin actor's reference type. */
export type CabinActorRef = ActorRefFrom<typeof cabinMachine>;
