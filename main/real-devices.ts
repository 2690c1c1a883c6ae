// Real measuring devices: the catalog matched against what is plugged in (USB ids, or ports fixed
// in the configuration), one slot per measurement kind, filled and emptied as devices come and go.
import {
  after,
  err,
  MEASUREMENT_KINDS,
  ok,
  type CabinError,
  type Cancel,
  type Clock,
  type DeviceIdentity,
  type MeasurementFact,
  type MeasurementKind,
  type Result,
  type TrafficEntry,
} from '../contract';
import { DEVICE_MODELS, findModel } from '../devices/catalog';
import type { DeviceModel } from '../devices/device-model';
import { FrameLog, mergeIdentity, type LoggedFrame } from '../devices/device-identity';
import {
  DeviceWatcher,
  systemDiscoverySources,
  usbIdentity,
  type DiscoveredDevice,
  type FixedPort,
} from '../devices/discovery';
import type { LinkedMeasuringDevice, MeasuringDevice } from '../devices/measuring-device';
import type { PeripheralState } from '../devices/peripheral';
import type { ByteLink } from '../drivers/byte-link';
import { openHidLink } from '../drivers/hid';
import { openSerialLink } from '../drivers/serial';
import { tapLink, type TrafficRecord } from '../drivers/traffic-tap';
import type { OperationLog } from './log';
import type { AttachedDevice, DeviceInspection } from './peripherals';

/** Wait before trying a failed connection again. */
export const RECONNECT_MS = 5000;

/**
 * How long a device has to say who it is, asked once right after it connected; past it (or on a failure)
 * the slot keeps the USB descriptor's identity, or none. The device measures meanwhile all the same.
 */
export const IDENTIFY_MS = 5000;

/** Which device a slot opens: the path discovery found and the catalog model it carries. */
export interface ConnectRequest {
  readonly path: string;
  readonly modelId: string;
}

/** A device opened with the tap on its link, whose traffic the technician's raw monitor shows. */
export interface OpenedDevice {
  readonly device: LinkedMeasuringDevice;
  readonly traffic: TrafficRecord;
}

/**
 * Opens a device: its link open and its model's device built on it (with its link's tap when there is
 * one), or why not (`link.openFailed`, …).
 */
export type Connect = (request: ConnectRequest) => Promise<Result<LinkedMeasuringDevice | OpenedDevice>>;

/** The device and its tap, whichever the opening answered (a device alone has no tap). */
function asOpened(value: LinkedMeasuringDevice | OpenedDevice): {
  readonly device: LinkedMeasuringDevice;
  readonly traffic: TrafficRecord | null;
} {
  return 'traffic' in value && 'device' in value ? value : { device: value, traffic: null };
}

/** Where a slot stands: the one truth of a real device's presence and health (a measurement's own
 * progress is the session's). */
type SlotState =
  | { readonly state: 'absent' }
  | { readonly state: 'connecting'; readonly request: ConnectRequest; readonly attempts: number }
  | {
      readonly state: 'waitingToReconnect';
      readonly request: ConnectRequest;
      readonly attempts: number;
      readonly failure: CabinError;
      readonly cancelRetry: Cancel;
    }
  | {
      readonly state: 'ready';
      readonly request: ConnectRequest;
      readonly device: LinkedMeasuringDevice;
      /** The device's own fault at the last measurement (`device.timeout`, …): faulty until it is replaced. */
      readonly fault: CabinError | null;
      /** Who it is: the USB descriptor's until the device answered, then the two merged. */
      readonly identity: DeviceIdentity | null;
      readonly traffic: TrafficRecord | null;
      readonly frames: FrameLog;
    };

/**
 * A measurement kind's place in the cabin: absent until a matching device is plugged, connecting (its
 * link opening), waiting to reconnect after a failed opening, ready; absent again when it is unplugged,
 * its link dies or a measurement finds it gone. Measurements pass the device's facts through unchanged.
 */
export class PluggableMeasuringDevice implements MeasuringDevice {
  #state: SlotState = { state: 'absent' };
  /** What the USB descriptors of the device being plugged say of it. */
  #usb: DeviceIdentity | null = null;

  /** `connected` is told each time a device is ready in the slot. */
  constructor(
    readonly kind: MeasurementKind,
    private readonly connect: Connect,
    private readonly clock: Clock,
    private readonly connected: () => void = () => undefined,
  ) {}

  /** The path of the device in the slot, or null. */
  get path(): string | null {
    return this.#state.state === 'absent' ? null : this.#state.request.path;
  }

