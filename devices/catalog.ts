// The device models the cabin knows: one line each (protocol id, what it measures, device class, and
// how to reach it), matched against USB vendor/product ids by discovery and named by `fixedPorts`.
import { AndStandardDevice } from './and-standard';
import { BeurerPo80Device } from './beurer-po80';
import { BleThermometerGatewayDevice } from './ble-thermometer-gateway';
import { hidModel, line8N1, serialModel, type DeviceModel } from './device-model';
import { MtSicsDevice } from './mt-sics';
import { NibpAsciiDevice } from './nibp-ascii';
import { NoninDf2Device } from './nonin-df2';
import { OmronHem7322uDevice } from './omron-hem7322u';

/** OEM NIBP module, 4800 8N1: answers a command within a second, streams while the cuff moves. */
export const nibpAsciiModel = serialModel('nibp-ascii', 'bloodPressure', NibpAsciiDevice, {
  line: line8N1(4800),
  silence: { mode: 'reply', silenceMs: 5000 },
});

/** Nonin oximeter, 9600 8N1: streams continuously, so two seconds of silence mean it is gone. */
export const noninDf2Model = serialModel('nonin-df2', 'oxygenSaturation', NoninDf2Device, {
  line: line8N1(9600),
  silence: { mode: 'stream', silenceMs: 2000 },
});

/** BLE thermometer gateway, 115200 8N1: it beats every second, so three seconds of silence mean it is gone. */
export const bleThermometerGatewayModel = serialModel(
  'ble-thermometer-gateway',
  'temperature',
  BleThermometerGatewayDevice,
  { line: line8N1(115_200), silence: { mode: 'stream', silenceMs: 3000 } },
);

/**
 * MT-SICS scale, 9600 8N1: answers each command within a second or so. The cabin's fitted platform is
 * a class III person scale of 300 kg by 100 g (3000 e).
 */
export const mtSicsModel = serialModel('mt-sics', 'weight', MtSicsDevice, {
  line: line8N1(9600),
  silence: { mode: 'reply', silenceMs: 3000 },
  scale: { maxKg: 300, intervalKg: 0.1 },
});

/** A&D scale at its factory settings, 2400 7E1; a class III person scale of 200 kg by 100 g (2000 e). */
export const andStandardModel = serialModel('and-standard', 'weight', AndStandardDevice, {
  line: { baudRate: 2400, dataBits: 7, parity: 'even', stopBits: 1 },
  silence: { mode: 'reply', silenceMs: 3000 },
  scale: { maxKg: 200, intervalKg: 0.1 },
});

/** Omron HEM-7322U over HID, USB 0590:0090 (docs/DEVICES.md; obpm `usb.h`). */
export const omronHem7322uModel = hidModel('omron-hem7322u', 'bloodPressure', OmronHem7322uDevice, {
  vendorId: 0x0590,
  productId: 0x0090,
});

/** Beurer PO 80 over HID, USB 28E9:028A, a GigaDevice vendor id (hid-pulse-oximeter `po.py`). */
export const beurerPo80Model = hidModel('beurer-po80', 'oxygenSaturation', BeurerPo80Device, {
  vendorId: 0x28e9,
  productId: 0x028a,
});

/** Every model of the catalog, serial first then HID. */
export const DEVICE_MODELS: readonly DeviceModel[] = [
  nibpAsciiModel,
  noninDf2Model,
  bleThermometerGatewayModel,
  mtSicsModel,
  andStandardModel,
  omronHem7322uModel,
  beurerPo80Model,
];

/** The model with this protocol id, or undefined. */
export function findModel(id: string): DeviceModel | undefined {
  return DEVICE_MODELS.find((model) => model.id === id);
}
