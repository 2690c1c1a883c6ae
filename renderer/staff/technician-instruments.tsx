// The technician's listing of the cabin's cameras and microphones, as the controller told them apart:
// label, USB ids, role (the patient's face camera or microphone, an examination instrument, unused),
// the instrument's kind and how it was recognised; each input can be tried, one at a time (a live
// picture for a camera, a live sound level for a microphone), and stops when the panel closes.
import { useEffect, useState } from 'react';
import type { ClassifiedMediaInput, MediaRoles } from '../../contract/instrument';
import { ActionButton } from '../components/action-button';
import { StreamVideo } from '../components/stream-video';
import { useUi } from '../ui-context';
import { stopTracks, useMediaEnvironment } from '../video/media-environment';
import { useMicrophoneLevel } from '../video/use-local-media';

/** The controller's last answer about the inputs, kept up to date. */
function useMediaRoles(): MediaRoles | null {
  const environment = useMediaEnvironment();
  const [roles, setRoles] = useState<MediaRoles | null>(() => environment.mediaRoles());
  useEffect(() => {
    setRoles(environment.mediaRoles());
    return environment.onMediaRoles(setRoles);
  }, [environment]);
  return roles;
}

/** The media inputs part (`technician-media-inputs`), one row (`media-input`) per input. */
export function TechnicianMediaInputs() {
  const s = useUi().strings.instruments.technician;
  const roles = useMediaRoles();
  const [trying, setTrying] = useState<string | null>(null);
  const inputs = roles?.inputs ?? [];
  return (
    <section className="technician-media-inputs" data-testid="technician-media-inputs">
      <h2 className="section-title">{s.title}</h2>
      {roles?.labelsHidden === true && <p className="field-hint">{s.labelsHidden}</p>}
      {inputs.length === 0 && <p className="lead">{s.none}</p>}
      {inputs.map((input) => (
        <MediaInputRow
          key={input.deviceId}
          input={input}
          trying={trying === input.deviceId}
          onTry={() => setTrying(trying === input.deviceId ? null : input.deviceId)}
        />
      ))}
    </section>
  );
}

/** Props of MediaInputRow. */
interface MediaInputRowProps {
  readonly input: ClassifiedMediaInput;
  readonly trying: boolean;
  readonly onTry: () => void;
}

/** One input: what it is, and its live picture or level while tried. */
function MediaInputRow({ input, trying, onTry }: MediaInputRowProps) {
  const { strings } = useUi();
  const s = strings.instruments.technician;
  const role =
    input.instrument === null
      ? s.roles[input.role]
      : `${s.roles.instrument} · ${strings.instruments[input.instrument].name}`;
  const recognised = input.recognisedBy === null ? '' : ` (${s.recognisedBy[input.recognisedBy]})`;
  return (
    <article
      className="device-card"
      data-testid="media-input"
      data-device-id={input.deviceId}
      data-role={input.role}
    >
      <h3 className="section-title">{input.label === '' ? input.deviceId : input.label}</h3>
      <p className="lead">
        {role}
        {recognised}
      </p>
      <p className="field-hint">{input.usbId ?? s.noUsbId}</p>
      <ActionButton testId="media-input-try" kind="secondary" small onPress={onTry}>
        {trying ? s.stopTrying : s.tryInput}
      </ActionButton>
      {trying && <TriedInput input={input} />}
    </article>
  );
}

/** An input opened while tried: its picture or its level; closed when the try stops or the panel goes. */
function TriedInput({ input }: { readonly input: ClassifiedMediaInput }) {
  const environment = useMediaEnvironment();
  const s = useUi().strings.instruments.technician;
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [failed, setFailed] = useState(false);
  const [context, setContext] = useState<AudioContext | null>(null);
  const camera = input.mediaKind === 'videoinput';
  useEffect(() => {
    let current = true;
    let opened: MediaStream | null = null;
    const exact = { deviceId: { exact: input.deviceId } };
    const created = camera ? null : environment.createAudioContext();
    setContext(created);
    environment.openInput(camera ? { video: exact, audio: false } : { audio: exact, video: false }).then(
      (media) => {
        if (!current) {
          stopTracks(media);
          return;
        }
        opened = media;
        setStream(media);
      },
      () => {
        if (current) setFailed(true);
      },
    );
    return () => {
      current = false;
      stopTracks(opened);
      void created?.close();
    };
  }, [environment, input.deviceId, camera]);
  const level = useMicrophoneLevel(camera ? null : stream, context);
  if (failed) {
    return (
      <p className="failure" role="alert">
        {s.failed}
      </p>
    );
  }
  return camera ? (
    <StreamVideo
      testId="media-input-picture"
      stream={stream}
      className="instrument-preview"
      label={input.label}
      muted
    />
  ) : (
    <meter data-testid="media-input-level" min={0} max={1} low={0.1} optimum={0.5} value={level} />
  );
}
