// The step's "Continuer" button: it sends patient.next.
import type { ReactNode } from 'react';
import type { PatientAction } from '../../contract/patient-action';
import { useUi } from '../ui-context';
import { ActionButton } from './action-button';

/** Props of ContinueButton; `children` replaces the label "Continuer" (e.g. "J'ai compris"). */
export interface ContinueButtonProps {
  readonly act: (action: PatientAction) => void;
  readonly children?: ReactNode;
}

/** The primary button `next`, which sends patient.next. */
export function ContinueButton({ act, children }: ContinueButtonProps) {
  const { strings } = useUi();
  return (
    <ActionButton testId="next" onPress={() => act({ type: 'patient.next' })}>
      {children ?? strings.common.continue}
    </ActionButton>
  );
}
