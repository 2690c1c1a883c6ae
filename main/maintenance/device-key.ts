// How the register names an attached device: its catalog model and the serial number it reports.
import type { MeasurementKind } from '../../contract';
import type { AttachedDevice, DeviceInspection } from '../peripherals';

/** The serial number the register files a device under when it tells none (a BLE gateway, an old module). */
export const UNKNOWN_SERIAL = 'unknown';

/** A device's key in the register. */
export interface DeviceKey {
  readonly modelId: string;
  readonly serialNumber: string;
}

/** The register's key of an attached device: its model, and its serial number or `unknown`. */
export function keyOf(attached: Pick<AttachedDevice, 'modelId' | 'identity'>): DeviceKey {
  const serial = attached.identity?.serialNumber?.trim();
  return { modelId: attached.modelId, serialNumber: serial ? serial.slice(0, 64) : UNKNOWN_SERIAL };
}

/** The key of the device attached for `kind` now, or null (none attached, or no inspection of the devices). */
export function attachedKey(
  inspection: DeviceInspection | undefined,
  kind: MeasurementKind,
): DeviceKey | null {
  const attached = inspection?.attached(kind) ?? null;
  return attached === null ? null : keyOf(attached);
}
