// The Omron HEM-7322U as a measuring device: the patient presses START on the tensiometer, which measures
// on its own and stores the reading; the cabin downloads the memory over HID and takes the record that
// was not there when the measurement began. The device sends no cuff pressure over USB.
import type { CabinError, Measurement, Result } from '../../contract';
import { err, ok } from '../../contract';
import type { ByteLink } from '../../drivers/byte-link';
import { HidMeasuringDevice, type HidDeviceTiming, type HidMonitorEntry } from '../hid-measuring-device';
import type { MeasurementFact, MeasuringDevice } from '../measuring-device';
import type { Cancel } from '../peripheral';
import type { PeripheralState } from '../peripheral';
import {
  decodeCommand,
  decodeMemory,
  decodeReply,
  encodeAbort,
  encodeEnd,
  encodeInit,
  encodeReadBlock,
  OMRON_BLOCK_COUNT,
  OMRON_BLOCK_SIZE,
  OMRON_MEMORY_START,
  recordTime,
  type OmronCommand,
  type OmronRecord,
  type OmronReply,
} from './omron-codec';

/** One report seen on the link, decoded, for the technician's monitor. */
export type OmronMonitorEntry = HidMonitorEntry<OmronCommand, OmronReply>;

/** Timing of the download; defaults suit the real device. */
export interface OmronDeviceOptions extends HidDeviceTiming {
  /** Wait for one reply (obpm waits 1000 ms in `hid_read_timeout`). */
  readonly replyTimeoutMs?: number;
  /** Pause between two downloads while waiting for the patient's reading. */
  readonly pollMs?: number;
  /** How long the patient has to press START and finish the measurement. */
  readonly waitMs?: number;
  /** Extra tries of one read after a garbled reply. */
  readonly retries?: number;
}

const DEFAULTS = { replyTimeoutMs: 1000, pollMs: 3000, waitMs: 120_000, retries: 2 };

// A record's identity in memory: its bytes of values and date (the device has no record id).
const recordKey = (r: OmronRecord): string =>
  [r.systolic, r.diastolic, r.pulse, r.year, r.month, r.day, r.hour, r.minute].join(',');

