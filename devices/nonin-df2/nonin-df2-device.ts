// The pulse oximeter on its link: frames resynchronised by the frame splitter, packets assembled on the
// sync bit, and a measurement accepted only after a few consecutive clean packets (no artifact, finger in,
// perfusion above red), as the Nonin OEM III specification recommends before displaying a value.
import type { CabinError, Measurement } from '../../contract';
import type { ByteLink, LinkEnd } from '../../drivers/byte-link';
import { FrameSplitter } from '../../drivers/serial';
import type { MeasurementFact, MeasuringDevice } from '../measuring-device';
import type { Cancel, PeripheralState } from '../peripheral';
import { realTimeSchedule, type Schedule } from '../simulated/simulation-timer';
import {
  decodeNoninDf2Frame,
  decodeNoninPacket,
  isNoninFrame,
  NONIN_FRAME_LENGTH,
  NONIN_PACKET_FRAMES,
  type NoninFrame,
  type NoninPacket,
} from './nonin-df2-codec';

/** What `diag monitor` prints for the oximeter: one line a packet (three a second). */
export type NoninDf2DecodedFrame = { readonly type: 'packet' } & NoninPacket;

/** Timing of the oximeter device (defaults suit a patient; tests shorten them). */
export interface NoninDf2DeviceOptions {
  readonly schedule?: Schedule;
  readonly now?: () => number;
  /** Consecutive clean packets needed for a value (default 6, two seconds). */
  readonly stablePackets?: number;
  /** How long a patient may take before the last refusal is reported (default 30 s). */
  readonly attemptMs?: number;
  /** No frame for this long means the oximeter stopped talking (default 2 s; it streams 75 frames/s). */
  readonly silenceMs?: number;
}

interface Run {
  readonly onPacket: (packet: NoninPacket) => void;
  readonly onFrame: () => void;
  readonly fail: (error: CabinError) => void;
}

/** A Nonin Data Format #2 oximeter on a byte link. */
export class NoninDf2Device implements MeasuringDevice {
  readonly kind = 'oxygenSaturation' as const;
  private readonly splitter: FrameSplitter;
  private packetFrames: NoninFrame[] = [];
  private ended: LinkEnd | undefined;
  private run: Run | undefined;
  private readonly monitors = new Set<(frame: NoninDf2DecodedFrame) => void>();
  private readonly frameWaiters = new Set<() => void>();
  private readonly schedule: Schedule;

  constructor(
    private readonly link: ByteLink,
    private readonly options: NoninDf2DeviceOptions = {},
  ) {
    this.schedule = options.schedule ?? realTimeSchedule;
    this.splitter = new FrameSplitter({ frameLength: NONIN_FRAME_LENGTH, accepts: isNoninFrame }, (bytes) =>
      this.frame(bytes),
    );
    link.onData((chunk) => this.splitter.push(chunk));
    link.onEnd((end) => {
      this.ended = end;
      this.run?.fail({ code: end === 'silent' ? 'device.timeout' : 'device.unplugged', detail: link.name });
    });
  }

  check(): Promise<PeripheralState> {
    if (this.ended !== undefined) return Promise.resolve('absent');
    // The oximeter streams from power-up: one good frame within a second and a half says it is there.
    return new Promise((resolve) => {
      const seen = () => {
        cancel();
        resolve('ok');
      };
      const cancel = this.schedule(1500, () => {
        this.frameWaiters.delete(seen);
        resolve('absent');
      });
      this.frameWaiters.add(seen);
    });
  }

