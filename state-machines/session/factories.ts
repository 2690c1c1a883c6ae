// What several steps write alike, written once: the audit of a step entered, a state where the cabin
// works, a request whose answer is a `Result`, and a measurement with its plausibility check.
import {
  assign,
  type DoneActorEvent,
  type ErrorActorEvent,
  type EventObject,
  type InputFrom,
  type MetaObject,
  type OutputFrom,
  type PromiseActorLogic,
  type StateNodeConfig,
  type StateValue,
  type TransitionConfig,
} from 'xstate';
import type { Measurement, MeasurementKind, Result, StepName } from '../../contract';
import { isPlausible } from '../plausibility';
import type { FailureField, SessionContext } from './context';
import type { SessionEvent } from './session-events';
import { CABIN_WORKING, failureCode, sessionSetup, type SessionActors, type SessionTag } from './setup';

/** A state's config as the session's steps write it (what `createStateConfig` accepts). */
export type SessionStateConfig = Parameters<typeof sessionSetup.createStateConfig>[0];

/** The `recordStep` action of a journey step, run on the step's entry. */
export function stepEntered(step: StepName) {
  return {
    type: 'recordStep',
    params: ({ context }: { readonly context: SessionContext }) => ({ sessionId: context.sessionId, step }),
  } as const;
}

/** Shows the failure `code` in `field`, the failure field of the screen it lands on. */
export function showFailure(field: FailureField, code: string): Partial<SessionContext> {
  return { [field]: code };
}

/**
 * A state where the cabin works and the patient is not expected to act: tagged `cabinWorking` (no
 * "still there?" while in it) and handing the screen back to the patient when left.
 */
export function cabinWorking<const TConfig extends Omit<SessionStateConfig, 'tags' | 'exit'>>(
  config: TConfig,
) {
  return { ...config, tags: [CABIN_WORKING], exit: 'restartInactivity' } as const;
}

/** The part of a state config that `cabinWorkingStates` reads. */
interface TaggedTree {
  readonly [key: string]: unknown;
  readonly tags?: string | readonly string[];
  readonly states?: { readonly [key: string]: TaggedTree | undefined };
}

/**
 * The state values of every `cabinWorking` state below `tree`, as seen from the machine's root when
 * `tree` is at `path` ('active', 'journey'); `stateIn` matches them.
 */
export function cabinWorkingStates(tree: TaggedTree, path: readonly string[]): StateValue[] {
  const found: StateValue[] = [];
  for (const [key, child] of Object.entries(tree.states ?? {})) {
    if (!child) continue;
    const childPath = [...path, key];
    const tags = typeof child.tags === 'string' ? [child.tags] : (child.tags ?? []);
    if (tags.includes(CABIN_WORKING)) found.push(valueOf(childPath));
    found.push(...cabinWorkingStates(child, childPath));
  }
  return found;
}

// ['a', 'b', 'c'] → { a: { b: 'c' } }, the state value `stateIn` and `matches` take.
function valueOf(path: readonly string[]): StateValue {
  const [head, ...rest] = path;
  if (head === undefined) throw new Error('a state path is never empty');
  return rest.length === 0 ? head : { [head]: valueOf(rest) };
}

/** The actors that answer one request with a `Result` (the appointment desk, the printer, the payment terminal). */
export type RequestActorName = {
  [K in keyof SessionActors]: SessionActors[K] extends PromiseActorLogic<infer TOutput, infer _TInput>
    ? TOutput extends Result<unknown>
      ? K
      : never
    : never;
}[keyof SessionActors];

/** The value a request actor's successful `Result` carries. */
type AnswerOf<K extends RequestActorName> = OutputFrom<SessionActors[K]> extends Result<infer V> ? V : never;

/** A transition of the session taken on `TEvent`, typed as in a state config. */
type SessionTransition<TEvent extends EventObject> =
  SessionStateConfig extends StateNodeConfig<
    SessionContext,
    SessionEvent,
    infer TActor,
    infer TAction,
    infer TGuard,
    infer TDelay,
    SessionTag,
    unknown,
    infer TEmitted,
    MetaObject,
    infer TMeta
  >
    ? TransitionConfig<SessionContext, TEvent, SessionEvent, TActor, TAction, TGuard, TDelay, TEmitted, TMeta>
    : never;

