// Health Thermometer (0x2A1C) through the project's USB serial BLE gateway, 115200 8N1 (DEVICES.md,
// thermometer; line format documented in ble-thermometer-codec.ts).
import type { SilenceWatch } from '../../drivers/serial';
import type { DeviceModel } from '../device-model';
import { BleThermometerGatewayDevice } from './ble-thermometer-device';

export * from './ble-thermometer-codec';
export { BleThermometerGatewayDevice } from './ble-thermometer-device';
export type { BleThermometerDecodedFrame, BleThermometerDeviceOptions } from './ble-thermometer-device';
export { BleThermometerGatewaySimulator } from './ble-thermometer-simulator';
export type { BleThermometerFault, BleThermometerScenario } from './ble-thermometer-simulator';

/** The BLE gateway model: it beats every second, so three seconds of silence mean it is gone. */
export const bleThermometerGatewayModel: DeviceModel & { readonly silence: SilenceWatch } = {
  id: 'ble-thermometer-gateway',
  kind: 'temperature',
  transport: 'serial',
  serial: { baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1 },
  usbIds: [],
  silence: { mode: 'stream', silenceMs: 3000 },
  createDevice: (link) => new BleThermometerGatewayDevice(link),
};
