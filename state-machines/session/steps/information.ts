// Step 2: what a teleconsultation is, who sees what, and the standard cost. "Back" leaves the cabin.
import { stepEntered } from '../factories';
import { sessionSetup } from '../setup';

/** The information screen: "next" goes to the consent, "back" ends the session as cancelled. */
export const information = sessionSetup.createStateConfig({
  entry: stepEntered('information'),
  on: { 'patient.next': 'consent', 'patient.back': '#session.cancelled' },
});
