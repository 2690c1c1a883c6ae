// What the catalog knows of one device model, and how a model turns a link into a measuring device.
import type { Clock, MeasurementKind } from '../contract';
import type { ByteLink } from '../drivers/byte-link';
import type { SerialLineSettings, SilenceWatch } from '../drivers/serial';
import type { LinkedMeasuringDevice } from './measuring-device';

/** A USB vendor/product id pair, as the catalog matches devices. */
export interface UsbId {
  readonly vendorId: number;
  readonly productId: number;
}

/** A device class: built on an open link (which it owns from then on), its timers on `clock`. */
export type DeviceClass = new (link: ByteLink, clock: Clock) => LinkedMeasuringDevice;

/** What every model has: its protocol id, what it measures, the USB ids that identify it, its device. */
interface ModelBase {
  /** The protocol's stable id: `nibp-ascii`, `nonin-df2`, `omron-hem7322u`, … */
  readonly id: string;
  readonly kind: MeasurementKind;
  /** USB ids that identify it (HID devices, and USB-serial adapters dedicated to it). */
  readonly usbIds: readonly UsbId[];
  /** Builds the device on an open link; the device owns the link from then on. */
  createDevice(link: ByteLink, clock: Clock): LinkedMeasuringDevice;
  /** A scale's legal metrology (OIML R76 class III), which sets its verification's loads and limits. */
  readonly scale?: ScaleMetrology;
}

/** A scale's capacity and verification scale interval `e`, from the model's type approval. */
export interface ScaleMetrology {
  /** Maximum capacity, kg. */
  readonly maxKg: number;
  /** Verification scale interval e, kg. */
  readonly intervalKg: number;
}

/** A model on a serial port: its line settings, and how long the port may stay quiet (the link's watchdog). */
export interface SerialDeviceModel extends ModelBase {
  readonly transport: 'serial';
  readonly serial: SerialLineSettings;
  readonly silence: SilenceWatch;
}

/** A model on USB HID (64-byte reports). */
export interface HidDeviceModel extends ModelBase {
  readonly transport: 'hid';
}

/** One device model of the catalog, by transport. */
export type DeviceModel = SerialDeviceModel | HidDeviceModel;

/** Line settings of `baudRate` 8N1, the factory setting of most serial medical devices. */
export const line8N1 = (baudRate: number): SerialLineSettings => ({
  baudRate,
  dataBits: 8,
  parity: 'none',
  stopBits: 1,
});

/** A serial model on a port of its own (a pseudo-terminal or an adapter named in `fixedPorts`). */
export function serialModel(
  id: string,
  kind: MeasurementKind,
  device: DeviceClass,
  port: {
    readonly line: SerialLineSettings;
    readonly silence: SilenceWatch;
    readonly scale?: ScaleMetrology;
  },
): SerialDeviceModel {
  const { line: serial, silence, scale } = port;
  const model = {
    id,
    kind,
    transport: 'serial' as const,
    serial,
    silence,
    usbIds: [],
    createDevice: newDevice(device),
  };
  return scale === undefined ? model : { ...model, scale };
}

/** A HID model, found by its USB id. */
export function hidModel(
  id: string,
  kind: MeasurementKind,
  device: DeviceClass,
  usbId: UsbId,
): HidDeviceModel {
  return { id, kind, transport: 'hid', usbIds: [usbId], createDevice: newDevice(device) };
}

const newDevice =
  (device: DeviceClass) =>
  (link: ByteLink, clock: Clock): LinkedMeasuringDevice =>
    new device(link, clock);
