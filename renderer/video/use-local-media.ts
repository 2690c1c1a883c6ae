// The patient's own camera and microphone for a screen: opened when the screen shows, stopped when it goes.
import { useEffect, useState } from 'react';
import { every } from '../../contract/clock';
import { openCameraAndMicrophone, stopTracks, useMediaEnvironment } from './media-environment';

/** The devices a screen opened: the stream once open, and which devices work. */
export interface LocalMedia {
  readonly status: 'opening' | 'open';
  /** Null while opening, and when neither device opened. */
  readonly stream: MediaStream | null;
  readonly hasVideo: boolean;
  readonly hasAudio: boolean;
}

const OPENING: LocalMedia = { status: 'opening', stream: null, hasVideo: false, hasAudio: false };

/** Opens the camera and microphone while `enabled`; stops their tracks when disabled or unmounted. */
export function useLocalMedia(enabled = true): LocalMedia {
  const environment = useMediaEnvironment();
  const [media, setMedia] = useState<LocalMedia>(OPENING);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    let opened: MediaStream | null = null;
    void openCameraAndMicrophone(environment).then((stream) => {
      if (!current) {
        stopTracks(stream); // the screen went while the devices were opening
        return;
      }
      opened = stream;
      setMedia({
        status: 'open',
        stream,
        hasVideo: (stream?.getVideoTracks().length ?? 0) > 0,
        hasAudio: (stream?.getAudioTracks().length ?? 0) > 0,
      });
    });
    return () => {
      current = false;
      stopTracks(opened);
      setMedia(OPENING);
    };
  }, [environment, enabled]);
  return media;
}

/** How often the microphone level is read, in milliseconds. */
const LEVEL_INTERVAL_MS = 100;

/** How much the RMS of speech is amplified to fill the bar (speech near the cabin's microphone is ~0.05–0.2). */
const LEVEL_GAIN = 5;

/** The microphone's loudness from 0 to 1, read from an AnalyserNode while `stream` has sound. */
export function useMicrophoneLevel(stream: MediaStream | null, context: AudioContext | null): number {
  const { clock } = useMediaEnvironment();
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (stream === null || context === null || stream.getAudioTracks().length === 0) return;
    const source = context.createMediaStreamSource(stream);
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const stopReading = every(clock, LEVEL_INTERVAL_MS, () => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      const rms = Math.sqrt(sum / samples.length);
      setLevel(Math.min(1, Math.round(rms * LEVEL_GAIN * 20) / 20));
    });
    return () => {
      stopReading();
      source.disconnect();
      setLevel(0);
    };
  }, [stream, context, clock]);
  return level;
}
