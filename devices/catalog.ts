// The device models the cabin knows, matched against USB vendor/product ids by discovery.
import type { DeviceModel } from './device-model';
import { andStandardModel } from './and-standard';
import { beurerPo80Model } from './beurer-po80';
import { bleThermometerGatewayModel } from './ble-thermometer-gateway';
import { mtSicsModel } from './mt-sics';
import { nibpAsciiModel } from './nibp-ascii';
import { noninDf2Model } from './nonin-df2';
import { omronHem7322uModel } from './omron-hem7322u';

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

/** The models that a device with this USB vendor/product id may be. */
export function modelsForUsbId(vendorId: number, productId: number): DeviceModel[] {
  return DEVICE_MODELS.filter((model) =>
    model.usbIds.some((id) => id.vendorId === vendorId && id.productId === productId),
  );
}
