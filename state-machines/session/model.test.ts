// Model-based test of the session machine: `xstate/graph` explores every state reachable with a finite
// set of patient actions and actor facts, and each reachable state is checked for what the patient sees.
// The graph sends the delayed events (`xstate.after.*`) as ordinary events, so the timeouts
// ("still there?", abandoned, the goodbye screen closing) are part of the model.
import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { getShortestPaths, getStateNodes } from 'xstate/graph';
import { isTeleconsultation, type SessionOutcome, type StepName } from '../../contract';
import type { SessionEvent } from './session-events';
import { sessionMachine } from './machine';
import { CABIN_WORKING } from './setup';
import { sessionViewOf } from '../session-view';
import {
  bloodPressure,
  CARD_HOLDER,
  CHILD_ON_CARD,
  DOCTOR,
  JOURNEY_STEPS,
  nirWithWrongKey,
  NO_PARCOURS_QUESTION,
  plausibleMeasurement,
  PRESCRIPTION,
  REFERRED_BY_REGULAR_DOCTOR,
  sessionInput,
  TYPED_IDENTITY,
} from '../test-support';

type SessionSnapshot = SnapshotFrom<typeof sessionMachine>;

const PATIENT_ACTIONS: SessionEvent[] = [
  { type: 'patient.next' },
  { type: 'patient.back' },
  { type: 'patient.quit' },
  { type: 'patient.help' },
  { type: 'patient.cancelHelp' },
  { type: 'patient.stillHere' },
  { type: 'patient.retry' },
  { type: 'patient.skip' },
  { type: 'patient.setLocale', locale: 'en' },
  { type: 'patient.setAccessibility', accessibility: { largeText: true, readAloud: false } },
  { type: 'patient.consent', presence: 'alone', attendantStays: false },
  { type: 'patient.declineConsent' },
  { type: 'patient.confirmParentPresent' },
  { type: 'patient.useManualEntry' },
  { type: 'patient.chooseBeneficiary', index: 1 },
  { type: 'patient.confirmIdentity' },
  { type: 'patient.submitIdentity', identity: TYPED_IDENTITY },
  { type: 'patient.submitIdentity', identity: { ...TYPED_IDENTITY, nir: nirWithWrongKey('2621169012345') } },
  { type: 'patient.haveAppointmentCode' },
  { type: 'patient.submitAppointmentCode', code: 'K7Q-42' },
  { type: 'patient.seeNextAvailable' },
  { type: 'patient.chooseProfession', profession: 'doctor' },
  { type: 'patient.chooseProfession', profession: 'physiotherapist' },
  { type: 'patient.answerEligibility', answers: { physicalActNeeded: false, earlierInPersonSession: true } },
  { type: 'patient.answerEligibility', answers: { physicalActNeeded: false, earlierInPersonSession: false } },
  { type: 'patient.answerCarePath', answers: REFERRED_BY_REGULAR_DOCTOR },
  { type: 'patient.answerCarePath', answers: { ...REFERRED_BY_REGULAR_DOCTOR, longTermCondition: 'yes' } },
  // Under 16, a midwife, a dentist or télésoin: no médecin-traitant question.
  { type: 'patient.answerCarePath', answers: NO_PARCOURS_QUESTION },
  { type: 'patient.acceptCost' },
  { type: 'patient.startMeasurement' },
  { type: 'patient.startCall' },
  { type: 'patient.setDmpOpposition', opposed: true },
  { type: 'patient.print' },
  { type: 'patient.pay' },
  { type: 'patient.reportProblem', problem: 'printer' },
  { type: 'patient.finish' },
  { type: 'patient.stopInstrument' },
];

const ACTOR_FACTS: SessionEvent[] = [
  { type: 'card.inserted' },
  { type: 'card.read', beneficiaries: [CARD_HOLDER] },
  { type: 'card.read', beneficiaries: [CARD_HOLDER, CHILD_ON_CARD] },
  { type: 'card.failed', error: { code: 'card.removed' } },
  { type: 'measurement.progressed', progress: { stage: 'keepStill' } },
  { type: 'measurement.taken', measurement: plausibleMeasurement('bloodPressure') },
  { type: 'measurement.taken', measurement: bloodPressure(300, 90) },
  { type: 'measurement.failed', error: { code: 'device.unplugged' } },
  { type: 'presence.counted', profession: 'doctor', professionalsOnline: 1 },
  { type: 'presence.counted', profession: 'doctor', professionalsOnline: 0 },
  { type: 'presence.failed', profession: 'doctor', error: { code: 'platform.unreachable' } },
  { type: 'queue.updated', position: 2, estimatedWaitMinutes: 8, professionalsOnline: 1 },
  { type: 'queue.updated', position: 1, estimatedWaitMinutes: null, professionalsOnline: 0 },
  { type: 'queue.assigned', professional: DOCTOR },
  { type: 'queue.failed', error: { code: 'platform.unreachable' } },
  { type: 'call.connected' },
  { type: 'call.reconnecting' },
  { type: 'call.measurementRequested', kind: 'temperature' },
  { type: 'call.documentReceived', document: PRESCRIPTION },
  { type: 'call.instrumentRequested', kind: 'otoscope' },
  { type: 'instrument.reported', report: { kind: 'otoscope', state: 'on', mediaTag: '2' } },
  { type: 'call.instrumentEnded' },
  { type: 'print.started', documentId: PRESCRIPTION.id },
  { type: 'print.done', documentId: PRESCRIPTION.id },
  { type: 'print.failed', documentId: PRESCRIPTION.id, error: { code: 'printer.outOfPaper' } },
  { type: 'call.ended' },
  { type: 'call.failed', error: { code: 'call.lost' } },
  { type: 'attendant.acknowledgeHelp' },
  { type: 'attendant.resetSession' },
];

