// The cabin's state machines: pure XState v5 logic, no Node, no timers; main/ provides actors and delays.
export * from './session/machine';
export * from './session/setup';
export * from './session/context';
export * from './session/session-events';
export * from './cabin-machine';
export * from './session-view';
export * from './cost';
export * from './identity';
export * from './plausibility';
