// The call's examination instruments on the console: a button per instrument the cabin has, where the
// one asked stands in plain French, a failure or the patient's stop as a plain message, the instrument
// camera drawn large (in the call's video stage) with its stills, and the stethoscope heard with its
// sound level. The stills stay in this page's memory for this call only.
import { useEffect, useMemo, useState, type RefObject } from 'react';
import { INSTRUMENT_KINDS, type InstrumentFailure, type InstrumentKind } from '../../contract/instrument';
import { formatTime } from './french-format';
import { MAX_STILLS, shownInstrument, type InstrumentState, type InstrumentView } from './instrument-desk';
import { StreamVideo } from './stream-video';

/** The instruments' names, as the buttons show them. */
export const INSTRUMENT_LABELS: Readonly<Record<InstrumentKind, string>> = {
  otoscope: 'Otoscope',
  dermatoscope: 'Dermatoscope',
  examinationCamera: 'Caméra d’examen',
  stethoscope: 'Stéthoscope',
};

/** How a sentence names each instrument: as its subject, as its object, and whether it is feminine. */
const NOUNS: Readonly<Record<InstrumentKind, { subject: string; object: string; feminine: boolean }>> = {
  otoscope: { subject: "L'otoscope", object: "l'otoscope", feminine: false },
  dermatoscope: { subject: 'Le dermatoscope', object: 'le dermatoscope', feminine: false },
  examinationCamera: { subject: "La caméra d'examen", object: "la caméra d'examen", feminine: true },
  stethoscope: { subject: 'Le stéthoscope', object: 'le stéthoscope', feminine: false },
};

/** The plain message of an instrument that failed or that the patient stopped. */
export function instrumentFailureText(
  kind: InstrumentKind,
  why: InstrumentFailure | 'stoppedByPatient',
): string {
  const { subject, object, feminine } = NOUNS[kind];
  const e = feminine ? 'e' : '';
  switch (why) {
    case 'absent':
      return `${subject} n'est pas branché${e} dans la cabine. La consultation continue.`;
    case 'unplugged':
      return `${subject} a été débranché${e}.`;
    case 'refused':
      return `La cabine n'a pas pu ouvrir ${object}.`;
    case 'stoppedByPatient':
      return `Le patient a arrêté ${object}.`;
    default: {
      const unknown: never = why;
      return String(unknown);
    }
  }
}

/** Where the instrument stands, in one short sentence. */
export function instrumentStateText(kind: InstrumentKind, state: InstrumentState): string {
  const label = INSTRUMENT_LABELS[kind];
  const e = NOUNS[kind].feminine ? 'e' : '';
  switch (state) {
    case 'asked':
      return `${label} demandé${e} : la cabine guide le patient.`;
    case 'starting':
      return `Le patient prend ${NOUNS[kind].object} en main.`;
    case 'on':
      return kind === 'stethoscope'
        ? 'Vous entendez le stéthoscope.'
        : `Vous voyez par ${NOUNS[kind].object}.`;
    case 'failed':
      return `${label} indisponible.`;
    case 'stoppedByPatient':
      return `${label} arrêté${e} par le patient.`;
    default: {
      const unknown: never = state;
      return String(unknown);
    }
  }
}

/** One track as a stream for a media element (null where the page has no MediaStream). */
function useTrackStream(track: MediaStreamTrack | null): MediaStream | null {
  return useMemo(
    () => (track === null || typeof MediaStream === 'undefined' ? null : new MediaStream([track])),
    [track],
  );
}

/** The instrument camera's picture, for the call's video stage; nothing when no camera instrument is on. */
export function InstrumentVideo({
  view,
  videoRef,
}: {
  readonly view: InstrumentView;
  readonly videoRef: RefObject<HTMLVideoElement | null>;
}) {
  const shown = shownInstrument(view);
  const track = shown?.state === 'on' && shown.track?.kind === 'video' ? shown.track : null;
  const stream = useTrackStream(track);
  if (shown === null || track === null) return null;
  return (
    <StreamVideo
      stream={stream}
      testId="instrument-video"
      muted
      className="instrument-video"
      label={`Image de l'instrument : ${INSTRUMENT_LABELS[shown.kind]}`}
      videoRef={videoRef}
      data={{ 'data-kind': shown.kind, 'data-frames-decoded': String(view.framesDecoded) }}
    />
  );
}

/** Whether a camera instrument's picture is shown now (the patient's face goes small beside it). */
export function showsInstrumentVideo(view: InstrumentView): boolean {
  const shown = shownInstrument(view);
  return shown?.state === 'on' && shown.track?.kind === 'video';
}

