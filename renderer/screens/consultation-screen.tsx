// Step 7b: the video consultation (a placeholder panel until the video issue lands) and requested measurements.
import type { ConsultationScreen as ConsultationView } from '../../contract/cabin-view';
import { FailureScreen } from '../components/failure-screen';
import { MeasurementProgressLine } from '../components/measurement-progress';
import { QuitButton } from '../components/quit-button';
import { ScreenFrame } from '../components/screen-frame';
import { Spinner } from '../components/spinner';
import { WaitingScreen } from '../components/waiting-screen';
import { fill, type Strings } from '../i18n';
import { useUi } from '../ui-context';
import type { StepProps } from './step-props';

function documentsText(strings: Strings, count: number): string {
  if (count === 0) return strings.consultation.documentsNone;
  if (count === 1) return strings.consultation.documentsOne;
  return fill(strings.consultation.documentsMany, { count });
}

/** Draws the consultation stage the session is in, with the count of documents received so far. */
export function ConsultationScreen({ screen, act, requestQuit }: StepProps<ConsultationView>) {
  const { strings } = useUi();
  const s = strings.consultation;
  const name = `${screen.professional.civility} ${screen.professional.name}`;
  const documents = (
    <p className="note" data-testid="documents-received">
      {documentsText(strings, screen.documentsReceived)}
    </p>
  );
  switch (screen.stage) {
    case 'connecting':
    case 'inCall':
    case 'reconnecting': {
      const linkText =
        screen.stage === 'inCall'
          ? s.connected
          : screen.stage === 'connecting'
            ? s.connecting
            : s.reconnecting;
      return (
        <ScreenFrame screen={screen} title={s.title}>
          <div className={`video-panel video-${screen.stage}`} data-testid="video">
            <p className="video-name">{name}</p>
            <p className="video-link" aria-live="polite">
              {screen.stage === 'inCall' && <span className="video-dot" aria-hidden="true" />}
              {linkText}
            </p>
            {screen.stage !== 'inCall' && <Spinner />}
          </div>
          {documents}
        </ScreenFrame>
      );
    }
    case 'measuring': {
      const kind =
        screen.requestedMeasurement === null ? '' : strings.measurements.kinds[screen.requestedMeasurement];
      return (
        <WaitingScreen
          screen={screen}
          title={fill(s.measuringTitle, { kind })}
          before={
            screen.requestedMeasurement !== null && (
              <p className="lead">{strings.measurements.instructions[screen.requestedMeasurement]}</p>
            )
          }
        >
          <MeasurementProgressLine progress={screen.progress} />
          {documents}
        </WaitingScreen>
      );
    }
    case 'failed':
      return (
        <FailureScreen
          view={screen}
          act={act}
          title={s.failedTitle}
          alternative={<QuitButton testId="failed-quit" requestQuit={requestQuit} />}
        >
          {documents}
        </FailureScreen>
      );
    default: {
      const unknown: never = screen.stage;
      throw new Error(`unknown consultation stage ${String(unknown)}`);
    }
  }
}
