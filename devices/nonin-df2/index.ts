// Nonin Data Format #2 pulse oximeter (Xpod / OEM III), serial 9600 8N1 (DEVICES.md, pulse oximeter 1).
import type { SilenceWatch } from '../../drivers/serial';
import type { DeviceModel } from '../device-model';
import { NoninDf2Device } from './nonin-df2-device';

export * from './nonin-df2-codec';
export { NoninDf2Device } from './nonin-df2-device';
export type { NoninDf2DecodedFrame, NoninDf2DeviceOptions } from './nonin-df2-device';
export { NoninDf2Simulator } from './nonin-df2-simulator';
export type { NoninDf2Fault, NoninDf2Scenario, NoninDf2SimulatorOptions } from './nonin-df2-simulator';

/** The Nonin oximeter model: streams continuously, so two seconds of silence mean it is gone. */
export const noninDf2Model: DeviceModel & { readonly silence: SilenceWatch } = {
  id: 'nonin-df2',
  kind: 'oxygenSaturation',
  transport: 'serial',
  serial: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
  usbIds: [],
  silence: { mode: 'stream', silenceMs: 2000 },
  createDevice: (link) => new NoninDf2Device(link),
};
