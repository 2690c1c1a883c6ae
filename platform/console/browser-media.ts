// The console's call media in the browser: getUserMedia, RTCPeerConnection, and mediasoup-client loaded
// only in SFU mode (a separate chunk of the build).
import { openLocalMedia, type MediaFactory } from './console-media';
import { DirectAnswerer } from './direct-answerer';
import { SfuPeer } from './sfu-peer';

/** The browser's media: getUserMedia, RTCPeerConnection, and mediasoup-client loaded only in SFU mode. */
export function browserMediaFactory(): MediaFactory {
  const createStream = (tracks: MediaStreamTrack[]): MediaStream => new MediaStream(tracks);
  return {
    openLocal: () => openLocalMedia(navigator.mediaDevices),
    start(options) {
      if (options.callMedia.mode === 'direct') {
        return new DirectAnswerer(
          options,
          (configuration) => new RTCPeerConnection(configuration),
          createStream,
        );
      }
      return new SfuPeer(
        options,
        async () => {
          const { Device: MediasoupDevice } = await import('mediasoup-client');
          return new MediasoupDevice();
        },
        createStream,
      );
    },
    captureStill: (video) => Promise.resolve(drawStill(video)),
  };
}

/** The frame a video element shows, drawn to a canvas of its own size, as a PNG data URL (kept in memory). */
function drawStill(video: HTMLVideoElement): string | null {
  if (video.videoWidth === 0 || video.videoHeight === 0) return null;
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const context = canvas.getContext('2d');
  if (context === null) return null;
  context.drawImage(video, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png');
}
