// A simulated HEM-7322U on the device end of a HID link: it answers init, reads and end with the same
// reports as the real one (see omron-codec.ts for the layout and its sources), keeps 2 × 100 records,
// and misbehaves on demand.
import type { ByteLink } from '../../drivers/byte-link';
import { after, type Clock } from '../../contract';
import {
  decodeCommand,
  emptyRecord,
  encodeAck,
  encodeBlockReply,
  encodeRecord,
  OMRON_BLOCK_SIZE,
  OMRON_MEMORY_START,
  OMRON_RECORD_SIZE,
  OMRON_RECORDS_PER_USER,
  OMRON_USERS,
  type OmronCommand,
  type OmronRecord,
} from './omron-codec';

/** What the simulated tensiometer can do wrong. */
export type OmronFault =
  /** Replies random bytes. */
  | 'garbage'
  /** Replies cut short: LEN says more than the report holds. */
  | 'truncated'
  /** Replies with a wrong CRC. */
  | 'badChecksum'
  /** Does not answer (off, or not in transfer mode). */
  | 'silence'
  /** The cable is pulled at the next command. */
  | 'unplug';

/** A reading the patient takes by pressing START; the date is the device's own clock. */
export interface OmronReading {
  readonly systolic: number;
  readonly diastolic: number;
  readonly pulse: number;
  readonly at?: {
    readonly year: number;
    readonly month: number;
    readonly day: number;
    readonly hour: number;
    readonly minute: number;
  };
}

/** Options of the simulator. */
export interface OmronSimulatorOptions {
  /** Delay of each reply (a real USB round trip is a few ms). */
  readonly replyDelayMs?: number;
  /** Records already in user 1's memory (older patients). */
  readonly history?: readonly OmronRecord[];
  /**
   * The report the device answers to init and end, when a real device's differs from the reconstructed
   * `02 08 8x 00 00 00 00 00 CRC` (obpm reads no byte of it).
   */
  readonly ackReport?: Uint8Array;
}

/** The simulated HEM-7322U; attach it to the device end of a link pair. It replies on `clock`. */
export class OmronHem7322uSimulator {
  /** Every command received, decoded (undecodable ones as null). */
  readonly received: (OmronCommand | null)[] = [];
  private readonly memory: Uint8Array;
  private readonly replyDelayMs: number;
  private readonly ackReport: Uint8Array | undefined;
  private fault: OmronFault | null = null;
  private faultsLeft = Number.POSITIVE_INFINITY;
  private nextSlot = 0;
  private clockMinute = 0;

  constructor(
    private readonly link: ByteLink,
    private readonly clock: Clock,
    options: OmronSimulatorOptions = {},
  ) {
    this.replyDelayMs = options.replyDelayMs ?? 2;
    this.ackReport = options.ackReport;
    this.memory = new Uint8Array(OMRON_USERS * OMRON_RECORDS_PER_USER * OMRON_RECORD_SIZE);
    for (let slot = 0; slot < OMRON_USERS * OMRON_RECORDS_PER_USER; slot += 1) {
      this.memory.set(emptyRecord(), slot * OMRON_RECORD_SIZE);
    }
    for (const record of options.history ?? []) this.store(record);
    link.onData((report) => this.answer(report));
  }

  /** The patient presses START: the device measures and stores this reading in user 1's memory. */
  pressStart(reading: OmronReading): void {
    this.clockMinute += 1;
    const at = reading.at ?? {
      year: 2026,
      month: 11,
      day: 20,
      hour: 9 + Math.floor(this.clockMinute / 60),
      minute: this.clockMinute % 60,
    };
    this.store({ systolic: reading.systolic, diastolic: reading.diastolic, pulse: reading.pulse, ...at });
  }

  /** Misbehaves from now on (for `times` replies when given); `null` behaves again. */
  misbehave(fault: OmronFault | null, times = Number.POSITIVE_INFINITY): void {
    this.fault = fault;
    this.faultsLeft = times;
  }

  private store(record: OmronRecord): void {
    // When user 1's memory is full the device overwrites the oldest: a ring over the 100 slots.
    const slot = this.nextSlot % OMRON_RECORDS_PER_USER;
    this.nextSlot += 1;
    this.memory.set(encodeRecord(record), slot * OMRON_RECORD_SIZE);
  }

  private answer(report: Uint8Array): void {
    const command = decodeCommand(report);
    this.received.push(command.ok ? command.value : null);
    if (!command.ok) return; // The real device ignores what it does not understand.
    const fault = this.takeFault();
    if (fault === 'unplug') {
      void this.link.close();
      return;
    }
    if (fault === 'silence') return;
    const reply = this.replyTo(command.value);
    if (reply === null) return;
    after(this.clock, this.replyDelayMs, () => void this.link.write(this.spoil(reply, fault)));
  }

  private replyTo(command: OmronCommand): Uint8Array | null {
    switch (command.type) {
      case 'init':
        return this.ackReport ?? encodeAck('init');
      case 'end':
      case 'abort':
        return this.ackReport ?? encodeAck('end');
      case 'read': {
        const offset = command.address - OMRON_MEMORY_START;
        const data = new Uint8Array(OMRON_BLOCK_SIZE).fill(0xff);
        if (offset >= 0) data.set(this.memory.subarray(offset, offset + OMRON_BLOCK_SIZE));
        return encodeBlockReply(command.address, data);
      }
    }
  }

  private spoil(reply: Uint8Array, fault: OmronFault | null): Uint8Array {
    switch (fault) {
      case 'garbage':
        return Uint8Array.from({ length: 64 }, (_, i) => (i * 73 + 41) & 0xff);
      case 'truncated':
        return reply.slice(0, Math.max(3, Math.floor(reply.length / 2)));
      case 'badChecksum': {
        const spoiled = Uint8Array.from(reply);
        const crcAt = spoiled[1] ?? 0;
        spoiled[crcAt] = (spoiled[crcAt] ?? 0) ^ 0x5a;
        return spoiled;
      }
      case 'silence':
      case 'unplug':
      case null:
        return reply;
    }
  }

  private takeFault(): OmronFault | null {
    if (this.fault === null) return null;
    const fault = this.fault;
    this.faultsLeft -= 1;
    if (this.faultsLeft <= 0) this.fault = null;
    return fault;
  }
}
