// The camera and microphone check of the waiting room: the patient sees themselves, hears a test sound,
// watches the microphone level move, then says whether it all works.
import { useEffect, useState } from 'react';
import type { WaitingRoomScreen } from '../../contract/cabin-view';
import type { PatientAction } from '../../contract/patient-action';
import { useUi } from '../ui-context';
import { useMediaEnvironment } from '../video/media-environment';
import { playChime } from '../video/test-sound';
import { useLocalMedia, useMicrophoneLevel } from '../video/use-local-media';
import { ActionButton } from './action-button';
import { SoundNotice, useSoundNotice } from './sound-notice';
import { StreamVideo } from './stream-video';

/** Props of MediaCheck. */
export interface MediaCheckProps {
  readonly status: WaitingRoomScreen['mediaCheck'];
  readonly act: (action: PatientAction) => void;
}

/** The check while it is pending; afterwards a line saying how it went. */
export function MediaCheck({ status, act }: MediaCheckProps) {
  const s = useUi().strings.waitingRoom.mediaCheck;
  switch (status) {
    case 'pending':
      return <MediaCheckPanel act={act} />;
    case 'passed':
      return (
        <p className="confirmation" data-testid="media-check-passed">
          {s.passed}
        </p>
      );
    case 'problem':
      return (
        <p className="lead" role="status" data-testid="media-check-problem-noted">
          {s.problemNoted}
        </p>
      );
    default: {
      const unknown: never = status;
      throw new Error(`unknown media check status ${String(unknown)}`);
    }
  }
}

/** Opens the camera and microphone while shown (their tracks stop when it goes) and offers the two answers. */
function MediaCheckPanel({ act }: { readonly act: (action: PatientAction) => void }) {
  const { strings } = useUi();
  const s = strings.waitingRoom.mediaCheck;
  const environment = useMediaEnvironment();
  const media = useLocalMedia();
  const sound = useSoundNotice();
  const [audio, setAudio] = useState<AudioContext | null>(null);
  useEffect(() => {
    const context = environment.createAudioContext();
    setAudio(context);
    return () => {
      setAudio(null);
      void context?.close().catch(() => undefined);
    };
  }, [environment]);
  const level = useMicrophoneLevel(media.stream, audio);
  const open = media.status === 'open';
  const failure = !open
    ? null
    : !media.hasVideo
      ? s.cameraFailed
      : !media.hasAudio
        ? s.microphoneFailed
        : null;
  // A camera or microphone that cannot open is a problem the cabin reports by itself: the patient
  // should not have to find the right button to get help.
  const failed = failure !== null;
  useEffect(() => {
    if (failed) act({ type: 'patient.checkMedia', works: false });
  }, [failed, act]);

  return (
    <section className="media-check" data-testid="media-check" aria-label={s.title}>
      <h2 className="section-title">{s.title}</h2>
      {failure !== null ? (
        <p className="failure" role="alert" data-testid="media-check-failure">
          {failure}
        </p>
      ) : (
        <p className="note">{open ? s.intro : s.opening}</p>
      )}
      <div className="media-check-row">
        {(!open || media.hasVideo) && (
          <StreamVideo
            testId="self-view"
            stream={media.stream}
            className="media-check-video"
            label={s.selfView}
            mirrored
            muted
          />
        )}
        {failure === null && (
          <div className="media-check-sound">
            <ActionButton
              testId="play-test-sound"
              kind="secondary"
              onPress={() => {
                if (audio !== null) playChime(audio);
                sound.show(strings.accessibility.soundChime);
              }}
            >
              {s.playTestSound}
            </ActionButton>
            {sound.text !== null && <SoundNotice>{sound.text}</SoundNotice>}
            <label className="mic-level">
              <span>{s.micLevel}</span>
              <meter data-testid="mic-level" min={0} max={1} low={0.1} optimum={0.5} value={level} />
            </label>
            <p className="note">{s.speak}</p>
          </div>
        )}
      </div>
      <div className="media-check-answers">
        <ActionButton
          testId="media-check-problem"
          kind="secondary"
          onPress={() => act({ type: 'patient.checkMedia', works: false })}
        >
          {s.problem}
        </ActionButton>
        {failure === null && (
          <ActionButton
            testId="media-check-ok"
            disabled={!open}
            onPress={() => act({ type: 'patient.checkMedia', works: true })}
          >
            {s.ok}
          </ActionButton>
        )}
      </div>
    </section>
  );
}
