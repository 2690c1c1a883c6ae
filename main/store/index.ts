// The local store: what the controller keeps on disk, and nothing about the patient beyond a session.
export * from './cabin-store';
export * from './outbound-item';
export type { MaintenanceRegister } from './maintenance-register';
export type { StaffEvent, StaffRecords } from './staff-records';
export type {
  PaymentEnd,
  PaymentRecord,
  PaymentRecords,
  PaymentSettler,
  PaymentState,
} from './payment-records';
export { openCabinStore, type CabinStoreOptions } from './sqlite-cabin-store';
export { keepRetention, type RetentionPolicy } from './retention';
