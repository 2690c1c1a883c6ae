// A Nonin oximeter in software: streams Data Format #2 at 75 frames a second on any ByteLink (a memory
// link under `npm start`, a pseudo-terminal in the integration tests), and misbehaves on demand. Like the
// real Xpod it sets the perfusion bits only during the ~160 ms of each pulse (12 frames at the pulse
// rate): every other frame carries no indication (STATUS 0x80, 0x81 on a sync frame).
import { every, type Cancel, type Clock } from '../../contract';
import type { ByteLink } from '../../drivers/byte-link';
import { ScriptedSimulator, type LineFault } from '../scripted-simulator';
import { encodeNoninPacket, NONIN_FRAME_LENGTH, type NoninStatusInput } from './nonin-df2-codec';

/** Frames of a pulse that carry the perfusion bits: about 160 ms at 75 frames a second. */
const PULSE_FRAMES = 12;

/** Faults the simulated oximeter can show; the first three happen once, the others last until 'none'. */
export type NoninDf2Fault = LineFault | 'noFinger' | 'motion' | 'lowPerfusion' | 'outOfTrack';

/** The patient the simulated oximeter reads. */
export interface NoninDf2Scenario {
  readonly heartRate: number;
  readonly spo2: number;
}

/** Options of the simulator: frames sent per write and the write period (75 frames/s by default). */
export interface NoninDf2SimulatorOptions {
  readonly framesPerWrite?: number;
  readonly writeIntervalMs?: number;
  /** The firmware revision sent in DATA of frame 4 (0x29 by default). */
  readonly firmwareRevision?: number;
}

/** What a functional tester (an SpO2 simulator) applies to the oximeter's clip. */
export interface OximeterTesterSetting {
  readonly spo2?: number;
  readonly heartRate?: number;
  /** The tester's "no finger" state: the clip reads nothing. */
  readonly noFinger?: boolean;
}

/** A simulated Nonin oximeter on the device side of a link; starts streaming at once, on `clock`. */
export class NoninDf2Simulator extends ScriptedSimulator<NoninDf2Scenario, NoninDf2Fault> {
  private packet: Uint8Array = new Uint8Array(0);
  private frameIndex = 0;
  private phase = 0;
  /** Frames sent since the last pulse began, to place the pulses at the simulated heart rate. */
  private sincePulse = 0;
  private readonly stopTimer: Cancel;
  private stopped = false;

  constructor(
    link: ByteLink,
    clock: Clock,
    private readonly options: NoninDf2SimulatorOptions = {},
  ) {
    super(link, { heartRate: 72, spo2: 97 });
    // 3 frames every 40 ms is 75 frames a second, the oximeter's own rate.
    this.stopTimer = every(clock, options.writeIntervalMs ?? 40, () => void this.tick());
    link.onEnd(() => this.stop());
  }

  /**
   * The bench: the functional tester's SpO2 and pulse (read with the oximeter's simulated error on `spo2`
   * and `pulse`), or its "no finger" state (which clears once a tester setting says otherwise).
   */
  applyTester(setting: OximeterTesterSetting): void {
    const { noFinger, ...values } = setting;
    this.setScenario(values);
    if (noFinger === true) this.misbehave('noFinger');
    else if (noFinger === false || this.fault === 'noFinger') this.misbehave('none');
  }

  /** Stops streaming (the link stays as it is). */
  stop(): void {
    this.stopped = true;
    this.stopTimer();
  }

  private async tick(): Promise<void> {
    if (this.stopped || this.fault === 'silence') return;
    const frames = this.options.framesPerWrite ?? 3;
    const chunk = new Uint8Array(frames * NONIN_FRAME_LENGTH);
    for (let i = 0; i < frames; i += 1) chunk.set(this.nextFrame(), i * NONIN_FRAME_LENGTH);
    const fault = this.fault;
    switch (fault) {
      case 'garbage':
        this.fault = 'none';
        await this.link.write(Uint8Array.of(0xff, 0x01, 0x13, 0x37, 0x00, 0x01, 0x80));
        break;
      case 'truncated':
        this.fault = 'none';
        await this.link.write(chunk.subarray(0, NONIN_FRAME_LENGTH + 3));
        return;
      case 'badChecksum':
        this.fault = 'none';
        chunk[4] = ((chunk[4] ?? 0) + 1) & 0xff;
        break;
      case 'unplug':
        // The cable goes in the middle of a frame.
        this.stop();
        await this.link.write(chunk.subarray(0, 2));
        await this.link.close();
        return;
      default:
        break;
    }
    await this.link.write(chunk);
  }

  private nextFrame(): Uint8Array {
    if (this.frameIndex === 0) this.packet = this.encodePacket();
    const frame = this.packet.subarray(
      this.frameIndex * NONIN_FRAME_LENGTH,
      (this.frameIndex + 1) * NONIN_FRAME_LENGTH,
    );
    this.frameIndex = (this.frameIndex + 1) % 25;
    return frame;
  }

  private encodePacket(): Uint8Array {
    this.phase = (this.phase + 7) % 25;
    const status: NoninStatusInput = {
      perfusion: this.fault === 'lowPerfusion' ? 'low' : 'good',
      sensorDisconnected: this.fault === 'noFinger',
      artifact: this.fault === 'motion',
      outOfTrack: this.fault === 'outOfTrack',
    };
    const noValue = this.fault === 'noFinger' || this.fault === 'outOfTrack';
    const pulseFrames = noValue ? [] : this.pulseFramesOfNextPacket();
    return encodeNoninPacket(
      {
        heartRate: noValue ? null : Math.round(this.withError('pulse', this.scenario.heartRate)),
        spo2: noValue ? null : Math.round(this.withError('spo2', this.scenario.spo2)),
        ...(this.options.firmwareRevision === undefined
          ? {}
          : { firmwareRevision: this.options.firmwareRevision }),
        status,
        pulseFrames,
      },
      this.phase,
    );
  }

  /** The frame numbers of the next packet that fall in the 12 frames (160 ms) from a pulse's start. */
  private pulseFramesOfNextPacket(): number[] {
    const period = Math.max(13, Math.round((75 * 60) / Math.max(1, this.scenario.heartRate)));
    const frames: number[] = [];
    for (let n = 1; n <= 25; n += 1) {
      if (this.sincePulse < PULSE_FRAMES) frames.push(n);
      this.sincePulse = (this.sincePulse + 1) % period;
    }
    return frames;
  }
}