/**
 * Invokes a request actor and routes its answer: the value to `ok.target`, keeping what `ok.keep`
 * says; a refusal (`{ ok: false }`) or a crash (a bug) to `err.target`, its code shown in `err.field`.
 */
export function invokeResult<const TSrc extends RequestActorName>(spec: {
  readonly src: TSrc;
  readonly input: (args: { readonly context: SessionContext }) => InputFrom<SessionActors[TSrc]>;
  readonly ok: {
    readonly target: string;
    readonly keep?: (value: AnswerOf<TSrc>) => Partial<SessionContext>;
  };
  readonly err: { readonly target: string; readonly field: FailureField };
}) {
  const onDone: readonly SessionTransition<DoneActorEvent<Result<AnswerOf<TSrc>>>>[] = [
    {
      guard: ({ event }) => event.output.ok,
      target: spec.ok.target,
      actions: assign(({ event }) => {
        if (!event.output.ok) throw new Error(`${spec.src}: a refusal took the way of an answer`);
        return spec.ok.keep?.(event.output.value) ?? {};
      }),
    },
    {
      target: spec.err.target,
      actions: assign(({ event }) => {
        if (event.output.ok) throw new Error(`${spec.src}: an answer took the way of a refusal`);
        return showFailure(spec.err.field, event.output.error.code);
      }),
    },
  ];
  const onError: SessionTransition<ErrorActorEvent> = {
    target: spec.err.target,
    actions: assign(({ event }) => showFailure(spec.err.field, failureCode(event.error))),
  };
  return { src: spec.src, input: spec.input, onDone, onError };
}

// Sends the measurement just taken to the professional.
const shareTaken = {
  type: 'shareMeasurement',
  params: ({ context, event }: { context: SessionContext; event: { measurement: Measurement } }) => ({
    sessionId: context.sessionId,
    measurement: event.measurement,
  }),
} as const;

/**
 * Measuring with the `measure` actor: progress shown as the device reports it; a plausible measurement
 * goes where `accepted` says, an implausible one or a device fault to `failed.target` with its code in
 * `failed.field`; "skip" goes where `skipped` says. The guided step and the call both measure this way.
 */
export function measuring(spec: {
  readonly kind: (context: SessionContext) => MeasurementKind;
  readonly accepted: {
    readonly target: string;
    readonly keep: (context: SessionContext, measurement: Measurement) => Partial<SessionContext>;
    /** Sends the measurement to the professional at once (during the call). */
    readonly share: boolean;
  };
  readonly failed: { readonly target: string; readonly field: FailureField };
  readonly skipped: {
    readonly target: string;
    readonly keep?: (context: SessionContext) => Partial<SessionContext>;
  };
}) {
  const { failed } = spec;
  return sessionSetup.createStateConfig({
    entry: assign(() => ({ progress: { stage: 'preparing' as const }, ...clearFailure(failed.field) })),
    invoke: {
      src: 'measure',
      input: ({ context }) => ({ kind: spec.kind(context) }),
      onError: {
        target: failed.target,
        actions: assign(({ event }) => showFailure(failed.field, failureCode(event.error))),
      },
    },
    on: {
      'measurement.progressed': { actions: assign({ progress: ({ event }) => event.progress }) },
      'measurement.taken': [
        {
          guard: ({ event }) => isPlausible(event.measurement),
          target: spec.accepted.target,
          actions: [
            ...(spec.accepted.share ? [shareTaken] : []),
            assign(({ context, event }) => spec.accepted.keep(context, event.measurement)),
          ],
        },
        {
          target: failed.target,
          actions: assign(() => showFailure(failed.field, 'measurement.implausible')),
        },
      ],
      'measurement.failed': {
        target: failed.target,
        actions: assign(({ event }) => showFailure(failed.field, event.error.code)),
      },
      'patient.skip': {
        target: spec.skipped.target,
        actions: assign(({ context }) => spec.skipped.keep?.(context) ?? {}),
      },
    },
  });
}

function clearFailure(field: FailureField): Partial<SessionContext> {
  return { [field]: null };
}
