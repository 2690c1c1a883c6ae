// The contract between controller, renderer and platform: types and pure validation, no imports.
export * from './result';
export * from './clock';
export * from './retry';
export * from './domain';
export * from './cover';
export * from './peripheral-facts';
export * from './cabin-view';
export * from './patient-action';
export * from './session-record';
export * from './cabin-api';
export * from './validate';
export * from './platform-protocol';
export * from './validate-platform';
export * from './socket-client';
export * from './cabin-api-wire';
export * from './platform-connection';
export * from './platform-facts';
