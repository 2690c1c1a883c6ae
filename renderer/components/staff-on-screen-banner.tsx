// What the patient sees while a staff panel is open on the cabin: a banner no one can miss, and with
// read-aloud on, the same words spoken once after what is being said.
import { useEffect } from 'react';
import { speak } from '../read-aloud';
import { useUi } from '../ui-context';

/** The banner (`staff-on-screen`): "Un membre du personnel a ouvert le panneau de service." */
export function StaffOnScreenBanner() {
  const { strings, readAloud } = useUi();
  const text = strings.staff.onScreenBanner;
  useEffect(() => {
    if (readAloud) speak(text, strings.meta.speechLang, true);
  }, [readAloud, text, strings.meta.speechLang]);
  return (
    <p className="banner banner-staff" role="alert" data-testid="staff-on-screen">
      {text}
    </p>
  );
}
