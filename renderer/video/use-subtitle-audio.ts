// Sends the professional's voice to the controller's speech engine while the patient's subtitles are on.
import { useEffect } from 'react';
import { useMediaEnvironment } from './media-environment';
import { captureRemoteAudio } from './remote-audio-capture';

/**
 * While `enabled` and the professional's stream is there, sends its audio for the subtitles; stops and
 * closes its audio context when either goes. A refused frame is dropped: the subtitles are a comfort,
 * the call never waits for them.
 */
export function useSubtitleAudio(remote: MediaStream | null, enabled: boolean): void {
  const environment = useMediaEnvironment();
  useEffect(() => {
    if (!enabled || remote === null || environment.sendSubtitleAudio === undefined) return;
    const context = environment.createAudioContext();
    if (context === null) return;
    const stop = captureRemoteAudio(
      context,
      remote,
      (pcm) => void environment.sendSubtitleAudio?.(pcm).catch(() => undefined),
    );
    return () => {
      stop();
      void context.close().catch(() => undefined);
    };
  }, [environment, remote, enabled]);
}
