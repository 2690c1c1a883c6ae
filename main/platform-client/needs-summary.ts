// The patient's needs as the professional reads them before the call, from what the patient chose at
// the start: the written conversation, subtitles, large text. Three booleans, nothing that names them.
import type { Accessibility, PatientNeeds } from '../../contract';

/** What the patient chose at the start, and subtitles once the cabin offers them (absent: off). */
export type NeedsSource = Accessibility & { readonly subtitles?: boolean };

/** The `needs` of the queue entry for what the patient chose (no choice known: nothing asked for). */
export function patientNeedsOf(accessibility: NeedsSource | undefined): PatientNeeds {
  return {
    writtenConversation: accessibility?.writtenConversation === true,
    subtitles: accessibility?.subtitles === true,
    largeText: accessibility?.largeText === true,
  };
}
