// A stage that failed: the message, a way around it (skip, quit, help…) and "Réessayer".
import type { ReactNode } from 'react';
import type { PatientAction } from '../../contract/patient-action';
import { useUi } from '../ui-context';
import { ActionButton } from './action-button';
import { FailureMessage } from './failure-message';
import { ScreenFrame } from './screen-frame';

/** The part of a step's view a failed stage shows: its step and stage (test ids) and the failure code. */
export interface FailedView {
  readonly step: string;
  readonly stage: string;
  readonly failure: string | null;
}

/** Props of FailureScreen; `alternative` is the button left of "Réessayer", `before` comes above the message. */
export interface FailureScreenProps {
  readonly view: FailedView;
  readonly act: (action: PatientAction) => void;
  readonly title: string;
  readonly alternative: ReactNode;
  readonly before?: ReactNode;
  readonly children?: ReactNode;
}

/** Draws the failure message between `before` and `children`, with the alternative and a retry button (`retry`, patient.retry). */
export function FailureScreen({ view, act, title, alternative, before, children }: FailureScreenProps) {
  const { strings } = useUi();
  return (
    <ScreenFrame
      screen={view}
      title={title}
      actions={
        <>
          {alternative}
          <ActionButton testId="retry" onPress={() => act({ type: 'patient.retry' })}>
            {strings.common.retry}
          </ActionButton>
        </>
      }
    >
      {before}
      <FailureMessage code={view.failure} />
      {children}
    </ScreenFrame>
  );
}
