// The Omron HEM-7322U as a measuring device: the patient presses START on the tensiometer, which measures
// on its own and stores the reading; the cabin downloads the memory over HID and takes the record that
// was not there when the measurement began. The device sends no cuff pressure over USB.
import {
  err,
  ok,
  type Cancel,
  type Clock,
  type DeviceIdentity,
  type MeasurementFact,
  type Result,
} from '../../contract';
import type { ByteLink } from '../../drivers/byte-link';
import {
  LinkMeasuringDevice,
  reportFraming,
  type MeasurementRun,
  type ReportEntry,
} from '../link-measuring-device';
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

/** Timing of the download; defaults suit the real device. */
export interface OmronSettings {
  /** Wait for one reply (obpm waits 1000 ms in `hid_read_timeout`). */
  readonly replyTimeoutMs: number;
  /** Pause between two downloads while waiting for the patient's reading. */
  readonly pollMs: number;
  /** How long the patient has to press START and finish the measurement. */
  readonly waitMs: number;
  /** Extra tries of one read after a garbled reply. */
  readonly retries: number;
}

const DEFAULTS: OmronSettings = { replyTimeoutMs: 1000, pollMs: 3000, waitMs: 120_000, retries: 2 };

// A record's identity in memory: its bytes of values and date (the device has no record id).
const recordKey = (r: OmronRecord): string =>
  [r.systolic, r.diastolic, r.pulse, r.year, r.month, r.day, r.hour, r.minute].join(',');

/** The HEM-7322U on a HID link; owns the link. Its monitor shows every report both ways, decoded. */
export class OmronHem7322uDevice extends LinkMeasuringDevice<
  ReportEntry<OmronCommand, OmronReply>,
  OmronSettings
> {
  readonly kind = 'bloodPressure' as const;
  private busy = false;

  constructor(link: ByteLink, clock: Clock, options: Partial<OmronSettings> = {}) {
    super(link, clock, DEFAULTS, options, reportFraming(decodeReply));
  }

  /**
   * The memory protocol (LazyT/obpm) has no identification command: every field null while the link is
   * open; the USB descriptors (manufacturer, product, serial number, release) tell the rest.
   */
  identify(): Promise<Result<DeviceIdentity>> {
    return this.silentIdentity(() => Promise.resolve(true));
  }

  /** 'ok' when the device acknowledges an init and an end; never throws. */
  check(): Promise<PeripheralState> {
    return this.selfTest(this.busy, async () => {
      this.busy = true;
      try {
        const opened = await this.command(encodeInit(), 'ack');
        const closed = opened.ok ? await this.command(encodeEnd(), 'ack') : opened;
        return closed.ok ? 'ok' : null;
      } catch {
        return 'faulty';
      } finally {
        this.busy = false;
      }
    });
  }

  measure(report: (fact: MeasurementFact) => void): Cancel {
    return this.startMeasurement(report, (run) => {
      if (this.busy) return run.fail({ code: 'device.error', detail: 'a download is already running' });
      this.busy = true;
      run.onStop(() => {
        this.busy = false;
      });
      run.progress({ stage: 'preparing' });
      this.waitForNewRecord(run).catch((error: unknown) => {
        run.fail({ code: 'device.error', detail: error instanceof Error ? error.message : String(error) });
      });
    });
  }

  // What is in memory when the measurement starts is not this patient's: only a record added later is.
  private async waitForNewRecord(run: MeasurementRun): Promise<void> {
    const { pollMs, waitMs } = this.settings;
    const before = await this.download();
    if (run.over) return;
    if (!before.ok) return run.fail(before.error);
    const known = new Map<string, number>();
    for (const r of before.value) known.set(recordKey(r), (known.get(recordKey(r)) ?? 0) + 1);
    for (let waited = 0; waited < waitMs; waited += pollMs) {
      await new Promise<void>((resolve) => run.after(pollMs, resolve));
      const after = await this.download();
      if (run.over) return;
      if (!after.ok) return run.fail(after.error);
      const newest = newRecords(known, after.value)
        .sort((a, b) => recordTime(a) - recordTime(b))
        .at(-1);
      if (newest)
        return run.take(
          this.measurement([
            { name: 'systolic', value: newest.systolic, unit: 'mmHg' },
            { name: 'diastolic', value: newest.diastolic, unit: 'mmHg' },
            { name: 'pulse', value: newest.pulse, unit: 'bpm' },
          ]),
        );
    }
    run.fail({ code: 'measurement.noNewReading', detail: `no new record in ${waitMs} ms` });
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
        if (this.ended === null) await this.link.write(this.outgoing(encodeAbort()));
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
    const { replyTimeoutMs } = this.settings;
    const raw = await this.answerWithin<Uint8Array>(
      replyTimeoutMs,
      (answer) => this.onFrame((entry) => answer(entry.bytes)),
      this.outgoing(bytes),
    );
    if (raw === null) {
      if (this.ended !== null)
        return err({ code: 'device.unplugged', detail: `${this.link.name}: link ${this.ended}` });
      // obpm: no answer to init means the tensiometer is off or not in transfer mode.
      return err({ code: 'device.timeout', detail: `no reply in ${replyTimeoutMs} ms` });
    }
    const reply = decodeReply(raw);
    // obpm takes any report within the time as the answer to init and end, whatever its bytes: the ack's
    // layout here is reconstructed, and a real device's own must not stop the download.
    if (expected === 'ack')
      return ok(reply.ok && reply.value.type === 'ack' ? reply.value : { type: 'ack', code: raw[2] ?? 0 });
    if (!reply.ok)
      return err({ code: 'device.error', detail: `${reply.error.code}: ${reply.error.detail ?? ''}` });
    if (reply.value.type !== expected)
      return err({ code: 'device.error', detail: `unexpected ${reply.value.type}` });
    return reply;
  }

  // Shows a command on the technician's monitor; answers its bytes, to be written.
  private outgoing(bytes: Uint8Array): Uint8Array {
    this.show({ direction: 'toDevice', bytes, frame: decodeCommand(bytes) });
    return bytes;
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