/** The HEM-7322U on a HID link; owns the link. */
export class OmronHem7322uDevice
  extends HidMeasuringDevice<OmronMonitorEntry, typeof DEFAULTS>
  implements MeasuringDevice
{
  readonly kind = 'bloodPressure' as const;
  private pendingReply: ((reply: Result<Uint8Array | null>) => void) | null = null;
  private busy = false;

  constructor(link: ByteLink, options: OmronDeviceOptions = {}) {
    super(link, DEFAULTS, options);
    link.onData((chunk) => {
      this.emit({ direction: 'fromDevice', bytes: chunk, frame: decodeReply(chunk) });
      const pending = this.pendingReply;
      this.pendingReply = null;
      pending?.(ok(chunk));
    });
    link.onEnd((end) => {
      const pending = this.pendingReply;
      this.pendingReply = null;
      pending?.(err({ code: 'device.unplugged', detail: `${link.name}: link ${end}` }));
    });
  }

  /** 'ok' when the device acknowledges an init and an end; never throws. */
  async check(): Promise<PeripheralState> {
    if (this.ended) return 'absent';
    if (this.busy) return 'ok';
    this.busy = true;
    try {
      const opened = await this.command(encodeInit(), 'ack');
      if (!opened.ok) return this.ended ? 'absent' : 'faulty';
      const closed = await this.command(encodeEnd(), 'ack');
      return closed.ok ? 'ok' : this.ended ? 'absent' : 'faulty';
    } catch {
      return 'faulty';
    } finally {
      this.busy = false;
    }
  }

  measure(report: (fact: MeasurementFact) => void): Cancel {
    let cancelled = false;
    let ownsLink = false;
    let cancelWait: () => void = () => undefined;
    const finish = (fact: MeasurementFact): void => {
      if (cancelled) return;
      cancelled = true;
      if (ownsLink) this.busy = false;
      cancelWait();
      stopWatchingEnd();
      report(fact);
    };
    const fail = (error: CabinError): void => finish({ type: 'failed', error });
    const pause = (ms: number): Promise<void> =>
      new Promise((resolve) => {
        cancelWait = this.schedule(ms, resolve);
      });

    // A pulled cable ends the measurement at once, even between two downloads.
    const stopWatchingEnd = this.link.onEnd((end) =>
      fail({ code: 'device.unplugged', detail: `${this.link.name}: link ${end}` }),
    );
    const run = async (): Promise<void> => {
      if (this.ended)
        return fail({ code: 'device.unplugged', detail: `${this.link.name}: link ${this.ended}` });
      if (this.busy) return fail({ code: 'device.error', detail: 'a download is already running' });
      this.busy = true;
      ownsLink = true;
      report({ type: 'progressed', progress: { stage: 'preparing' } });
      // What is in memory now is not this patient's: only a record added from here on is.
      const before = await this.download();
      if (cancelled) return;
      if (!before.ok) return fail(before.error);
      const known = new Map<string, number>();
      for (const r of before.value) known.set(recordKey(r), (known.get(recordKey(r)) ?? 0) + 1);
      for (let waited = 0; waited < this.settings.waitMs; waited += this.settings.pollMs) {
        await pause(this.settings.pollMs);
        if (cancelled) return;
        const after = await this.download();
        if (cancelled) return;
        if (!after.ok) return fail(after.error);
        const fresh = newRecords(known, after.value);
        const newest = fresh.sort((a, b) => recordTime(a) - recordTime(b)).at(-1);
        if (newest) return finish({ type: 'taken', measurement: this.measurement(newest) });
      }
      fail({ code: 'measurement.noNewReading', detail: `no new record in ${this.settings.waitMs} ms` });
    };
    run().catch((error: unknown) => {
      fail({ code: 'device.error', detail: error instanceof Error ? error.message : String(error) });
    });
    return () => {
      cancelled = true;
      if (ownsLink) this.busy = false;
      cancelWait();
      stopWatchingEnd();
    };
  }

  // Init, 70 reads from 0x02AC, end: both users' records, in slot order.
  private async download(): Promise<Result<OmronRecord[]>> {
    const opened = await this.command(encodeInit(), 'ack');
    if (!opened.ok) return opened;
    const memory = new Uint8Array(OMRON_BLOCK_COUNT * OMRON_BLOCK_SIZE);
    for (let block = 0; block < OMRON_BLOCK_COUNT; block += 1) {
      const address = OMRON_MEMORY_START + block * OMRON_BLOCK_SIZE;
      const data = await this.readBlock(address);
      if (!data.ok) {
        if (!this.ended) await this.send(encodeAbort());
        return data;
      }
      memory.set(data.value, block * OMRON_BLOCK_SIZE);
    }
    const closed = await this.command(encodeEnd(), 'ack');
    if (!closed.ok) return closed;
    return ok(decodeMemory(memory).flat());
  }

  private async readBlock(address: number): Promise<Result<Uint8Array>> {
    const reply = await this.command(encodeReadBlock(address), 'block');
    if (!reply.ok) return reply;
    if (reply.value.type !== 'block' || reply.value.address !== address) {
      return err({ code: 'device.error', detail: `reply for another address at 0x${address.toString(16)}` });
    }
    return ok(reply.value.data);
  }

  // Sends a command again after a garbled reply (the device answers the same command the same way).
  private async command(bytes: Uint8Array, expected: OmronReply['type']): Promise<Result<OmronReply>> {
    let reply = await this.exchange(bytes, expected);
    for (let attempt = 0; attempt < this.settings.retries && !reply.ok; attempt += 1) {
      if (reply.error.code !== 'device.error') break;
      reply = await this.exchange(bytes, expected);
    }
    return reply;
  }

  // Writes a command and waits for one reply of the expected type.
  private async exchange(bytes: Uint8Array, expected: OmronReply['type']): Promise<Result<OmronReply>> {
    const replied = this.nextReply();
    const sent = await this.send(bytes);
    if (!sent.ok) return sent;
    const raw = await replied;
    if (!raw.ok) return raw;
    if (raw.value === null) {
      // obpm: no answer to init means the tensiometer is off or not in transfer mode.
      return err({ code: 'device.timeout', detail: `no reply in ${this.settings.replyTimeoutMs} ms` });
    }
    const reply = decodeReply(raw.value);
    if (!reply.ok)
      return err({ code: 'device.error', detail: `${reply.error.code}: ${reply.error.detail ?? ''}` });
    if (reply.value.type !== expected)
      return err({ code: 'device.error', detail: `unexpected ${reply.value.type}` });
    return reply;
  }

  private async send(bytes: Uint8Array): Promise<Result<void>> {
    this.emit({ direction: 'toDevice', bytes, frame: decodeCommand(bytes) });
    const sent = await this.link.write(bytes);
    if (!sent.ok)
      return err({ code: this.ended ? 'device.unplugged' : 'device.error', detail: sent.error.code });
    return sent;
  }

  // The next input report, null after the reply timeout.
  private nextReply(): Promise<Result<Uint8Array | null>> {
    if (this.ended) {
      return Promise.resolve(
        err({ code: 'device.unplugged', detail: `${this.link.name}: link ${this.ended}` }),
      );
    }
    return new Promise((resolve) => {
      const cancelTimer = this.schedule(this.settings.replyTimeoutMs, () => {
        this.pendingReply = null;
        resolve(ok(null));
      });
      this.pendingReply = (reply) => {
        cancelTimer();
        resolve(reply);
      };
    });
  }

  private measurement(record: OmronRecord): Measurement {
    return {
      kind: 'bloodPressure',
      quantities: [
        { name: 'systolic', value: record.systolic, unit: 'mmHg' },
        { name: 'diastolic', value: record.diastolic, unit: 'mmHg' },
        { name: 'pulse', value: record.pulse, unit: 'bpm' },
      ],
      takenAt: this.now(),
    };
  }
}

// Records present now that were not there before (counting duplicates: the same reading can repeat).
function newRecords(known: ReadonlyMap<string, number>, records: readonly OmronRecord[]): OmronRecord[] {
  const remaining = new Map(known);
  const fresh: OmronRecord[] = [];
  for (const record of records) {
    const key = recordKey(record);
    const count = remaining.get(key) ?? 0;
    if (count > 0) remaining.set(key, count - 1);
    else fresh.push(record);
  }
  return fresh;
}
