// The seam of the live subtitles: a speech-to-text engine that runs on the cabin, offline. The audio
// of the professional's voice goes in; partial and final text comes out. No audio leaves the cabin.
import type { Result } from '../../contract';

/** What the engine says about the speech it hears, or that it stopped. */
export type SpeechEvent =
  /** The words of the sentence being spoken so far; they may still change. */
  | { readonly kind: 'partial'; readonly text: string }
  /** A finished sentence. */
  | { readonly kind: 'final'; readonly text: string }
  /** The engine stopped or could not start (`speech.engineMissing`, `speech.engineStopped`); nothing more comes. */
  | { readonly kind: 'failed'; readonly code: string };

/** One running recognition: one call's audio. */
export interface SpeechStream {
  /** Hands PCM (mono, signed 16-bit little-endian, at the stream's sample rate) to the engine. */
  push(pcm: Uint8Array): void;
  /** Ends the recognition and frees the engine; no event comes after. */
  stop(): void;
}

/** An offline speech-to-text engine. */
export interface SpeechToText {
  /**
   * Starts recognising a stream of audio at `sampleRate`; `listener` hears its text. An engine that
   * cannot start at all answers an error (`speech.engineMissing`).
   */
  start(sampleRate: number, listener: (event: SpeechEvent) => void): Result<SpeechStream>;
}
