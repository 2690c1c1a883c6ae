// Interim domain-level card reader for `npm start` and the scenario tests: a card is "inserted"
// one step after the cabin starts waiting. The PC/SC reader with a virtual card replaces it (issue 4).
import type { CardFact, IdCardReader } from '../id-card-reader';
import type { PeripheralState } from '../peripheral';
import { SAMPLE_BENEFICIARIES } from './sample-patients';
import type { SimulationScript } from './simulation-script';
import { runSequence, type Schedule } from './simulation-timer';

/** A card reader that yields the card the simulation script names. */
export class SimulatedIdCardReader implements IdCardReader {
  constructor(
    private readonly script: SimulationScript,
    private readonly schedule: Schedule,
  ) {}

  check(): Promise<PeripheralState> {
    return Promise.resolve('ok');
  }

  readNextCard(report: (fact: CardFact) => void): () => void {
    const { card, stepMs } = this.script;
    if (card === 'none') return () => undefined;
    const inserted = (): void => report({ type: 'inserted' });
    const outcome = (): void => {
      switch (card) {
        case 'twoBeneficiaries':
          return report({ type: 'read', beneficiaries: SAMPLE_BENEFICIARIES });
        case 'oneBeneficiary':
          return report({ type: 'read', beneficiaries: SAMPLE_BENEFICIARIES.slice(0, 1) });
        case 'unreadable':
          return report({ type: 'failed', error: { code: 'card.unreadable' } });
        case 'removedDuringRead':
          return report({ type: 'failed', error: { code: 'card.removed' } });
      }
    };
    return runSequence(this.schedule, [
      [stepMs * 2, inserted],
      [stepMs, outcome],
    ]);
  }
}
