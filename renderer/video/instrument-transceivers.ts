// The direct link's examination instruments: their own send-only transceivers, added after the face's.
// The cameras share one (a switch replaces its track), the stethoscope has its own; the media tag the
// console knows an instrument by is its transceiver's mid.
import type { InstrumentKind } from '../../contract/instrument';
import { INSTRUMENT_VIDEO_ENCODING } from './instrument-bandwidth';
import { limitBitrate, withMusicOpus } from './music-opus';

/** The transceiver an instrument goes on: the cameras share one, the stethoscope has its own. */
type InstrumentSlot = 'video' | 'audio';

/** The slot of an instrument kind. */
function slotOf(kind: InstrumentKind): InstrumentSlot {
  return kind === 'stethoscope' ? 'audio' : 'video';
}

/** A new instrument transceiver's set-up: send only; a camera first in the bandwidth. */
function sendOnly(slot: InstrumentSlot): RTCRtpTransceiverInit {
  return slot === 'video'
    ? { direction: 'sendonly', sendEncodings: [INSTRUMENT_VIDEO_ENCODING] }
    : { direction: 'sendonly' };
}

/** An instrument transceiver: the kind last sent on it and its track (null once removed). */
interface InstrumentSending {
  transceiver: RTCRtpTransceiver;
  kind: InstrumentKind;
  track: MediaStreamTrack | null;
}

/** The part of a peer connection the instrument transceivers need. */
interface TransceiverHost {
  addTransceiver(trackOrKind: MediaStreamTrack | string, init?: RTCRtpTransceiverInit): RTCRtpTransceiver;
}

/** The instrument transceivers of a direct link, kept in the order they were created. */
export class InstrumentTransceivers {
  private readonly sendings = new Map<InstrumentSlot, InstrumentSending>();

  /**
   * Puts an instrument's track on its transceiver of `pc`: the one already there (its track replaced,
   * no renegotiation), or a new send-only one; answers true when one was added (the link must offer).
   */
  async attach(pc: TransceiverHost, kind: InstrumentKind, track: MediaStreamTrack): Promise<boolean> {
    const slot = slotOf(kind);
    const sending = this.sendings.get(slot);
    if (sending === undefined) {
      this.sendings.set(slot, {
        transceiver: pc.addTransceiver(track, sendOnly(slot)),
        kind,
        track,
      });
      return true;
    }
    sending.kind = kind;
    sending.track = track;
    await sending.transceiver.sender.replaceTrack(track);
    return false;
  }

  /** Stops sending this instrument, without renegotiation: the transceiver stays for the next one. */
  async detach(kind: InstrumentKind): Promise<void> {
    const sending = this.sendings.get(slotOf(kind));
    if (sending === undefined || sending.kind !== kind || sending.track === null) return;
    sending.track = null;
    await sending.transceiver.sender.replaceTrack(null);
  }

  /** The track an instrument kind is sent with now, or null. */
  track(kind: InstrumentKind): MediaStreamTrack | null {
    const sending = this.sendings.get(slotOf(kind));
    return sending !== undefined && sending.kind === kind ? sending.track : null;
  }

  /** Whether an instrument camera is being sent now. */
  cameraOn(): boolean {
    const sending = this.sendings.get('video');
    return sending !== undefined && sending.track !== null;
  }

  /** Whether this transceiver is one of the instruments'. */
  owns(transceiver: RTCRtpTransceiver): boolean {
    return [...this.sendings.values()].some((sending) => sending.transceiver === transceiver);
  }

  /** The media tag of an instrument's transceiver (its mid), or null before an offer gave it one. */
  mid(kind: InstrumentKind): string | null {
    return this.sendings.get(slotOf(kind))?.transceiver.mid ?? null;
  }

  /** Caps the stethoscope's sender at a music-fit bitrate, when it is there. */
  async limitStethoscope(): Promise<void> {
    const sending = this.sendings.get('audio');
    if (sending !== undefined) await limitBitrate(sending.transceiver.sender);
  }

  /** Adds the transceivers to a fresh connection, after the face's, in their first order (the mids stay). */
  addTo(pc: TransceiverHost, audioOnly: boolean): void {
    for (const [slot, sending] of this.sendings) {
      const direction = slot === 'video' && audioOnly ? 'inactive' : 'sendonly';
      if (direction === 'inactive') sending.track = null;
      sending.transceiver = pc.addTransceiver(
        sending.track ?? slot,
        direction === 'sendonly' ? sendOnly(slot) : { direction },
      );
    }
  }

  /** The console's answer with music-fit Opus for the stethoscope's section, once it has a mid. */
  musicFit(description: RTCSessionDescriptionInit): RTCSessionDescriptionInit {
    const mid = this.mid('stethoscope');
    if (description.type !== 'answer' || mid === null || description.sdp === undefined) return description;
    return { type: description.type, sdp: withMusicOpus(description.sdp, mid) };
  }
}
