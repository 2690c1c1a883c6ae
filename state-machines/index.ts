// The cabin's state machines: pure XState v5 logic, no Node, no timers; main/ provides actors, actions and delays.
export { sessionMachine } from './session/machine';
export {
  CABIN_WORKING,
  type ConsentRecord,
  type SessionActors,
  type SessionEffectParams,
  type SessionOutcome,
  type SessionTag,
} from './session/setup';
export { currentKind, type SessionContext, type SessionInput, type SessionOutput } from './session/context';
export * from './session/session-events';
export * from './cabin-machine';
export * from './session-view';
export * from './cost';
export * from './identity';
export * from './plausibility';
