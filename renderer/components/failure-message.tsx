// The plain message of a failure code, in the one place every screen shows it.
import { failureMessage } from '../i18n';
import { useUi } from '../ui-context';

/** Props of FailureMessage. */
export interface FailureMessageProps {
  readonly code: string | null;
}

/** The failure paragraph (`data-testid="failure"`): a plain message, a generic one for an unknown code. */
export function FailureMessage({ code }: FailureMessageProps) {
  const { strings } = useUi();
  return (
    <p className="failure" data-testid="failure">
      {failureMessage(strings, code)}
    </p>
  );
}
