// OEM NIBP module, ASCII protocol, serial 4800 8N1 (DEVICES.md, blood pressure 1).
import type { SilenceWatch } from '../../drivers/serial';
import type { DeviceModel } from '../device-model';
import { NibpAsciiDevice } from './nibp-ascii-device';

export * from './nibp-ascii-codec';
export { NibpAsciiDevice } from './nibp-ascii-device';
export type { NibpAsciiDecodedFrame, NibpAsciiDeviceOptions } from './nibp-ascii-device';
export { NibpAsciiSimulator } from './nibp-ascii-simulator';
export type { NibpAsciiFault, NibpAsciiScenario } from './nibp-ascii-simulator';

/** The NIBP module model: answers a command within a second, streams while the cuff moves. */
export const nibpAsciiModel: DeviceModel & { readonly silence: SilenceWatch } = {
  id: 'nibp-ascii',
  kind: 'bloodPressure',
  transport: 'serial',
  serial: { baudRate: 4800, dataBits: 8, parity: 'none', stopBits: 1 },
  usbIds: [],
  silence: { mode: 'reply', silenceMs: 5000 },
  createDevice: (link) => new NibpAsciiDevice(link),
};
