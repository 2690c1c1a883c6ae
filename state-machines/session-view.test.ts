// The projection fails loudly: a snapshot it has no screen for is a bug in a machine, not a goodbye screen.
import { describe, expect, it } from 'vitest';
import type { StateValue } from 'xstate';
import { sessionViewOf } from './session-view';
import { initialContext, type SessionContext } from './session/context';
import { sessionMachine } from './session/machine';
import { chooseDoctor, DOCTOR, reachCall, sessionInput, startSession } from './test-support';

/** A session snapshot at `journey`, with the memory `context`: what a bug could leave behind. */
function snapshotAt(journey: StateValue, context: SessionContext) {
  return sessionMachine.resolveState({
    value: { active: { journey, anywhere: 'listening', attention: 'attentive' } },
    context,
  });
}

describe('the session view', () => {
  it('projects a snapshot resolved from a state value, as the machine would show it', () => {
    const session = startSession();
    reachCall(session);
    const resolved = snapshotAt({ consultation: { call: 'inCall' } }, session.snapshot().context);
    expect(sessionViewOf(resolved).screen).toMatchObject({ step: 'consultation', stage: 'inCall' });
  });

  it('throws on a transient state, where the machine never rests', () => {
    const session = startSession();
    chooseDoctor(session);
    const { context } = session.snapshot();
    expect(() => sessionViewOf(snapshotAt({ appointment: 'routing' }, context))).toThrow(/transient/);
    expect(() => sessionViewOf(snapshotAt({ measurements: 'choosingNext' }, context))).toThrow(/transient/);
  });

  it('throws on a state value that no step has (a machine changed without its projection)', () => {
    const real = startSession().snapshot();
    // The machine refuses to resolve such a value: only a snapshot made by hand can carry one.
    const withJourney = (journey: unknown) =>
      ({ ...real, value: { active: { journey, anywhere: 'listening', attention: 'attentive' } } }) as never;
    expect(() => sessionViewOf(withJourney('lobby'))).toThrow(/no screen for the state "lobby"/);
    expect(() => sessionViewOf(withJourney({ lobby: 'waiting' }))).toThrow(/no screen/);
  });

  it('throws on a finished session instead of showing the goodbye screen', () => {
    const session = startSession();
    session.send({ type: 'patient.quit' });
    expect(session.snapshot().status).toBe('done');
    expect(() => session.view()).toThrow(/no screen/);
  });

  it('throws when the call has no professional or the payment no cost, instead of another screen', () => {
    const context = { ...initialContext(sessionInput()), professional: null };
    expect(() => sessionViewOf(snapshotAt({ consultation: { call: 'inCall' } }, context))).toThrow(
      /professional/,
    );
    expect(() => sessionViewOf(snapshotAt({ payment: 'confirm' }, context))).toThrow(/cost/);
    const withProfessional = { ...context, professional: DOCTOR };
    expect(sessionViewOf(snapshotAt({ consultation: 'failed' }, withProfessional)).screen.step).toBe(
      'consultation',
    );
  });
});
