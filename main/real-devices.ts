// Real measuring devices: the catalog matched against what is plugged in (USB ids, or ports fixed
// in the configuration), one slot per measurement kind, filled and emptied as devices come and go.
import type { MeasurementKind } from '../contract';
import { MEASUREMENT_KINDS } from '../contract';
import { DEVICE_MODELS, findModel } from '../devices/catalog';
import type { DeviceModel } from '../devices/device-model';
import {
  DeviceWatcher,
  systemDiscoverySources,
  type DiscoveredDevice,
  type FixedPort,
} from '../devices/discovery';
import type { MeasurementFact, MeasuringDevice } from '../devices/measuring-device';
import type { PeripheralState } from '../devices/peripheral';
import type { ByteLink } from '../drivers/byte-link';
import { openHidLink } from '../drivers/hid';
import { openSerialLink, type SilenceWatch } from '../drivers/serial';
import { err, ok, type Result } from '../contract';
import { createActor, fromCallback, fromPromise } from 'xstate';
import { deviceMachine, peripheralStateOf, type ConnectRequest } from '../state-machines/device-machine';
import type { OperationLog } from './log';

/**
 * A measurement kind's place in the cabin, run by a device machine (state-machines/device-machine.ts):
 * absent until a matching device is plugged, connecting (opening its link), ready, measuring, result or
 * error, and back to absent when it is unplugged or its link dies. The peripheral list reads its state.
 */
export class PluggableMeasuringDevice implements MeasuringDevice {
  private current: { device: MeasuringDevice; path: string } | null = null;
  private readonly actor;

  constructor(
    readonly kind: MeasurementKind,
    connect: (request: ConnectRequest, slot: PluggableMeasuringDevice) => Promise<Result<void>>,
  ) {
    this.actor = createActor(
      deviceMachine.provide({
        actors: {
          connect: fromPromise<Result<void>, ConnectRequest>(({ input }) => connect(input, this)),
          // The session drives the measurement itself (its `measure` actor); `measure()` below mirrors
          // the device's facts into this machine, so there is nothing more to run here.
          measure: fromCallback(() => undefined),
        },
      }),
      { input: { deviceId: kind, kind } },
    );
    this.actor.start();
  }

  /** The path of the device in the slot, or null. */
  get path(): string | null {
    return this.actor.getSnapshot().context.path;
  }

  /** A matching device appeared at `path`: the machine connects to it. */
  plug(path: string, modelId: string): void {
    this.actor.send({ type: 'device.plugged', path, modelId });
  }

  /** Called by `connect` once the link is open: the device the slot measures with. */
  attach(device: MeasuringDevice, path: string): void {
    this.current = { device, path };
  }

  /** The device at `path` was unplugged or its link ended. */
  unplug(path: string): void {
    if (this.current?.path !== path && this.path !== path) return;
    this.current = null;
    this.actor.send({ type: 'device.unplugged' });
  }

  check(): Promise<PeripheralState> {
    return Promise.resolve(peripheralStateOf(this.actor.getSnapshot()));
  }

  measure(report: (fact: MeasurementFact) => void): () => void {
    if (this.current === null || peripheralStateOf(this.actor.getSnapshot()) !== 'ok') {
      report({ type: 'failed', error: { code: 'device.absent' } });
      return () => undefined;
    }
    this.actor.send({ type: 'device.measure' });
    const cancel = this.current.device.measure((fact) => {
      report(fact);
      switch (fact.type) {
        case 'progressed':
          return this.actor.send({ type: 'measurement.progressed', progress: fact.progress });
        case 'taken':
          return this.actor.send({ type: 'measurement.taken', measurement: fact.measurement });
        case 'failed':
          return this.actor.send({ type: 'measurement.failed', error: fact.error });
      }
    });
    return () => {
      this.actor.send({ type: 'device.cancel' });
      cancel();
    };
  }

  /** Stops the machine (controller shutdown). */
  stop(): void {
    this.actor.stop();
  }
}

/** Real devices found by discovery, and how to follow them. */
export interface RealDevices {
  readonly devices: readonly PluggableMeasuringDevice[];
  /** Calls back whenever a device was plugged, unplugged or lost its link. */
  readonly watchChanges: (listener: () => void) => () => void;
  readonly stop: () => void;
}

async function openLink(model: DeviceModel, path: string): Promise<Result<ByteLink>> {
  if (model.transport === 'hid') return openHidLink(path);
  const silence = (model as DeviceModel & { silence?: SilenceWatch }).silence;
  return openSerialLink(path, model.serial ?? { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 }, {
    ...(silence ? { silence } : {}),
  });
}

/** Starts discovery and fills one slot per kind with the first matching device found. */
export async function startRealDevices(
  fixedPorts: readonly FixedPort[],
  log: OperationLog,
): Promise<RealDevices> {
  const listeners = new Set<() => void>();
  const changed = (): void => {
    for (const listener of listeners) listener();
  };
  const watcher = new DeviceWatcher({ sources: systemDiscoverySources(), models: DEVICE_MODELS, fixedPorts });

  // The device machine's `connect`: open the link, build the model's device, follow the link's end.
  const connect = async (request: ConnectRequest, slot: PluggableMeasuringDevice): Promise<Result<void>> => {
    const model = findModel(request.modelId);
    if (!model) return err({ code: 'device.unknownModel', detail: request.modelId });
    const link = await openLink(model, request.path);
    if (!link.ok) {
      log.warn('device.openFailed', { model: model.id, code: link.error.code });
      return link;
    }
    link.value.onEnd((end) => {
      log.warn('device.linkEnded', { model: model.id, end });
      slot.unplug(request.path);
      changed();
    });
    slot.attach(model.createDevice(link.value), request.path);
    log.info('device.connected', { model: model.id });
    changed();
    return ok(undefined);
  };
  const slots = MEASUREMENT_KINDS.map((kind) => new PluggableMeasuringDevice(kind, connect));

  const plug = (found: DiscoveredDevice): void => {
    const model = found.modelIds.map(findModel).find((m) => m !== undefined);
    const slot = model && slots.find((s) => s.kind === model.kind);
    // The first device of a kind takes its slot; the machine ignores a second plug while it holds one.
    if (!model || !slot || slot.path !== null) return;
    slot.plug(found.path, model.id);
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
