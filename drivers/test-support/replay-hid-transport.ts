// A HID link for tests that replays a recorded exchange: the device's reports with their timing, and
// the reports the host wrote, which the replay waits for before going on (request/response devices).
// Captures are written in the text form of `parseHidCapture`, close to hidapi dump logs (obpm's
// `import.log`: `->` host to device, `<-` device to host, one report a line in hex).
import { after, ok, type Cancel, type Clock, type Result } from '../../contract';
import type { LinkEnd } from '../byte-link';
import { LinkEndBase } from '../link-end-base';
import { HID_REPORT_SIZE } from '../hid/hid-link';
import { refusedReport } from './in-process-report';

/** One step of a recorded exchange. */
export type HidCaptureStep =
  /** The host wrote this report (payload, without report id or padding); the replay waits for it. */
  | { readonly type: 'hostWrote'; readonly bytes: Uint8Array }
  /** The device sent this input report `afterMs` after the previous step. */
  | { readonly type: 'deviceSent'; readonly afterMs: number; readonly bytes: Uint8Array }
  /** The device was pulled out `afterMs` after the previous step. */
  | { readonly type: 'unplugged'; readonly afterMs: number };

const hexBytes = (text: string): Uint8Array =>
  Uint8Array.from(
    text
      .trim()
      .split(/\s+/)
      .filter((part) => part.length > 0)
      .map((part) => {
        if (!/^[0-9a-fA-F]{2}$/.test(part)) throw new Error(`not a hex byte in a capture: ${part}`);
        return Number.parseInt(part, 16);
      }),
  );

/**
 * Parses a capture: `-> 02 08 00 …` the host wrote; `<- 02 08 80 …` or `<- +250 EB 01 …` the device sent
 * (after 250 ms; 0 when omitted); `unplugged +10`; `#` starts a comment. A malformed capture is a bug
 * in the test and throws.
 */
export function parseHidCapture(text: string): HidCaptureStep[] {
  const steps: HidCaptureStep[] = [];
  for (const raw of text.split('\n')) {
    const line = (raw.split('#')[0] ?? '').trim();
    if (line === '') continue;
    const unplugged = /^unplugged(?:\s+\+(\d+))?$/.exec(line);
    if (unplugged) {
      steps.push({ type: 'unplugged', afterMs: Number(unplugged[1] ?? 0) });
    } else if (line.startsWith('->')) {
      steps.push({ type: 'hostWrote', bytes: hexBytes(line.slice(2)) });
    } else if (line.startsWith('<-')) {
      const timed = /^<-\s+\+(\d+)\s+(.*)$/.exec(line);
      steps.push({
        type: 'deviceSent',
        afterMs: timed ? Number(timed[1]) : 0,
        bytes: hexBytes(timed ? (timed[2] ?? '') : line.slice(2)),
      });
    } else {
      throw new Error(`not a capture line: ${line}`);
    }
  }
  return steps;
}

/** What the host wrote where the capture expected something else. */
export interface ReplayMismatch {
  readonly stepIndex: number;
  readonly expected: Uint8Array;
  readonly actual: Uint8Array;
}

/** A ByteLink (the host's end) that plays a capture; it stays open and silent once the capture is over. */
export class ReplayHidTransport extends LinkEndBase {
  /** Every report the host wrote, in order (payload only). */
  readonly written: Uint8Array[] = [];
  /** Host writes that differ from the capture. */
  readonly mismatches: ReplayMismatch[] = [];
  private readonly pendingWrites: Uint8Array[] = [];
  private next = 0;
  private waitingForHost = false;
  private cancelTimer: Cancel = () => undefined;

  constructor(
    private readonly steps: readonly HidCaptureStep[],
    private readonly clock: Clock,
    readonly name = 'hid:replay',
  ) {
    super();
    this.cancelTimer = after(this.clock, 0, () => this.playFrom());
  }

  /** True when every step of the capture has been played. */
  get finished(): boolean {
    return this.next >= this.steps.length;
  }

  write(bytes: Uint8Array): Promise<Result<void>> {
    const refused = refusedReport(this.name, this.ended, bytes);
    if (refused) return refused;
    const copy = Uint8Array.from(bytes);
    this.written.push(copy);
    this.pendingWrites.push(copy);
    if (this.waitingForHost) {
      this.waitingForHost = false;
      queueMicrotask(() => this.playFrom());
    }
    return Promise.resolve(ok(undefined));
  }

  close(): Promise<void> {
    this.end('closed');
    return Promise.resolve();
  }

  private playFrom(): void {
    while (!this.ended) {
      const index = this.next;
      const step = this.steps[index];
      if (step === undefined) return;
      if (step.type === 'hostWrote') {
        const actual = this.pendingWrites.shift();
        if (actual === undefined) {
          this.waitingForHost = true;
          return;
        }
        if (!samePayload(step.bytes, actual)) {
          this.mismatches.push({ stepIndex: index, expected: step.bytes, actual });
        }
        this.next += 1;
        continue;
      }
      this.next += 1;
      this.cancelTimer = after(this.clock, step.afterMs, () => {
        if (step.type === 'unplugged') {
          this.end('unplugged');
          return;
        }
        // node-hid hands over whole input reports: the recorded bytes padded to the report size.
        const report = new Uint8Array(Math.max(HID_REPORT_SIZE, step.bytes.length));
        report.set(step.bytes);
        this.emit(report);
        this.playFrom();
      });
      return;
    }
  }

  private end(end: LinkEnd): void {
    const notify = this.markEnded(end);
    if (!notify) return;
    this.cancelTimer();
    notify();
  }
}

// A recorded write matches when its bytes match and the rest is zero padding.
function samePayload(expected: Uint8Array, actual: Uint8Array): boolean {
  if (actual.length < expected.length) return false;
  return actual.every((byte, i) => (i < expected.length ? byte === expected[i] : byte === 0));
}
