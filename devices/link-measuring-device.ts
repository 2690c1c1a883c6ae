// The one base of the measuring devices on a link, serial or HID: settings with defaults, the clock,
// how the link ended, decoded frames for the device and for the technician's monitor, and the
// bookkeeping of one measurement (one outcome, timers and listeners that stop with it, the link's end
// as the failure). Each model adds its protocol: what it writes, what a frame means.
import {
  after,
  err,
  ok,
  type CabinError,
  type Cancel,
  type Clock,
  type DeviceIdentity,
  type Measurement,
  type MeasurementFact,
  type MeasurementKind,
  type MeasurementProgress,
  type Quantity,
  type Result,
} from '../contract';
import type { ByteLink, LinkEnd } from '../drivers/byte-link';
import { LineFramer } from '../drivers/serial';
import { SILENT_IDENTITY } from './device-identity';
import type { LinkedMeasuringDevice } from './measuring-device';
import type { PeripheralState } from './peripheral';

/** Turns the link's chunks into frames: given where frames go, answers what takes each chunk. */
export type Framing<Frame> = (deliver: (frame: Frame) => void) => (chunk: Uint8Array) => void;

/** Framing of an ASCII protocol: lines up to `maxLineLength` bytes, decoded; an undecodable line is dropped. */
export function lineFraming<Frame>(
  delimiter: string,
  maxLineLength: number,
  decode: (line: string) => Result<Frame>,
): Framing<Frame> {
  return (deliver) => {
    const framer = new LineFramer({ delimiter, maxLineLength }, (line) => {
      const frame = decode(line);
      if (frame.ok) deliver(frame.value);
    });
    return (chunk) => framer.push(chunk);
  };
}

/** One report seen on a request/reply link (the HID devices), decoded, for the technician's monitor. */
export type ReportEntry<Command, Reply> =
  | { readonly direction: 'toDevice'; readonly bytes: Uint8Array; readonly frame: Result<Command> }
  | { readonly direction: 'fromDevice'; readonly bytes: Uint8Array; readonly frame: Result<Reply> };

/** Framing of a HID device: each input report is one frame, decoded (an undecodable one too, as an error). */
export function reportFraming<Command, Reply>(
  decode: (report: Uint8Array) => Result<Reply>,
): Framing<ReportEntry<Command, Reply>> {
  return (deliver) => (bytes) => deliver({ direction: 'fromDevice', bytes, frame: decode(bytes) });
}

/** The session's error for a link that ended: silence (the watchdog) is a timeout, any other end an unplug. */
export function linkEndError(link: ByteLink, end: LinkEnd): CabinError {
  return {
    code: end === 'silent' ? 'device.timeout' : 'device.unplugged',
    detail: `${link.name}: link ${end}`,
  };
}

/** One measurement in progress: progress, then exactly one outcome; its timers and listeners stop with it. */
export class MeasurementRun {
  #over = false;
  readonly #stops: Cancel[] = [];
  readonly #onCancel: Cancel[] = [];

  constructor(
    private readonly report: (fact: MeasurementFact) => void,
    private readonly clock: Clock,
  ) {}

  /** True once the run has its outcome or was cancelled: nothing more is reported. */
  get over(): boolean {
    return this.#over;
  }

