// Binds one input to the on-screen keyboard: the keyboard shows while the input has the focus, its keys
// edit the controlled value at the caret, and a key that would make the value too long is refused with
// a message instead of cutting it. A physical keyboard (a technician's) keeps working as usual.
import { useLayoutEffect, useRef, useState, type FocusEvent, type ReactNode, type RefObject } from 'react';
import { fill } from '../i18n';
import { speak } from '../read-aloud';
import { useUi } from '../ui-context';
import { OnScreenKeyboard, typesLetters, type KeyboardLayout, type KeyPress } from './on-screen-keyboard';
import { useTypingPresence } from './typing-presence';

/** What `useKeyboardField` needs: the controlled value, its limit, and the keys to offer. */
export interface KeyboardFieldOptions {
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** The most characters the value may have; digit layouts do not count spaces typed on a physical keyboard. */
  readonly maxLength: number;
  readonly layout: KeyboardLayout;
  /** A secret code: its keys are never said aloud. */
  readonly secret?: boolean;
  /** Called when a key fills the value up to its limit (a birth date's part moves to the next one). */
  readonly onFull?: () => void;
}

/** The input's wiring, the keyboard to draw (null while the input has no focus) and the limit message. */
export interface KeyboardField {
  readonly inputRef: RefObject<HTMLInputElement | null>;
  readonly inputProps: {
    readonly onFocus: () => void;
    readonly onBlur: (event: FocusEvent<HTMLInputElement>) => void;
    /** No system keyboard over the cabin's own. */
    readonly inputMode: 'none';
  };
  readonly keyboard: ReactNode;
  /** "40 caractères au plus." when a key was refused or the value (typed otherwise) is over the limit. */
  readonly limitMessage: string | null;
}

/** How many characters count towards the limit: code points; digit layouts leave out typed spaces. */
function lengthOf(value: string, layout: KeyboardLayout): number {
  return [...(typesLetters(layout) ? value : value.replace(/\s/g, ''))].length;
}

/** Binds an input to the on-screen keyboard (see the file's header). */
export function useKeyboardField({
  value,
  onChange,
  maxLength,
  layout,
  secret = false,
  onFull,
}: KeyboardFieldOptions): KeyboardField {
  const { strings, readAloud } = useUi();
  const present = useTypingPresence();
  const inputRef = useRef<HTMLInputElement | null>(null);
  const [open, setOpen] = useState(false);
  const [refused, setRefused] = useState(false);
  // Where the caret goes once React has written the new value.
  const caret = useRef<number | null>(null);
  useLayoutEffect(() => {
    const input = inputRef.current;
    if (caret.current === null || input === null) return;
    input.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  }, [value]);

  const limitText = fill(typesLetters(layout) ? strings.keyboard.tooLong : strings.keyboard.tooManyDigits, {
    max: maxLength,
  });
  const press = (key: KeyPress): boolean => {
    present();
    const input = inputRef.current;
    const start = input?.selectionStart ?? value.length;
    const end = input?.selectionEnd ?? value.length;
    if (key.kind === 'erase') {
      setRefused(false);
      if (start === end && start === 0) return true;
      const from = start === end ? start - 1 : start;
      caret.current = from;
      onChange(value.slice(0, from) + value.slice(end));
      return true;
    }
    const next = value.slice(0, start) + key.text + value.slice(end);
    if (lengthOf(next, layout) > maxLength) {
      setRefused(true);
      if (readAloud) speak(limitText, strings.meta.speechLang);
      return false;
    }
    setRefused(false);
    caret.current = start + key.text.length;
    onChange(next);
    if (lengthOf(next, layout) === maxLength) onFull?.();
    return true;
  };
  const overLimit = lengthOf(value, layout) > maxLength;
  return {
    inputRef,
    inputProps: {
      onFocus: () => setOpen(true),
      onBlur: (event: FocusEvent<HTMLInputElement>) => {
        setRefused(false);
        // Closed unless the field has taken the focus back meanwhile.
        closeAfterTouch(event.relatedTarget, () => setOpen(document.activeElement === inputRef.current));
      },
      inputMode: 'none',
    },
    keyboard: open ? (
      <OnScreenKeyboard
        layout={layout}
        onKey={press}
        autoCapital={layout !== 'text' && (value === '' || /[\s'’-]$/.test(value))}
        speakKeys={!secret}
      />
    ) : null,
    limitMessage: refused || overLimit ? limitText : null,
  };
}

/** The longest a touch on a button may keep the keyboard of the field it took the focus from. */
const TOUCH_GRACE_MS = 1_500;

/**
 * Closes the keyboard of a field that lost the focus. When a button took it (a touch on "Valider" starts),
 * the keyboard stays until that touch's click is delivered: closing it at once would move the button
 * from under the finger, and the touch would land on nothing. Another field taking the focus closes it
 * at once (it opens its own).
 */
function closeAfterTouch(takenBy: EventTarget | null, close: () => void): void {
  if (
    !(takenBy instanceof HTMLElement) ||
    takenBy instanceof HTMLInputElement ||
    takenBy instanceof HTMLTextAreaElement
  ) {
    close();
    return;
  }
  let done = false;
  const finish = (): void => {
    if (done) return;
    done = true;
    takenBy.removeEventListener('click', afterClick);
    document.removeEventListener('pointerup', afterClick, true);
    clearTimeout(timer);
    close();
  };
  // The click comes after the pointer is lifted; a touch dragged off the button gives no click.
  const afterClick = (): void => void setTimeout(finish, 0);
  takenBy.addEventListener('click', afterClick);
  document.addEventListener('pointerup', afterClick, true);
  const timer = setTimeout(finish, TOUCH_GRACE_MS);
}
