// Test doubles of the session's actors. Each one is the same kind of actor logic that main/ provides
// (`fromCallback` sending the same facts, `fromPromise` with the same input and output), driven by the
// test: the test says when the card goes in, what the device measured, what the printer answers.
import { fromCallback, fromPromise, type AnyEventObject } from 'xstate';
import { settleMicrotasks } from '../../test/support/manual-clock';
import type {
  CabinError,
  DocumentSummary,
  InstrumentKind,
  Measurement,
  MeasurementKind,
  MeasurementProgress,
  PatientIdentity,
  PresenceEvent,
  Profession,
  ProfessionalCard,
} from '../../contract';
import type {
  CallEvent,
  CardReaderEvent,
  MeasurementEvent,
  PresenceLookup,
  PrintEvent,
  PrintRequest,
  QueueEvent,
  QueueRequest,
  SessionEvent,
} from '../session/session-events';

/** Lets pending promise reactions run, so a fake's answer reaches the machine; no timer involved. */
export const settle = settleMicrotasks;

/**
 * A callback actor that a test drives: it remembers the `sendBack` of the running instance and the
 * inputs it was started with; sending while the machine is not listening is a test error.
 */
class DrivenCallbackActor<TInput, TFact extends AnyEventObject> {
  /** The input of every start, oldest first. */
  readonly starts: TInput[] = [];
  private sendBack: ((event: AnyEventObject) => void) | null = null;
  private crashOnStart: Error | null = null;

  constructor(private readonly name: string) {}

  /** The actor logic to give to `.provide({ actors })`. */
  readonly logic = fromCallback<SessionEvent, TInput>(({ input, sendBack }) => {
    this.starts.push(input);
    const crash = this.crashOnStart;
    this.crashOnStart = null;
    // A bug in the real actor: it throws while starting, and the machine receives an error event.
    if (crash) throw crash;
    this.sendBack = sendBack;
    this.started(input);
    return () => {
      this.sendBack = null;
    };
  });

  /** Called once the running instance listens; a fake that answers at once does it here. */
  protected started(_input: TInput): void {}

  /** True while the machine runs this actor (it is "listening"). */
  get isRunning(): boolean {
    return this.sendBack !== null;
  }

  /** The input of the running (or last) start. */
  get lastInput(): TInput | undefined {
    return this.starts.at(-1);
  }

  /** The next start throws `error`, as a buggy implementation would. */
  throwOnNextStart(error: Error = new TypeError('bug in the actor')): void {
    this.crashOnStart = error;
  }

  protected emit(fact: TFact): void {
    if (!this.sendBack) throw new Error(`${this.name}: the session is not listening for ${fact.type}`);
    this.sendBack(fact);
  }
}

/** A Carte Vitale reader: the test inserts a card, finishes the read, or makes it fail. */
export class FakeCardReader extends DrivenCallbackActor<void, CardReaderEvent> {
  constructor() {
    super('card reader');
  }

  /** The card goes in; the read is in progress until `finishReading` or `fail`. */
  startReading(): void {
    this.emit({ type: 'card.inserted' });
  }

  /** The read ends with these beneficiaries (none: a card without anyone on it). */
  finishReading(beneficiaries: readonly PatientIdentity[]): void {
    this.emit({ type: 'card.read', beneficiaries });
  }

  /** The card goes in and is read at once. */
  insert(beneficiaries: readonly PatientIdentity[]): void {
    this.startReading();
    this.finishReading(beneficiaries);
  }

  /** The reader reports a fault: `card.removed`, `card.unreadable`, `reader.disconnected`, … */
  fail(code: string): void {
    this.emit({ type: 'card.failed', error: { code } });
  }
}

/** A measuring device: it reports progress, then a measurement or a failure. */
export class FakeMeasuringDevice extends DrivenCallbackActor<
  { readonly kind: MeasurementKind },
  MeasurementEvent
> {
  constructor() {
    super('measuring device');
  }

  /** The kind the session asked for in the running measurement. */
  get kind(): MeasurementKind | undefined {
    return this.lastInput?.kind;
  }

  progress(progress: MeasurementProgress): void {
    this.emit({ type: 'measurement.progressed', progress });
  }

  complete(measurement: Measurement): void {
    this.emit({ type: 'measurement.taken', measurement });
  }

  /** The device reports a fault: `device.unplugged`, `device.timeout`, … */
  fail(code: string): void {
    this.emit({ type: 'measurement.failed', error: { code } });
  }
}

/** The platform's waiting room: position updates, then a professional, or a failure. */
export class FakeWaitingRoom extends DrivenCallbackActor<QueueRequest, QueueEvent> {
  constructor() {
    super('waiting room');
  }

  /** The place and the wait, with `professionalsOnline` of that kind connected (one by default). */
  update(position: number, estimatedWaitMinutes: number, professionalsOnline = 1): void {
    this.emit({ type: 'queue.updated', position, estimatedWaitMinutes, professionalsOnline });
  }

  /** Nobody of that kind is connected (at the answer, or the last one just left): no estimate. */
  nobodyOnline(position = 1): void {
    this.emit({ type: 'queue.updated', position, estimatedWaitMinutes: null, professionalsOnline: 0 });
  }

  assign(professional: ProfessionalCard): void {
    this.emit({ type: 'queue.assigned', professional });
  }

  fail(code: string): void {
    this.emit({ type: 'queue.failed', error: { code } });
  }
}

/**
 * The platform asked who of a kind is online. It answers at once with the count `setOnline` gave (one
 * of each kind by default), unless `hold` made it wait: then the test answers, fails, or lets time pass.
 */
export class FakePresenceDesk extends DrivenCallbackActor<PresenceLookup, PresenceEvent> {
  private readonly online = new Map<Profession, number>();
  private holding = false;

