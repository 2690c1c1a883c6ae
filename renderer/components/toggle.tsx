// An on/off choice drawn as a big checkbox-like switch, easy to touch and to read.
import type { ReactNode } from 'react';

/** Props of Toggle. */
export interface ToggleProps {
  readonly testId: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly children: ReactNode;
}

/** A switch with its label inside the touch target; reports the new state on each touch. */
export function Toggle({ testId, checked, onChange, children }: ToggleProps) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      className={`toggle${checked ? ' toggle-on' : ''}`}
      data-testid={testId}
      onClick={() => onChange(!checked)}
    >
      <span className="toggle-box" aria-hidden="true">
        {checked ? '✓' : ''}
      </span>
      <span className="toggle-label">{children}</span>
    </button>
  );
}
