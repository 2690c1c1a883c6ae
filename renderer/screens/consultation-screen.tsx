// Step 7b: the video consultation. The professional large, the patient's self view small, whether the
// professional sees and hears the patient, and the measurement the professional asks for in a panel
// beside the video, which stays the larger: its instructions and a start button, its progress, its
// result. The call's media (useVideoCall) lives above the stage switch: a stage change keeps it. Under
// the video, the written conversation with the professional (conversation-panel.tsx).
import type { ConsultationScreen as ConsultationView } from '../../contract/cabin-view';
import type { MeasurementKind } from '../../contract/domain';
import { FailureMessage } from '../components/failure-message';
import { FailureScreen } from '../components/failure-screen';
import { InstrumentGuide, isAuscultation, isGuided } from '../components/instrument-guide';
import { ActionButton } from '../components/action-button';
import { ConversationPanel } from '../components/conversation-panel';
import { LiveSubtitles } from '../components/live-subtitles';
import { KeepSilentNote, MeasurementProgressLine } from '../components/measurement-progress';
import { MeasurementResultValues } from '../components/measurement-result';
import { ScreenFrame } from '../components/screen-frame';
import { Spinner } from '../components/spinner';
import { StreamVideo } from '../components/stream-video';
import { failureMessage, fill, type Strings } from '../i18n';
import { useUi } from '../ui-context';
import { useInstrument } from '../video/use-instrument';
import { useSubtitleAudio } from '../video/use-subtitle-audio';
import { useVideoCall, type VideoCall } from '../video/use-video-call';
import type { StepProps } from './step-props';

function documentsText(strings: Strings, count: number): string {
  if (count === 0) return strings.consultation.documentsNone;
  if (count === 1) return strings.consultation.documentsOne;
  return fill(strings.consultation.documentsMany, { count });
}

/** What the "seen and heard" indicator says (`data-state` of `seen-heard`). */
export type SeenHeardState = 'seenAndHeard' | 'heardOnly' | 'notSeen' | 'notHeard' | 'neither';

/** What the professional receives of the patient, as the indicator says it; in sound only, video is not expected. */
export function seenHeardState(
  receives: ConsultationView['professionalReceives'],
  mediaMode: ConsultationView['mediaMode'],
): SeenHeardState {
  if (mediaMode === 'audioOnly') return receives.audio ? 'heardOnly' : 'neither';
  if (receives.audio && receives.video) return 'seenAndHeard';
  if (receives.audio) return 'notSeen';
  if (receives.video) return 'notHeard';
  return 'neither';
}

/** Draws the consultation stage the session is in, with the count of documents received so far. */
export function ConsultationScreen({ screen, act, send, requestQuit }: StepProps<ConsultationView>) {
  const { strings } = useUi();
  const s = strings.consultation;
  const call = useVideoCall(screen.stage !== 'failed', screen.mediaMode === 'audioOnly');
  const instrument = screen.stage === 'failed' ? null : (screen.instrument ?? null);
  const instrumentStream = useInstrument(instrument, call.link);
  // The view carries subtitles only when the patient asked for them and the cabin has an engine.
  useSubtitleAudio(call.remote, screen.subtitles !== undefined && screen.stage !== 'failed');
  const name = `${screen.professional.civility} ${screen.professional.name}`;
  const documents = (
    <p className="note" data-testid="documents-received">
      {documentsText(strings, screen.documentsReceived)}
    </p>
  );
  switch (screen.stage) {
    case 'connecting':
    case 'inCall':
    case 'reconnecting':
    case 'measuring': {
      // One tree for the four stages, so the video elements (and the sound) go on across them.
      const measuring = screen.stage === 'measuring';
      const guided = isGuided(instrument) ? instrument : null;
      const kind =
        screen.requestedMeasurement === null ? '' : strings.measurements.kinds[screen.requestedMeasurement];
      return (
        <ScreenFrame screen={screen} title={measuring ? fill(s.measuringTitle, { kind }) : s.title}>
          <div className={`call${measuring || guided !== null ? ' call-beside' : ''}`}>
            <CallVideo screen={screen} call={call} name={name} muted={isAuscultation(instrument)} />
            {measuring && screen.requestedMeasurement !== null ? (
              <RequestedMeasurement screen={screen} kind={screen.requestedMeasurement} send={send} />
            ) : null}
            {guided !== null && (
              <InstrumentGuide
                use={guided}
                stream={instrumentStream}
                onStop={send('patient.stopInstrument')}
              />
            )}
          </div>
          {screen.subtitles !== undefined && <LiveSubtitles subtitles={screen.subtitles} />}
          <ConversationPanel
            messages={screen.conversation ?? []}
            wanted={screen.conversationWanted === true}
            onSend={(text) => act({ type: 'patient.sendMessage', text })}
          />
          {screen.failure !== null && !measuring && <FailureMessage code={screen.failure} />}
          {call.devicesMissing && (
            <p className="failure" role="alert" data-testid="media-problem">
              {failureMessage(strings, 'media.unavailable')}
            </p>
          )}
          {call.joinFailure !== null && (
            <p className="note" role="status" data-testid="call-problem">
              {failureMessage(strings, call.joinFailure)}
            </p>
          )}
          {documents}
        </ScreenFrame>
      );
    }
    case 'failed':
      return (
        <FailureScreen view={screen} act={act} title={s.failedTitle} requestQuit={requestQuit}>
          {documents}
        </FailureScreen>
      );
    default: {
      const unknown: never = screen.stage;
      throw new Error(`unknown consultation stage ${String(unknown)}`);
    }
  }
}

