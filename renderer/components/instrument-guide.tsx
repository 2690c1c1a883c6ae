// The examination instrument the professional asked for, beside their video: a picture and a few words
// on how to take and hold it (read aloud), what the professional sees (the instrument's own video) or
// hears (a sound level), and a big "stop" button beside its name, always in sight; when it failed, a plain message and "OK". While the
// stethoscope listens, the patient is told why the professional's sound is off.
import { useEffect, useState } from 'react';
import type { InstrumentUse } from '../../contract/instrument';
import { fill } from '../i18n';
import { useAnnounceAloud } from '../read-aloud';
import { useUi } from '../ui-context';
import { useMediaEnvironment } from '../video/media-environment';
import { useMicrophoneLevel } from '../video/use-local-media';
import { ActionButton } from './action-button';
import { InstrumentPicture } from './instrument-picture';
import { StreamVideo } from './stream-video';

/** An instrument use the guide shows: starting, on, or failed. */
export type GuidedUse = Extract<InstrumentUse, { state: 'starting' | 'on' | 'failed' }>;

/** Whether the view's instrument is shown by the guide (starting, on, or failed until the patient closes it). */
export function isGuided(use: InstrumentUse | null | undefined): use is GuidedUse {
  return use?.state === 'starting' || use?.state === 'on' || use?.state === 'failed';
}

/** Whether the stethoscope listens now: the cabin's loudspeaker is muted meanwhile. */
export function isAuscultation(use: InstrumentUse | null | undefined): boolean {
  return use?.kind === 'stethoscope' && (use.state === 'starting' || use.state === 'on');
}

/** Props of InstrumentGuide. */
export interface InstrumentGuideProps {
  readonly use: GuidedUse;
  /** The instrument's stream once sent (the professional's view of it), else null. */
  readonly stream: MediaStream | null;
  /** "Stop" or "OK": sends `patient.stopInstrument`. */
  readonly onStop: () => void;
}

/** The voice processing settings of the stethoscope's track, as JSON (`data-track-settings`), or undefined. */
function trackSettings(stream: MediaStream | null): string | undefined {
  const track = stream?.getAudioTracks()[0];
  if (track === undefined || typeof track.getSettings !== 'function') return undefined;
  const { echoCancellation, noiseSuppression, autoGainControl } = track.getSettings();
  return JSON.stringify({ echoCancellation, noiseSuppression, autoGainControl });
}

/** The guide (`instrument-guide`, with `data-kind` and `data-state`). */
export function InstrumentGuide({ use, stream, onStop }: InstrumentGuideProps) {
  const { strings, readAloud } = useUi();
  const s = strings.instruments.call;
  const instrument = strings.instruments[use.kind];
  const stethoscope = use.kind === 'stethoscope';
  const failure = use.state === 'failed' ? fill(s[use.failure], { object: instrument.object }) : null;
  const spoken =
    failure ?? [instrument.take, instrument.hold, ...(stethoscope ? [s.auscultation] : [])].join(' ');
  useAnnounceAloud(spoken, readAloud, strings.meta.speechLang);
  return (
    <div
      className="call-measurement instrument-guide"
      data-testid="instrument-guide"
      data-kind={use.kind}
      data-state={use.state}
      data-track-settings={stethoscope ? trackSettings(stream) : undefined}
    >
      <div className="instrument-head">
        <h2 className="instrument-name">{instrument.name}</h2>
        {failure === null && (
          <ActionButton testId="instrument-stop" kind="danger" onPress={onStop}>
            {s.stop}
          </ActionButton>
        )}
      </div>
      {failure !== null ? (
        <>
          <p className="failure" role="alert" data-testid="instrument-failed">
            {failure}
          </p>
          <div className="call-measurement-actions">
            <ActionButton testId="instrument-failed-ok" onPress={onStop}>
              {s.ok}
            </ActionButton>
          </div>
        </>
      ) : (
        <>
          <div className="instrument-how">
            <InstrumentPicture kind={use.kind} />
            <p className="lead" data-testid="instrument-instructions">
              {instrument.take} {instrument.hold}
            </p>
          </div>
          {stethoscope && (
            <p className="note" role="status" data-testid="auscultation-notice">
              {s.auscultation}
            </p>
          )}
          <InstrumentView stethoscope={stethoscope} stream={stream} />
        </>
      )}
    </div>
  );
}

/** Props of InstrumentView. */
interface InstrumentViewProps {
  readonly stethoscope: boolean;
  readonly stream: MediaStream | null;
}

/** What the professional gets: the instrument's video (cameras) or its sound level (the stethoscope). */
function InstrumentView({ stethoscope, stream }: InstrumentViewProps) {
  const s = useUi().strings.instruments.call;
  if (!stethoscope) {
    return (
      <StreamVideo
        testId="instrument-preview"
        stream={stream}
        className="instrument-preview"
        label={s.professionalSees}
        muted
      />
    );
  }
  return <InstrumentLevel stream={stream} label={s.professionalHears} />;
}

/** The stethoscope's sound level, from its own audio context while the guide shows. */
function InstrumentLevel({ stream, label }: { readonly stream: MediaStream | null; readonly label: string }) {
  const environment = useMediaEnvironment();
  const [context, setContext] = useState<AudioContext | null>(null);
  useEffect(() => {
    const created = environment.createAudioContext();
    setContext(created);
    return () => {
      void created?.close();
    };
  }, [environment]);
  const level = useMicrophoneLevel(stream, context);
  return (
    <label className="mic-level">
      <span>{label}</span>
      <meter data-testid="instrument-level" min={0} max={1} low={0.1} optimum={0.5} value={level} />
    </label>
  );
}
