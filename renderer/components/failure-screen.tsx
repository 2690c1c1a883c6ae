// A stage that failed: the message, a way around it (skip, quit, help…) and "Réessayer".
import type { ReactNode } from 'react';
import { useUi } from '../ui-context';
import { ActionButton } from './action-button';
import { FailureMessage } from './failure-message';
import { ScreenFrame } from './screen-frame';

/** Props of FailureScreen; `alternative` is the button left of "Réessayer", `before` comes above the message. */
export interface FailureScreenProps {
  readonly screen: string;
  readonly stage: string;
  readonly title: string;
  readonly failure: string | null;
  readonly onRetry: () => void;
  readonly alternative: ReactNode;
  readonly before?: ReactNode;
  readonly children?: ReactNode;
}

/** Draws the failure message between `before` and `children`, with the alternative and a retry button (`retry`). */
export function FailureScreen({
  screen,
  stage,
  title,
  failure,
  onRetry,
  alternative,
  before,
  children,
}: FailureScreenProps) {
  const { strings } = useUi();
  return (
    <ScreenFrame
      screen={screen}
      stage={stage}
      title={title}
      actions={
        <>
          {alternative}
          <ActionButton testId="retry" onPress={onRetry}>
            {strings.common.retry}
          </ActionButton>
        </>
      }
    >
      {before}
      <FailureMessage code={failure} />
      {children}
    </ScreenFrame>
  );
}