/** The stethoscope's sound level, from a Web Audio analyser where the page has one. */
function SoundLevel({ stream }: { readonly stream: MediaStream | null }) {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (stream === null || typeof AudioContext === 'undefined') return undefined;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    const source = context.createMediaStreamSource(stream);
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const timer = window.setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      setLevel(Math.min(1, Math.sqrt(sum / samples.length) * 4));
    }, 100);
    return () => {
      window.clearInterval(timer);
      source.disconnect();
      void context.close();
    };
  }, [stream]);
  return (
    <meter
      data-testid="auscultation-level"
      min={0}
      max={1}
      value={level}
      aria-label="Niveau sonore du stéthoscope"
    />
  );
}

/** The stethoscope heard: the indicator, its audio element and its sound level. */
function Auscultation({ track }: { readonly track: MediaStreamTrack | null }) {
  const stream = useTrackStream(track);
  return (
    <div className="auscultation">
      <p className="indicator on" role="status" data-testid="auscultation">
        Auscultation en cours : le haut-parleur de la cabine est coupé
      </p>
      <audio
        data-testid="auscultation-audio"
        autoPlay
        ref={(element) => {
          if (element !== null && element.srcObject !== stream) element.srcObject = stream;
        }}
      />
      <SoundLevel stream={stream} />
    </div>
  );
}

/** Props of the instrument panel. */
export interface InstrumentPanelProps {
  /** The instruments the cabin has (`VisitSummary.instruments`); all of them when it does not say. */
  readonly available: readonly InstrumentKind[] | undefined;
  readonly view: InstrumentView;
  /** The buttons wait (the patient's connection is lost, the call is ending). */
  readonly disabled: boolean;
  /** The instrument camera's video element (to draw a still from). */
  readonly videoRef: RefObject<HTMLVideoElement | null>;
  readonly onRequest: (kind: InstrumentKind) => void;
  readonly onEnd: () => void;
  readonly onTakeStill: (video: HTMLVideoElement) => void;
}

/** The instruments' buttons, where the one asked stands, its stills, and the auscultation. */
export function InstrumentPanel({
  available,
  view,
  disabled,
  videoRef,
  onRequest,
  onEnd,
  onTakeStill,
}: InstrumentPanelProps) {
  const shown = shownInstrument(view);
  const kinds = INSTRUMENT_KINDS.filter((kind) => available === undefined || available.includes(kind));
  const active = shown !== null && ['asked', 'starting', 'on'].includes(shown.state);
  const cameraOn = showsInstrumentVideo(view);
  return (
    <section className="panel instruments" aria-labelledby="instruments-title">
      <h3 id="instruments-title">Instruments d’examen</h3>
      {kinds.length === 0 ? (
        <p className="muted">La cabine n’a pas d’instrument d’examen branché.</p>
      ) : (
        <div className="request-buttons">
          {kinds.map((kind) => (
            <button
              key={kind}
              type="button"
              data-testid={`request-instrument-${kind}`}
              aria-pressed={active && shown?.kind === kind}
              disabled={disabled || (active && shown?.kind === kind)}
              onClick={() => onRequest(kind)}
            >
              {INSTRUMENT_LABELS[kind]}
            </button>
          ))}
        </div>
      )}
      {shown !== null && (
        <p
          className="note"
          role="status"
          data-testid="instrument-state"
          data-kind={shown.kind}
          data-state={shown.state}
        >
          {instrumentStateText(shown.kind, shown.state)}
        </p>
      )}
      {shown !== null && (shown.state === 'failed' || shown.state === 'stoppedByPatient') && (
        <p className="alert alert-warning" data-testid="instrument-failure">
          {instrumentFailureText(shown.kind, shown.failure ?? 'stoppedByPatient')}
        </p>
      )}
      {shown?.state === 'on' && shown.kind === 'stethoscope' && <Auscultation track={shown.track} />}
      {shown !== null && (
        <div className="request-buttons">
          {cameraOn && (
            <button
              type="button"
              className="primary"
              data-testid="take-still"
              disabled={view.stills.length >= MAX_STILLS}
              onClick={() => {
                if (videoRef.current !== null) onTakeStill(videoRef.current);
              }}
            >
              Prendre une photo
            </button>
          )}
          <button type="button" data-testid="end-instrument" disabled={disabled} onClick={onEnd}>
            {active ? `Arrêter ${NOUNS[shown.kind].object}` : 'Fermer'}
          </button>
        </div>
      )}
      {view.stills.length > 0 && (
        <>
          <p className="muted">
            Photos gardées sur cette page jusqu’à la fin de la consultation : téléchargez celles à mettre dans
            votre dossier.
          </p>
          <ul className="instrument-stills" data-testid="instrument-stills">
            {view.stills.map((still) => {
              const name = `${INSTRUMENT_LABELS[still.kind]}, ${formatTime(still.takenAt)}`;
              return (
                <li key={still.id} data-testid="instrument-still" data-kind={still.kind}>
                  <img src={still.image} alt={name} />
                  <a
                    href={still.image}
                    download={`${still.kind}-${String(still.id)}.png`}
                    data-testid="instrument-still-download"
                  >
                    Télécharger ({name})
                  </a>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
