// "Your turn": when the professional is ready, the cabin plays its chime once and shows, at the same
// moment, a flashing banner that says it in words, for patients who do not hear the chime.
import { useEffect } from 'react';
import { useUi } from '../ui-context';
import { useMediaEnvironment } from '../video/media-environment';
import { playChime } from '../video/test-sound';
import { SoundNotice } from './sound-notice';

/** How long the chime's audio context is kept before it is closed, in milliseconds (the chime lasts ~1.2 s). */
const CHIME_CONTEXT_MS = 2000;

/** The call (`sound-notice`): the chime played once as it appears, and its words on screen meanwhile. */
export function YourTurnCall() {
  const { strings } = useUi();
  const environment = useMediaEnvironment();
  useEffect(() => {
    const context = environment.createAudioContext();
    if (context === null) return;
    playChime(context);
    const handle = environment.clock.setTimeout(() => {
      void context.close().catch(() => undefined);
    }, CHIME_CONTEXT_MS);
    return () => {
      environment.clock.clearTimeout(handle);
      void context.close().catch(() => undefined);
    };
  }, [environment]);
  return <SoundNotice>{strings.accessibility.soundYourTurn}</SoundNotice>;
}
