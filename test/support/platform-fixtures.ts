// What the platform tests share: the cabin, the doctor who takes the calls and the patient who waits
// (all fictitious), the platform that knows them, and the patient's request for a place in the queue.
import type { BillingDetails, PatientIdentity, PatientSummary, VisitSummary } from '../../contract';
import { billingDetailsOf } from '../../contract';
import type { QueueEntry } from '../../main/platform-client/platform-link';
import {
  PlatformSocketLink,
  type PlatformSocketOptions,
} from '../../main/platform-client/platform-socket-link';
import { DISCARDING_LOG } from '../../main/test-support/discarding-log';
import { DEMO_PRACTITIONERS } from '../../platform/server/demo-accounts';
import {
  startPlatform,
  type PlatformOptions,
  type RunningPlatform,
} from '../../platform/server/platform-server';
import { TestPeer, tokenFor } from '../../platform/server/test-support/test-peer';

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

/** What the platform receives of TEST_PATIENT: his names, birth date, NIR (none typed), and that he typed them. */
export const TEST_PATIENT_SUMMARY: PatientSummary = {
  surname: TEST_PATIENT.surname,
  firstName: TEST_PATIENT.firstName,
  birthDate: TEST_PATIENT.birthDate,
  nir: TEST_PATIENT.nir,
  source: TEST_PATIENT.source,
};

/** What the professional bills TEST_PATIENT with: typed, so no NIR and his birth date (the cabin cannot say he is the insured). */
export const TEST_BILLING: BillingDetails = billingDetailsOf(TEST_PATIENT, null, false);

/** What the platform receives of TEST_PATIENT's visit: French screens, referred by the regular doctor. */
export const TEST_VISIT: VisitSummary = {
  locale: 'fr',
  cover: {
    answers: [
      {
        question: 'referredByRegularDoctor',
        label: 'Venez-vous sur le conseil de votre médecin traitant\u00a0?',
        answer: 'yes',
      },
    ],
    feeCents: 2500,
    reimbursedPercent: 70,
    amountDueCents: 2500,
    thirdPartyPayment: false,
  },
};

/** The cabin the platform tests declare. */
export const TEST_CABIN = { cabinId: 'cabin-a', credential: 'secret-a' } as const;

/** The reference platform on a free loopback port, knowing TEST_CABIN and TEST_DOCTOR, serving no console. */
export function startTestPlatform(options: Partial<PlatformOptions> = {}): Promise<RunningPlatform> {
  return startPlatform({
    port: 0,
    cabins: [TEST_CABIN],
    practitioners: [TEST_DOCTOR],
    consoleDirectory: null,
    ...options,
  });
}

/** TEST_DOCTOR's console connected to `platform`, logged in. */
export async function connectTestDoctor(platform: RunningPlatform): Promise<TestPeer> {
  const token = await tokenFor(platform.url, TEST_DOCTOR.login, TEST_DOCTOR.password);
  return TestPeer.practitioner(platform.url, token);
}

/** TEST_CABIN's platform link to `url`, on `clock`, its log discarded; `options` add or override. */
export function testCabinLink(
  url: string,
  clock: PlatformSocketOptions['clock'],
  options: Partial<PlatformSocketOptions> = {},
): PlatformSocketLink {
  return new PlatformSocketLink({ url, ...TEST_CABIN, log: DISCARDING_LOG, clock, ...options });
}

/** What the cabin's platform link is given to queue TEST_PATIENT for a doctor, without appointment or measurements. */
export function doctorQueueEntry(sessionId: string): QueueEntry {
  return {
    sessionId,
    profession: 'doctor',
    appointmentCode: null,
    identity: TEST_PATIENT,
    measurements: [],
    locale: 'fr',
    carePath: null,
    cost: null,
  };
}

/** A cabin's request to queue TEST_PATIENT for a doctor, without appointment or measurements unless `extra` says. */
export function queueJoin(sessionId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'queue.join',
    sessionId,
    profession: 'doctor',
    appointmentCode: null,
    patient: TEST_PATIENT_SUMMARY,
    visit: TEST_VISIT,
    billing: TEST_BILLING,
    measurements: [],
    ...extra,
  };
}

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
