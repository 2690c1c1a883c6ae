// Which devices are attached: serial ports and HID devices listed by the system, matched against the
// catalog by USB vendor/product id, plus the fixed ports the configuration names; and a watcher that
// polls the lists and reports devices plugged and unplugged.
import { after, type Cancel, type Clock, type DeviceIdentity } from '../contract';
import { listHidDevices, type HidDeviceInfo } from '../drivers/hid';
import { listSerialPorts, type SerialPortInfo } from '../drivers/serial';
import type { DeviceModel } from './device-model';

export type { SerialPortInfo };

/** Where discovery looks; the real ones call serialport and node-hid, tests give fixtures. */
export interface DiscoverySources {
  listSerialPorts(): Promise<readonly SerialPortInfo[]>;
  listHidDevices(): Promise<readonly HidDeviceInfo[]>;
  /** Whether a configured path exists now (a pseudo-terminal is not listed); absent: always true. */
  pathExists?(path: string): Promise<boolean>;
}

/** A port the configuration names because the system does not list it, with the model it carries. */
export interface FixedPort {
  readonly modelId: string;
  readonly path: string;
}

/** One attached device and the catalog models that match it. */
export interface DiscoveredDevice {
  /** The path to open: `/dev/ttyUSB0`, `/dev/hidraw3`. */
  readonly path: string;
  readonly transport: 'serial' | 'hid';
  readonly vendorId: number | null;
  readonly productId: number | null;
  /** Ids of the catalog models for its USB id (or the configured model of a fixed port). */
  readonly modelIds: readonly string[];
  readonly serialNumber: string | null;
  /** The USB descriptor's manufacturer string (serialport and node-hid both list it), or null. */
  readonly manufacturer: string | null;
  /** The USB descriptor's product string (node-hid lists it; serialport does not), or null. */
  readonly product: string | null;
  /** The USB descriptor's release number bcdDevice as text (`1.00`; node-hid only), or null. */
  readonly release: string | null;
  /** Listed by the system, or named by the configuration. */
  readonly origin: 'listed' | 'configured';
}

/** What an attached device's USB descriptors say of it, or null when they say nothing (a fixed port). */
export function usbIdentity(found: DiscoveredDevice): DeviceIdentity | null {
  const model = [found.manufacturer, found.product].filter((part) => part !== null).join(' ') || null;
  if (model === null && found.serialNumber === null && found.release === null) return null;
  return { model, serialNumber: found.serialNumber, firmware: found.release, source: 'usb' };
}

/** A bcdDevice release number as text: 0x0100 → `1.00`, 0x0215 → `2.15`. */
export function releaseText(bcd: number | undefined): string | null {
  if (bcd === undefined || !Number.isInteger(bcd) || bcd < 0 || bcd > 0xffff) return null;
  return `${(bcd >> 8).toString(16)}.${(bcd & 0xff).toString(16).padStart(2, '0')}`;
}

const text = (value: string | undefined): string | null => (value?.trim() ? value.trim() : null);

/** The sources of a real cabin: `SerialPort.list()` and node-hid's enumeration. */
export function systemDiscoverySources(pathExists?: (path: string) => Promise<boolean>): DiscoverySources {
  return {
    listSerialPorts,
    listHidDevices,
    ...(pathExists ? { pathExists } : {}),
  };
}

const parseHexId = (id: string | undefined): number | null => {
  if (id === undefined || !/^[0-9a-fA-F]{1,4}$/.test(id)) return null;
  return Number.parseInt(id, 16);
};

const matching = (
  models: readonly DeviceModel[],
  transport: 'serial' | 'hid',
  vid: number | null,
  pid: number | null,
): string[] =>
  vid === null || pid === null
    ? []
    : models
        .filter(
          (m) => m.transport === transport && m.usbIds.some((u) => u.vendorId === vid && u.productId === pid),
        )
        .map((m) => m.id);

/** What one scan found, and which lists could not be read (their devices are unknown, not gone). */
export interface DiscoveryScan {
  readonly devices: readonly DiscoveredDevice[];
  readonly failedTransports: readonly ('serial' | 'hid')[];
}

