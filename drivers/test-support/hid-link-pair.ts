// Two in-process ends of a HID link, the host's and the device's: what a simulator plugs into. Each
// write arrives whole at the other end as one 64-byte report, as hidraw delivers interrupt reports.
import { ok, type Result } from '../../contract';
import type { ByteLink, LinkEnd } from '../byte-link';
import { LinkEndBase } from '../link-end-base';
import { HID_REPORT_SIZE } from '../hid/hid-link';
import { refusedReport } from './in-process-report';

/** A pair of linked ends, plus the cable: `unplug()` ends both as a removed USB device would. */
export interface HidLinkPair {
  readonly host: ByteLink;
  readonly device: ByteLink;
  /** Ends both sides with 'unplugged'. */
  unplug(): void;
}

class PairEnd extends LinkEndBase {
  peer: PairEnd | null = null;

  constructor(
    readonly name: string,
    private readonly onClose: (end: LinkEnd) => void,
  ) {
    super();
  }

  write(bytes: Uint8Array): Promise<Result<void>> {
    const refused = refusedReport(this.name, this.ended, bytes);
    if (refused) return refused;
    const report = new Uint8Array(HID_REPORT_SIZE);
    report.set(bytes);
    const peer = this.peer;
    // Delivered on a later turn, as a USB transfer is: a reply never arrives inside the write call.
    queueMicrotask(() => peer?.deliver(report));
    return Promise.resolve(ok(undefined));
  }

  close(): Promise<void> {
    this.onClose('closed');
    return Promise.resolve();
  }

  deliver(report: Uint8Array): void {
    this.emit(report);
  }

  end(end: LinkEnd): void {
    this.markEnded(end)?.();
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
