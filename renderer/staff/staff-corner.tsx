// The discreet ways in to the staff login, away from the patient's journey: holding the top-left corner
// for 3 seconds, or Ctrl+Alt+P on a technician's keyboard. Both work on every screen, in a session too.
import { useEffect, useRef } from 'react';
import { after, type Cancel } from '../../contract/clock';
import { useUi } from '../ui-context';
import { useMediaEnvironment } from '../video/media-environment';

/** How long the corner must be held before the staff login opens. */
export const STAFF_CORNER_HOLD_MS = 3000;

/** Whether a key press is the staff's combination, Ctrl+Alt+P. */
export function isStaffKey(event: Pick<KeyboardEvent, 'ctrlKey' | 'altKey' | 'code' | 'key'>): boolean {
  return event.ctrlKey && event.altKey && (event.code === 'KeyP' || event.key.toLowerCase() === 'p');
}

/** Props of StaffCorner. */
export interface StaffCornerProps {
  readonly onOpen: () => void;
}

/**
 * An invisible square in the top-left corner (`staff-corner`) that calls `onOpen` once held for
 * `STAFF_CORNER_HOLD_MS` on the page's clock, and the Ctrl+Alt+P listener on the window.
 */
export function StaffCorner({ onOpen }: StaffCornerProps) {
  const { strings } = useUi();
  const { clock } = useMediaEnvironment();
  const pending = useRef<Cancel | null>(null);
  const opener = useRef(onOpen);
  useEffect(() => {
    opener.current = onOpen;
  }, [onOpen]);

  const release = (): void => {
    pending.current?.();
    pending.current = null;
  };
  const hold = (): void => {
    release();
    pending.current = after(clock, STAFF_CORNER_HOLD_MS, () => {
      pending.current = null;
      opener.current();
    });
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!isStaffKey(event)) return;
      event.preventDefault();
      opener.current();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      pending.current?.();
    };
  }, []);

  return (
    <div
      className="staff-corner"
      data-testid="staff-corner"
      aria-hidden="true"
      title={strings.staff.cornerLabel}
      onPointerDown={hold}
      onPointerUp={release}
      onPointerLeave={release}
      onPointerCancel={release}
      onContextMenu={(event) => event.preventDefault()}
    />
  );
}
