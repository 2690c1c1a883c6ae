// One attached measuring device as the cabin sees it: absent, connecting, ready, measuring (with
// progress), result or error, and back to ready; an unplug from any state makes it absent, and a failed
// connection is retried after the named delay `reconnect`. main/ provides `connect` and `measure`.
import { assign, fromCallback, fromPromise, setup, type AnyEventObject, type SnapshotFrom } from 'xstate';
import type {
  CabinError,
  Measurement,
  MeasurementKind,
  MeasurementProgress,
  PeripheralStatus,
  Result,
} from '../contract';

/** Fixed facts of the device the machine stands for. */
export interface DeviceMachineInput {
  /** A stable id for the technician (the catalog model and its path). */
  readonly deviceId: string;
  readonly kind: MeasurementKind;
}

/** What `connect` is given: which device to open. */
export interface ConnectRequest {
  readonly deviceId: string;
  readonly path: string;
  readonly modelId: string;
}

/** Why a measurement or a connection failed: a code the patient's screen words, the detail for the technician. */
export interface DeviceFailure {
  /** A stable code (`measurement.noFinger`, `device.timeout`, …) the screens turn into words. */
  readonly patientMessage: string;
  /** What the technician's log shows; never patient data. */
  readonly technicianDetail: string;
}

/** The device machine's memory. */
export interface DeviceContext extends DeviceMachineInput {
  readonly path: string | null;
  readonly modelId: string | null;
  readonly progress: MeasurementProgress | null;
  readonly measurement: Measurement | null;
  readonly failure: DeviceFailure | null;
  /** Connection attempts since the device was plugged. */
  readonly connectAttempts: number;
}

/** Facts and commands the device machine receives. */
export type DeviceEvent =
  | { readonly type: 'device.plugged'; readonly path: string; readonly modelId: string }
  | { readonly type: 'device.unplugged' }
  | { readonly type: 'device.measure' }
  | { readonly type: 'device.cancel' }
  | { readonly type: 'device.dismiss' }
  | { readonly type: 'measurement.progressed'; readonly progress: MeasurementProgress }
  | { readonly type: 'measurement.taken'; readonly measurement: Measurement }
  | { readonly type: 'measurement.failed'; readonly error: CabinError };

const failureOf = (error: CabinError): DeviceFailure => ({
  patientMessage: error.code,
  technicianDetail: error.detail ?? error.code,
});

const errorOf = (error: unknown): CabinError => {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    const detail = 'detail' in error && typeof error.detail === 'string' ? error.detail : undefined;
    return detail === undefined ? { code: error.code } : { code: error.code, detail };
  }
  return { code: 'device.error', detail: error instanceof Error ? error.message : String(error) };
};

