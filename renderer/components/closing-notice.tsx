// A screen that closes by itself says so in time: from `CLOSING_NOTICE_MS` before it closes, a notice
// with the seconds left and a "Plus de temps" button, read aloud with the screen when read-aloud is on.
import { fill } from '../i18n';
import { useUi } from '../ui-context';
import { useMediaEnvironment } from '../video/media-environment';
import { ActionButton } from './action-button';
import { useSecondsLeft } from './still-there-dialog';

/** How long before a screen closes by itself its notice appears (at least the 20 s a patient needs). */
export const CLOSING_NOTICE_MS = 30_000;

/** Props of ClosingNotice; `closesAt` is the view's deadline (epoch ms), null or absent when unknown. */
export interface ClosingNoticeProps {
  readonly closesAt: number | null | undefined;
  readonly onMoreTime: () => void;
}

/**
 * Nothing until `CLOSING_NOTICE_MS` before `closesAt` (counted on the page's clock), then
 * `closing-notice`: a sentence saying the screen will close, the seconds left (`closing-countdown`, a
 * timer, never re-read at each second) and `more-time`.
 */
export function ClosingNotice({ closesAt, onMoreTime }: ClosingNoticeProps) {
  const s = useUi().strings.accessibility;
  const { clock } = useMediaEnvironment();
  const seconds = useSecondsLeft(closesAt ?? null, clock);
  if (seconds === null || seconds * 1000 > CLOSING_NOTICE_MS) return null;
  return (
    <div className="closing-notice" data-testid="closing-notice">
      <p className="lead lead-strong">{s.closingSoon}</p>
      <p className="countdown" role="timer" data-testid="closing-countdown" data-seconds={seconds}>
        {seconds === 1 ? s.closingInOne : fill(s.closingIn, { seconds })}
      </p>
      <ActionButton testId="more-time" kind="secondary" onPress={onMoreTime}>
        {s.moreTime}
      </ActionButton>
    </div>
  );
}
