// A dialog over the current screen, for a question that must be answered before anything else.
import { useEffect, useRef, type ReactNode } from 'react';
import { speak, speechTextOf } from '../read-aloud';
import { useUi } from '../ui-context';

/** Props of Modal; `spoken: false` for a dialog that says itself (the still-there prompt). */
export interface ModalProps {
  readonly testId: string;
  readonly title: string;
  readonly children: ReactNode;
  readonly spoken?: boolean;
}

/**
 * Covers the screen with a dimmed layer and shows a centred dialog with its title and buttons; with
 * read-aloud on, says it whole (title, text, buttons) as it opens, cutting what was being said.
 */
export function Modal({ testId, title, children, spoken = true }: ModalProps) {
  const { readAloud, strings } = useUi();
  const dialog = useRef<HTMLDivElement>(null);
  const lang = strings.meta.speechLang;
  useEffect(() => {
    if (!spoken || !readAloud || dialog.current === null) return;
    speak(speechTextOf(dialog.current), lang);
  }, [spoken, readAloud, lang, title]);
  return (
    <div className="modal-layer">
      <div
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
        ref={dialog}
      >
        <h2 className="modal-title">{title}</h2>
        {children}
      </div>
    </div>
  );
}