  /**
   * A matching device appeared at `path` (its USB descriptors saying `usb`): the slot connects to it,
   * unless it already holds one.
   */
  plug(path: string, modelId: string, usb: DeviceIdentity | null = null): void {
    if (this.#state.state !== 'absent') return;
    this.#usb = usb;
    this.#connect({ path, modelId }, 1);
  }

  /** The device connected in this slot, as the technician's tools see it, or null. */
  attached(): AttachedDevice | null {
    const slot = this.#state;
    if (slot.state !== 'ready') return null;
    const { request, identity, device } = slot;
    return { kind: this.kind, modelId: request.modelId, port: request.path, identity, device };
  }

  /** The raw traffic of the connected device's link since `sinceMs`, oldest first; empty without one. */
  traffic(sinceMs: number): readonly TrafficEntry[] {
    return this.#state.state === 'ready' ? (this.#state.traffic?.traffic(sinceMs) ?? []) : [];
  }

  /** The connected device's last decoded frames, oldest first; empty without one. */
  lastFrames(): readonly LoggedFrame[] {
    return this.#state.state === 'ready' ? this.#state.frames.frames() : [];
  }

  /** Drops the traffic and frames kept: they may carry the last patient's values. */
  forget(): void {
    if (this.#state.state !== 'ready') return;
    this.#state.traffic?.forget();
    this.#state.frames.forget();
  }

  /** The device at `path` was unplugged or its link ended: the slot is empty again. */
  unplug(path: string): void {
    if (this.path === path) this.#empty();
  }

  /**
   * The slot's line in the cabin's peripheral list: 'ok' when it can measure (a patient's failed
   * measurement leaves it 'ok'), 'faulty' while its opening or the device itself fails, 'absent' otherwise.
   */
  check(): Promise<PeripheralState> {
    return Promise.resolve(this.#peripheralState());
  }

  measure(report: (fact: MeasurementFact) => void): Cancel {
    const slot = this.#state;
    if (slot.state !== 'ready' || this.#peripheralState() !== 'ok') {
      report({ type: 'measurement.failed', error: { code: 'device.absent' } });
      return () => undefined;
    }
    this.#state = { ...slot, fault: null };
    return slot.device.measure((fact) => {
      if (fact.type === 'measurement.failed') this.#failed(slot.device, fact.error);
      report(fact);
    });
  }

  /** Empties the slot and stops retrying (controller shutdown). */
  stop(): void {
    this.#empty();
  }

  #peripheralState(): PeripheralState {
    const slot = this.#state;
    switch (slot.state) {
      case 'absent':
        return 'absent';
      case 'connecting':
        // Connecting for the first time is not a fault yet; connecting again after failures is.
        return slot.attempts > 1 ? 'faulty' : 'absent';
      case 'waitingToReconnect':
        return 'faulty';
      case 'ready':
        return slot.fault === null || slot.fault.code.startsWith('measurement.') ? 'ok' : 'faulty';
    }
  }

  #connect(request: ConnectRequest, attempts: number): void {
    const connecting = { state: 'connecting', request, attempts } as const;
    this.#state = connecting;
    const openedDevice = this.connect(request).catch(
      // A bug in the opening code: tried again after the delay like any failed opening.
      (error: unknown): Result<LinkedMeasuringDevice | OpenedDevice> =>
        err({ code: 'device.error', detail: error instanceof Error ? error.message : String(error) }),
    );
    void openedDevice.then((answer) => {
      const found = answer.ok ? asOpened(answer.value) : null;
      if (this.#state !== connecting) {
        // Unplugged (or stopped) while opening: the device came too late for this slot.
        if (found) void found.device.close();
        return;
      }
      if (found) {
        const frames = new FrameLog(this.clock);
        found.device.monitor(frames.record);
        const { device, traffic } = found;
        const identity = this.#usb;
        this.#state = { state: 'ready', request, device, fault: null, identity, traffic, frames };
        this.#askIdentity(device);
        this.connected();
        return;
      }
      if (answer.ok) return;
      const cancelRetry = after(this.clock, RECONNECT_MS, () => this.#connect(request, attempts + 1));
      this.#state = { state: 'waitingToReconnect', request, attempts, failure: answer.error, cancelRetry };
    });
  }

  /**
   * Asks the device who it is, once, within `IDENTIFY_MS`: its own fields first, then the USB descriptor's.
   * A failure or no answer leaves the descriptor's identity (or none); the device is never held up by it.
   */
  #askIdentity(device: LinkedMeasuringDevice): void {
    const usb = this.#usb;
    let settled = false;
    const cancel = after(this.clock, IDENTIFY_MS, () => {
      settled = true;
    });
    const told = device
      .identify()
      .catch((error: unknown): Result<DeviceIdentity> =>
        err({ code: 'device.error', detail: error instanceof Error ? error.message : String(error) }),
      );
    void told.then((identity) => {
      cancel();
      if (settled) return;
      settled = true;
      const slot = this.#state;
      if (slot.state !== 'ready' || slot.device !== device) return;
      this.#state = { ...slot, identity: mergeIdentity(identity.ok ? identity.value : null, usb) };
    });
  }

  #failed(device: MeasuringDevice, error: CabinError): void {
    const slot = this.#state;
    if (slot.state !== 'ready' || slot.device !== device) return;
    // The link went away under the measurement before the watcher noticed: the device is gone.
    if (error.code === 'device.unplugged') this.#empty();
    else this.#state = { ...slot, fault: error };
  }

