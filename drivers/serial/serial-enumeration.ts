// The serial ports the system lists (USB-serial adapters); pseudo-terminals are never listed.
import { SerialPort } from 'serialport';

/** A serial port as `SerialPort.list()` answers it (ids are hex strings there, e.g. '0403'). */
export interface SerialPortInfo {
  readonly path: string;
  readonly manufacturer?: string | undefined;
  readonly serialNumber?: string | undefined;
  readonly pnpId?: string | undefined;
  readonly vendorId?: string | undefined;
  readonly productId?: string | undefined;
}

/** Lists the system's serial ports through serialport. */
export function listSerialPorts(): Promise<readonly SerialPortInfo[]> {
  return SerialPort.list();
}
