// Live subtitles of the professional's speech: the audio the renderer sends the controller during a
// call, and the text the view shows. The audio is raw PCM (16 kHz, mono, signed 16-bit little-endian)
// in base64, as the call channel is JSON; it is never logged and never stored.
import type { CabinError, Result } from './result';
import { err, ok } from './result';
import { isRecord } from './schema';

/** The sample rate of the subtitles' audio, in Hz: what offline speech engines (Vosk, whisper.cpp) take. */
export const SUBTITLE_SAMPLE_RATE = 16_000;

/**
 * The most audio one `subtitleAudio` call may carry, in bytes: 250 ms at 16 kHz, 16-bit mono. Its
 * base64 stays under the browser-mode socket's 16 KiB message limit.
 */
export const SUBTITLE_FRAME_MAX_BYTES = 8_000;

/** How many finished lines the screen keeps: the last ones only. */
export const SUBTITLE_LINES_KEPT = 3;

/** The longest line of text the view carries; an engine's longer line is cut at the end. */
export const SUBTITLE_LINE_MAX_LENGTH = 240;

/** One frame of the professional's voice for the subtitles: base64 of 16 kHz mono s16le PCM. */
export interface SubtitleAudio {
  readonly pcm: string;
}

/** The subtitles of the running call, as the consultation screen shows them. */
export interface SubtitlesView {
  /** The last finished lines, oldest first (at most SUBTITLE_LINES_KEPT). */
  readonly lines: readonly string[];
  /** The words of the sentence being spoken, still changing; empty between sentences. */
  readonly partial: string;
  /** The engine stopped during this call: the screen says subtitles are unavailable; the call goes on. */
  readonly fault: boolean;
}

/** The longest base64 text of one frame. */
const MAX_BASE64_LENGTH = Math.ceil(SUBTITLE_FRAME_MAX_BYTES / 3) * 4;

/** The number of bytes a well-formed base64 text decodes to. */
function base64Bytes(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/**
 * Checks an untrusted `subtitleAudio` argument: only `pcm`, base64 of a whole number of 16-bit samples,
 * not empty and at most SUBTITLE_FRAME_MAX_BYTES; the detail never carries the data.
 */
export function parseSubtitleAudio(input: unknown): Result<SubtitleAudio, CabinError> {
  const invalid = (detail: string): Result<never, CabinError> => err({ code: 'api.invalidInput', detail });
  if (!isRecord(input) || Object.keys(input).some((key) => key !== 'pcm')) {
    return invalid('bad subtitleAudio argument');
  }
  const { pcm } = input;
  if (typeof pcm !== 'string' || pcm.length === 0 || pcm.length % 4 !== 0) return invalid('bad pcm');
  if (pcm.length > MAX_BASE64_LENGTH) return invalid('pcm too long');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(pcm)) return invalid('bad pcm');
  if (base64Bytes(pcm) % 2 !== 0) return invalid('pcm not whole samples');
  return ok({ pcm });
}
