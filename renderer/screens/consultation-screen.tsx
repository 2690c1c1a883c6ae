// Step 7b: the video consultation (a placeholder panel until the video issue lands) and requested measurements.
import type { ConsultationScreen as ConsultationView } from '../../contract/cabin-view';
import { ActionButton } from '../components/action-button';
import { ScreenFrame } from '../components/screen-frame';
import { Spinner } from '../components/spinner';
import { failureMessage, fill, type Strings } from '../i18n';
import { progressText } from '../measurement-text';
import { useUi } from '../ui-context';
import type { StepProps } from './step-props';

function documentsText(strings: Strings, count: number): string {
  if (count === 0) return strings.consultation.documentsNone;
  if (count === 1) return strings.consultation.documentsOne;
  return fill(strings.consultation.documentsMany, { count });
}

/** Draws the consultation stage the session is in, with the count of documents received so far. */
export function ConsultationScreen({ screen, act, requestQuit }: StepProps<ConsultationView>) {
  const { strings, locale } = useUi();
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
        <ScreenFrame screen="consultation" stage={screen.stage} title={s.title}>
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
        <ScreenFrame screen="consultation" stage={screen.stage} title={fill(s.measuringTitle, { kind })}>
          {screen.requestedMeasurement !== null && (
            <p className="lead">{strings.measurements.instructions[screen.requestedMeasurement]}</p>
          )}
          <Spinner />
          <p className="lead lead-strong" data-testid="progress" aria-live="polite">
            {progressText(strings, screen.progress, locale)}
          </p>
          {documents}
        </ScreenFrame>
      );
    }
    case 'failed':
      return (
        <ScreenFrame
          screen="consultation"
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
          {documents}
        </ScreenFrame>
      );
    default: {
      const unknown: never = screen.stage;
      throw new Error(`unknown consultation stage ${String(unknown)}`);
    }
  }
}
