// Picks the video link the platform's media mode asks for.
import type { Clock } from '../../contract/clock';
import type { CallMedia } from '../../contract/platform-protocol';
import { DirectVideoLink } from './direct-video-link';
import type { MediaSignaling, VideoLink } from './video-link';

/**
 * Builds the link of `media.mode` on `clock`: over the platform's SFU, or directly to the practitioner
 * console. mediasoup-client is loaded only for an SFU call (a separate chunk of the build).
 */
export async function createVideoLink(
  media: CallMedia,
  signaling: MediaSignaling,
  clock: Clock,
): Promise<VideoLink> {
  switch (media.mode) {
    case 'sfu': {
      const { SfuVideoLink } = await import('./sfu-video-link');
      return new SfuVideoLink({ signaling, iceServers: media.iceServers, clock });
    }
    case 'direct':
      return new DirectVideoLink({ signaling, iceServers: media.iceServers, clock });
    default: {
      const unknown: never = media.mode;
      throw new Error(`unknown media mode ${String(unknown)}`);
    }
  }
}
