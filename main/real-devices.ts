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
import type { Result } from '../contract';
import type { OperationLog } from './log';

/** A measurement kind's place in the cabin: empty, or holding the device currently plugged in for it. */
export class PluggableMeasuringDevice implements MeasuringDevice {
  private current: { device: MeasuringDevice; path: string } | null = null;

  constructor(readonly kind: MeasurementKind) {}

  /** The path of the device in the slot, or null. */
  get path(): string | null {
    return this.current?.path ?? null;
  }

  /** Puts a freshly opened device in the slot. */
  attach(device: MeasuringDevice, path: string): void {
    this.current = { device, path };
  }

  /** Empties the slot if it holds the device at `path`. */
  detach(path: string): void {
    if (this.current?.path === path) this.current = null;
  }

  check(): Promise<PeripheralState> {
    return this.current === null ? Promise.resolve('absent') : this.current.device.check();
  }

  measure(report: (fact: MeasurementFact) => void): () => void {
    if (this.current === null) {
      report({ type: 'failed', error: { code: 'device.absent' } });
      return () => undefined;
    }
    return this.current.device.measure(report);
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
  const slots = MEASUREMENT_KINDS.map((kind) => new PluggableMeasuringDevice(kind));
  const listeners = new Set<() => void>();
  const changed = (): void => {
    for (const listener of listeners) listener();
  };
  const watcher = new DeviceWatcher({ sources: systemDiscoverySources(), models: DEVICE_MODELS, fixedPorts });

  const opening = new Set<string>();
  const plug = async (found: DiscoveredDevice): Promise<void> => {
    const model = found.modelIds.map(findModel).find((m) => m !== undefined);
    const slot = model && slots.find((s) => s.kind === model.kind);
    // The first scan reports each device both as plugged and in `current()`: open it once.
    if (!model || !slot || slot.path !== null || opening.has(found.path)) return;
    opening.add(found.path);
    const link = await openLink(model, found.path);
    opening.delete(found.path);
    if (!link.ok) {
      log.warn('device.openFailed', { model: model.id, code: link.error.code });
      return;
    }
    link.value.onEnd((end) => {
      log.warn('device.linkEnded', { model: model.id, end });
      slot.detach(found.path);
      changed();
    });
    slot.attach(model.createDevice(link.value), found.path);
    log.info('device.plugged', { model: model.id });
    changed();
  };

  watcher.onChange((change) => {
    if (change.type === 'plugged') void plug(change.device);
    else {
      for (const slot of slots) slot.detach(change.device.path);
      log.info('device.unplugged', { transport: change.device.transport });
      changed();
    }
  });
  await watcher.start();
  await Promise.all(watcher.current().map(plug));
  return {
    devices: slots,
    watchChanges: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => watcher.stop(),
  };
}
