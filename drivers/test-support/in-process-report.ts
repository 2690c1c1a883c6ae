// What an in-process HID end (a simulator's pair, a replayed capture) refuses to write, as node-hid would.
import { err, type Result } from '../../contract';
import type { LinkEnd } from '../byte-link';
import { HID_REPORT_SIZE } from '../hid/hid-link';

/** `link.closed` once the end has ended, `link.writeFailed` for more than one report; undefined to go on. */
export function refusedReport(
  name: string,
  ended: LinkEnd | undefined,
  bytes: Uint8Array,
): Promise<Result<void>> | undefined {
  if (ended) return Promise.resolve(err({ code: 'link.closed', detail: name }));
  if (bytes.length > HID_REPORT_SIZE) {
    return Promise.resolve(err({ code: 'link.writeFailed', detail: `report of ${bytes.length} bytes` }));
  }
  return undefined;
}
