// A scale on a line protocol that the host polls for an immediate weight (MT-SICS `SI`, A&D `Q`): the
// patient steps on, the weight moves, and it is taken once the scale says stable above a floor. The
// MT-SICS and A&D models both run on it with their own command and codec.
import type { CabinError, Result } from '../../contract';
import type { ByteLink, LinkEnd } from '../../drivers/byte-link';
import { LineFramer } from '../../drivers/serial';
import type { MeasurementFact, MeasuringDevice } from '../measuring-device';
import type { Cancel, PeripheralState } from '../peripheral';
import { realTimeSchedule, type Schedule } from '../simulated/simulation-timer';

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
export interface PolledScaleOptions {
  readonly schedule?: Schedule;
  readonly now?: () => number;
  /** Poll period (default 250 ms). */
  readonly pollMs?: number;
  /** A poll left unanswered this long means the scale is not talking (default 1.5 s). */
  readonly replyMs?: number;
  /** How long the weight may move before the patient is asked to retry (default 20 s). */
  readonly attemptMs?: number;
  /** Below this the scale is empty (default 2 kg). */
  readonly loadedKg?: number;
  /** Consecutive stable readings needed (default 2). */
  readonly stableReadings?: number;
}

/** A weighing scale polled over a line protocol; reports stepOnScale, keepStill, then the weight in kg. */
export class PolledScaleDevice<F> implements MeasuringDevice {
  readonly kind = 'weight' as const;
  private readonly framer: LineFramer;
  private ended: LinkEnd | undefined;
  private readonly monitors = new Set<(frame: F) => void>();
  private readonly replyWaiters = new Set<(reading: ScaleReading | null) => void>();
  private readonly endWaiters = new Set<(end: LinkEnd) => void>();
  private readonly schedule: Schedule;

  constructor(
    private readonly link: ByteLink,
    private readonly protocol: ScaleProtocol<F>,
    private readonly options: PolledScaleOptions = {},
  ) {
    this.schedule = options.schedule ?? realTimeSchedule;
    this.framer = new LineFramer({ delimiter: protocol.delimiter, maxLineLength: 64 }, (line) =>
      this.line(line),
    );
    link.onData((chunk) => this.framer.push(chunk));
    link.onEnd((end) => {
      this.ended = end;
      for (const waiter of [...this.endWaiters]) waiter(end);
    });
  }

  async check(): Promise<PeripheralState> {
    if (this.ended !== undefined) return 'absent';
    const reply = await this.poll();
    if (reply === 'timeout' || reply === 'ended') return 'absent';
    return reply.type === 'error' ? 'faulty' : 'ok';
  }

  measure(report: (fact: MeasurementFact) => void): Cancel {
    let done = false;
    const finish = (fact: MeasurementFact) => {
      if (done) return;
      done = true;
      cancelAttempt();
      cancelNext();
      report(fact);
    };
    const fail = (error: CabinError) => finish({ type: 'failed', error });
    let lastRefusal: CabinError = { code: 'measurement.unstable' };
    let cancelNext: () => void = () => undefined;
    const cancelAttempt = this.schedule(this.options.attemptMs ?? 20_000, () => fail(lastRefusal));
    let stage: 'empty' | 'loaded' | undefined;
    let stableCount = 0;
    let missed = 0;
    const loadedKg = this.options.loadedKg ?? 2;
    const step = async (): Promise<void> => {
      if (done) return;
      const reply = await this.poll();
      if (done) return;
      if (reply === 'ended') return fail({ code: this.endCode(), detail: this.link.name });
      if (reply === 'timeout') {
        // One lost or corrupted reply is asked again; two in a row mean the scale is not answering.
        missed += 1;
        // A cut reply left half a line in the framer: it belongs to no answer any more.
        this.framer.reset();
        if (missed > 1) return fail({ code: 'device.timeout', detail: 'no reply from the scale' });
        return void step();
      }
      missed = 0;
      switch (reply.type) {
        case 'error':
          return fail({ code: 'device.error', detail: reply.detail });
        case 'overload':
          return fail({ code: 'measurement.overload' });
        case 'underload':
        case 'busy':
          stableCount = 0;
          break;
        case 'weight':
          if (reply.kg < loadedKg) {
            if (stage === undefined) report({ type: 'progressed', progress: { stage: 'stepOnScale' } });
            stage = 'empty';
            stableCount = 0;
            break;
          }
          if (stage !== 'loaded') report({ type: 'progressed', progress: { stage: 'keepStill' } });
          stage = 'loaded';
          stableCount = reply.stable ? stableCount + 1 : 0;
          lastRefusal = { code: 'measurement.unstable' };
          if (stableCount >= (this.options.stableReadings ?? 2)) {
            return finish({
              type: 'taken',
              measurement: {
                kind: 'weight',
                quantities: [{ name: 'weight', value: Math.round(reply.kg * 100) / 100, unit: 'kg' }],
                takenAt: (this.options.now ?? Date.now)(),
              },
            });
          }
      }
      cancelNext = this.schedule(this.options.pollMs ?? 250, () => void step());
    };
    void step();
    return () => {
      done = true;
      cancelAttempt();
      cancelNext();
    };
  }

  /** Subscribes the technician's monitor to every decoded reply; answers the unsubscribe function. */
  monitor(listener: (frame: F) => void): () => void {
    this.monitors.add(listener);
    return () => this.monitors.delete(listener);
  }

  /** Closes the link; the device is finished. */
  close(): Promise<void> {
    return this.link.close();
  }

  private endCode(): string {
    return this.ended === 'silent' ? 'device.timeout' : 'device.unplugged';
  }

  /** Sends the poll command and waits for one usable reply, the end of the link, or the reply timeout. */
  private poll(): Promise<ScaleReading | 'timeout' | 'ended'> {
    if (this.ended !== undefined) return Promise.resolve('ended');
    return new Promise((resolve) => {
      const settle = (answer: ScaleReading | 'timeout' | 'ended') => {
        cancelTimer();
        this.replyWaiters.delete(onReply);
        this.endWaiters.delete(onEnd);
        resolve(answer);
      };
      const onReply = (reading: ScaleReading | null) => {
        if (reading !== null) settle(reading);
      };
      const onEnd = () => settle('ended');
      const cancelTimer = this.schedule(this.options.replyMs ?? 1500, () => settle('timeout'));
      this.replyWaiters.add(onReply);
      this.endWaiters.add(onEnd);
      void this.link.write(this.protocol.pollCommand).then((written) => {
        if (!written.ok) settle(this.ended !== undefined ? 'ended' : 'timeout');
      });
    });
  }

  private line(line: string): void {
    const frame = this.protocol.decode(line);
    // Noise, a cut line: ignored; the next poll asks again.
    if (frame === null) return;
    for (const monitor of this.monitors) monitor(frame);
    const reading = this.protocol.reading(frame);
    for (const waiter of [...this.replyWaiters]) waiter(reading);
  }
}
