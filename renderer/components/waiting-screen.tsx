// A stage where the patient only waits: a spinner, with what is happening said beside it.
import type { ReactNode } from 'react';
import { ScreenFrame, type FramedView } from './screen-frame';
import { Spinner } from './spinner';

/** Props of WaitingScreen; `before` comes above the spinner, `lead` and `children` below it. */
export interface WaitingScreenProps {
  readonly screen: string | FramedView;
  readonly stage?: string;
  readonly title: string;
  readonly before?: ReactNode;
  /** The sentence saying what is happening (a `lead` paragraph). */
  readonly lead?: string;
  readonly children?: ReactNode;
}

/** Draws a screen without actions: `before`, the spinner, `lead`, then `children`. */
export function WaitingScreen({ screen, stage, title, before, lead, children }: WaitingScreenProps) {
  return (
    <ScreenFrame screen={screen} stage={stage} title={title}>
      {before}
      <Spinner />
      {lead !== undefined && <p className="lead">{lead}</p>}
      {children}
    </ScreenFrame>
  );
}
