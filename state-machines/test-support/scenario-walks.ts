// Sessions walked in by the scenarios of one test file, every snapshot kept: afterwards the file checks,
// on each screen its scenarios reached, that "back" is offered exactly where it changes the journey.
import { describe, expect, it } from 'vitest';
import { transition, type SnapshotFrom } from 'xstate';
import type { SessionOutcome } from '../../contract';
import type { SessionInput } from '../session/context';
import { canGoBackFrom, sessionViewOf } from '../session-view';
import { startSession, type FakeSessionMachine, type SessionHarness } from './session-harness';

/** What "back" does on one screen that a scenario reached. */
export interface BackOnScreen {
  /** `step/stage`, or the step when it has no stages. */
  readonly screen: string;
  readonly canGoBack: boolean;
  /** Pressing "back" there moves the journey (or ends the session). */
  readonly backChangesJourney: boolean;
}

/** The walks of one test file. */
export interface ScenarioWalks {
  /** Starts a session on fakes whose every snapshot is kept for `backOnEveryScreen`. */
  readonly walkIn: (overrides?: Partial<SessionInput>) => SessionHarness;
  /** Starts a session as `walkIn` does and takes it along `shortcut` (`reachCall`, `consentAlone`, …). */
  readonly walkInTo: (
    shortcut: (session: SessionHarness) => void,
    overrides?: Partial<SessionInput>,
  ) => SessionHarness;
  /** "Back" replayed on the first snapshot of each distinct screen reached so far. */
  readonly backOnEveryScreen: () => BackOnScreen[];
  /**
   * Declares the test, run after the file's scenarios, that "back" is offered on exactly the screens
   * they reached where going back changes the journey; `atLeast` screens must have been reached, some
   * with "back" and some without.
   */
  readonly describeBackButton: (atLeast: number) => void;
}

/** A fresh set of walks, nothing reached yet. */
export function scenarioWalks(): ScenarioWalks {
  const reached: { logic: FakeSessionMachine; snapshot: SnapshotFrom<FakeSessionMachine> }[] = [];
  const walks: ScenarioWalks = {
    walkIn: (overrides = {}) => {
      const session = startSession(overrides);
      session.actor.subscribe((snapshot) => reached.push({ logic: session.actor.logic, snapshot }));
      reached.push({ logic: session.actor.logic, snapshot: session.snapshot() });
      return session;
    },
    walkInTo: (shortcut, overrides) => {
      const session = walks.walkIn(overrides);
      shortcut(session);
      return session;
    },
    backOnEveryScreen: () => {
      const screens = new Map<string, BackOnScreen>();
      for (const { logic, snapshot } of reached) {
        if (snapshot.status !== 'active') continue;
        const { screen } = sessionViewOf(snapshot);
        const key = 'stage' in screen ? `${screen.step}/${screen.stage}` : screen.step;
        if (screens.has(key)) continue;
        const [afterBack] = transition(logic, snapshot, { type: 'patient.back' });
        const backChangesJourney =
          afterBack.status !== 'active' || journeyOf(afterBack) !== journeyOf(snapshot);
        screens.set(key, { screen: key, canGoBack: canGoBackFrom(screen), backChangesJourney });
      }
      return [...screens.values()];
    },
    describeBackButton: (atLeast) => describeBackButton(() => walks.backOnEveryScreen(), atLeast),
  };
  return walks;
}

/** How the session ended, or undefined while it runs. */
export function outcomeOf(session: SessionHarness): SessionOutcome | undefined {
  const snapshot = session.snapshot();
  return snapshot.status === 'done' ? snapshot.output?.outcome : undefined;
}

/** The screen the patient sees, as `step/stage` (or the step when it has no stages). */
export function stageOf(session: SessionHarness): string {
  const { screen } = session.view();
  return 'stage' in screen ? `${screen.step}/${screen.stage}` : screen.step;
}

function journeyOf(snapshot: SnapshotFrom<FakeSessionMachine>): string {
  const value = snapshot.value as string | { active: { journey: unknown } };
  return JSON.stringify(typeof value === 'string' ? value : value.active.journey);
}

function describeBackButton(backOnEveryScreen: () => BackOnScreen[], atLeast: number): void {
  describe('the "back" button', () => {
    it('is offered on exactly the screens where going back changes the journey', () => {
      const screens = backOnEveryScreen();
      for (const { screen, canGoBack, backChangesJourney } of screens) {
        expect({ screen, canGoBack }).toEqual({ screen, canGoBack: backChangesJourney });
      }
      expect(screens.length).toBeGreaterThanOrEqual(atLeast);
      expect(screens.map(({ backChangesJourney }) => backChangesJourney)).toContain(true);
      expect(screens.map(({ backChangesJourney }) => backChangesJourney)).toContain(false);
    });
  });
}
