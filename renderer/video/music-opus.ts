// The stethoscope's Opus in direct mode: the console's answer is rewritten, for the stethoscope's media
// section only, to ask for stereo (WebRTC runs Opus in its music mode, without the voice mode's high-pass
// filter that removes heart sounds), a bitrate fit for music, and no discontinuous transmission.

/** The Opus parameters the stethoscope's section gets, whatever the console answered. */
export const MUSIC_OPUS_PARAMETERS: Readonly<Record<string, string>> = {
  stereo: '1',
  'sprop-stereo': '1',
  maxaveragebitrate: '128000',
  usedtx: '0',
};

/** The stethoscope's sending bitrate, in bits per second (the sender's `maxBitrate`). */
export const STETHOSCOPE_MAX_BITRATE = 128_000;

/**
 * The SDP with the Opus `a=fmtp` line of the media section whose `a=mid` is `mid` carrying
 * `MUSIC_OPUS_PARAMETERS` (other parameters kept, the line added when missing); the SDP unchanged when
 * no such section or no Opus in it.
 */
export function withMusicOpus(sdp: string, mid: string): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(eol);
  const starts = lines.flatMap((line, index) => (line.startsWith('m=') ? [index] : []));
  for (const [position, start] of starts.entries()) {
    const end = starts[position + 1] ?? lines.length;
    const section = lines.slice(start, end);
    if (!section.includes(`a=mid:${mid}`)) continue;
    const rewritten = musicSection(section);
    if (rewritten === null) return sdp;
    return [...lines.slice(0, start), ...rewritten, ...lines.slice(end)].join(eol);
  }
  return sdp;
}

/** One media section's lines with Opus set for music, or null without Opus. */
function musicSection(section: readonly string[]): string[] | null {
  const rtpmap = section.map((line) => /^a=rtpmap:(\d+) opus\/48000/iu.exec(line)).find((m) => m !== null);
  if (rtpmap === undefined || rtpmap === null) return null;
  const payload = rtpmap[1] ?? '';
  const prefix = `a=fmtp:${payload} `;
  const fmtpIndex = section.findIndex((line) => line.startsWith(prefix));
  const current = fmtpIndex === -1 ? '' : (section[fmtpIndex] ?? '').slice(prefix.length);
  const parameters = new Map<string, string>();
  for (const part of current.split(';')) {
    const [key, value] = part.split('=');
    if (key !== undefined && key.trim() !== '') parameters.set(key.trim(), (value ?? '').trim());
  }
  for (const [key, value] of Object.entries(MUSIC_OPUS_PARAMETERS)) parameters.set(key, value);
  const line = prefix + [...parameters].map(([key, value]) => `${key}=${value}`).join(';');
  const result = [...section];
  if (fmtpIndex === -1) result.splice(section.indexOf(rtpmap.input) + 1, 0, line);
  else result[fmtpIndex] = line;
  return result;
}

/** Caps the stethoscope's sender at a music-fit bitrate; a browser that refuses keeps its own. */
export async function limitBitrate(sender: RTCRtpSender): Promise<void> {
  try {
    const parameters = sender.getParameters();
    if (parameters.encodings.length === 0) return;
    parameters.encodings = parameters.encodings.map((encoding) => ({
      ...encoding,
      maxBitrate: STETHOSCOPE_MAX_BITRATE,
    }));
    await sender.setParameters(parameters);
  } catch {
    // The answer's Opus parameters still ask for the bitrate.
  }
}
