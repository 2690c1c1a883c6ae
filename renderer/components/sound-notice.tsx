// The visible twin of every sound the cabin plays: a banner that flashes with the words of the sound,
// shown at the moment the sound starts, for patients who do not hear it.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useMediaEnvironment } from '../video/media-environment';

/** How long the banner of a sound stays on screen, in milliseconds (the chime itself lasts about 1 s). */
export const SOUND_NOTICE_MS = 6000;

/** The banner `sound-notice`: its text, a flash, and a status role so a screen reader says it too. */
export function SoundNotice({ children }: { readonly children: ReactNode }) {
  return (
    <p className="sound-notice" role="status" data-testid="sound-notice">
      <span className="sound-notice-icon" aria-hidden="true">
        ♪
      </span>{' '}
      {children}
    </p>
  );
}

/**
 * The text of the sound being shown and `show(text)`, which shows it for `SOUND_NOTICE_MS` on the page's
 * clock (a new sound restarts the time).
 */
export function useSoundNotice(): { readonly text: string | null; readonly show: (text: string) => void } {
  const { clock } = useMediaEnvironment();
  const [notice, setNotice] = useState<{ readonly text: string; readonly at: number } | null>(null);
  useEffect(() => {
    if (notice === null) return;
    const handle = clock.setTimeout(() => setNotice(null), SOUND_NOTICE_MS);
    return () => clock.clearTimeout(handle);
  }, [notice, clock]);
  const show = useCallback((text: string) => setNotice({ text, at: clock.now() }), [clock]);
  return { text: notice?.text ?? null, show };
}
