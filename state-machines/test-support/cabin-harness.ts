// The cabin machine provided with fakes (self-test, wipe, and a session on fakes), on a manual clock.
import { createActor, type Actor, type NonReducibleUnknown } from 'xstate';
import type { CabinView, PeripheralStatus } from '../../contract';
import type { ManualClock } from '../../test/support/manual-clock';
import { cabinMachine, type CabinEventIn, type SelfTestReport, type WipeRequest } from '../cabin-machine';
import { DEFAULT_TARIFFS } from '../cost';
import { CONSENT_TEXT_VERSIONS } from './sample-data';
import type { SessionOutput } from '../session/context';
import { cabinViewOf } from '../session-view';
import { FakeRequestActor, settle } from './fake-actors';
import {
  createSessionFakes,
  provideSessionFakes,
  SESSION_START,
  type FakeSessionMachine,
  type SessionFakes,
} from './session-harness';

/** Every peripheral present and working. */
export const ALL_PERIPHERALS_OK: readonly PeripheralStatus[] = [
  { peripheral: 'cardReader', state: 'ok' },
  { peripheral: 'printer', state: 'ok' },
  { peripheral: 'paymentTerminal', state: 'ok' },
  { peripheral: 'platform', state: 'ok' },
  { peripheral: 'bloodPressure', state: 'ok' },
  { peripheral: 'temperature', state: 'ok' },
  { peripheral: 'oxygenSaturation', state: 'ok' },
  { peripheral: 'weight', state: 'ok' },
];

/** The provided cabin machine. */
export function provideCabinFakes(options: {
  readonly selfTest: FakeRequestActor<NonReducibleUnknown, SelfTestReport>;
  readonly wipe: FakeRequestActor<WipeRequest, void>;
  readonly session: FakeSessionMachine;
  readonly sessionEnds: SessionOutput[];
}) {
  return cabinMachine.provide({
    actors: {
      selfTest: options.selfTest.logic,
      wipeSession: options.wipe.logic,
      runSession: options.session,
    },
    actions: { recordSessionEnd: (_, output) => void options.sessionEnds.push(output) },
  });
}

/** A running cabin and its fakes. */
export interface CabinHarness {
  readonly actor: Actor<ReturnType<typeof provideCabinFakes>>;
  readonly clock: ManualClock;
  readonly selfTest: FakeRequestActor<NonReducibleUnknown, SelfTestReport>;
  readonly wipe: FakeRequestActor<WipeRequest, void>;
  /** The fakes of the sessions the cabin runs (shared by all its sessions). */
  readonly session: SessionFakes;
  /** The outcomes recorded by `recordSessionEnd`, oldest first. */
  readonly sessionEnds: SessionOutput[];
  send(event: CabinEventIn): void;
  /** What the screens draw now. */
  view(): CabinView;
  /** Starts a patient session from the welcome screen. */
  startSession(sessionId?: string): void;
  settle(): Promise<void>;
}

/** Starts a cabin, booting: its self-test waits for the test's answer. */
export function startCabin(
  options: { readonly session?: (fakes: SessionFakes) => FakeSessionMachine } = {},
): CabinHarness {
  const fakes = createSessionFakes();
  const selfTest = new FakeRequestActor<NonReducibleUnknown, SelfTestReport>('self-test');
  const wipe = new FakeRequestActor<WipeRequest, void>('wipe');
  const sessionEnds: SessionOutput[] = [];
  const { clock } = fakes;
  const machine = provideCabinFakes({
    selfTest,
    wipe,
    session: (options.session ?? provideSessionFakes)(fakes),
    sessionEnds,
  });
  const actor = createActor(machine, {
    input: { consentTextVersions: CONSENT_TEXT_VERSIONS, tariffs: DEFAULT_TARIFFS },
    clock,
  });
  actor.start();
  return {
    actor,
    clock,
    selfTest,
    wipe,
    session: fakes,
    sessionEnds,
    send: (event) => actor.send(event),
    view: () => cabinViewOf(actor.getSnapshot()),
    startSession: (sessionId = 'session-cabin-1') =>
      actor.send({
        type: 'session.start',
        sessionId,
        startedAt: SESSION_START,
        locale: 'fr',
        accessibility: { largeText: false, readAloud: false },
      }),
    settle,
  };
}
