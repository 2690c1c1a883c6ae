// Omron HEM-7322U (and HEM-7131U) blood pressure monitor over USB HID: codec, device, simulator, model.
import type { DeviceModel } from '../device-model';
import { OmronHem7322uDevice } from './omron-device';

export * from './omron-codec';
export * from './omron-device';
export * from './omron-simulator';

/** The catalog entry of the HEM-7322U: USB 0590:0090 (docs/DEVICES.md; obpm `usb.h`). */
export const omronHem7322uModel: DeviceModel = {
  id: 'omron-hem7322u',
  kind: 'bloodPressure',
  transport: 'hid',
  usbIds: [{ vendorId: 0x0590, productId: 0x0090 }],
  createDevice: (link) => new OmronHem7322uDevice(link),
};
