// A video element showing a MediaStream: srcObject cannot be set from JSX.
import { useEffect, useRef, type Ref } from 'react';

/** Props of a stream's video element. */
export interface StreamVideoProps {
  readonly stream: MediaStream | null;
  readonly testId: string;
  readonly muted: boolean;
  readonly className: string;
  readonly label: string;
  /** Receives the element (to draw a still from it). */
  readonly videoRef?: Ref<HTMLVideoElement>;
  /** Extra data attributes (`data-*`) of the element. */
  readonly data?: Readonly<Record<`data-${string}`, string>>;
}

/** A video element playing `stream` inline, autoplayed. */
export function StreamVideo({ stream, testId, muted, className, label, videoRef, data }: StreamVideoProps) {
  const ref = useRef<HTMLVideoElement | null>(null);
  useEffect(() => {
    const video = ref.current;
    if (video !== null && video.srcObject !== stream) video.srcObject = stream;
  }, [stream]);
  return (
    <video
      ref={(element) => {
        ref.current = element;
        if (typeof videoRef === 'function') videoRef(element);
        else if (videoRef) videoRef.current = element;
      }}
      data-testid={testId}
      className={className}
      autoPlay
      playsInline
      muted={muted}
      aria-label={label}
      {...data}
    />
  );
}
