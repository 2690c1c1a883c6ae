// Typing on the on-screen keyboard proves the patient is there: the controller's "are you still
// there?" countdown (90 s by default) counts only the actions it receives, and an older patient may
// take longer than that to type a name and a number key by key.
import { createContext, useCallback, useContext, useRef } from 'react';
import type { PatientAction } from '../../contract/patient-action';

/** How often, at most, typing tells the controller the patient is there: well under the inactivity delay. */
export const TYPING_PRESENCE_EVERY_MS = 15_000;

/** The signal the keyboard calls on each key; outside a session (the attendant panel) it does nothing. */
export const TypingPresenceContext = createContext<() => void>(() => undefined);

/** Answers the signal of the nearest session, for a key press to call. */
export function useTypingPresence(): () => void {
  return useContext(TypingPresenceContext);
}

/**
 * The session's signal: sends `patient.stillHere` on the first key and then at most once every
 * TYPING_PRESENCE_EVERY_MS (`now` is the clock's time, a timestamp check: nothing waits).
 */
export function usePresenceSignal(
  act: (action: PatientAction) => void,
  now: () => number = Date.now,
): () => void {
  const last = useRef<number | null>(null);
  return useCallback(() => {
    const time = now();
    if (last.current !== null && time - last.current < TYPING_PRESENCE_EVERY_MS) return;
    last.current = time;
    act({ type: 'patient.stillHere' });
  }, [act, now]);
}
