// Beurer PO 80 pulse oximeter over USB HID: codec, device, simulator, model.
import type { DeviceModel } from '../device-model';
import { BeurerPo80Device } from './beurer-device';

export * from './beurer-codec';
export * from './beurer-device';
export * from './beurer-simulator';

/** The catalog entry of the PO 80: USB 28E9:028A, a GigaDevice vendor id (hid-pulse-oximeter `po.py`). */
export const beurerPo80Model: DeviceModel = {
  id: 'beurer-po80',
  kind: 'oxygenSaturation',
  transport: 'hid',
  usbIds: [{ vendorId: 0x28e9, productId: 0x028a }],
  createDevice: (link) => new BeurerPo80Device(link),
};
