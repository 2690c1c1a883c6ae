// The HID devices the system lists, as discovery wants them (node-hid `devicesAsync`, hidapi enumerate).
import { devicesAsync } from 'node-hid';

/** One HID interface as node-hid lists it (a subset of its `Device`); `path` opens it. */
export interface HidDeviceInfo {
  readonly path?: string | undefined;
  readonly vendorId: number;
  readonly productId: number;
  readonly serialNumber?: string | undefined;
  readonly manufacturer?: string | undefined;
  readonly product?: string | undefined;
  /** The device's release number, bcdDevice (0x0100 is 1.00). */
  readonly release?: number | undefined;
  readonly interface?: number | undefined;
}

/** Lists the HID devices attached now; an empty list where the kernel has no HID support (this CI). */
export async function listHidDevices(): Promise<HidDeviceInfo[]> {
  return devicesAsync();
}
