// The session machine's named actors, built on the peripherals: the card reader, the measuring devices
// and the platform report the session's own facts, passed through unchanged; only the call's media
// decisions (media board, renderer signaling) are made here; every failure becomes a value the session shows.
import { fromCallback, fromPromise } from 'xstate';
import {
  ok,
  type CabinEvent,
  type InstrumentKind,
  type MeasurementKind,
  type PrintFact,
  type Result,
} from '../contract';
import type {
  SessionEvent,
  PrintRequest,
  PaymentRequest,
  PresenceLookup,
  QueueRequest,
} from '../state-machines';
import type { CallMediaBoard } from './call-media-board';
import type { CabinPeripherals } from './peripherals';
import { transactionReference, type TerminalPayments } from './terminal-payments';

/** How the call reaches the renderer's video link: the media board and the event channel. */
export interface CallMediaPorts {
  readonly board: CallMediaBoard;
  /** Sends a media event (signaling from the professional's side) to the renderer. */
  readonly emit: (event: CabinEvent) => void;
}

/**
 * The actors of `sessionMachine.provide({ actors })`, on the given peripherals; `payments` records each
 * card transaction and resolves a lost one first (without it, the terminal is asked directly);
 * `instruments` answers the examination instruments found, told to the platform with the queue entry
 * (undefined while nothing is known: the entry then says nothing of them).
 */
export function sessionActors(
  peripherals: CabinPeripherals,
  media: CallMediaPorts,
  payments?: Pick<TerminalPayments, 'pay'>,
  instruments: () => readonly InstrumentKind[] | undefined = () => undefined,
) {
  return {
    readCard: fromCallback<SessionEvent, void>(({ sendBack }) =>
      peripherals.cardReader.readNextCard(sendBack),
    ),
    measure: fromCallback<SessionEvent, { readonly kind: MeasurementKind }>(({ sendBack, input }) => {
      const device = peripherals.devices.find((d) => d.kind === input.kind);
      if (!device) {
        sendBack({ type: 'measurement.failed', error: { code: 'device.absent' } });
        return undefined;
      }
      return device.measure(sendBack);
    }),
    lookUpAppointment: fromPromise(({ input }: { input: { readonly code: string } }) =>
      peripherals.platform.lookUpAppointment(input.code),
    ),
    // The count of a kind of professional online, as a fact; any failure (a bug included) is a
    // `presence.failed`, on which the journey goes on: this check never blocks it.
    lookUpPresence: fromCallback<SessionEvent, PresenceLookup>(({ sendBack, input }) => {
      let listening = true;
      const tell = (event: SessionEvent): void => {
        if (listening) sendBack(event);
      };
      const { profession } = input;
      peripherals.platform.lookUpPresence(profession).then(
        (answer) =>
          tell(
            answer.ok
              ? {
                  type: 'presence.counted',
                  profession,
                  professionalsOnline: answer.value.professionalsOnline,
                }
              : { type: 'presence.failed', profession, error: answer.error },
          ),
        () => tell({ type: 'presence.failed', profession, error: { code: 'internal.actorFailed' } }),
      );
      return () => {
        listening = false;
      };
    }),
    waitInQueue: fromCallback<SessionEvent, QueueRequest>(({ sendBack, input }) => {
      const found = instruments();
      return peripherals.platform.joinQueue(
        found === undefined ? input : { ...input, instruments: found },
        sendBack,
      );
    }),
    joinCall: fromCallback<SessionEvent, { readonly sessionId: string }>(({ sendBack, input }) => {
      const { board, emit } = media;
      // The video link's state is the call's: connected when media flows, reconnecting when it stopped.
      board.open(input.sessionId, (state) =>
        sendBack(state === 'connected' ? { type: 'call.connected' } : { type: 'call.reconnecting' }),
      );
      const cancel = peripherals.platform.joinCall(input.sessionId, (fact) => {
        switch (fact.type) {
          case 'call.joined':
            return board.setMedia(input.sessionId, fact.media);
          case 'media.signal':
          case 'media.producerAdded':
            return emit(fact);
          case 'call.reconnecting':
            // Media that flows directly between the browsers outlives the platform link: the call goes
            // on, and only a media link that stops makes it reconnect.
            if (board.linkState() === 'connected') return;
            return sendBack(fact);
          case 'call.resumed':
            // The platform is back; media may never have stopped (only signaling did).
            if (board.linkState() === 'connected') sendBack({ type: 'call.connected' });
            return;
          default:
            return sendBack(fact);
        }
      });
      return () => {
        cancel();
        board.close(input.sessionId);
      };
    }),
    printDocuments: fromCallback<SessionEvent, PrintRequest>(({ sendBack, input }) => {
      const stop = new AbortController();
      void printEach(peripherals, input, sendBack, stop.signal);
      return () => stop.abort();
    }),
    takePayment: fromPromise<Result<void>, PaymentRequest>(async ({ input, signal }) => {
      if (payments) return payments.pay(input, signal);
      const paid = await peripherals.paymentTerminal.pay(
        { transactionId: transactionReference(), amountCents: input.amountCents },
        signal,
      );
      return paid.ok ? ok(undefined) : paid;
    }),
  };
}

// Prints the documents in order, reporting each one started and then done or failed; stops at the
// first failure so the patient sees which ones came out and which problem to fix. A stopped session
// (the signal) reports nothing more.
async function printEach(
  peripherals: CabinPeripherals,
  request: PrintRequest,
  report: (fact: PrintFact) => void,
  signal: AbortSignal,
): Promise<void> {
  for (const document of request.documents) {
    if (signal.aborted) return;
    const documentId = document.id;
    report({ type: 'print.started', documentId });
    const printed = await printOne(peripherals, request.sessionId, document, signal);
    if (signal.aborted) return;
    if (!printed.ok) {
      report({ type: 'print.failed', documentId, error: printed.error });
      return;
    }
    report({ type: 'print.done', documentId });
  }
}

// Fetches one document from the platform and prints it; a driver that throws fails that document.
async function printOne(
  peripherals: CabinPeripherals,
  sessionId: string,
  document: PrintRequest['documents'][number],
  signal: AbortSignal,
): Promise<Result<void>> {
  try {
    const content = await peripherals.platform.fetchDocument(sessionId, document.id);
    if (!content.ok) return content;
    const result = await peripherals.printer.print(
      { title: document.title, contentType: content.value.contentType, content: content.value.content },
      signal,
    );
    return result.ok ? { ok: true, value: undefined } : result;
  } catch {
    // A bug in the driver or the link: shown as the session shows any actor's bug.
    return { ok: false, error: { code: 'internal.actorFailed' } };
  }
}
