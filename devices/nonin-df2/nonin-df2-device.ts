// The pulse oximeter on its link: frames resynchronised by the frame splitter, packets assembled on the
// sync bit, and a measurement accepted only after a few consecutive clean packets (no artifact, finger in,
// no red perfusion), as the Nonin OEM III specification recommends before displaying a value.
// Perfusion is indicated only during a pulse (STATUS bits 2..1 clear the rest of the time, 0x80 in most
// frames of a good reading): the device keeps the last indication seen, as the oximeter's own LED does,
// and refuses the red one, never the absence of one.
import {
  err,
  ok,
  type CabinError,
  type Cancel,
  type Clock,
  type DeviceIdentity,
  type MeasurementFact,
  type Result,
} from '../../contract';
import type { ByteLink } from '../../drivers/byte-link';
import { FrameSplitter } from '../../drivers/serial';
import { identityOf } from '../device-identity';
import { LinkMeasuringDevice } from '../link-measuring-device';
import type { PeripheralState } from '../peripheral';
import {
  decodeNoninDf2Frame,
  decodeNoninPacket,
  isNoninFrame,
  NONIN_FRAME_LENGTH,
  NONIN_PACKET_FRAMES,
  type NoninFrame,
  type NoninPacket,
  type NoninPerfusion,
} from './nonin-df2-codec';

/**
 * What the oximeter's monitor shows: one line a packet (three a second), not each of its 75 frames; its
 * `perfusion` is the last indication seen (the packet's own, or the one before it when no frame of the
 * packet fell during a pulse).
 */
export type NoninDf2DecodedFrame = { readonly type: 'packet' } & NoninPacket;

/** Timing of the oximeter device (defaults suit a patient; tests shorten them). */
export interface NoninDf2Settings {
  /** Consecutive clean packets needed for a value (6: two seconds). */
  readonly stablePackets: number;
  /** How long a patient may take before the last refusal is reported. */
  readonly attemptMs: number;
  /** No frame for this long means the oximeter stopped talking (it streams 75 frames/s). */
  readonly silenceMs: number;
}

const DEFAULTS: NoninDf2Settings = { stablePackets: 6, attemptMs: 30_000, silenceMs: 2000 };

/** A Nonin Data Format #2 oximeter on a byte link. */
export class NoninDf2Device extends LinkMeasuringDevice<NoninDf2DecodedFrame, NoninDf2Settings> {
  readonly kind = 'oxygenSaturation' as const;
  private packetFrames: NoninFrame[] = [];
  /** The last perfusion indication seen; 'none' until a pulse shows one, or since the finger left. */
  private lastPerfusion: NoninPerfusion = 'none';
  private readonly frameSeen = new Set<() => void>();

  constructor(link: ByteLink, clock: Clock, options: Partial<NoninDf2Settings> = {}) {
    super(link, clock, DEFAULTS, options);
    const splitter = new FrameSplitter({ frameLength: NONIN_FRAME_LENGTH, accepts: isNoninFrame }, (bytes) =>
      this.frame(bytes),
    );
    link.onData((chunk) => splitter.push(chunk));
  }

  async check(): Promise<PeripheralState> {
    // The oximeter streams from power-up: one good frame within a second and a half says it is there.
    return (await this.answerWithin(1500, (seen) => this.onFrameSeen(() => seen(true)))) ? 'ok' : 'absent';
  }

  /**
   * Data Format #2 carries the firmware revision in DATA of frame 4 of every packet: the next whole packet
   * tells it (in decimal); the format has no model or serial number.
   */
  async identify(): Promise<Result<DeviceIdentity>> {
    if (this.ended !== null) return this.noAnswer();
    // A packet lasts a third of a second; two of them cover one cut by the start of the wait.
    const packet = await this.answerWithin<NoninDf2DecodedFrame>(
      Math.max(this.settings.silenceMs, 1000),
      (answer) => this.onFrame(answer),
    );
    if (packet === null) return this.noAnswer();
    return ok(identityOf('device', { firmware: String(packet.firmwareRevision) }));
  }

  measure(report: (fact: MeasurementFact) => void): Cancel {
    return this.startMeasurement(report, (run) => {
      const s = this.settings;
      let good: Reading[] = [];
      let lastRefusal: CabinError | undefined;
      let fingerReported = false;
      const heard = run.silenceWatch(s.silenceMs, () =>
        run.fail({ code: 'device.timeout', detail: 'no frame from the oximeter' }),
      );
      run.after(s.attemptMs, () => run.fail(lastRefusal ?? { code: 'device.timeout' }));
      run.onStop(this.onFrameSeen(heard));
      const onPacket = (packet: NoninPacket): void => {
        const reading = readingOf(packet);
        if (!reading.ok) {
          lastRefusal = reading.error;
          good = [];
          return;
        }
        if (!fingerReported) {
          fingerReported = true;
          run.progress({ stage: 'fingerDetected' });
        }
        good.push(reading.value);
        if (good.length === 1) run.progress({ stage: 'keepStill' });
        if (good.length < s.stablePackets) return;
        const mean = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) / values.length);
        run.take(
          this.measurement([
            { name: 'spo2', value: mean(good.map((r) => r.spo2)), unit: '%' },
            { name: 'pulse', value: mean(good.map((r) => r.pulse)), unit: 'bpm' },
          ]),
        );
      };
      run.onStop(this.onFrame(onPacket));
    });
  }

  /** Calls `listener` at every well-formed frame; answers the unsubscribe function. */
  private onFrameSeen(listener: () => void): Cancel {
    this.frameSeen.add(listener);
    return () => this.frameSeen.delete(listener);
  }

  private frame(bytes: Uint8Array): void {
    const frame = decodeNoninDf2Frame(bytes);
    if (frame === null) return;
    for (const listener of [...this.frameSeen]) listener();
    // A sync frame starts a packet; a packet broken by a lost frame is dropped whole.
    if (frame.status.sync) this.packetFrames = [];
    else if (this.packetFrames.length === 0) return;
    this.packetFrames.push(frame);
    if (this.packetFrames.length < NONIN_PACKET_FRAMES) return;
    const packet = decodeNoninPacket(this.packetFrames);
    this.packetFrames = [];
    if (packet === null) return;
    if (packet.sensorDisconnected) this.lastPerfusion = 'none';
    else if (packet.perfusion !== 'none') this.lastPerfusion = packet.perfusion;
    this.deliver({ type: 'packet', ...packet, perfusion: this.lastPerfusion });
  }
}

/** The values of one clean packet. */
interface Reading {
  readonly spo2: number;
  readonly pulse: number;
}

/** A packet's values, or why it cannot be used for a measurement. */
function readingOf(packet: NoninPacket): Result<Reading> {
  if (packet.sensorDisconnected) return err({ code: 'measurement.noFinger' });
  if (packet.artifact) return err({ code: 'measurement.motion' });
  // Red is low perfusion; 'none' is only the absence of an indication (no pulse yet in view).
  if (packet.perfusion === 'low') return err({ code: 'measurement.lowPerfusion' });
  // Out of track (no consecutive good pulses) or a sensor alarm: the reading is not settled yet.
  if (packet.outOfTrack || packet.sensorAlarm) return err({ code: 'measurement.unstable' });
  if (packet.heartRate === null || packet.spo2 === null) return err({ code: 'measurement.unstable' });
  return ok({ spo2: packet.spo2, pulse: packet.heartRate });
}