  measure(report: (fact: MeasurementFact) => void): Cancel {
    let done = false;
    let good: NoninPacket[] = [];
    let lastRefusal: CabinError | undefined;
    let fingerReported = false;
    const stablePackets = this.options.stablePackets ?? 6;
    const cancels: (() => void)[] = [];
    const finish = (fact: MeasurementFact) => {
      if (done) return;
      done = true;
      this.run = undefined;
      cancels.forEach((cancel) => cancel());
      report(fact);
    };
    const fail = (error: CabinError) => finish({ type: 'failed', error });
    let cancelSilence: () => void = () => undefined;
    const armSilence = () => {
      cancelSilence();
      cancelSilence = this.schedule(this.options.silenceMs ?? 2000, () =>
        fail({ code: 'device.timeout', detail: 'no frame from the oximeter' }),
      );
    };
    cancels.push(() => cancelSilence());
    cancels.push(
      this.schedule(this.options.attemptMs ?? 30_000, () => fail(lastRefusal ?? { code: 'device.timeout' })),
    );
    this.run = {
      fail,
      onFrame: armSilence,
      onPacket: (packet) => {
        const refusal = refusalOf(packet);
        if (refusal !== undefined) {
          lastRefusal = refusal;
          good = [];
          return;
        }
        if (!fingerReported) {
          fingerReported = true;
          report({ type: 'progressed', progress: { stage: 'fingerDetected' } });
        }
        good.push(packet);
        if (good.length === 1) report({ type: 'progressed', progress: { stage: 'keepStill' } });
        if (good.length >= stablePackets) finish({ type: 'taken', measurement: this.measurement(good) });
      },
    };
    if (this.ended !== undefined) {
      const end = this.ended;
      queueMicrotask(() => fail({ code: end === 'silent' ? 'device.timeout' : 'device.unplugged' }));
    } else {
      armSilence();
    }
    return () => {
      done = true;
      if (this.run?.fail === fail) this.run = undefined;
      cancels.forEach((cancel) => cancel());
    };
  }

  /** Subscribes the technician's monitor to decoded packets; answers the unsubscribe function. */
  monitor(listener: (frame: NoninDf2DecodedFrame) => void): () => void {
    this.monitors.add(listener);
    return () => this.monitors.delete(listener);
  }

  /** Closes the link; the device is finished. */
  close(): Promise<void> {
    return this.link.close();
  }

  private frame(bytes: Uint8Array): void {
    const frame = decodeNoninDf2Frame(bytes);
    if (frame === null) return;
    this.run?.onFrame();
    for (const waiter of [...this.frameWaiters]) waiter();
    this.frameWaiters.clear();
    // A sync frame starts a packet; a packet broken by a lost frame is dropped whole.
    if (frame.status.sync) this.packetFrames = [];
    else if (this.packetFrames.length === 0) return;
    this.packetFrames.push(frame);
    if (this.packetFrames.length < NONIN_PACKET_FRAMES) return;
    const packet = decodeNoninPacket(this.packetFrames);
    this.packetFrames = [];
    if (packet === null) return;
    for (const monitor of this.monitors) monitor({ type: 'packet', ...packet });
    this.run?.onPacket(packet);
  }

  private measurement(packets: readonly NoninPacket[]): Measurement {
    const mean = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) / values.length);
    return {
      kind: this.kind,
      quantities: [
        { name: 'spo2', value: mean(packets.map((p) => p.spo2 ?? 0)), unit: '%' },
        { name: 'pulse', value: mean(packets.map((p) => p.heartRate ?? 0)), unit: 'bpm' },
      ],
      takenAt: (this.options.now ?? Date.now)(),
    };
  }
}

/** Why a packet cannot be used for a measurement, if it cannot. */
function refusalOf(packet: NoninPacket): CabinError | undefined {
  if (packet.sensorDisconnected) return { code: 'measurement.noFinger' };
  if (packet.artifact) return { code: 'measurement.motion' };
  if (packet.perfusion === 'low' || packet.perfusion === 'none') return { code: 'measurement.lowPerfusion' };
  // Out of track (no consecutive good pulses) or a sensor alarm: the reading is not settled yet.
  if (packet.outOfTrack || packet.sensorAlarm) return { code: 'measurement.unstable' };
  if (packet.heartRate === null || packet.spo2 === null) return { code: 'measurement.unstable' };
  return undefined;
}
