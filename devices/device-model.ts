// What the catalog knows of one device model, and how a model turns a link into a measuring device.
import type { MeasurementKind } from '../contract';
import type { ByteLink } from '../drivers/byte-link';
import type { MeasuringDevice } from './measuring-device';

/** Serial line settings of a model (serialport's names). */
export interface SerialSettings {
  readonly baudRate: number;
  readonly dataBits: 7 | 8;
  readonly parity: 'none' | 'even' | 'odd';
  readonly stopBits: 1 | 2;
}

/** A USB vendor/product id pair, as the catalog matches devices. */
export interface UsbId {
  readonly vendorId: number;
  readonly productId: number;
}

/** One device model: its protocol id, what it measures, how to reach it, and its device class. */
export interface DeviceModel {
  /** The protocol's stable id: `nibp-ascii`, `nonin-df2`, `omron-hem7322u`, … */
  readonly id: string;
  readonly kind: MeasurementKind;
  readonly transport: 'serial' | 'hid';
  /** Serial settings (serial models only). */
  readonly serial?: SerialSettings;
  /** USB ids that identify it (HID devices, and USB-serial adapters dedicated to it). */
  readonly usbIds: readonly UsbId[];
  /** Builds the device on an open link; the device owns the link from then on. */
  createDevice(link: ByteLink): MeasuringDevice;
}
