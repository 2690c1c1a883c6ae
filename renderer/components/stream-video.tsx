// A <video> showing a live MediaStream: the patient's self view (mirrored, muted) or the professional.
import { useCallback, useEffect, useRef, type RefObject } from 'react';

/** Props of StreamVideo; `videoRef` also receives the element (the reception monitor writes on it). */
export interface StreamVideoProps {
  readonly testId: string;
  readonly stream: MediaStream | null;
  readonly className: string;
  readonly label: string;
  /** A mirror image, as people expect to see themselves. */
  readonly mirrored?: boolean;
  /** Muted: the self view, so the cabin does not play the patient's own voice back. */
  readonly muted?: boolean;
  readonly videoRef?: RefObject<HTMLVideoElement | null>;
}

/** Plays `stream` as soon as it is there; an unmuted video the browser refuses to start is started muted until the next touch. */
export function StreamVideo({
  testId,
  stream,
  className,
  label,
  mirrored,
  muted,
  videoRef,
}: StreamVideoProps) {
  const element = useRef<HTMLVideoElement | null>(null);
  const setElement = useCallback(
    (video: HTMLVideoElement | null) => {
      element.current = video;
      if (videoRef !== undefined) videoRef.current = video;
    },
    [videoRef],
  );

  useEffect(() => {
    const video = element.current;
    if (video === null || video.srcObject === stream) return;
    video.srcObject = stream;
    if (stream === null || muted === true) return; // a muted video starts by itself (autoplay)
    let unmute: (() => void) | null = null;
    // Autoplay with sound needs a touch on the page first (after a reload, there was none). Old
    // engines (and jsdom) answer no promise.
    const playing = video.play() as Promise<void> | undefined;
    playing?.catch(() => {
      video.muted = true;
      void video.play().catch(() => undefined);
      unmute = () => {
        video.muted = false;
      };
      document.addEventListener('pointerdown', unmute, { once: true });
    });
    return () => {
      if (unmute !== null) document.removeEventListener('pointerdown', unmute);
    };
  }, [stream, muted]);

  // A change of `muted` while the stream plays (the loudspeaker muted while the stethoscope listens).
  useEffect(() => {
    if (element.current !== null) element.current.muted = muted === true;
  }, [muted]);

  return (
    <video
      ref={setElement}
      className={`${className}${mirrored === true ? ' video-mirrored' : ''}`}
      data-testid={testId}
      aria-label={label}
      muted={muted === true}
      autoPlay
      playsInline
    />
  );
}
