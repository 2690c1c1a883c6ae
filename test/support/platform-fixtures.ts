// What the platform tests of test/integration share: the doctor who takes the calls and the patient
// who waits (both fictitious).
import type { PatientIdentity } from '../../contract';
import { DEMO_PRACTITIONERS } from '../../platform/server/demo-accounts';

/** Dr Claire Fontaine of the demo accounts, with a password of the test's own. */
export const TEST_DOCTOR = { ...DEMO_PRACTITIONERS[0], password: 'correct horse' };

/** The patient who joins the waiting room, typed in by hand (no NIR). */
export const TEST_PATIENT: PatientIdentity = {
  surname: 'MARTINEAU',
  firstName: 'Lucas',
  birthDate: '1950-03-12',
  nir: null,
  source: 'manual',
};

/**
 * The facts a platform link reported, in order, for a test to wait on: `next` resolves as soon as a
 * matching fact is (or was) reported — no polling, no clock.
 */
export class FactLog<T extends { readonly type: string }> {
  readonly facts: T[] = [];
  readonly #taken = new Set<T>();
  readonly #waiters = new Set<() => void>();

  /** Records one fact (give it to the link as its report callback). */
  readonly report = (fact: T): void => {
    this.facts.push(fact);
    for (const wake of [...this.#waiters]) wake();
  };

  /** Resolves with the first fact of `type` not taken yet that `matches`, and takes it. */
  next<K extends T['type']>(
    type: K,
    matches: (fact: Extract<T, { readonly type: K }>) => boolean = () => true,
  ): Promise<Extract<T, { readonly type: K }>> {
    const find = (): Extract<T, { readonly type: K }> | undefined =>
      this.facts.find(
        (fact): fact is Extract<T, { readonly type: K }> =>
          fact.type === type && !this.#taken.has(fact) && matches(fact as Extract<T, { readonly type: K }>),
      );
    return new Promise((resolve) => {
      const look = (): void => {
        const found = find();
        if (found === undefined) return;
        this.#waiters.delete(look);
        this.#taken.add(found);
        resolve(found);
      };
      this.#waiters.add(look);
      look();
    });
  }
}
