// A patient under 16 came without a parent or guardian: the cabin says why it cannot go on, says the
// attendant was called, and goes on once a parent is there; or the patient leaves.
import type { IdentificationScreen as IdentificationView } from '../../contract/cabin-view';
import { ActionButton } from '../components/action-button';
import { ScreenFrame } from '../components/screen-frame';
import { useUi } from '../ui-context';
import type { StepProps } from './step-props';

/** Draws the `parentNeeded` stage: "Un parent est avec moi" (`parent-present`) or "Partir" (`parent-needed-leave`). */
export function ParentNeededScreen({
  screen,
  send,
  requestQuit,
}: Pick<StepProps<IdentificationView>, 'screen' | 'send' | 'requestQuit'>) {
  const { strings } = useUi();
  const s = strings.parentNeeded;
  return (
    <ScreenFrame
      screen={screen}
      title={s.title}
      actions={
        <>
          <ActionButton testId="parent-needed-leave" kind="secondary" onPress={requestQuit}>
            {s.leave}
          </ActionButton>
          <ActionButton testId="parent-present" onPress={send('patient.confirmParentPresent')}>
            {s.parentHere}
          </ActionButton>
        </>
      }
    >
      <p className="lead">{s.body}</p>
      <p className="lead lead-strong" data-testid="parent-needed-called">
        {s.called}
      </p>
    </ScreenFrame>
  );
}
