// A reference platform on 127.0.0.1 with two cabins (`cabin-a`, `cabin-b`) and two doctors (Claire
// Fontaine, Paul Autre), for tests of what reaches the party of a call and nobody else. Registers an
// `afterEach` that checks every peer kept to the protocol, closes them and stops the platform.
import { afterEach, expect } from 'vitest';
import { ManualClock } from '../../../test/support/manual-clock';
import { DEMO_PRACTITIONERS } from '../demo-accounts';
import { startPlatform, type RunningPlatform } from '../platform-server';
import { TestPeer, tokenFor } from './test-peer';

/** The first doctor's card (the demonstration general practitioner); the second is the same with another name. */
const DOCTOR_CARD = DEMO_PRACTITIONERS[0].professional;

const DOCTORS = [
  { login: 'doctor', password: 'doctor password', professional: DOCTOR_CARD },
  { login: 'other', password: 'other password', professional: { ...DOCTOR_CARD, name: 'Paul Autre' } },
];

/** The platform of one test and the peers it connects. */
export interface TwoCabinsTwoDoctors {
  /** Starts the platform (on a manual clock, no heartbeat within a test). */
  readonly start: () => Promise<void>;
  /** Connects cabin `a` or `b`. */
  readonly cabin: (id: 'a' | 'b') => Promise<TestPeer>;
  /** Logs doctor 0 (Claire Fontaine) or 1 (Paul Autre) in and connects their console. */
  readonly doctor: (index?: number) => Promise<TestPeer>;
  /** The platform log's lines so far, `event {fields}`, emptied after each test. */
  readonly logged: readonly string[];
}

/** Registers the teardown and answers the platform's controls for the tests of the file. */
export function twoCabinsTwoDoctors(): TwoCabinsTwoDoctors {
  let platform: RunningPlatform | undefined;
  const logged: string[] = [];
  const peers: TestPeer[] = [];
  afterEach(async () => {
    for (const peer of peers.splice(0)) {
      expect(peer.violations).toEqual([]);
      peer.close();
    }
    await platform?.stop();
    platform = undefined;
    logged.length = 0;
  });
  const running = (): RunningPlatform => {
    if (platform === undefined) throw new Error('start() the platform first');
    return platform;
  };
  return {
    logged,
    start: async () => {
      platform = await startPlatform({
        port: 0,
        clock: new ManualClock(1_000_000),
        heartbeatMs: 24 * 3_600_000,
        cabins: [
          { cabinId: 'cabin-a', credential: 'secret-a' },
          { cabinId: 'cabin-b', credential: 'secret-b' },
        ],
        practitioners: DOCTORS,
        consoleDirectory: null,
        log: (event, fields = {}) => logged.push(`${event} ${JSON.stringify(fields)}`),
      });
    },
    cabin: async (id) => {
      const peer = await TestPeer.cabin(running().url, `cabin-${id}`, `secret-${id}`);
      peers.push(peer);
      return peer;
    },
    doctor: async (index = 0) => {
      const account = DOCTORS[index] ?? DOCTORS[0]!;
      const url = running().url;
      const peer = await TestPeer.practitioner(url, await tokenFor(url, account.login, account.password));
      peers.push(peer);
      return peer;
    },
  };
}