/** Scans the sources once; a source that fails is reported in `failedTransports`, never thrown. */
export async function scanDevices(
  sources: DiscoverySources,
  models: readonly DeviceModel[],
  fixedPorts: readonly FixedPort[] = [],
): Promise<DiscoveryScan> {
  const failedTransports: ('serial' | 'hid')[] = [];
  const [serial, hid] = await Promise.all([
    sources.listSerialPorts().catch(() => {
      failedTransports.push('serial');
      return [] as const;
    }),
    sources.listHidDevices().catch(() => {
      failedTransports.push('hid');
      return [] as const;
    }),
  ]);
  const devices = new Map<string, DiscoveredDevice>();
  for (const port of serial) {
    const vendorId = parseHexId(port.vendorId);
    const productId = parseHexId(port.productId);
    devices.set(deviceKey('serial', port.path), {
      path: port.path,
      transport: 'serial',
      vendorId,
      productId,
      modelIds: matching(models, 'serial', vendorId, productId),
      serialNumber: text(port.serialNumber),
      manufacturer: text(port.manufacturer),
      product: null,
      release: null,
      origin: 'listed',
    });
  }
  for (const entry of hid) {
    // A HID device without a path cannot be opened (hidapi lists one per interface, each with a path).
    if (!entry.path) continue;
    const modelIds = matching(models, 'hid', entry.vendorId, entry.productId);
    // Keyboards, mice and the touch screen are HID too: only catalogued HID devices are of interest.
    if (modelIds.length === 0) continue;
    devices.set(deviceKey('hid', entry.path), {
      path: entry.path,
      transport: 'hid',
      vendorId: entry.vendorId,
      productId: entry.productId,
      modelIds,
      serialNumber: text(entry.serialNumber),
      manufacturer: text(entry.manufacturer),
      product: text(entry.product),
      release: releaseText(entry.release),
      origin: 'listed',
    });
  }
  for (const fixed of fixedPorts) {
    const key = deviceKey('serial', fixed.path);
    const listed = devices.get(key);
    if (listed) {
      devices.set(key, { ...listed, modelIds: [fixed.modelId] });
      continue;
    }
    const exists = sources.pathExists ? await sources.pathExists(fixed.path).catch(() => false) : true;
    if (!exists) continue;
    devices.set(key, {
      path: fixed.path,
      transport: 'serial',
      vendorId: null,
      productId: null,
      modelIds: [fixed.modelId],
      serialNumber: null,
      manufacturer: null,
      product: null,
      release: null,
      origin: 'configured',
    });
  }
  return { devices: [...devices.values()], failedTransports };
}

/** The devices attached now, matched against `models` (a failing source counts as an empty list). */
export async function discoverDevices(
  sources: DiscoverySources,
  models: readonly DeviceModel[],
  fixedPorts: readonly FixedPort[] = [],
): Promise<DiscoveredDevice[]> {
  return [...(await scanDevices(sources, models, fixedPorts)).devices];
}

/** A device that appeared or went away. */
export type DeviceChange =
  | { readonly type: 'plugged'; readonly device: DiscoveredDevice }
  | { readonly type: 'unplugged'; readonly device: DiscoveredDevice };

/** Settings of a watcher: where it looks, what it matches, and the clock of its polls. */
export interface DeviceWatcherOptions {
  readonly sources: DiscoverySources;
  readonly models: readonly DeviceModel[];
  readonly fixedPorts?: readonly FixedPort[];
  /** Gap between two scans (default 2 s). */
  readonly intervalMs?: number;
  readonly clock: Clock;
}

const deviceKey = (transport: 'serial' | 'hid', path: string): string => `${transport}:${path}`;

/**
 * Polls the sources every `intervalMs` and reports each device plugged (those found by the first scan
 * included) and unplugged; a device back at another path is an unplug then a plug.
 */
export class DeviceWatcher {
  private readonly listeners = new Set<(change: DeviceChange) => void>();
  private readonly known = new Map<string, DiscoveredDevice>();
  private readonly intervalMs: number;
  private cancelNext: Cancel = () => undefined;
  private running = false;

  constructor(private readonly options: DeviceWatcherOptions) {
    this.intervalMs = options.intervalMs ?? 2000;
  }

  /** Subscribes to changes; answers the unsubscribe function. */
  onChange(listener: (change: DeviceChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The devices attached at the last scan. */
  current(): DiscoveredDevice[] {
    return [...this.known.values()];
  }

  /** Scans now, then every `intervalMs` until `stop()`; resolves after the first scan. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.scanOnce();
  }

  /** Stops polling; safe to call twice. */
  stop(): void {
    this.running = false;
    this.cancelNext();
  }

  /** Scans once now and reports the changes (also what each poll does). */
  async scanOnce(): Promise<void> {
    this.cancelNext();
    const scan = await scanDevices(this.options.sources, this.options.models, this.options.fixedPorts);
    const seen = new Map(scan.devices.map((d) => [deviceKey(d.transport, d.path), d]));
    for (const [key, device] of this.known) {
      // A list that could not be read says nothing about its devices: they stay as they were.
      if (scan.failedTransports.includes(device.transport)) continue;
      if (!seen.has(key)) {
        this.known.delete(key);
        this.emit({ type: 'unplugged', device });
      }
    }
    for (const [key, device] of seen) {
      if (this.known.has(key)) continue;
      this.known.set(key, device);
      this.emit({ type: 'plugged', device });
    }
    if (this.running)
      this.cancelNext = after(this.options.clock, this.intervalMs, () => void this.scanOnce());
  }

  private emit(change: DeviceChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }
}
