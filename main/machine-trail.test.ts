// The trail of machine states: what a technician reads, and that the log takes every state name.
import { describe, expect, it } from 'vitest';
import { createActor, setup, type AnyStateMachine } from 'xstate';
import { cabinMachine, sessionMachine } from '../state-machines';
import { isLoggableCode } from './log';
import { statePaths, traceMachineStates } from './machine-trail';
import { MemoryOperationLog } from './test-support/memory-operation-log';

interface StateNodeLike {
  readonly key: string;
  readonly states: Readonly<Record<string, StateNodeLike>>;
}

/** Every leaf state of a machine as the trail writes it. */
function leafPaths(machine: AnyStateMachine): string[] {
  const visit = (node: StateNodeLike, path: readonly string[]): string[] => {
    const children = Object.values(node.states);
    if (children.length === 0) return [path.join('.')];
    return children.flatMap((child) => visit(child, [...path, child.key]));
  };
  return visit(machine.root as StateNodeLike, []);
}

describe('state paths', () => {
  it('flattens a state value into one dotted path per parallel region', () => {
    expect(statePaths('ready')).toEqual(['ready']);
    expect(statePaths({ cleaning: 'afterSession' })).toEqual(['cleaning.afterSession']);
    expect(
      statePaths({
        active: { journey: { identification: { card: 'readingCard' } }, attention: 'attentive' },
      }),
    ).toEqual(['active.journey.identification.card.readingCard', 'active.attention.attentive']);
  });

  it.each([
    ['cabin', cabinMachine],
    ['session', sessionMachine],
  ])('the log takes every state of the %s machine as it is', (_name, machine) => {
    const paths = leafPaths(machine);
    expect(paths.length).toBeGreaterThan(1);
    for (const path of paths) expect(isLoggableCode(path), path).toBe(true);
  });
});

describe('the trail', () => {
  const door = setup({
    types: { events: {} as { type: 'open' } | { type: 'close' } | { type: 'count' } },
  }).createMachine({
    id: 'cabin',
    context: { count: 0 },
    initial: 'closed',
    states: {
      closed: { on: { open: 'open', count: { actions: () => undefined } } },
      open: { on: { close: 'closed' } },
    },
  });

  it('writes one line per state entered, none for a snapshot that changes no state', () => {
    const log = new MemoryOperationLog();
    const actor = createActor(door, { inspect: traceMachineStates(log) }).start();
    actor.send({ type: 'count' });
    actor.send({ type: 'count' });
    actor.send({ type: 'open' });
    actor.send({ type: 'close' });
    expect(log.records().map(({ event, machine, state }) => ({ event, machine, state }))).toEqual([
      { event: 'machine.state', machine: 'cabin', state: 'closed' },
      { event: 'machine.state', machine: 'cabin', state: 'open' },
      { event: 'machine.state', machine: 'cabin', state: 'closed' },
    ]);
  });

  it('leaves out machines it does not trace', () => {
    const log = new MemoryOperationLog();
    createActor(setup({}).createMachine({ id: 'printer', initial: 'idle', states: { idle: {} } }), {
      inspect: traceMachineStates(log),
    }).start();
    expect(log.lines).toEqual([]);
  });
});
