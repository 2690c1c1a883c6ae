// A simulated Beurer PO 80 on the device end of a HID link: after `9B 01 1C` it streams a waveform report
// and a live report every tick, stops when the keep-alives stop, and misbehaves on demand. Like the real
// one (hid-pulse-oximeter's README shows its output) it first sends a few reports with no value while it
// searches (`EB 01 xx 7F 7F`), then readings that wander by a unit or two from one report to the next
// around the patient's values; it answers the model request `81 01` with `F1` and its model in ASCII and
// the user request `8E 03 11` with `FE 03` and the user name, space-padded to 7 characters.
import type { ByteLink } from '../../drivers/byte-link';
import { after, type Cancel, type Clock } from '../../contract';
import { decodeCommand, encodeLive, type BeurerCommand } from './beurer-codec';

/** What the simulated oximeter can do wrong, or what the patient does wrong. */
export type BeurerFault =
  | 'noFinger'
  /** Readings jump around: the patient moves the hand. */
  | 'motion'
  | 'garbage'
  /** Live reports cut after two bytes (they arrive zero-padded). */
  | 'truncated'
  /** A live report with a corrupted data byte (bit 7 set, which Contec's framing forbids). */
  | 'badChecksum'
  | 'silence'
  /** The cable is pulled at the next tick. */
  | 'unplug';

/** Options of the simulator. */
export interface BeurerSimulatorOptions {
  /** Gap between two ticks (one waveform and one live report each). */
  readonly tickMs?: number;
  /** Ticks without a keep-alive after which the device stops streaming. */
  readonly ticksWithoutKeepAlive?: number;
  /** The patient's true values. */
  readonly reading?: { readonly pulse: number; readonly spo2: number };
  /** Live reports with no value after each start, while the device searches (2 by default). */
  readonly searchReports?: number;
  /** Readings wander around the true values as a real finger's do (true by default); false: constant. */
  readonly wander?: boolean;
  /** The model the device answers to `81 01` (4 ASCII characters; `PO80` by default). */
  readonly model?: string;
  /** The user name answered to `8E 03 11` (`user` by default). */
  readonly user?: string;
}

// How real readings wander from one report to the next (bpm, %): zero in the middle of any five in a row,
// so the median of five agreeing readings is the true value.
const PULSE_WANDER = [0, 1, 0, -1];
const SPO2_WANDER = [0, 0, -1, 0, 1];

// A waveform report `EB 00 …`: samples the cabin does not read (hid.py groups them 6 bytes a value).
const WAVEFORM = Uint8Array.from([0xeb, 0x00, 0x20, 0x31, 0x42, 0x35, 0x28, 0x1c]);

/** The simulated PO 80; attach it to the device end of a link pair. It streams on `clock`. */
export class BeurerPo80Simulator {
  /** Every command received, decoded (undecodable ones as null). */
  readonly received: (BeurerCommand | null)[] = [];
  private readonly tickMs: number;
  private readonly ticksWithoutKeepAlive: number;
  private reading: { pulse: number; spo2: number };
  private fault: BeurerFault | null = null;
  private streaming = false;
  private ticksSinceKeepAlive = 0;
  private tickCount = 0;
  private cancelTick: Cancel = () => undefined;
  private searchLeft = 0;
  private liveCount = 0;

  constructor(
    private readonly link: ByteLink,
    private readonly clock: Clock,
    private readonly options: BeurerSimulatorOptions = {},
  ) {
    this.tickMs = options.tickMs ?? 100;
    this.ticksWithoutKeepAlive = options.ticksWithoutKeepAlive ?? 50;
    this.reading = { ...(options.reading ?? { pulse: 71, spo2: 97 }) };
    link.onData((report) => this.receive(report));
    link.onEnd(() => this.cancelTick());
  }

  /** Sets the patient's true values. */
  setReading(reading: { readonly pulse: number; readonly spo2: number }): void {
    this.reading = { ...reading };
  }

  /** Misbehaves from now on; `null` behaves again (the finger back in, the hand still). */
  misbehave(fault: BeurerFault | null): void {
    this.fault = fault;
  }

  /** True while the device streams live data. */
  get isStreaming(): boolean {
    return this.streaming;
  }

  private receive(report: Uint8Array): void {
    const command = decodeCommand(report);
    this.received.push(command.ok ? command.value : null);
    if (!command.ok) return;
    if (command.value.type === 'start' || command.value.type === 'keepAlive') this.ticksSinceKeepAlive = 0;
    if (command.value.type === 'other') return void this.answer(report);
    if (command.value.type === 'start' && !this.streaming) {
      this.streaming = true;
      this.searchLeft = this.options.searchReports ?? 2;
      this.cancelTick = after(this.clock, this.tickMs, () => this.tick());
    }
  }

  private tick(): void {
    this.ticksSinceKeepAlive += 1;
    this.tickCount += 1;
    if (this.ticksSinceKeepAlive > this.ticksWithoutKeepAlive) {
      this.streaming = false;
      return;
    }
    const fault = this.fault;
    if (fault === 'unplug') {
      void this.link.close();
      return;
    }
    if (fault !== 'silence') {
      void this.link.write(WAVEFORM);
      void this.link.write(this.liveReport(fault));
    }
    this.cancelTick = after(this.clock, this.tickMs, () => this.tick());
  }

  /** Answers the model (`81 01`) and user (`8E 03 11`) requests as the real device does. */
  private answer(report: Uint8Array): void {
    const ascii = (text: string, length: number) =>
      Array.from(text.padStart(length, ' ').slice(0, length), (c) => c.charCodeAt(0) & 0x7f);
    if (report[0] === 0x81 && report[1] === 0x01)
      void this.link.write(Uint8Array.from([0xf1, ...ascii(this.options.model ?? 'PO80', 4)]));
    if (report[0] === 0x8e && report[1] === 0x03)
      void this.link.write(Uint8Array.from([0xfe, 0x03, ...ascii(this.options.user ?? 'user', 7)]));
  }

  private liveReport(fault: BeurerFault | null): Uint8Array {
    if (this.searchLeft > 0 && fault !== 'garbage' && fault !== 'truncated') {
      this.searchLeft -= 1;
      return encodeLive(null, null, 5);
    }
    const n = this.liveCount;
    this.liveCount += 1;
    const wander = this.options.wander ?? true;
    const pulse = this.reading.pulse + (wander ? (PULSE_WANDER[n % PULSE_WANDER.length] ?? 0) : 0);
    const spo2 = Math.min(100, this.reading.spo2 + (wander ? (SPO2_WANDER[n % SPO2_WANDER.length] ?? 0) : 0));
    switch (fault) {
      case 'noFinger':
        return encodeLive(null, null);
      case 'motion': {
        // A moving hand: values swing by ±12 bpm and ±4 % from one report to the next.
        const swing = this.tickCount % 2 === 0 ? 1 : -1;
        return encodeLive(pulse + 12 * swing, Math.min(100, spo2 + 4 * swing) - (swing < 0 ? 4 : 0));
      }
      case 'garbage':
        return Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + this.tickCount * 11) & 0x7f);
      case 'truncated':
        return encodeLive(pulse, spo2).slice(0, 2);
      case 'badChecksum': {
        const report = encodeLive(pulse, spo2);
        report[4] = (report[4] ?? 0) | 0x80;
        return report;
      }
      case 'silence':
      case 'unplug':
      case null:
        return encodeLive(pulse, spo2);
    }
  }
}
