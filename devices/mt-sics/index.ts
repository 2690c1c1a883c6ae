// Mettler Toledo MT-SICS scale, serial 9600 8N1 (DEVICES.md, scale 1).
import type { SilenceWatch } from '../../drivers/serial';
import type { DeviceModel } from '../device-model';
import { MtSicsDevice } from './mt-sics-device';

export * from './mt-sics-codec';
export { MtSicsDevice, mtSicsReading } from './mt-sics-device';
export type { MtSicsDecodedFrame } from './mt-sics-device';
export { MtSicsSimulator } from './mt-sics-simulator';
export { crLfScaleProtocol, PolledScaleDevice } from './polled-scale-device';
export type { PolledScaleOptions, ScaleProtocol, ScaleReading } from './polled-scale-device';
export type { ScaleFault, ScaleScenario } from './scale-fault';

/** The MT-SICS scale model: answers each command within a second or so. */
export const mtSicsModel: DeviceModel & { readonly silence: SilenceWatch } = {
  id: 'mt-sics',
  kind: 'weight',
  transport: 'serial',
  serial: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
  usbIds: [],
  silence: { mode: 'reply', silenceMs: 3000 },
  createDevice: (link) => new MtSicsDevice(link),
};
