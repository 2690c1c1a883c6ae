// The local store: what the controller keeps on disk, and nothing about the patient beyond a session.
export * from './cabin-store';
export { openCabinStore, CABIN_STORE_SCHEMA_VERSION, type CabinStoreOptions } from './sqlite-cabin-store';
export { MIGRATIONS, LATEST_SCHEMA_VERSION, type Migration } from './migrations';
