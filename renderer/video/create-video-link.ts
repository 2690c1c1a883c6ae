// Picks the video link the platform's media mode asks for.
import type { CallMedia } from '../../contract/platform-protocol';
import { DirectVideoLink } from './direct-video-link';
import type { MediaSignaling, VideoLink } from './video-link';

/**
 * Builds the link of `media.mode`: over the platform's SFU, or directly to the practitioner console.
 * mediasoup-client is loaded only for an SFU call (a separate chunk of the build).
 */
export async function createVideoLink(media: CallMedia, signaling: MediaSignaling): Promise<VideoLink> {
  switch (media.mode) {
    case 'sfu': {
      const { SfuVideoLink } = await import('./sfu-video-link');
      return new SfuVideoLink({ signaling, iceServers: media.iceServers });
    }
    case 'direct':
      return new DirectVideoLink({ signaling, iceServers: media.iceServers });
    default: {
      const unknown: never = media.mode;
      throw new Error(`unknown media mode ${String(unknown)}`);
    }
  }
}
