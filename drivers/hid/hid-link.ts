// A ByteLink on node-hid: one input report per chunk, output reports written with the report-id prefix.
import { HID } from 'node-hid';
import { err, ok, type Result } from '../../contract';
import type { ByteLink, LinkEnd } from '../byte-link';
import { LinkEndBase } from '../link-end-base';

/** Size of the input and output reports of the cabin's HID devices (Omron HEM-7322U, Beurer PO 80). */
export const HID_REPORT_SIZE = 64;

/** The part of node-hid's `HID` object the link uses; tests pass a double with the same methods. */
export interface HidHandle {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  removeAllListeners(): unknown;
  write(values: number[] | Buffer): number;
  close(): void;
}

/** Opens a HID device by path; throws as node-hid does when the device cannot be opened. */
export type HidOpener = (path: string) => HidHandle;

const openWithNodeHid: HidOpener = (path) => new HID(path);

/**
 * Frames one output report as hidapi wants it: byte 0 is the report id, 0 for devices without numbered
 * reports (hidapi `hid_write` documentation; on Linux hidraw drops it before the USB transfer), then
 * the payload padded with zeros to the report size.
 */
export function outputReport(payload: Uint8Array): Result<Buffer> {
  if (payload.length > HID_REPORT_SIZE) {
    return err({
      code: 'link.writeFailed',
      detail: `report of ${payload.length} bytes > ${HID_REPORT_SIZE}`,
    });
  }
  const report = Buffer.alloc(HID_REPORT_SIZE + 1);
  report.set(payload, 1);
  return ok(report);
}

/** A HID device opened through node-hid (or a double of it), seen as a ByteLink. */
class NodeHidLink extends LinkEndBase {
  constructor(
    readonly name: string,
    private readonly handle: HidHandle,
  ) {
    super();
    handle.on('data', (data) => {
      if (this.ended) return;
      this.emit(new Uint8Array(data));
    });
    // node-hid reports a failed read (the device was removed) as 'error' and stops reading.
    handle.on('error', () => this.end('unplugged'));
  }

  write(bytes: Uint8Array): Promise<Result<void>> {
    if (this.ended) return Promise.resolve(err({ code: 'link.closed', detail: this.name }));
    const report = outputReport(bytes);
    if (!report.ok) return Promise.resolve(report);
    try {
      this.handle.write(report.value);
      return Promise.resolve(ok(undefined));
    } catch (error) {
      // hidapi answers -1 (node-hid throws) when the device went away between two reads.
      const detail = error instanceof Error ? error.message : String(error);
      this.end('unplugged');
      return Promise.resolve(err({ code: 'link.writeFailed', detail }));
    }
  }

  close(): Promise<void> {
    this.end('closed');
    return Promise.resolve();
  }

  private end(end: LinkEnd): void {
    const notify = this.markEnded(end);
    if (!notify) return;
    this.handle.removeAllListeners();
    try {
      this.handle.close();
    } catch {
      // Closing a removed device may fail; the link is over either way.
    }
    notify();
  }
}

/** Opens the HID device at `path` (from HID.devices()); answers `link.openFailed` when it cannot be opened. */
export function openHidLink(path: string, open: HidOpener = openWithNodeHid): Result<ByteLink> {
  try {
    return ok(new NodeHidLink(`hid:${path}`, open(path)));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return err({ code: 'link.openFailed', detail: `${path}: ${detail}` });
  }
}
