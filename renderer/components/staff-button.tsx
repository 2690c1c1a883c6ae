// The discreet way in to the attendant's panel: a small button labelled for the staff.
import { useUi } from '../ui-context';
import { ActionButton } from './action-button';

/** Props of StaffButton. */
export interface StaffButtonProps {
  readonly onOpen: () => void;
}

/** A small quiet "Personnel" button (`attendant-open`) that opens the attendant's panel. */
export function StaffButton({ onOpen }: StaffButtonProps) {
  const { strings } = useUi();
  return (
    <span className="staff-entry" title={strings.attendant.openLabel}>
      <ActionButton testId="attendant-open" kind="quiet" small onPress={onOpen}>
        {strings.attendant.open}
      </ActionButton>
    </span>
  );
}
