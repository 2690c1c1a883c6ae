// The simulated cabin's card reader when pcscd runs with the vpcd driver: the real PC/SC path
// (PcscIdCardReader, T=0 rules, the public-layout reader) reading a virtual Vitale card that the
// simulated patient "inserts" a moment after the cabin starts waiting, as the simulation script says.
import { after, type Cancel, type CardFact, type Clock } from '../../contract';
import type { IdCardReader } from '../id-card-reader';
import type { PeripheralState } from '../peripheral';
import {
  VIRTUAL_FAMILY,
  VirtualVitaleCard,
  type VirtualVitaleCardOptions,
} from '../vitale/virtual-vitale-card';
import type { SimulationScript } from './simulation-script';

/** A card reader that the simulator routes can steer: put a card in or take it out. */
export interface ScriptedCardReader extends IdCardReader {
  /** Puts the script's card in, or takes the card out, as a patient would. */
  setCardPresent(present: boolean): void;
  /** Stops or restarts the reader's service (absent where the real pcscd is stopped instead). */
  setReaderWorking?(working: boolean): void;
}

/** The virtual card matching the script's choice; null when the patient brings no card. */
export function virtualCardFor(script: SimulationScript): VirtualVitaleCardOptions | null {
  switch (script.card) {
    case 'twoBeneficiaries':
      return {};
    case 'oneBeneficiary':
      return { beneficiaries: VIRTUAL_FAMILY.slice(0, 1) };
    case 'unreadable':
      return { behaviour: { kind: 'garbage', seed: 7 } };
    case 'removedDuringRead':
      return { behaviour: { kind: 'removeAfterApdus', apdus: 5 } };
    case 'none':
      return null;
  }
}

/** An IdCardReader on real PC/SC that inserts the script's virtual card (a step later on `clock`) when the session waits for one. */
export class VirtualCardIdCardReader implements ScriptedCardReader {
  private card: VirtualVitaleCard | null = null;

  constructor(
    private readonly reader: IdCardReader,
    private readonly script: SimulationScript,
    private readonly clock: Clock,
  ) {}

  check(): Promise<PeripheralState> {
    return this.reader.check();
  }

  watchPresence(listener: (present: boolean) => void): Cancel {
    return this.reader.watchPresence(listener);
  }

  watchReader(listener: () => void): Cancel {
    return this.reader.watchReader?.(listener) ?? (() => undefined);
  }

  readNextCard(report: (fact: CardFact) => void): Cancel {
    const stopReading = this.reader.readNextCard((fact) => {
      report(fact);
      // Unless the script keeps it in, the simulated patient takes the card back shortly after the read.
      if (fact.type !== 'card.inserted' && !this.script.cardStaysInReader) {
        after(this.clock, this.script.stepMs * 3, () => this.setCardPresent(false));
      }
    });
    const stopInserting = after(this.clock, this.script.stepMs * 2, () => this.setCardPresent(true));
    return () => {
      stopInserting();
      stopReading();
    };
  }

  setCardPresent(present: boolean): void {
    if (!present) {
      void this.card?.remove();
      this.card = null;
      return;
    }
    const options = virtualCardFor(this.script);
    if (this.card !== null || options === null) return;
    this.card = new VirtualVitaleCard(options);
    void this.card.insert();
  }
}
