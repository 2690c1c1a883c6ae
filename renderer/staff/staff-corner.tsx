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

/** The side of the corner square, in CSS pixels from the screen's top-left. */
export const STAFF_CORNER_PX = 80;

/** Whether a pointer is in the corner square. */
function inCorner(event: Pick<MouseEvent, 'clientX' | 'clientY'>): boolean {
  return event.clientX <= STAFF_CORNER_PX && event.clientY <= STAFF_CORNER_PX;
}

/** Props of StaffCorner. */
export interface StaffCornerProps {
  readonly onOpen: () => void;
}

/**
 * Watches the window for a press held `STAFF_CORNER_HOLD_MS` (on the page's clock) in the top-left
 * square, and for Ctrl+Alt+P; either calls `onOpen`. It never takes a touch from what lies under the
 * corner (the back button of a session): the square it draws (`staff-corner`) lets every touch through.
 */
export function StaffCorner({ onOpen }: StaffCornerProps) {
  const { strings } = useUi();
  const { clock } = useMediaEnvironment();
  const opener = useRef(onOpen);
  useEffect(() => {
    opener.current = onOpen;
  }, [onOpen]);

  useEffect(() => {
    let pending: Cancel | null = null;
    const release = (): void => {
      pending?.();
      pending = null;
    };
    const press = (event: MouseEvent): void => {
      release();
      if (!inCorner(event)) return;
      pending = after(clock, STAFF_CORNER_HOLD_MS, () => {
        pending = null;
        opener.current();
      });
    };
    const move = (event: MouseEvent): void => {
      if (!inCorner(event)) release();
    };
    const onKey = (event: KeyboardEvent): void => {
      if (!isStaffKey(event)) return;
      event.preventDefault();
      opener.current();
    };
    window.addEventListener('pointerdown', press, true);
    window.addEventListener('pointermove', move, true);
    window.addEventListener('pointerup', release, true);
    window.addEventListener('pointercancel', release, true);
    window.addEventListener('keydown', onKey);
    return () => {
      release();
      window.removeEventListener('pointerdown', press, true);
      window.removeEventListener('pointermove', move, true);
      window.removeEventListener('pointerup', release, true);
      window.removeEventListener('pointercancel', release, true);
      window.removeEventListener('keydown', onKey);
    };
  }, [clock]);

  return (
    <div
      className="staff-corner"
      data-testid="staff-corner"
      aria-hidden="true"
      title={strings.staff.cornerLabel}
    />
  );
}
