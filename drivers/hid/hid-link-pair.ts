// Two in-process ends of a HID link, the host's and the device's: what a simulator plugs into. Each
// write arrives whole at the other end as one 64-byte report, as hidraw delivers interrupt reports.
import { err, ok, type Result } from '../../contract';
import type { ByteLink, LinkEnd } from '../byte-link';
import { HID_REPORT_SIZE } from './hid-link';

/** A pair of linked ends, plus the cable: `unplug()` ends both as a removed USB device would. */
export interface HidLinkPair {
  readonly host: ByteLink;
  readonly device: ByteLink;
  /** Ends both sides with 'unplugged'. */
  unplug(): void;
}

class PairEnd implements ByteLink {
  peer: PairEnd | null = null;
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly endListeners = new Set<(end: LinkEnd) => void>();
  private ended: LinkEnd | null = null;

  constructor(
    readonly name: string,
    private readonly onClose: (end: LinkEnd) => void,
  ) {}

  write(bytes: Uint8Array): Promise<Result<void>> {
    if (this.ended) return Promise.resolve(err({ code: 'link.closed', detail: this.name }));
    if (bytes.length > HID_REPORT_SIZE) {
      return Promise.resolve(err({ code: 'link.writeFailed', detail: `report of ${bytes.length} bytes` }));
    }
    const report = new Uint8Array(HID_REPORT_SIZE);
    report.set(bytes);
    const peer = this.peer;
    // Delivered on a later turn, as a USB transfer is: a reply never arrives inside the write call.
    queueMicrotask(() => peer?.deliver(report));
    return Promise.resolve(ok(undefined));
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onEnd(listener: (end: LinkEnd) => void): () => void {
    if (this.ended) {
      const end = this.ended;
      queueMicrotask(() => listener(end));
      return () => undefined;
    }
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  close(): Promise<void> {
    this.onClose('closed');
    return Promise.resolve();
  }

  deliver(report: Uint8Array): void {
    if (this.ended) return;
    for (const listener of [...this.dataListeners]) listener(report);
  }

  end(end: LinkEnd): void {
    if (this.ended) return;
    this.ended = end;
    const listeners = [...this.endListeners];
    this.endListeners.clear();
    this.dataListeners.clear();
    for (const listener of listeners) listener(end);
  }
}

/** Creates a connected host/device pair named after the device (`hid:simulated-omron`). */
export function createHidLinkPair(name: string): HidLinkPair {
  // Closing one end is seen by the other as the device going away.
  const closeBoth = (hostEnd: LinkEnd, deviceEnd: LinkEnd): void => {
    host.end(hostEnd);
    device.end(deviceEnd);
  };
  const host: PairEnd = new PairEnd(name, () => closeBoth('closed', 'unplugged'));
  const device: PairEnd = new PairEnd(`${name}:device`, () => closeBoth('unplugged', 'closed'));
  host.peer = device;
  device.peer = host;
  return { host, device, unplug: () => closeBoth('unplugged', 'unplugged') };
}
