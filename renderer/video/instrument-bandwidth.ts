// The bandwidth between the face and an instrument camera. A pharmacy's uplink is shared by every video
// the cabin sends, and WebRTC pauses a video whose share falls under its minimum. While an instrument
// camera is on, it goes first (high priority, the bitrate a close-up needs) and the face, which the
// professional now sees small beside it, is sent at half its size and a low bitrate; the face gets its
// share back afterwards.

/** The instrument camera's encoding: first in the bandwidth, up to what a sharp close-up needs. */
export const INSTRUMENT_VIDEO_ENCODING: RTCRtpEncodingParameters = {
  priority: 'high',
  networkPriority: 'high',
  maxBitrate: 2_000_000,
};

/** The face's encoding while an instrument camera is on: half its size, a small bitrate. */
export const FACE_BESIDE_INSTRUMENT = { maxBitrate: 250_000, scaleResolutionDownBy: 2 } as const;

/**
 * Sets the face camera's sender to its small share (`beside` true) or back to its own (false); a browser
 * that refuses keeps sending as it was (the instrument still has the high priority).
 */
export async function shareWithInstrument(sender: RTCRtpSender, beside: boolean): Promise<void> {
  try {
    const parameters = sender.getParameters();
    if (parameters.encodings.length === 0) return;
    parameters.encodings = parameters.encodings.map((encoding) => {
      const { maxBitrate: _bitrate, scaleResolutionDownBy: _scale, ...rest } = encoding;
      return beside ? { ...rest, ...FACE_BESIDE_INSTRUMENT } : rest;
    });
    await sender.setParameters(parameters);
  } catch {
    // The face keeps its share; the instrument's priority still puts it first.
  }
}
