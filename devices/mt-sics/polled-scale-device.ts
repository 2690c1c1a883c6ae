// A scale on a line protocol that the host polls for an immediate weight (MT-SICS `SI`, A&D `Q`): the
// patient steps on, the weight moves, and it is taken once the scale says stable above a floor. The
// MT-SICS and A&D models both run on it with their own command and codec.
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
import { LineFramer } from '../../drivers/serial';
import { linkEndError, LinkMeasuringDevice } from '../link-measuring-device';
import type { PeripheralState } from '../peripheral';

/** A scale reply reduced to what the measurement needs; null for a line to ignore. */
export type ScaleReading =
  | { readonly type: 'weight'; readonly stable: boolean; readonly kg: number }
  | { readonly type: 'overload' | 'underload' | 'busy' }
  | { readonly type: 'error'; readonly detail: string };

/** What a model gives the polled scale: its poll command and how to read a reply line. */
export interface ScaleProtocol<F> {
  readonly pollCommand: Uint8Array;
  readonly delimiter: string;
  readonly decode: (line: string) => F | null;
  readonly reading: (frame: F) => ScaleReading | null;
}

/** The protocol of a scale answering CR LF lines, polled with `pollCommand`; an undecodable line is ignored. */
export function crLfScaleProtocol<F>(
  pollCommand: Uint8Array,
  decode: (line: string) => Result<F>,
  reading: (frame: F) => ScaleReading | null,
): ScaleProtocol<F> {
  return {
    pollCommand,
    delimiter: '\r\n',
    decode: (line) => {
      const frame = decode(line);
      return frame.ok ? frame.value : null;
    },
    reading,
  };
}

/** Timing of a polled scale (defaults suit a patient; tests shorten them). */
export interface PolledScaleSettings {
  /** Poll period. */
  readonly pollMs: number;
  /** A poll left unanswered this long means the scale is not talking. */
  readonly replyMs: number;
  /** How long the weight may move before the patient is asked to retry. */
  readonly attemptMs: number;
  /** Below this the scale is empty. */
  readonly loadedKg: number;
  /** Consecutive stable readings needed. */
  readonly stableReadings: number;
}

const DEFAULTS: PolledScaleSettings = {
  pollMs: 250,
  replyMs: 1500,
  attemptMs: 20_000,
  loadedKg: 2,
  stableReadings: 2,
};

/**
 * A weighing scale polled over a line protocol; reports stepOnScale, keepStill, then the weight in kg.
 * Its monitor shows each decoded reply.
 */
export class PolledScaleDevice<F> extends LinkMeasuringDevice<F, PolledScaleSettings> {
  readonly kind = 'weight' as const;
  private readonly framer: LineFramer;

  constructor(
    link: ByteLink,
    clock: Clock,
    private readonly protocol: ScaleProtocol<F>,
    options: Partial<PolledScaleSettings>,
  ) {
    super(link, clock, DEFAULTS, options);
    this.framer = new LineFramer({ delimiter: protocol.delimiter, maxLineLength: 64 }, (line) => {
      const frame = protocol.decode(line);
      // Noise, a cut line: ignored; the next poll asks again.
      if (frame !== null) this.deliver(frame);
    });
    link.onData((chunk) => this.framer.push(chunk));
  }

  async check(): Promise<PeripheralState> {
    const reply = await this.poll();
    if (reply === null) return 'absent';
    return reply.type === 'error' ? 'faulty' : 'ok';
  }

  /**
   * One poll for the technician's procedure: the weight the scale shows now, stable or not, at any load
   * (a measurement refuses loads under `loadedKg`; a verification also reads zero and small test weights).
   * `device.noAnswer` when the poll goes unanswered, `measurement.overload`, `device.error` as a measurement.
   */
  async weighOnce(): Promise<Result<{ readonly kg: number; readonly stable: boolean }>> {
    const reply = await this.poll();
    if (reply === null)
      return err(
        this.ended !== null
          ? linkEndError(this.link, this.ended)
          : { code: 'device.noAnswer', detail: 'no reply from the scale' },
      );
    switch (reply.type) {
      case 'weight':
        return ok({ kg: reply.kg, stable: reply.stable });
      case 'overload':
        return err({ code: 'measurement.overload' });
      case 'underload':
      case 'busy':
        return err({ code: 'measurement.unstable', detail: reply.type });
      case 'error':
        return err({ code: 'device.error', detail: reply.detail });
    }
  }

  /** A scale's protocol tells nothing of itself (A&D standard format): nulls once a poll is answered. */
  identify(): Promise<Result<DeviceIdentity>> {
    return this.silentIdentity(async () => (await this.poll()) !== null);
  }

  measure(report: (fact: MeasurementFact) => void): Cancel {
    return this.startMeasurement(report, (run) => {
      const s = this.settings;
      const lastRefusal: CabinError = { code: 'measurement.unstable' };
      run.after(s.attemptMs, () => run.fail(lastRefusal));
      let stage: 'empty' | 'loaded' | undefined;
      let stableCount = 0;
      let missed = 0;
      const step = async (): Promise<void> => {
        const reply = await this.poll();
        if (run.over) return;
        if (reply === null && this.ended !== null) return run.fail(linkEndError(this.link, this.ended));
        if (reply === null) {
          // One lost or corrupted reply is asked again; two in a row mean the scale is not answering.
          missed += 1;
          // A cut reply left half a line in the framer: it belongs to no answer any more.
          this.framer.reset();
          if (missed > 1) return run.fail({ code: 'device.timeout', detail: 'no reply from the scale' });
          return void step();
        }
        missed = 0;
        switch (reply.type) {
          case 'error':
            return run.fail({ code: 'device.error', detail: reply.detail });
          case 'overload':
            return run.fail({ code: 'measurement.overload' });
          case 'underload':
          case 'busy':
            stableCount = 0;
            break;
          case 'weight':
            if (reply.kg < s.loadedKg) {
              if (stage === undefined) run.progress({ stage: 'stepOnScale' });
              stage = 'empty';
              stableCount = 0;
              break;
            }
            if (stage !== 'loaded') run.progress({ stage: 'keepStill' });
            stage = 'loaded';
            stableCount = reply.stable ? stableCount + 1 : 0;
            if (stableCount >= s.stableReadings) {
              const kg = Math.round(reply.kg * 100) / 100;
              return run.take(this.measurement([{ name: 'weight', value: kg, unit: 'kg' }]));
            }
        }
        run.after(s.pollMs, () => void step());
      };
      void step();
    });
  }

  /** Sends the poll command and waits for one usable reply; null on time out or when the link ends. */
  protected poll(): Promise<ScaleReading | null> {
    return this.answerWithin<ScaleReading>(
      this.settings.replyMs,
      (answer) =>
        this.onFrame((frame) => {
          const reading = this.protocol.reading(frame);
          if (reading !== null) answer(reading);
        }),
      this.protocol.pollCommand,
    );
  }
}
