// The billing block the cabin sends with its place in the waiting room: the identity the patient chose
// or typed, the cover answers, and whether the patient is a minor on the day (contract/billing.ts).
import { billingDetailsOf, type BillingDetails } from '../../contract';
import { ageOn } from '../../state-machines/cost';
import type { QueueEntry } from './platform-link';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the professional who takes the patient bills with, on the date of `now` (epoch ms). */
export function billingSummaryOf(entry: QueueEntry, now: number): BillingDetails {
  const { birthDate } = entry.identity;
  // A card whose birth date could not be read says nothing of the age: no minor's exemption is claimed.
  const minor = ISO_DATE.test(birthDate) && ageOn(birthDate, now) < 18;
  return billingDetailsOf(entry.identity, entry.carePath, minor);
}