/** The device machine; main/ provides `connect` (opens the link, checks the device) and `measure`. */
export const deviceMachine = setup({
  types: {
    context: {} as DeviceContext,
    events: {} as DeviceEvent,
    input: {} as DeviceMachineInput,
  },
  actors: {
    /** Opens the device's link and checks it; answers a failed Result (`link.openFailed`, …) when it cannot. */
    connect: fromPromise<Result<void>, ConnectRequest>(() => new Promise(() => undefined)),
    /** Takes one measurement; sends `measurement.progressed`…, then `measurement.taken` or `measurement.failed`. */
    measure: fromCallback<AnyEventObject, { readonly deviceId: string; readonly kind: MeasurementKind }>(
      () => undefined,
    ),
  },
  delays: {
    /** Wait before trying a failed connection again. */
    reconnect: 5000,
  },
  guards: {
    /** The measurement failed because the link went away: the device is gone, not the patient's fault. */
    lostTheDevice: ({ event }) =>
      event.type === 'measurement.failed' && event.error.code === 'device.unplugged',
  },
}).createMachine({
  id: 'device',
  context: ({ input }) => ({
    ...input,
    path: null,
    modelId: null,
    progress: null,
    measurement: null,
    failure: null,
    connectAttempts: 0,
  }),
  initial: 'absent',
  on: {
    'device.unplugged': { target: '.absent' },
  },
  states: {
    absent: {
      entry: assign({ path: null, modelId: null, progress: null, connectAttempts: 0 }),
      on: {
        'device.plugged': {
          target: 'connecting',
          actions: assign({
            path: ({ event }) => event.path,
            modelId: ({ event }) => event.modelId,
            failure: null,
          }),
        },
      },
    },
    connecting: {
      entry: assign({ connectAttempts: ({ context }) => context.connectAttempts + 1 }),
      invoke: {
        src: 'connect',
        input: ({ context }): ConnectRequest => ({
          deviceId: context.deviceId,
          path: context.path ?? '',
          modelId: context.modelId ?? '',
        }),
        onDone: [
          { guard: ({ event }) => event.output.ok, target: 'ready', actions: assign({ failure: null }) },
          {
            target: 'waitingToReconnect',
            actions: assign({
              failure: ({ event }) => (event.output.ok ? null : failureOf(event.output.error)),
            }),
          },
        ],
        // A bug in the connecting code: tried again after the delay like any failed connection.
        onError: {
          target: 'waitingToReconnect',
          actions: assign({ failure: ({ event }) => failureOf(errorOf(event.error)) }),
        },
      },
    },
    waitingToReconnect: {
      after: { reconnect: 'connecting' },
    },
    ready: {
      entry: assign({ progress: null }),
      on: { 'device.measure': 'measuring' },
    },
    measuring: {
      entry: assign({ progress: { stage: 'preparing' }, measurement: null, failure: null }),
      invoke: {
        src: 'measure',
        input: ({ context }) => ({ deviceId: context.deviceId, kind: context.kind }),
        // A bug in the measuring code: the device is in doubt, connect it again.
        onError: {
          target: 'waitingToReconnect',
          actions: assign({ failure: ({ event }) => failureOf(errorOf(event.error)) }),
        },
      },
      on: {
        'measurement.progressed': { actions: assign({ progress: ({ event }) => event.progress }) },
        'measurement.taken': {
          target: 'result',
          actions: assign({ measurement: ({ event }) => event.measurement }),
        },
        'measurement.failed': [
          {
            guard: 'lostTheDevice',
            target: 'absent',
            actions: assign({ failure: ({ event }) => failureOf(event.error) }),
          },
          { target: 'error', actions: assign({ failure: ({ event }) => failureOf(event.error) }) },
        ],
        'device.cancel': 'ready',
      },
    },
    result: {
      entry: assign({ progress: null }),
      on: { 'device.measure': 'measuring', 'device.dismiss': 'ready' },
    },
    error: {
      entry: assign({ progress: null }),
      on: { 'device.measure': 'measuring', 'device.dismiss': 'ready' },
    },
  },
});

/** A snapshot of a running device machine. */
export type DeviceSnapshot = SnapshotFrom<typeof deviceMachine>;

/**
 * The device's line in the cabin's peripheral list: 'ok' when it can measure (a patient's failed
 * measurement leaves it 'ok'), 'faulty' while a connection or the device itself fails, 'absent' otherwise.
 */
export function peripheralStateOf(snapshot: DeviceSnapshot): PeripheralStatus['state'] {
  if (snapshot.matches('ready') || snapshot.matches('measuring') || snapshot.matches('result')) return 'ok';
  if (snapshot.matches('error')) {
    return snapshot.context.failure?.patientMessage.startsWith('measurement.') ? 'ok' : 'faulty';
  }
  if (snapshot.matches('waitingToReconnect')) return 'faulty';
  // Connecting for the first time is not a fault yet; connecting again after failures is.
  if (snapshot.matches('connecting')) return snapshot.context.connectAttempts > 1 ? 'faulty' : 'absent';
  return 'absent';
}
