// Step 7a: the waiting room with an honest estimate, then the professional presented before the call.
import type { WaitingRoomScreen as WaitingRoomView } from '../../contract/cabin-view';
import { ActionButton } from '../components/action-button';
import { ProfessionalCardView } from '../components/professional-card';
import { ScreenFrame } from '../components/screen-frame';
import { Spinner } from '../components/spinner';
import { failureMessage, fill } from '../i18n';
import { useUi } from '../ui-context';
import type { StepProps } from './step-props';

/** Draws the waiting-room stage the session is in. */
export function WaitingRoomScreen({ screen, act, requestQuit }: StepProps<WaitingRoomView>) {
  const { strings } = useUi();
  const s = strings.waitingRoom;
  switch (screen.stage) {
    case 'joining':
      return (
        <ScreenFrame screen="waitingRoom" stage={screen.stage} title={s.joiningTitle}>
          <Spinner />
        </ScreenFrame>
      );
    case 'waiting': {
      const minutes = screen.estimatedWaitMinutes;
      const wait =
        minutes === null
          ? s.waitUnknown
          : minutes <= 1
            ? s.waitOne
            : fill(s.waitMany, { minutes: Math.round(minutes) });
      return (
        <ScreenFrame screen="waitingRoom" stage={screen.stage} title={s.waitingTitle}>
          <Spinner />
          {screen.position !== null && (
            <p className="lead lead-strong" data-testid="queue-position">
              {fill(s.position, { position: screen.position })}
            </p>
          )}
          <p className="lead" data-testid="estimated-wait">
            {wait}
          </p>
          <p className="note">{s.waitNote}</p>
        </ScreenFrame>
      );
    }
    case 'professionalReady':
      return (
        <ScreenFrame
          screen="waitingRoom"
          stage={screen.stage}
          title={s.readyTitle}
          actions={
            <ActionButton testId="start-call" onPress={() => act({ type: 'patient.startCall' })}>
              {s.startCall}
            </ActionButton>
          }
        >
          {screen.professional !== null && <ProfessionalCardView professional={screen.professional} />}
        </ScreenFrame>
      );
    case 'failed':
      return (
        <ScreenFrame
          screen="waitingRoom"
          stage={screen.stage}
          title={s.failedTitle}
          actions={
            <>
              <ActionButton testId="failed-quit" kind="danger" onPress={requestQuit}>
                {strings.common.quit}
              </ActionButton>
              <ActionButton testId="retry" onPress={() => act({ type: 'patient.retry' })}>
                {strings.common.retry}
              </ActionButton>
            </>
          }
        >
          <p className="failure" data-testid="failure">
            {failureMessage(strings, screen.failure)}
          </p>
        </ScreenFrame>
      );
    default: {
      const unknown: never = screen.stage;
      throw new Error(`unknown waiting room stage ${String(unknown)}`);
    }
  }
}