  #empty(): void {
    if (this.#state.state === 'waitingToReconnect') this.#state.cancelRetry();
    this.#state = { state: 'absent' };
  }
}

/** The technician's view of the real devices' slots (no bench: real references are real instruments). */
export function slotInspection(slots: readonly PluggableMeasuringDevice[]): DeviceInspection {
  const of = (kind: MeasurementKind) => slots.find((slot) => slot.kind === kind);
  return {
    attached: (kind) => of(kind)?.attached() ?? null,
    traffic: (kind, sinceMs) => of(kind)?.traffic(sinceMs) ?? [],
    lastFrames: (kind) => of(kind)?.lastFrames() ?? [],
    forget: () => {
      for (const slot of slots) slot.forget();
    },
  };
}

/** Real devices found by discovery, and how to follow them. */
export interface RealDevices {
  readonly devices: readonly PluggableMeasuringDevice[];
  /** Model, port, identity, traffic and frames of each slot's device, for the technician. */
  readonly inspection: DeviceInspection;
  /** Calls back whenever a device was plugged, unplugged or lost its link. */
  readonly watchChanges: (listener: () => void) => () => void;
  readonly stop: () => void;
}

/** Opens the link of `model` at `path`: HID, or serial with the model's line settings and silence watch. */
function openLink(model: DeviceModel, path: string, clock: Clock): Promise<Result<ByteLink>> {
  switch (model.transport) {
    case 'hid':
      return Promise.resolve(openHidLink(path));
    case 'serial':
      return openSerialLink(path, model.serial, clock, { silence: model.silence });
  }
}

/** Starts discovery (polling on `clock`) and fills one slot per kind with the first matching device found. */
export async function startRealDevices(
  fixedPorts: readonly FixedPort[],
  log: OperationLog,
  clock: Clock,
): Promise<RealDevices> {
  const listeners = new Set<() => void>();
  const changed = (): void => {
    for (const listener of listeners) listener();
  };
  const watcher = new DeviceWatcher({
    sources: systemDiscoverySources(),
    models: DEVICE_MODELS,
    fixedPorts,
    clock,
  });

  // Opens the link, builds the model's device, and follows the link's end.
  const connect = async (slot: PluggableMeasuringDevice, request: ConnectRequest) => {
    const model = findModel(request.modelId);
    if (!model) return err({ code: 'device.unknownModel', detail: request.modelId });
    const link = await openLink(model, request.path, clock);
    if (!link.ok) {
      log.warn('device.openFailed', { model: model.id, code: link.error.code });
      return link;
    }
    link.value.onEnd((end) => {
      log.warn('device.linkEnded', { model: model.id, end });
      slot.unplug(request.path);
      changed();
    });
    log.info('device.connected', { model: model.id });
    // The tap records the raw traffic for the technician's monitor; the device talks through it.
    const tapped = tapLink(link.value, clock);
    return ok({ device: model.createDevice(tapped, clock), traffic: tapped });
  };
  const slots = MEASUREMENT_KINDS.map((kind) => {
    const slot: PluggableMeasuringDevice = new PluggableMeasuringDevice(
      kind,
      (request) => connect(slot, request),
      clock,
      changed,
    );
    return slot;
  });

  const plug = (found: DiscoveredDevice): void => {
    const model = found.modelIds.map(findModel).find((m) => m !== undefined);
    const slot = model && slots.find((s) => s.kind === model.kind);
    // The first device of a kind takes its slot; a second one is ignored while it holds one.
    if (!model || !slot || slot.path !== null) return;
    slot.plug(found.path, model.id, usbIdentity(found));
    changed();
  };

  watcher.onChange((change) => {
    if (change.type === 'plugged') plug(change.device);
    else {
      for (const slot of slots) slot.unplug(change.device.path);
      log.info('device.unplugged', { transport: change.device.transport });
      changed();
    }
  });
  await watcher.start();
  for (const found of watcher.current()) plug(found);
  return {
    devices: slots,
    inspection: slotInspection(slots),
    watchChanges: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => {
      watcher.stop();
      for (const slot of slots) slot.stop();
    },
  };
}
