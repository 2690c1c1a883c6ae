// The call's media for the consultation screen: the camera and microphone (one stream for the whole
// call), the video link once the platform joined the call, and the reception monitor. It lives above
// the screen's stage switch, so a stage change (in call → measuring → in call) keeps the call running.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { after, type Cancel } from '../../contract/clock';
import type { CallMedia } from '../../contract/platform-protocol';
import type { Result } from '../../contract/result';
import { openCameraAndMicrophone, stopTracks, useMediaEnvironment } from './media-environment';
import { ReceptionMonitor } from './reception-monitor';
import type { VideoLink } from './video-link';

/** How long to wait before asking again for the call's media after `joinMedia` or the link's start failed. */
export const JOIN_RETRY_MS = 2000;

/** The name of the remote video's attribute holding the count of decoded frames (tests, benchmark). */
export const FRAMES_DECODED_ATTRIBUTE = 'data-frames-decoded';

/** What the consultation screen draws of the call's media. */
export interface VideoCall {
  /** The patient's camera and microphone (the self view), once open. */
  readonly local: MediaStream | null;
  /** The professional's audio and video, once they arrive. */
  readonly remote: MediaStream | null;
  /** Neither camera nor microphone, or one of them, could be opened. */
  readonly devicesMissing: boolean;
  /** Why the call's media is not set up yet (`call.notJoined`, …), while it is retried. */
  readonly joinFailure: string | null;
  /** The remote video element: the reception monitor writes its decoded frame count there. */
  readonly remoteVideoRef: RefObject<HTMLVideoElement | null>;
  /** The video link once created (the examination instruments go on it), null outside the call. */
  readonly link: VideoLink | null;
}

/**
 * Runs the call's media while `active`: opens the devices and asks for the call's media at once, starts
 * the link, and monitors reception; when `active` ends (or the screen goes), closes the link and stops
 * the tracks. With `audioOnly`, tells the link to drop video, once per link.
 */
export function useVideoCall(active: boolean, audioOnly: boolean): VideoCall {
  const environment = useMediaEnvironment();
  const [local, setLocal] = useState<MediaStream | null>(null);
  const [remote, setRemote] = useState<MediaStream | null>(null);
  const [link, setLink] = useState<VideoLink | null>(null);
  const [devicesMissing, setDevicesMissing] = useState(false);
  const [joinFailure, setJoinFailure] = useState<string | null>(null);
  const remoteVideoRef = useRef<HTMLVideoElement | null>(null);
  const audioOnlyLink = useRef<VideoLink | null>(null);

  useEffect(() => {
    if (!active) return;
    let current = true;
    let stream: MediaStream | null = null;
    let running: VideoLink | null = null;
    let monitor: ReceptionMonitor | null = null;
    let cancelRetry: Cancel | null = null;
    const unsubscribe: (() => void)[] = [];

    const stopLink = (): void => {
      monitor?.stop();
      monitor = null;
      for (const off of unsubscribe.splice(0)) off();
      running?.close();
      running = null;
    };

    const retryLater = (code: string): void => {
      if (!current) return;
      stopLink();
      setLink(null);
      setJoinFailure(code);
      cancelRetry = after(environment.clock, JOIN_RETRY_MS, () => void connect());
    };

    const connect = async (joining = environment.joinMedia()): Promise<void> => {
      try {
        await connectOnce(joining);
      } catch {
        // A link that throws while setting up (a chunk that did not load, a closed connection) is rebuilt.
        retryLater('call.failed');
      }
    };

    const connectOnce = async (joining: Promise<Result<CallMedia>>): Promise<void> => {
      const media = await joining;
      if (!current) return;
      if (!media.ok) {
        retryLater(media.error.code);
        return;
      }
      const created = await environment.createLink(media.value, environment.signaling);
      if (!current) {
        created.close();
        return;
      }
      running = created;
      // The stage comes from the controller (fed by the link's reports): only the remote stream is drawn here.
      unsubscribe.push(created.onRemoteStream((next) => setRemote(next)));
      monitor = new ReceptionMonitor({
        readStats: () => created.receiveStats(),
        send: (message) => environment.signaling.send(message),
        clock: environment.clock,
        onFramesDecoded: (count) =>
          remoteVideoRef.current?.setAttribute(FRAMES_DECODED_ATTRIBUTE, String(count)),
      });
      monitor.start();
      setLink(created);
      const started = await created.start(stream);
      if (!current) return;
      if (started.ok) {
        setJoinFailure(null);
        return;
      }
      // The platform refused the set-up: a fresh link after a pause.
      retryLater(started.error.code);
    };

    // The devices and the platform's answer are awaited together: the call starts sooner.
    const joining = environment.joinMedia();
    void openCameraAndMicrophone(environment).then((opened) => {
      if (!current) {
        stopTracks(opened);
        return;
      }
      stream = opened;
      setLocal(opened);
      const tracks = opened?.getTracks() ?? [];
      setDevicesMissing(!['audio', 'video'].every((kind) => tracks.some((track) => track.kind === kind)));
      void connect(joining);
    });

    return () => {
      current = false;
      cancelRetry?.();
      stopLink();
      stopTracks(stream);
      setLocal(null);
      setRemote(null);
      setLink(null);
      setDevicesMissing(false);
      setJoinFailure(null);
    };
  }, [environment, active]);

  useEffect(() => {
    if (!audioOnly || link === null || audioOnlyLink.current === link) return;
    audioOnlyLink.current = link;
    void link.setAudioOnly();
  }, [audioOnly, link]);

  return { local, remote, devicesMissing, joinFailure, remoteVideoRef, link };
}
