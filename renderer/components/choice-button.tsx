// One choice among several (a language, a profession, a person…), drawn as a large tile.
import type { ReactNode } from 'react';

/** Props of ChoiceButton. */
export interface ChoiceButtonProps {
  readonly testId: string;
  readonly onPress: () => void;
  /** The current choice: highlighted (`choice-chosen`). */
  readonly chosen?: boolean;
  /**
   * How a screen reader hears `chosen`: as a radio of its radiogroup (`aria-checked`), as a pressed button
   * (`aria-pressed`), or not at all when absent.
   */
  readonly announce?: 'radio' | 'pressed';
  /** A person (name and birth date) rather than a word: `choice-person`. */
  readonly person?: boolean;
  /** The language of the label when it is not the screen's (a language's own name). */
  readonly lang?: string;
  readonly children: ReactNode;
}

/** A touch tile (`choice`) that calls `onPress` when touched. */
export function ChoiceButton({
  testId,
  onPress,
  chosen = false,
  announce,
  person,
  lang,
  children,
}: ChoiceButtonProps) {
  return (
    <button
      type="button"
      role={announce === 'radio' ? 'radio' : undefined}
      aria-checked={announce === 'radio' ? chosen : undefined}
      aria-pressed={announce === 'pressed' ? chosen : undefined}
      lang={lang}
      className={`choice${person === true ? ' choice-person' : ''}${chosen ? ' choice-chosen' : ''}`}
      data-testid={testId}
      onClick={onPress}
    >
      {children}
    </button>
  );
}
