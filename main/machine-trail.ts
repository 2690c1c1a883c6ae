// The trail a technician reads when a cabin seems stuck: every state change of the cabin machine and
// of the session machine, as a line `machine.state` with the machine and the state's dotted path. State
// names only: the machines' context (who the patient is, what was measured) never reaches the log.
import type { InspectionEvent, StateValue } from 'xstate';
import type { OperationLog } from './log';

// The machines whose states the trail follows (their XState ids).
const TRACED_MACHINES = ['cabin', 'session'] as const;

type TracedMachine = (typeof TRACED_MACHINES)[number];

/**
 * The dotted paths of the leaf states of a state value, one per parallel region, in the machine's
 * order: `{ active: { journey: { consent: 'asking' }, attention: 'watching' } }` gives
 * `active.journey.consent.asking` and `active.attention.watching`.
 */
export function statePaths(value: StateValue): string[] {
  if (typeof value === 'string') return [value];
  return Object.entries(value).flatMap(([key, inner]) => {
    const below = inner === undefined ? [] : statePaths(inner);
    return below.length === 0 ? [key] : below.map((path) => `${key}.${path}`);
  });
}

const isTraced = (id: string): id is TracedMachine => (TRACED_MACHINES as readonly string[]).includes(id);

/**
 * An `inspect` callback for `createActor(..., { inspect })` that writes one `machine.state` line each
 * time a region of the cabin or of a session enters a new state (not one per snapshot: a snapshot that
 * changes only the context writes nothing).
 */
export function traceMachineStates(log: OperationLog): (inspection: InspectionEvent) => void {
  const last = new WeakMap<object, ReadonlySet<string>>();
  return (inspection) => {
    if (inspection.type !== '@xstate.snapshot') return;
    const snapshot: unknown = inspection.snapshot;
    const machine = machineIdOf(snapshot);
    if (machine === null || !isTraced(machine) || !hasValue(snapshot)) return;
    const previous = last.get(inspection.actorRef) ?? new Set<string>();
    const paths = statePaths(snapshot.value);
    for (const state of paths) {
      if (!previous.has(state)) log.info('machine.state', { machine, state });
    }
    last.set(inspection.actorRef, new Set(paths));
  };
}

// A machine actor's snapshot carries its machine; other actors' (promises, callbacks) do not.
function machineIdOf(snapshot: unknown): string | null {
  if (typeof snapshot !== 'object' || snapshot === null || !('machine' in snapshot)) return null;
  const { machine } = snapshot;
  return typeof machine === 'object' && machine !== null && 'id' in machine && typeof machine.id === 'string'
    ? machine.id
    : null;
}

function hasValue(snapshot: unknown): snapshot is { readonly value: StateValue } {
  return typeof snapshot === 'object' && snapshot !== null && 'value' in snapshot;
}
