// A stage that failed: the message, a way around it (skip, quit, help…) and "Réessayer".
import type { ReactNode } from 'react';
import type { PatientAction } from '../../contract/patient-action';
import { useUi } from '../ui-context';
import { ActionButton } from './action-button';
import { FailureMessage } from './failure-message';
import { QuitButton } from './quit-button';
import { ScreenFrame } from './screen-frame';

/** The part of a step's view a failed stage shows: its step and stage (test ids) and the failure code. */
export interface FailedView {
  readonly step: string;
  readonly stage: string;
  readonly failure: string | null;
}

/**
 * Props of FailureScreen; left of "Réessayer" comes the stage's own way around (`alternative`), or else the
 * in-screen quit (`failed-quit`) that opens the quit dialog through `requestQuit`. `before` comes above the
 * message.
 */
export type FailureScreenProps = {
  readonly view: FailedView;
  readonly act: (action: PatientAction) => void;
  readonly title: string;
  readonly before?: ReactNode;
  readonly children?: ReactNode;
  /** False when trying again cannot help now (the alternative is then the way forward); true by default. */
  readonly canRetry?: boolean;
} & ({ readonly alternative: ReactNode } | { readonly requestQuit: () => void });

/** Draws the failure message between `before` and `children`, with the alternative and, unless `canRetry` is false, a retry button (`retry`, patient.retry). */
export function FailureScreen(props: FailureScreenProps) {
  const { view, act, title, before, children, canRetry = true } = props;
  const { strings } = useUi();
  return (
    <ScreenFrame
      screen={view}
      title={title}
      actions={
        <>
          {'alternative' in props ? (
            props.alternative
          ) : (
            <QuitButton testId="failed-quit" requestQuit={props.requestQuit} />
          )}
          {canRetry && (
            <ActionButton testId="retry" onPress={() => act({ type: 'patient.retry' })}>
              {strings.common.retry}
            </ActionButton>
          )}
        </>
      }
    >
      {before}
      <FailureMessage code={view.failure} />
      {children}
    </ScreenFrame>
  );
}
