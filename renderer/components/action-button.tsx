// The one button of the patient screens: large, high-contrast, with a stable test id.
import type { ReactNode } from 'react';

/** How prominent a button is: the step's main action, an alternative, or a way out. */
export type ButtonKind = 'primary' | 'secondary' | 'quiet' | 'danger';

/** Props of ActionButton. */
export interface ActionButtonProps {
  readonly testId: string;
  readonly onPress: () => void;
  readonly kind?: ButtonKind;
  readonly disabled?: boolean;
  readonly small?: boolean;
  readonly children: ReactNode;
}

/** A touch button at least 64px tall that calls `onPress` when touched. */
export function ActionButton({
  testId,
  onPress,
  kind = 'primary',
  disabled,
  small,
  children,
}: ActionButtonProps) {
  const className = `button button-${kind}${small === true ? ' button-small' : ''}`;
  return (
    <button type="button" className={className} data-testid={testId} disabled={disabled} onClick={onPress}>
      {children}
    </button>
  );
}
