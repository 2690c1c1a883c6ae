// The help call as the patient sees it: who was told (the attendant, the support, the professional),
// a way to cancel it, and once someone answered, a short note instead of the banner.
import type { HelpCallView, StepScreen } from '../../contract/cabin-view';
import { fill } from '../i18n';
import { useAnnounceAloud } from '../read-aloud';
import { useUi } from '../ui-context';
import { ActionButton } from './action-button';
import { StaffButton } from './staff-button';

/** Props of HelpBanner. */
export interface HelpBannerProps {
  readonly help: HelpCallView;
  /** The current screen: in a call with a doctor, the banner says "the doctor". */
  readonly screen: StepScreen;
  readonly onCancel: () => void;
  /** Given while the call waits: the banner then carries the staff entry to the attendant's panel. */
  readonly onOpenAttendant?: (() => void) | undefined;
}

/** The help banner (`help-banner`, with `help-cancel`) while the call waits; `help-answered` once answered. */
export function HelpBanner({ help, screen, onCancel, onOpenAttendant }: HelpBannerProps) {
  const { strings, readAloud } = useUi();
  const s = strings.helpCall;
  const professional =
    screen.step === 'consultation' && screen.professional.profession === 'doctor'
      ? s.theDoctor
      : s.theProfessional;
  const support = help.told.includes('support');
  const told = help.told.includes('professional')
    ? fill(support ? s.everyone : s.attendantAndProfessional, { professional })
    : support
      ? s.attendantAndSupport
      : s.attendant;
  // Said once after what is being said, and again when it changes (someone else told, an answer).
  useAnnounceAloud(help.answered ? s.answered : told, readAloud, strings.meta.speechLang);
  if (help.answered) {
    return (
      <p className="banner banner-help" role="status" data-testid="help-answered">
        {s.answered}
      </p>
    );
  }
  return (
    <div className="help-row">
      <p className="banner banner-help" role="status" data-testid="help-banner">
        {told}
      </p>
      <ActionButton testId="help-cancel" kind="secondary" small onPress={onCancel}>
        {s.cancel}
      </ActionButton>
      {onOpenAttendant !== undefined && <StaffButton onOpen={onOpenAttendant} />}
    </div>
  );
}
