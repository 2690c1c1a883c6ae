// "Are you still there?": the prompt after a silence, with the seconds left before the session stops,
// counted down on the page's clock to the deadline the controller gives.
import { useEffect, useState } from 'react';
import type { Clock } from '../../contract/clock';
import { fill, type Strings } from '../i18n';
import { speak } from '../read-aloud';
import { useUi } from '../ui-context';
import { useMediaEnvironment } from '../video/media-environment';
import { ActionButton } from './action-button';
import { Modal } from './modal';

/** The whole seconds left from `now` to `until` (epoch ms), never below zero: 29.2 s left shows 30. */
export function secondsLeft(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / 1000));
}

/** What the countdown line says for `seconds` left. */
export function countdownText(strings: Strings, seconds: number): string {
  const s = strings.stillThere;
  if (seconds <= 0) return s.countdownNow;
  return seconds === 1 ? s.countdownOne : fill(s.countdownMany, { seconds });
}

/** The seconds left to `until` on `clock`, re-read at each whole second; null when `until` is. */
export function useSecondsLeft(until: number | null, clock: Clock): number | null {
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    if (until === null) return;
    let handle: unknown;
    const tick = (): void => {
      const current = clock.now();
      setNow(current);
      const left = until - current;
      if (left <= 0) return;
      // Wake at the next change of the whole seconds shown (29 001 ms left shows 30 until 29 000).
      const toNextSecond = left % 1000 === 0 ? 1000 : left % 1000;
      handle = clock.setTimeout(tick, toNextSecond);
    };
    tick();
    return () => clock.clearTimeout(handle);
  }, [until, clock]);
  return until === null ? null : secondsLeft(until, now);
}

/** Props of StillThereDialog; `until` is the view's `stillThereUntil`. */
export interface StillThereDialogProps {
  readonly until: number | null;
  readonly onStillHere: () => void;
}

/**
 * The dialog `still-there-dialog` with its button `still-here` and, when the controller gave the
 * deadline, the seconds left (`still-there-countdown`), counted on the media environment's clock (the
 * page's one clock). With read-aloud on, the question and the time left are spoken once, when it opens.
 */
export function StillThereDialog({ until, onStillHere }: StillThereDialogProps) {
  const { strings, readAloud } = useUi();
  const { clock } = useMediaEnvironment();
  const seconds = useSecondsLeft(until, clock);
  const countdown = seconds === null ? null : countdownText(strings, seconds);
  // Spoken once, as it opens: a voice every second would drown the patient's answer.
  const [spoken] = useState(() =>
    [strings.stillThere.title, strings.stillThere.body, countdown ?? ''].join(' ').trim(),
  );
  const lang = strings.meta.speechLang;
  useEffect(() => {
    if (readAloud) speak(spoken, lang);
  }, [readAloud, spoken, lang]);
  return (
    <Modal testId="still-there-dialog" title={strings.stillThere.title} spoken={false}>
      <p className="lead">{strings.stillThere.body}</p>
      {countdown !== null && (
        <p className="countdown" data-testid="still-there-countdown" data-seconds={seconds}>
          {countdown}
        </p>
      )}
      <div className="modal-actions">
        <ActionButton testId="still-here" onPress={onStillHere}>
          {strings.stillThere.confirm}
        </ActionButton>
      </div>
    </Modal>
  );
}
