// Read-aloud of screen titles with the Web Speech API, which some kiosk browsers lack.
import { useEffect } from 'react';

/**
 * Speaks a text in a language (BCP 47), cancelling anything still being spoken unless `queue` is set
 * (then it is spoken after what is being said); does nothing without speech.
 */
export function speak(text: string, lang: string, queue = false): void {
  const synthesis = typeof window === 'undefined' ? undefined : window.speechSynthesis;
  if (synthesis === undefined || typeof SpeechSynthesisUtterance === 'undefined') return;
  if (!queue) synthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = lang;
  synthesis.speak(utterance);
}

/** Stops any speech in progress, when speech exists. */
export function stopSpeaking(): void {
  if (typeof window !== 'undefined') window.speechSynthesis?.cancel();
}

/** Speaks `text` each time it changes while `enabled`; stops speaking when the caller goes away. */
export function useReadAloud(text: string, enabled: boolean, lang: string): void {
  useEffect(() => {
    if (!enabled) return;
    speak(text, lang);
    return stopSpeaking;
  }, [text, enabled, lang]);
}

/**
 * While `enabled`, speaks `text` after what is being said (the screen's title), then again every
 * `everyMs`; the timer stops as soon as `enabled` turns false or the caller goes away.
 */
export function useRepeatAloud(text: string, enabled: boolean, lang: string, everyMs: number): void {
  useEffect(() => {
    if (!enabled) return;
    speak(text, lang, true);
    const timer = setInterval(() => speak(text, lang, true), everyMs);
    return () => clearInterval(timer);
  }, [text, enabled, lang, everyMs]);
}
