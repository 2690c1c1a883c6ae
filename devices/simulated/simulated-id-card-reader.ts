// Domain-level card reader for the scenario tests and a simulated cabin without pcscd: a card is
// "inserted" two steps after the cabin starts waiting. With pcscd, the PC/SC reader reads a virtual card
// instead (virtual-card-id-card-reader.ts).
import { after, type Cancel, type CardFact, type Clock } from '../../contract';
import type { ScriptedCardReader } from './virtual-card-id-card-reader';
import type { PeripheralState } from '../peripheral';
import { SAMPLE_BENEFICIARIES } from './sample-patients';
import type { SimulationScript } from './simulation-script';
import { runSequence } from './step-sequence';

/** A card reader that yields the card the simulation script names, a step at a time on `clock`. */
export class SimulatedIdCardReader implements ScriptedCardReader {
  private present = false;
  private working = true;
  private readonly presenceListeners = new Set<(present: boolean) => void>();
  private readonly readerListeners = new Set<() => void>();
  /** The read waiting now: stopped, with `card.readerAbsent`, when the reader stops working. */
  private pendingRead: { readonly stop: () => void } | null = null;

  constructor(
    private readonly script: SimulationScript,
    private readonly clock: Clock,
  ) {}

  watchPresence(listener: (present: boolean) => void): Cancel {
    this.presenceListeners.add(listener);
    listener(this.present);
    return () => this.presenceListeners.delete(listener);
  }

  /** Puts a card in or takes it out, as a patient would (the simulator routes call it). */
  setCardPresent(present: boolean): void {
    if (present === this.present) return;
    this.present = present;
    for (const listener of this.presenceListeners) listener(present);
  }

  /**
   * Stops or restarts the reader's service, as pcscd killed and restarted would: while stopped the
   * reader is faulty and a waiting read fails with `card.readerAbsent`.
   */
  setReaderWorking(working: boolean): void {
    if (working === this.working) return;
    this.working = working;
    if (!working) {
      const pending = this.pendingRead;
      this.pendingRead = null;
      pending?.stop();
    }
    for (const listener of this.readerListeners) listener();
  }

  check(): Promise<PeripheralState> {
    return Promise.resolve(this.working ? 'ok' : 'faulty');
  }

  watchReader(listener: () => void): Cancel {
    this.readerListeners.add(listener);
    return () => this.readerListeners.delete(listener);
  }

  readNextCard(report: (fact: CardFact) => void): Cancel {
    const readerAbsent = (): void => report({ type: 'card.failed', error: { code: 'card.readerAbsent' } });
    if (!this.working) return after(this.clock, 0, readerAbsent);
    const { card, stepMs } = this.script;
    const inserted = (): void => {
      this.setCardPresent(true);
      report({ type: 'card.inserted' });
    };
    // Unless the script keeps it in, the simulated patient takes the card back shortly after the read.
    const takenBack = (): void => {
      if (!this.script.cardStaysInReader) this.setCardPresent(false);
    };
    const outcome = (): void => {
      this.pendingRead = null;
      switch (card) {
        case 'twoBeneficiaries':
          return report({ type: 'card.read', beneficiaries: SAMPLE_BENEFICIARIES });
        case 'oneBeneficiary':
          return report({ type: 'card.read', beneficiaries: SAMPLE_BENEFICIARIES.slice(0, 1) });
        case 'unreadable':
          return report({ type: 'card.failed', error: { code: 'card.unreadable' } });
        case 'removedDuringRead':
          return report({ type: 'card.failed', error: { code: 'card.removed' } });
        case 'none':
          return;
      }
    };
    const sequence =
      card === 'none'
        ? () => undefined
        : runSequence(this.clock, [
            [stepMs * 2, inserted],
            [
              stepMs,
              () => {
                outcome();
                // Not cancelled with the read: the card leaves the reader whether or not the session still waits.
                after(this.clock, stepMs * 3, takenBack);
              },
            ],
          ]);
    const pending = {
      stop: () => {
        sequence();
        readerAbsent();
      },
    };
    this.pendingRead = pending;
    return () => {
      if (this.pendingRead === pending) this.pendingRead = null;
      sequence();
    };
  }
}
