// A stage where the patient only waits: a spinner, with what is happening said beside it.
import type { ReactNode } from 'react';
import { ScreenFrame, type FramedView } from './screen-frame';
import { Spinner } from './spinner';

/** Props of WaitingScreen; `before` comes above the spinner, `children` below it. */
export interface WaitingScreenProps {
  readonly screen: string | FramedView;
  readonly stage?: string;
  readonly title: string;
  readonly before?: ReactNode;
  readonly children?: ReactNode;
}

/** Draws a screen without actions: `before`, the spinner, then `children`. */
export function WaitingScreen({ screen, stage, title, before, children }: WaitingScreenProps) {
  return (
    <ScreenFrame screen={screen} stage={stage} title={title}>
      {before}
      <Spinner />
      {children}
    </ScreenFrame>
  );
}