  /** Reports progress for the patient's screen. */
  progress(progress: MeasurementProgress): void {
    if (!this.#over) this.report({ type: 'measurement.progressed', progress });
  }

  /** Ends the run with its measurement. */
  take(measurement: Measurement): void {
    this.#finish({ type: 'measurement.taken', measurement });
  }

  /** Ends the run with a failure the session shows. */
  fail(error: CabinError): void {
    this.#finish({ type: 'measurement.failed', error });
  }

  /** Runs `callback` after `ms` on the device's clock, unless the run is over by then. */
  after(ms: number, callback: () => void): Cancel {
    const cancel = after(this.clock, ms, () => {
      if (!this.#over) callback();
    });
    this.#stops.push(cancel);
    return cancel;
  }

  /** Calls `onSilence` (which fails the run) when `ms` pass without a call of the answered re-arm; armed at once. */
  silenceWatch(ms: number, onSilence: () => void): () => void {
    let cancel: Cancel = () => undefined;
    const arm = (): void => {
      cancel();
      cancel = after(this.clock, ms, () => {
        if (!this.#over) onSilence();
      });
    };
    this.#stops.push(() => cancel());
    arm();
    return arm;
  }

  /** Registers what undoes a listener or a state of the device when the run ends, however it ends. */
  onStop(stop: Cancel): void {
    if (this.#over) stop();
    else this.#stops.push(stop);
  }

  /** Registers what the device does when the caller cancels the run before its outcome (stop the cuff). */
  onCancel(action: Cancel): void {
    this.#onCancel.push(action);
  }

  /** Ends the run without an outcome, as the caller asked. */
  cancel(): void {
    if (this.#over) return;
    this.#stop();
    for (const action of this.#onCancel) action();
  }

  #finish(fact: MeasurementFact): void {
    if (this.#over) return;
    this.#stop();
    this.report(fact);
  }

  #stop(): void {
    this.#over = true;
    for (const stop of this.#stops.splice(0)) stop();
  }
}

/**
 * A measuring device on a link, with `Settings` (defaults overridden by the options) and `Frame`, what
 * its monitor shows; owns the link. A model gives its framing (or delivers frames itself).
 */
export abstract class LinkMeasuringDevice<
  Frame,
  Settings extends object,
> implements LinkedMeasuringDevice<Frame> {
  abstract readonly kind: MeasurementKind;
  protected readonly settings: Settings;
  /** How the link ended, null while it is open. */
  protected ended: LinkEnd | null = null;
  readonly #monitors = new Set<(frame: Frame) => void>();
  readonly #listeners = new Set<(frame: Frame) => void>();

  constructor(
    protected readonly link: ByteLink,
    protected readonly clock: Clock,
    defaults: Settings,
    options: Partial<Settings>,
    framing?: Framing<Frame>,
  ) {
    this.settings = { ...defaults, ...options };
    link.onEnd((end) => {
      this.ended = end;
    });
    if (framing) link.onData(framing((frame) => this.deliver(frame)));
  }

  abstract check(): Promise<PeripheralState>;

  abstract measure(report: (fact: MeasurementFact) => void): Cancel;

  abstract identify(): Promise<Result<DeviceIdentity>>;

  monitor(listener: (frame: Frame) => void): Cancel {
    this.#monitors.add(listener);
    return () => this.#monitors.delete(listener);
  }

  close(): Promise<void> {
    return this.link.close();
  }

  /** Shows a frame to the technician's monitor only (what the cabin wrote, for instance). */
  protected show(frame: Frame): void {
    for (const monitor of [...this.#monitors]) monitor(frame);
  }

  /** A frame from the device: to the monitor, then to the listeners of `onFrame`. */
  protected deliver(frame: Frame): void {
    this.show(frame);
    for (const listener of [...this.#listeners]) listener(frame);
  }

  /** Subscribes to the device's frames; answers the unsubscribe function. */
  protected onFrame(listener: (frame: Frame) => void): Cancel {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Waits up to `ms` for the device's answer, after writing `probe` when given; `listen` subscribes to
   * what counts as one. Answers it, or null when the time is up, the probe cannot be written or the link
   * ends (the self-test's "is it there?", a polled device's reply).
   */
  protected answerWithin<T>(
    ms: number,
    listen: (answer: (value: T) => void) => Cancel,
    probe?: Uint8Array,
  ): Promise<T | null> {
    if (this.ended !== null) return Promise.resolve(null);
    return new Promise((resolve) => {
      const settle = (answer: T | null): void => {
        stopListening();
        stopEnd();
        cancelTimer();
        resolve(answer);
      };
      const stopListening = listen(settle);
      const stopEnd = this.link.onEnd(() => settle(null));
      const cancelTimer = after(this.clock, ms, () => settle(null));
      if (probe === undefined) return;
      void this.link.write(probe).then((written) => {
        if (!written.ok) settle(null);
      });
    });
  }

  /**
   * The self-test's verdict for a device that a measurement may be using: absent once the link has ended,
   * ok while `inUse` (it is talking), else what `probe` answers; a probe left without answer (null) means
   * absent if the link ended meanwhile, faulty otherwise.
   */
  protected async selfTest(
    inUse: boolean,
    probe: () => Promise<PeripheralState | null>,
  ): Promise<PeripheralState> {
    if (this.ended !== null) return 'absent';
    if (inUse) return 'ok';
    return (await probe()) ?? (this.ended !== null ? 'absent' : 'faulty');
  }

  /**
   * The identity of a device whose protocol has no way to say who it is: every field null once `alive`
   * says it answers (its USB descriptors tell the rest), `device.noAnswer` when it is silent.
   */
  protected async silentIdentity(alive: () => Promise<boolean>): Promise<Result<DeviceIdentity>> {
    if (this.ended !== null) return err(linkEndError(this.link, this.ended));
    return (await alive()) ? ok(SILENT_IDENTITY) : this.noAnswer();
  }

  /** The failure of an identity asked of a device that said nothing (or whose link ended meanwhile). */
  protected noAnswer(): Result<DeviceIdentity> {
    return err(
      this.ended !== null
        ? linkEndError(this.link, this.ended)
        : { code: 'device.noAnswer', detail: `${this.link.name}: no identity` },
    );
  }

  /** The next frame that `matches`, within `ms` after writing `probe` when given; null as `answerWithin`. */
  protected nextFrame(
    ms: number,
    matches: (frame: Frame) => boolean,
    probe?: Uint8Array,
  ): Promise<Frame | null> {
    return this.answerWithin<Frame>(
      ms,
      (answer) =>
        this.onFrame((frame) => {
          if (matches(frame)) answer(frame);
        }),
      probe,
    );
  }

  /**
   * Runs one measurement: `begin` starts it on a fresh run unless the link has already ended (then the
   * run fails on a later turn); a link that ends under it fails it. Answers the caller's cancel.
   */
  protected startMeasurement(
    report: (fact: MeasurementFact) => void,
    begin: (run: MeasurementRun) => void,
  ): Cancel {
    const run = new MeasurementRun(report, this.clock);
    const ended = this.ended;
    if (ended !== null) queueMicrotask(() => run.fail(linkEndError(this.link, ended)));
    else {
      run.onStop(this.link.onEnd((end) => run.fail(linkEndError(this.link, end))));
      begin(run);
    }
    return () => run.cancel();
  }

  /** This device's measurement of `quantities`, stamped now on its clock. */
  protected measurement(quantities: readonly Quantity[]): Measurement {
    return { kind: this.kind, quantities, takenAt: this.clock.now() };
  }
}
