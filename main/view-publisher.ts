// The screen's projection of the cabin: follows the cabin actor and its session child, and publishes
// `view.changed` only when the view the renderer draws has changed.
import type { AnyActorRef } from 'xstate';
import type { CabinEvent, CabinView, PeripheralStatus } from '../contract';
import { cabinViewOf, NO_OUTSIDE, type CabinActorRef, type ViewOutside } from '../state-machines';
import { withInstrumentStatuses } from './instruments/instrument-statuses';
import type { OperationLog } from './log';

/** The current view, and when the cabin first left `booting`. */
export interface ViewPublisher {
  /** The view last published (the one the renderer has). */
  current(): CabinView;
  /** Resolves once the cabin has left `booting` (ready or out of service). */
  readonly booted: Promise<void>;
  /** Projects again and publishes if the view changed: what `outside` says has changed (the staff). */
  readonly refresh: () => void;
}

/**
 * Subscribes to `actor` (before it starts) and sends each new view to `emit`; `outside` adds what the
 * machines do not hold (the staff, the help call's start), `instruments` the examination instruments'
 * statuses, after the self-test's peripherals.
 */
export function publishViews(
  actor: CabinActorRef,
  emit: (event: CabinEvent) => void,
  log: OperationLog,
  outside: () => ViewOutside = () => NO_OUTSIDE,
  instruments: () => readonly PeripheralStatus[] = () => [],
): ViewPublisher {
  const project = (): CabinView => {
    const view = cabinViewOf(actor.getSnapshot(), outside());
    const extra = instruments();
    return extra.length === 0
      ? view
      : { ...view, peripherals: withInstrumentStatuses(view.peripherals, extra) };
  };
  let current = project();
  let currentJson = JSON.stringify(current);
  let resolveBooted: () => void = () => undefined;
  const booted = new Promise<void>((resolve) => {
    resolveBooted = resolve;
  });

  const publish = (): void => {
    let view: CabinView;
    try {
      view = project();
    } catch (error) {
      // A state the projection does not know is a bug: said loudly in the log, by name only. Thrown
      // from here it would end the whole process (an observer's error is rethrown on its own turn), so
      // the screen keeps its last view while the machines go on: the inactivity watch ends the session
      // and the cabin comes back to a screen it knows.
      log.error('view.projectionFailed', { error: error instanceof Error ? error.name : 'unknown' });
      return;
    }
    if (view.phase !== 'booting') resolveBooted();
    // The projection is rebuilt on every snapshot; most (a timer, a progress tick of another field) do
    // not change what the screen shows, and the renderer need not hear about those.
    const json = JSON.stringify(view);
    if (json === currentJson) return;
    current = view;
    currentJson = json;
    emit({ type: 'view.changed', view });
  };

  // The session child changes without the cabin changing: follow it too.
  let followed: AnyActorRef | undefined;
  actor.subscribe({
    next: (snapshot) => {
      const child = snapshot.children.session as AnyActorRef | undefined;
      if (child !== followed) {
        followed = child;
        child?.subscribe({ next: publish, error: () => publish() });
      }
      publish();
    },
    error: (error) => log.error('cabin.crashed', { error: error instanceof Error ? error.name : 'unknown' }),
  });

  return { current: () => current, booted, refresh: publish };
}
