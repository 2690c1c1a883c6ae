// A&D standard-format scale, serial 2400 7E1 by default (DEVICES.md, scale 2).
import type { SilenceWatch } from '../../drivers/serial';
import type { DeviceModel } from '../device-model';
import { AndStandardDevice } from './and-standard-device';

export * from './and-standard-codec';
export { AndStandardDevice, andStandardReading } from './and-standard-device';
export type { AndStandardDecodedFrame } from './and-standard-device';
export { AndStandardSimulator } from './and-standard-simulator';

/** The A&D scale model at its factory settings. */
export const andStandardModel: DeviceModel & { readonly silence: SilenceWatch } = {
  id: 'and-standard',
  kind: 'weight',
  transport: 'serial',
  serial: { baudRate: 2400, dataBits: 7, parity: 'even', stopBits: 1 },
  usbIds: [],
  silence: { mode: 'reply', silenceMs: 3000 },
  createDevice: (link) => new AndStandardDevice(link),
};
