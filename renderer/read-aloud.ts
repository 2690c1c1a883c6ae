// Read-aloud of the screens (title, text, buttons) with the Web Speech API, which some kiosk browsers
// lack; pause, resume and repeat for the on-screen speech controls.
import { useEffect } from 'react';

/** The last text given to the voice, so a screen does not say again what a control has just said. */
let lastUtterance: string | null = null;

/**
 * Speaks a text in a language (BCP 47), cancelling anything still being spoken unless `queue` is set
 * (then it is spoken after what is being said); does nothing without speech.
 */
export function speak(text: string, lang: string, queue = false): void {
  const synthesis = typeof window === 'undefined' ? undefined : window.speechSynthesis;
  if (synthesis === undefined || typeof SpeechSynthesisUtterance === 'undefined') return;
  if (!queue) synthesis.cancel();
  lastUtterance = text;
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

/** While `enabled`, speaks `text` once after what is being said, and again each time it changes. */
export function useAnnounceAloud(text: string, enabled: boolean, lang: string): void {
  useEffect(() => {
    if (enabled) speak(text, lang, true);
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

/** Parts of a screen never read as its text: the keyboard's keys, pictures, media, spinners. */
const SILENT =
  '[data-speech="skip"], [aria-hidden="true"], .keyboard, .spinner, video, audio, meter, svg, script, style';

/** Parts whose text changes by itself (progress, a queue's position): read once, never re-read on a change. */
const LIVE = '[aria-live], [role="status"], [role="timer"], [role="progressbar"]';

/** The elements that each make one sentence of the text read aloud. */
const BLOCKS = 'h1, h2, h3, p, li, button, label, legend, dt, dd, th, td, figcaption, caption, div';

/**
 * The text of `root` as it is read aloud: its text in document order, a full stop between blocks (a title
 * and a button make two sentences), without `SILENT` parts nor `alsoSkip`, and without `LIVE` parts too
 * when `stable`.
 */
export function speechTextOf(root: Element, stable = false, alsoSkip?: string): string {
  return joinSentences(speechSentencesOf(root, stable, alsoSkip));
}

/** The sentences of `root` that `speechTextOf` joins, each as shown (no full stop added). */
export function speechSentencesOf(root: Element, stable = false, alsoSkip?: string): string[] {
  const skip = [SILENT, stable ? LIVE : null, alsoSkip ?? null].filter((part) => part !== null).join(', ');
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const sentences: string[] = [];
  let block: Element | null = null;
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent === null || parent.closest(skip) !== null) continue;
    const text = (node.textContent ?? '').replace(/[ \t\r\n]+/g, ' ').trim();
    if (text === '') continue;
    const nodeBlock = parent.closest(BLOCKS);
    if (nodeBlock !== block || sentences.length === 0) {
      sentences.push(text);
      block = nodeBlock;
    } else {
      sentences[sentences.length - 1] += ` ${text}`;
    }
  }
  return sentences;
}

/** Joins sentences with a full stop where one has no closing mark, so a voice pauses between them. */
export function joinSentences(parts: readonly string[]): string {
  return parts
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => (/[.!?…:;»"')]$/u.test(part) ? part : `${part}.`))
    .join(' ');
}

/** The last whole screen read aloud (title and text), which "Répéter" says again. */
let lastScreen: { readonly text: string; readonly lang: string } | null = null;

/** Remembers what the screen on show says, for `repeatScreen`. */
export function rememberScreen(text: string, lang: string): void {
  lastScreen = { text, lang };
}

/** Says the screen on show again from its title, cutting what is being said; false when none was read. */
export function repeatScreen(): boolean {
  if (lastScreen === null) return false;
  resumeSpeaking();
  speak(lastScreen.text, lastScreen.lang);
  return true;
}

/** Pauses the voice where it is (the sentence resumes with `resumeSpeaking`). */
export function pauseSpeaking(): void {
  const synthesis = speechSynthesisOrNull();
  if (synthesis !== null && typeof synthesis.pause === 'function') synthesis.pause();
}

/** Resumes a paused voice. */
export function resumeSpeaking(): void {
  const synthesis = speechSynthesisOrNull();
  if (synthesis !== null && typeof synthesis.resume === 'function') synthesis.resume();
}

/** The page's speech synthesis, or null where the browser has none. */
function speechSynthesisOrNull(): SpeechSynthesis | null {
  return typeof window === 'undefined' ? null : (window.speechSynthesis ?? null);
}

/**
 * Reads a screen: while `enabled`, says what `ref`'s element shows besides its title (`.screen-title`,
 * which `useReadAloud` says first) after the title; then, as the screen changes (watched with a
 * MutationObserver), says only its new sentences (a new question, a message that appears), never what
 * only moves by itself (progress, a countdown), nor what a control has just said; remembers title and
 * text for "Répéter".
 */
export function useScreenSpeech(
  ref: { readonly current: Element | null },
  title: string,
  enabled: boolean,
  lang: string,
): void {
  useEffect(() => {
    const root = ref.current;
    if (!enabled || root === null) return;
    let said: ReadonlySet<string> | null = null;
    const read = (): void => {
      rememberScreen(joinSentences([title, speechTextOf(root, false, '.screen-title')]), lang);
      const sentences = speechSentencesOf(root, said === null ? false : true, '.screen-title');
      const fresh =
        said === null
          ? sentences
          : sentences.filter((sentence) => !said?.has(sentence) && sentence !== lastUtterance);
      said = new Set(speechSentencesOf(root, true, '.screen-title'));
      if (fresh.length > 0) speak(joinSentences(fresh), lang, true);
    };
    read();
    if (typeof MutationObserver === 'undefined') return;
    const observer = new MutationObserver(read);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [ref, title, enabled, lang]);
}