// What the invoked actors and the clock send: the successful answers of the promise actors, an error
// of each actor (a bug), and each delay running out. The graph sends them as ordinary events.
const SUCCESSFUL_ANSWERS: Record<string, unknown> = {
  lookUpAppointment: { ok: true, value: { profession: 'doctor' } },
  takePayment: { ok: true, value: undefined },
};
const STATE_NODES = getStateNodes(sessionMachine.root);
const ACTOR_AND_CLOCK_EVENTS = [
  ...STATE_NODES.flatMap((node) =>
    node.invoke.flatMap((invoke) => [
      { type: `xstate.error.actor.${invoke.id}`, error: new TypeError('bug in the actor') },
      ...(typeof invoke.src === 'string' && invoke.src in SUCCESSFUL_ANSWERS
        ? [{ type: `xstate.done.actor.${invoke.id}`, output: SUCCESSFUL_ANSWERS[invoke.src] }]
        : []),
    ]),
  ),
  ...STATE_NODES.flatMap((node) => node.after.map((delayed) => ({ type: delayed.eventType as string }))),
] as unknown as SessionEvent[];

// The state value, plus the few context facts that guards read; everything else (names, values
// measured) does not change where the session can go.
function serializeState(snapshot: SessionSnapshot): string {
  const { context } = snapshot;
  return JSON.stringify({
    value: snapshot.value,
    pending: context.slots.filter((slot) => slot.status === 'pending').length,
    severalBeneficiaries: context.beneficiaries.length > 1,
    typedIdentity: context.identity?.source === 'manual',
    // Whether a parent is needed is read when identification ends; later the age only picks which
    // answers fit, and either way leads to the cost, so the state space does not double past it.
    parentNeeded:
      snapshot.status === 'active' &&
      journeyStepOf(snapshot) === 'identification' &&
      context.identity?.birthDate === CHILD_ON_CARD.birthDate &&
      context.consent?.presence !== 'parent',
    teleconsultation: context.profession !== null && isTeleconsultation(context.profession),
    nothingToPay: context.cost?.amountDueTodayCents === 0,
    documents: context.documents.length > 0,
    helpRequested: context.helpRequested,
  });
}

// `createTestModel` refuses machines that invoke actors; the path generator itself explores them, the
// invoked actors never running (the graph only computes transitions).
const EVENTS = [...PATIENT_ACTIONS, ...ACTOR_FACTS, ...ACTOR_AND_CLOCK_EVENTS];
const INPUT = sessionInput({ availableKinds: ['bloodPressure', 'temperature'] });
const paths = getShortestPaths(sessionMachine, {
  input: INPUT,
  events: EVENTS,
  serializeState,
});
const reachable = paths.map((path) => path.state);
const active = reachable.filter((snapshot) => snapshot.status === 'active');

// The screens where the cabin works and the patient is not expected to act: no "still there?" there.
const CABIN_IS_WORKING = new Set([
  'identification/readingCard',
  'appointment/checkingCode',
  'appointment/checkingPresence',
  'measurements/measuring',
  'waitingRoom/joining',
  'waitingRoom/waiting',
  'consultation/connecting',
  'consultation/reconnecting',
  'consultation/inCall',
  'consultation/measuring',
  'documents/printing',
  'payment/processing',
  'goodbye',
]);

function journeyStepOf(snapshot: SessionSnapshot): string {
  const value = snapshot.value as { active: { journey: string | Record<string, unknown> } };
  const journey = value.active.journey;
  return typeof journey === 'string' ? journey : (Object.keys(journey)[0] ?? '');
}

function stageOf(snapshot: SessionSnapshot): string {
  const { screen } = sessionViewOf(snapshot);
  return 'stage' in screen ? `${screen.step}/${screen.stage}` : screen.step;
}

function journeyOf(snapshot: SessionSnapshot): string {
  if (snapshot.status !== 'active') return JSON.stringify(snapshot.value);
  return JSON.stringify((snapshot.value as { active: { journey: unknown } }).active.journey);
}

