// Closing a staff screen by itself after a time without a touch, on the page's clock: the staff panel
// after its session's idle time, the login after a minute, so a patient is never left before them.
import { useCallback, useEffect, useRef } from 'react';
import { after, type Cancel } from '../../contract/clock';
import { useMediaEnvironment } from '../video/media-environment';

/** How long the staff login waits for a touch before it gives the screen back. */
export const STAFF_LOGIN_IDLE_MS = 60_000;

/** The handlers that count as a touch, to spread on the screen's root element. */
export interface TouchHandlers {
  readonly onClickCapture: () => void;
  readonly onPointerDownCapture: () => void;
  readonly onKeyDownCapture: () => void;
  readonly onInputCapture: () => void;
}

/** Calls `onIdle` once `idleMs` pass without `touch` (nor a touch on the root with `handlers`). */
export function useIdleClose(
  idleMs: number,
  onIdle: () => void,
): { readonly touch: () => void; readonly handlers: TouchHandlers } {
  const { clock } = useMediaEnvironment();
  const pending = useRef<Cancel | null>(null);
  const idle = useRef(onIdle);
  useEffect(() => {
    idle.current = onIdle;
  }, [onIdle]);
  const touch = useCallback((): void => {
    pending.current?.();
    pending.current = after(clock, idleMs, () => idle.current());
  }, [clock, idleMs]);
  useEffect(() => {
    touch();
    return () => pending.current?.();
  }, [touch]);
  return {
    touch,
    handlers: {
      onClickCapture: touch,
      onPointerDownCapture: touch,
      onKeyDownCapture: touch,
      onInputCapture: touch,
    },
  };
}
