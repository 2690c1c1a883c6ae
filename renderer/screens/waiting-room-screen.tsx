// Step 7a: the waiting room with an honest estimate (position, professionals online, "we do not know"
// rather than a made-up wait, "you are next"), or at once "nobody is available" with the ways out, and
// the camera and microphone check; then the professional presented before the call.
import type { WaitingRoomScreen as WaitingRoomView } from '../../contract/cabin-view';
import { ActionButton } from '../components/action-button';
import { FailureScreen } from '../components/failure-screen';
import { MediaCheck } from '../components/media-check';
import { NobodyOnline } from '../components/nobody-online';
import { ProfessionalCardView } from '../components/professional-card';
import { ScreenFrame } from '../components/screen-frame';
import { WaitingScreen } from '../components/waiting-screen';
import { YourTurnCall } from '../components/your-turn-call';
import { fill } from '../i18n';
import { useUi } from '../ui-context';
import type { StepProps } from './step-props';

/** Draws the waiting-room stage the session is in. */
export function WaitingRoomScreen({ screen, act, send, requestQuit }: StepProps<WaitingRoomView>) {
  const { strings } = useUi();
  const s = strings.waitingRoom;
  switch (screen.stage) {
    case 'joining':
    case 'waiting': {
      // One branch for both stages: the camera check stays open when the queue answers.
      const next = screen.stage === 'waiting' && screen.position === 1;
      const queue = screen.stage === 'waiting' ? <QueuePlace screen={screen} /> : null;
      const title = screen.stage === 'joining' ? s.joiningTitle : next ? s.nextTitle : s.waitingTitle;
      // While the check waits for the patient's answer it is what the screen is about: no spinner, so
      // that its answers stay on the screen without scrolling.
      if (screen.mediaCheck === 'pending') {
        return (
          <ScreenFrame screen={screen} title={title}>
            {queue}
            <MediaCheck status={screen.mediaCheck} act={act} />
          </ScreenFrame>
        );
      }
      return (
        <WaitingScreen screen={screen} title={title}>
          {queue}
          <MediaCheck status={screen.mediaCheck} act={act} />
        </WaitingScreen>
      );
    }
    case 'nobodyOnline':
      return (
        <NobodyOnline
          screen={screen}
          profession={screen.profession}
          before={screen.professionalsWentOffline && <p className="lead">{s.wentOffline}</p>}
          note={<p className="note">{s.stayNote}</p>}
          send={send}
          requestQuit={requestQuit}
        />
      );
    case 'professionalReady':
      return (
        <ScreenFrame
          screen={screen}
          title={s.readyTitle}
          alert={<YourTurnCall />}
          actions={
            <ActionButton testId="start-call" onPress={send('patient.startCall')}>
              {s.startCall}
            </ActionButton>
          }
        >
          {screen.professional !== null && <ProfessionalCardView professional={screen.professional} />}
        </ScreenFrame>
      );
    case 'failed':
      return <FailureScreen view={screen} act={act} title={s.failedTitle} requestQuit={requestQuit} />;
    default: {
      const unknown: never = screen.stage;
      throw new Error(`unknown waiting room stage ${String(unknown)}`);
    }
  }
}

/**
 * The patient's place, the professionals online and the estimated wait, said as they are: "we do not
 * know" when the platform gave no estimate, and "you are next" at position 1.
 */
function QueuePlace({ screen }: { readonly screen: WaitingRoomView }) {
  const s = useUi().strings.waitingRoom;
  const minutes = screen.estimatedWaitMinutes;
  const wait =
    minutes === null
      ? s.waitUnknown
      : minutes <= 1
        ? s.waitOne
        : fill(s.waitMany, { minutes: Math.round(minutes) });
  const online = screen.professionalsOnline;
  return (
    <>
      {screen.position === 1 ? (
        <p className="lead lead-strong" role="status" data-testid="turn-near">
          {s.next}
        </p>
      ) : (
        screen.position !== null && (
          <p className="lead lead-strong" data-testid="queue-position">
            {fill(s.position, { position: screen.position })}
          </p>
        )
      )}
      <p className="lead" data-testid="estimated-wait" aria-live="polite">
        {wait}
      </p>
      {online !== null && online > 0 && (
        <p className="note" data-testid="professionals-online">
          {online === 1 ? s.onlineOne : fill(s.onlineMany, { count: online })}
        </p>
      )}
      <p className="note">{s.waitNote}</p>
    </>
  );
}