describe('the session model', () => {
  it('explores the whole journey, every step and its failures', () => {
    const steps = new Set(active.map(journeyStepOf));
    expect([...steps].sort()).toEqual([...JOURNEY_STEPS].sort());
    expect(active.length).toBeGreaterThan(100);
    // Each actor's bug is part of the model: it lands in its step's failure screen.
    const failures = new Set(active.map((snapshot) => JSON.stringify(sessionViewOf(snapshot).screen)));
    expect(
      [...failures].filter((screen) => screen.includes('internal.actorFailed')).length,
    ).toBeGreaterThanOrEqual(6);
  });

  it.each<SessionOutcome>(['completed', 'cancelled', 'declined', 'abandoned', 'reset'])(
    'some path ends the session as %s',
    (outcome) => {
      const ending = paths.find(
        (path) => path.state.status === 'done' && path.state.output?.outcome === outcome,
      );
      expect(ending, `no path ends as ${outcome}`).toBeDefined();
    },
  );

  it('abandoning needs the "still there?" prompt to run out', () => {
    const abandoned = paths.find((path) => path.state.output?.outcome === 'abandoned');
    const delays = abandoned?.steps
      .map((step) => step.event.type)
      .filter((type) => type.startsWith('xstate.after.'));
    expect(delays).toEqual([
      'xstate.after.inactivity.session.active.attention.attentive',
      'xstate.after.stillThereGrace.session.active.attention.askingStillThere',
    ]);
  });

  it('every reachable state projects onto a screen, the screen of its own step', () => {
    for (const snapshot of active) {
      const view = sessionViewOf(snapshot);
      expect({ state: serializeState(snapshot), step: view.screen.step }).toEqual({
        state: serializeState(snapshot),
        step: journeyStepOf(snapshot),
      });
    }
  });

  it('in every reachable state, "back" is offered exactly when it changes the journey', () => {
    for (const snapshot of active) {
      const [afterBack] = transition(sessionMachine, snapshot, { type: 'patient.back' });
      const { canGoBack } = sessionViewOf(snapshot);
      const stage = stageOf(snapshot);
      expect({ stage, canGoBack }).toEqual({
        stage,
        canGoBack: journeyOf(afterBack) !== journeyOf(snapshot),
      });
    }
  });

  it('after 90 s without a touch, "still there?" is asked only where the patient is expected to act', () => {
    const inactivity = {
      type: 'xstate.after.inactivity.session.active.attention.attentive',
    } as unknown as SessionEvent;
    const checked = new Set<string>();
    for (const snapshot of active) {
      if (sessionViewOf(snapshot).askingStillThere) continue;
      const stage = stageOf(snapshot);
      const [afterInactivity] = transition(sessionMachine, snapshot, inactivity);
      expect({ stage, asked: sessionViewOf(afterInactivity).askingStillThere }).toEqual({
        stage,
        asked: !CABIN_IS_WORKING.has(stage),
      });
      checked.add(stage);
    }
    expect([...CABIN_IS_WORKING].filter((stage) => !checked.has(stage))).toEqual([]);
  });

  it('the states tagged "cabinWorking" are exactly the screens where the cabin works', () => {
    for (const snapshot of active) {
      const stage = stageOf(snapshot);
      expect({ stage, working: snapshot.hasTag(CABIN_WORKING) }).toEqual({
        stage,
        working: CABIN_IS_WORKING.has(stage),
      });
    }
  });

  // Every event in every reachable state: the slowest check of the model, given room as the journey grows.
  it(
    'recordStep is called exactly when the screen shows another step, with that step',
    { timeout: 30_000 },
    () => {
      const stepsIn = (actions: readonly { type: string; params?: unknown }[]): StepName[] =>
        actions.flatMap((action) =>
          action.type === 'recordStep' ? [(action.params as { readonly step: StepName }).step] : [],
        );
      // The screen's step is the journey's (checked above for every reachable state).
      const stepOf = (snapshot: SessionSnapshot): string | null =>
        snapshot.status === 'active' ? journeyStepOf(snapshot) : null;
      const [, entryActions] = initialTransition(sessionMachine, INPUT);
      expect(stepsIn(entryActions)).toEqual(['information']);
      // Every event in every reachable state: every transition of the model, so every path through it.
      let transitions = 0;
      // The journey's transitions do not depend on the attention region nor on a pending help call.
      const journeyStates = new Map(
        active.map((snapshot) => [
          serializeState(snapshot).replace(/"(attention|anywhere)":"\w+"|"helpRequested":\w+/g, ''),
          snapshot,
        ]),
      );
      for (const before of journeyStates.values()) {
        const stepBefore = stepOf(before);
        // An actor's answer or error reaches the session only while it runs.
        const running = Object.keys(before.children);
        const events = EVENTS.filter(
          ({ type }) =>
            !type.startsWith('xstate.') ||
            type.startsWith('xstate.after.') ||
            running.some((id) => type.endsWith(`.actor.${id}`)),
        );
        for (const event of events) {
          const [after, actions] = transition(sessionMachine, before, event);
          const stepAfter = stepOf(after);
          const expected = stepAfter !== null && stepAfter !== stepBefore ? [stepAfter] : [];
          if (stepsIn(actions).join() !== expected.join()) {
            expect({ from: stepBefore, event: event.type, recorded: stepsIn(actions) }).toEqual({
              from: stepBefore,
              event: event.type,
              recorded: expected,
            });
          }
          transitions += 1;
        }
      }
      expect(transitions).toBeGreaterThan(100);
    },
  );
});