  constructor() {
    super('presence desk');
  }

  /** From now on, `count` professionals of `profession` are online. */
  setOnline(profession: Profession, count: number): void {
    this.online.set(profession, count);
  }

  /** The next requests wait for `count`, `fail` or the machine's timeout. */
  hold(): void {
    this.holding = true;
  }

  /** The last request is answered with `professionalsOnline`. */
  count(professionalsOnline: number): void {
    this.emit({ type: 'presence.counted', profession: this.asked(), professionalsOnline });
  }

  /** The platform could not be asked (`platform.unreachable`, …). */
  fail(code: string): void {
    this.emit({ type: 'presence.failed', profession: this.asked(), error: { code } });
  }

  protected override started(input: PresenceLookup): void {
    if (!this.holding) this.count(this.online.get(input.profession) ?? 1);
  }

  private asked(): Profession {
    const profession = this.lastInput?.profession;
    if (profession === undefined) throw new Error('presence desk: nothing was asked');
    return profession;
  }
}

/** The video call: the link connects, drops, and the professional asks, deposits and hangs up. */
export class FakeVideoCall extends DrivenCallbackActor<{ readonly sessionId: string }, CallEvent> {
  constructor() {
    super('video call');
  }

  connect(): void {
    this.emit({ type: 'call.connected' });
  }

  dropAndReconnect(): void {
    this.emit({ type: 'call.reconnecting' });
  }

  /** The professional's side reports what it receives of the patient. */
  professionalReceives(audio: boolean, video: boolean): void {
    this.emit({ type: 'call.receptionChanged', reception: { audio, video } });
  }

  requestMeasurement(kind: MeasurementKind): void {
    this.emit({ type: 'call.measurementRequested', kind });
  }

  deliver(document: DocumentSummary): void {
    this.emit({ type: 'call.documentReceived', document });
  }

  /** The professional asks for an examination instrument. */
  requestInstrument(kind: InstrumentKind): void {
    this.emit({ type: 'call.instrumentRequested', kind });
  }

  /** The professional ends the examination instrument. */
  endInstrument(): void {
    this.emit({ type: 'call.instrumentEnded' });
  }

  /** The professional writes to the patient (the written conversation). */
  write(text: string): void {
    this.emit({ type: 'call.messageReceived', text });
  }

  end(): void {
    this.emit({ type: 'call.ended' });
  }

  fail(code: string): void {
    this.emit({ type: 'call.failed', error: { code } });
  }
}

/**
 * The printer as the session sees it: the running print reports each document started, then printed or
 * failed; the test drives it document by document.
 */
export class FakePrinter extends DrivenCallbackActor<PrintRequest, PrintEvent> {
  constructor() {
    super('printer');
  }

  /** Every request received (the documents still to print each time), oldest first. */
  get requests(): readonly PrintRequest[] {
    return this.starts;
  }

  /** The document `documentId` starts printing. */
  start(documentId: string): void {
    this.emit({ type: 'print.started', documentId });
  }

  /** The document `documentId` starts and comes out of the printer. */
  print(documentId: string): void {
    this.start(documentId);
    this.emit({ type: 'print.done', documentId });
  }

  /** Each document of the running request comes out, in order. */
  printRest(): void {
    for (const document of this.lastInput?.documents ?? []) this.print(document.id);
  }

  /** The document `documentId` starts and fails with `code` (`printer.outOfPaper`, …). */
  fail(documentId: string, code: string): void {
    this.start(documentId);
    this.emit({ type: 'print.failed', documentId, error: { code } });
  }
}

/**
 * A request/answer device (payment terminal, appointment desk, self-test, wipe): each request
 * waits until the test answers it, or takes the next scripted answer at once.
 */
export class FakeRequestActor<TInput, TOutput> {
  /** Every request received, oldest first. */
  readonly requests: TInput[] = [];
  private readonly pending: { resolve: (output: TOutput) => void; reject: (error: Error) => void }[] = [];
  private readonly scripted: ({ ok: true; output: TOutput } | { ok: false; error: Error })[] = [];

  constructor(private readonly name: string) {}

  /** The actor logic to give to `.provide({ actors })`. */
  readonly logic = fromPromise<TOutput, TInput>(({ input }) => {
    this.requests.push(input);
    const next = this.scripted.shift();
    if (next) return next.ok ? Promise.resolve(next.output) : Promise.reject(next.error);
    return new Promise<TOutput>((resolve, reject) => this.pending.push({ resolve, reject }));
  });

  /** The next requests are answered at once with these outputs, in order. */
  willAnswer(...outputs: TOutput[]): void {
    this.scripted.push(...outputs.map((output) => ({ ok: true as const, output })));
  }

  /** The next request throws, as a bug would. */
  willThrow(error: Error = new TypeError('bug in the actor')): void {
    this.scripted.push({ ok: false, error });
  }

  /** True when a request waits for an answer. */
  get isWaiting(): boolean {
    return this.pending.length > 0;
  }

  /** Answers the oldest waiting request and lets the machine react. */
  async answer(output: TOutput): Promise<void> {
    const request = this.pending.shift();
    if (!request) throw new Error(`${this.name}: nothing was asked`);
    request.resolve(output);
    await settle();
  }

  /** Makes the oldest waiting request throw (a bug, or an unexpected fault) and lets the machine react. */
  async crash(error: Error = new TypeError('bug in the actor')): Promise<void> {
    const request = this.pending.shift();
    if (!request) throw new Error(`${this.name}: nothing was asked`);
    request.reject(error);
    await settle();
  }
}

/** A failure as the session's Result outputs carry it. */
export function failure(code: string): { readonly ok: false; readonly error: CabinError } {
  return { ok: false, error: { code } };
}
