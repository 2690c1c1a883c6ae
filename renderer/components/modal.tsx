// A dialog over the current screen, for a question that must be answered before anything else.
import type { ReactNode } from 'react';

/** Props of Modal. */
export interface ModalProps {
  readonly testId: string;
  readonly title: string;
  readonly children: ReactNode;
}

/** Covers the screen with a dimmed layer and shows a centred dialog with its title and buttons. */
export function Modal({ testId, title, children }: ModalProps) {
  return (
    <div className="modal-layer">
      <div className="modal" role="alertdialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <h2 className="modal-title">{title}</h2>
        {children}
      </div>
    </div>
  );
}
