// The operation log: what the cabin did, as codes and numbers, for the technician.
export * from './log-line';
export * from './operation-log';
export * from './repeat-summary';
