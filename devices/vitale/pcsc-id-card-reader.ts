// The cabin's Carte Vitale reader on PC/SC: waits for a card in the first reader (or the one named),
// classifies its ATR, reads it with exclusive access through a VitaleReader, and reports to the session.
// Card data goes only to `report`; the optional `onCode` (operation log) receives codes only.
import {
  err,
  ok,
  type CabinError,
  type Cancel,
  type CardFact,
  type PatientIdentity,
  type Result,
} from '../../contract';
import type { PcscContext, PcscEvent } from '../../drivers/pcsc/pcsc-context';
import type { IdCardReader } from '../id-card-reader';
import type { PeripheralState } from '../peripheral';
import { classifyAtr } from './atr';
import type { VitaleReader } from './vitale-reader';

/** How a PcscIdCardReader is set up. */
export interface PcscIdCardReaderOptions {
  /** The reader to use; the first one pcscd lists when absent. */
  readonly readerName?: string;
  /** Receives fault codes (and the PC/SC status or layout step as detail) for the operation log; never card data. */
  readonly onCode?: (code: string, detail?: string) => void;
}

/** An IdCardReader on a PcscContext and a VitaleReader (public layout in development, licensed in production). */
export class PcscIdCardReader implements IdCardReader {
  constructor(
    private readonly context: PcscContext,
    private readonly vitale: VitaleReader,
    private readonly options: PcscIdCardReaderOptions = {},
  ) {}

  /** `faulty` while pcscd does not answer (stopped, restarting), `absent` without the reader, else `ok`. */
  check(): Promise<PeripheralState> {
    if (!this.context.snapshot().available) return Promise.resolve('faulty');
    return Promise.resolve(this.readerName() === undefined ? 'absent' : 'ok');
  }

  /** Calls back when pcscd stops or comes back, or a reader comes or goes. */
  watchReader(listener: () => void): Cancel {
    return this.context.subscribe((event) => {
      if (event.type === 'service' || event.type === 'readerAdded' || event.type === 'readerRemoved')
        listener();
    });
  }

  /**
   * Waits for a card and reads it. A card already in the reader when this is called is read at once: the
   * session calls this as it asks the patient to insert their card, so a card already there is theirs.
   * Without a working reader (pcscd stopped, the reader unplugged), at the start or while waiting, it
   * reports `card.readerAbsent` at once: the patient is told the reader does not work and may type their
   * details, rather than wait in front of a reader that cannot see their card.
   */
  readNextCard(report: (fact: CardFact) => void): Cancel {
    const abort = new AbortController();
    let busy = false;
    const fail = (error: CabinError): void => {
      this.options.onCode?.(`card.read.${error.code}`, error.detail);
      report({ type: 'card.failed', error: { code: error.code } });
    };
    const readerLost = (): void => {
      if (busy || abort.signal.aborted) return;
      busy = true;
      unsubscribe();
      fail({ code: 'card.readerAbsent' });
    };
    const tryRead = (): void => {
      const reader = this.readerName();
      if (busy || abort.signal.aborted) return;
      if (reader === undefined) return readerLost();
      const card = this.context.snapshot().readers.find((r) => r.name === reader)?.card;
      if (card == null) return;
      busy = true;
      unsubscribe();
      report({ type: 'card.inserted' });
      void this.read(reader, card.atr, abort.signal).then((outcome) => {
        if (abort.signal.aborted) return;
        if (outcome.ok) report({ type: 'card.read', beneficiaries: outcome.value });
        else fail(outcome.error);
      });
    };
    const unsubscribe = this.context.subscribe((event: PcscEvent) => {
      if (event.type === 'cardInserted' || event.type === 'readerAdded') tryRead();
      if (event.type === 'service' || event.type === 'readerRemoved') {
        if (this.readerName() === undefined) readerLost();
      }
    });
    // Reported after this call returns, as every other fact is: the session is ready to hear it then.
    queueMicrotask(tryRead);
    return () => {
      abort.abort();
      unsubscribe();
    };
  }

  /** Tells `listener` whether a card is in the reader now and at every change; answers the unsubscribe. */
  watchPresence(listener: (present: boolean) => void): Cancel {
    let last: boolean | null = null;
    const update = (): void => {
      const reader = this.readerName();
      const present =
        reader !== undefined &&
        this.context.snapshot().readers.some((r) => r.name === reader && r.card !== null);
      if (present === last) return;
      last = present;
      listener(present);
    };
    const unsubscribe = this.context.subscribe(update);
    update();
    return unsubscribe;
  }

  private readerName(): string | undefined {
    const { available, readers } = this.context.snapshot();
    if (!available) return undefined;
    const wanted = this.options.readerName;
    return wanted === undefined ? readers[0]?.name : readers.find((r) => r.name === wanted)?.name;
  }

  private async read(
    reader: string,
    atr: Uint8Array,
    signal: AbortSignal,
  ): Promise<Result<readonly PatientIdentity[], CabinError>> {
    switch (classifyAtr(atr)) {
      case 'mute':
        return err({ code: 'card.mute' });
      case 'cps':
        return err({ code: 'card.cps' });
      case 'unknown':
        return err({ code: 'card.unknown' });
      case 'vitale2':
        break;
    }
    // Exclusive: no other process (a technician's pcsc_scan, a pharmacy program) talks to the card mid-read.
    const channel = await this.context.connect(reader, { exclusive: true });
    if (!channel.ok) return err(sessionError(channel.error));
    try {
      const card = await this.vitale.readBeneficiaries(channel.value, signal);
      if (!card.ok) return err(sessionError(card.error));
      return ok(card.value.beneficiaries.map((b) => b.identity));
    } finally {
      await channel.value.disconnect();
    }
  }
}

// The session's codes: a reader or pcscd that vanished mid-read is the reader being absent.
function sessionError(error: CabinError): CabinError {
  const code =
    error.code === 'reader.absent' || error.code === 'pcsc.unavailable' ? 'card.readerAbsent' : error.code;
  return error.detail === undefined ? { code } : { code, detail: error.detail };
}