/** Props of RequestedMeasurement. */
interface RequestedMeasurementProps {
  readonly screen: ConsultationView;
  readonly kind: MeasurementKind;
  readonly send: StepProps<ConsultationView>['send'];
}

/**
 * The measurement the professional asked for, beside the video (`call-measurement`, its stage in
 * `data-stage`): the instructions and "start" (`start-measurement`) or "skip" (`skip`), the progress in the
 * device's words, then the result and "back to the consultation" (`measurement-done`), or the failure
 * with "again" (`retry`) and "skip".
 */
function RequestedMeasurement({ screen, kind, send }: RequestedMeasurementProps) {
  const { strings } = useUi();
  const m = strings.measurements;
  const s = strings.consultation;
  const skip = (
    <ActionButton testId="skip" kind="secondary" onPress={send('patient.skip')}>
      {m.skip}
    </ActionButton>
  );
  const body = (() => {
    switch (screen.measurementStage) {
      case 'instructions':
      case null:
        return (
          <>
            <p className="lead" data-testid="instructions">
              {m.instructions[kind]}
            </p>
            <KeepSilentNote kind={kind} />
            <div className="call-measurement-actions">
              {skip}
              <ActionButton testId="start-measurement" onPress={send('patient.startMeasurement')}>
                {m.start}
              </ActionButton>
            </div>
          </>
        );
      case 'measuring':
        return (
          <>
            <Spinner />
            <MeasurementProgressLine kind={kind} progress={screen.progress} />
          </>
        );
      case 'result':
        return (
          <>
            {screen.measurementResult !== null && (
              <MeasurementResultValues result={screen.measurementResult} />
            )}
            <p className="note">{s.measurementShared}</p>
            <div className="call-measurement-actions">
              <ActionButton testId="retry" kind="secondary" onPress={send('patient.retry')}>
                {m.redo}
              </ActionButton>
              <ActionButton testId="measurement-done" onPress={send('patient.next')}>
                {s.measurementDone}
              </ActionButton>
            </div>
          </>
        );
      case 'failed':
        return (
          <>
            <FailureMessage code={screen.failure} />
            <div className="call-measurement-actions">
              {skip}
              <ActionButton testId="retry" onPress={send('patient.retry')}>
                {strings.common.retry}
              </ActionButton>
            </div>
          </>
        );
      default: {
        const unknown: never = screen.measurementStage;
        throw new Error(`unknown measurement stage ${String(unknown)}`);
      }
    }
  })();
  return (
    <div className="call-measurement" data-testid="call-measurement" data-stage={screen.measurementStage}>
      {body}
    </div>
  );
}

/** Props of CallVideo. */
interface CallVideoProps {
  readonly screen: ConsultationView;
  readonly call: VideoCall;
  readonly name: string;
  /** The professional's sound is off on the cabin's loudspeaker (while the stethoscope listens). */
  readonly muted: boolean;
}

/** The professional's video with the self view, the link's state, the indicator and the call's overlays. */
function CallVideo({ screen, call, name, muted }: CallVideoProps) {
  const s = useUi().strings.consultation;
  const linked = screen.stage === 'inCall' || screen.stage === 'measuring';
  const linkText = linked ? s.connected : screen.stage === 'connecting' ? s.connecting : s.reconnecting;
  const seenHeard = seenHeardState(screen.professionalReceives, screen.mediaMode);
  const audioOnly = screen.mediaMode === 'audioOnly';
  return (
    <div className={`video-panel video-${screen.stage}`} data-testid="video">
      <StreamVideo
        testId="remote-video"
        stream={call.remote}
        className="remote-video"
        label={fill(s.remoteVideo, { name })}
        videoRef={call.remoteVideoRef}
        muted={muted}
      />
      {(call.remote === null || audioOnly) && (
        <div className="video-placeholder">
          {audioOnly && (
            <p className="video-audio-only" role="status" data-testid="audio-only">
              {s.audioOnly}
            </p>
          )}
          {call.remote === null && !audioOnly && <Spinner />}
        </div>
      )}
      <StreamVideo
        testId="self-view"
        stream={call.local}
        className="self-view"
        label={s.selfView}
        mirrored
        muted
      />
      <div className="video-caption">
        <p className="video-name">{name}</p>
        <p className="video-link" aria-live="polite">
          {linked && <span className="video-dot" aria-hidden="true" />}
          {linkText}
        </p>
        <p className={`seen-heard seen-heard-${seenHeard}`} data-testid="seen-heard" data-state={seenHeard}>
          {fill(s.seenHeard[seenHeard], { name })}
        </p>
      </div>
      {screen.stage === 'reconnecting' && (
        <div className="video-overlay" role="status" data-testid="call-reconnecting">
          <Spinner />
          <p className="lead lead-strong">{s.reconnectingOverlay}</p>
        </div>
      )}
    </div>
  );
}
