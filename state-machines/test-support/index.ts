// Test doubles, sample data and a session harness for tests of the state machines (tests only).
export * from './fake-actors';
export * from './sample-data';
export * from './session-harness';
export * from './journey';
export * from './cabin-harness';
export * from './scenario-walks';
