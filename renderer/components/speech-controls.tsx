// The read-aloud controls, on screen while read-aloud is on: pause (then resume) the voice, and hear
// the screen again from its title.
import { useState } from 'react';
import { pauseSpeaking, repeatScreen, resumeSpeaking } from '../read-aloud';
import { useUi } from '../ui-context';

/**
 * Two buttons: `speech-pause` (pressed while paused; pressed again, the voice goes on where it stopped)
 * and `speech-repeat` (says the whole screen again, and ends a pause).
 */
export function SpeechControls() {
  const s = useUi().strings.accessibility;
  const [paused, setPaused] = useState(false);
  return (
    // A named section (a landmark of its own), outside the screen's main part.
    <section className="speech-controls" aria-label={s.speechControls} data-testid="speech-controls">
      <button
        type="button"
        className="button button-secondary button-small"
        data-testid="speech-pause"
        aria-pressed={paused}
        onClick={() => {
          if (paused) resumeSpeaking();
          else pauseSpeaking();
          setPaused(!paused);
        }}
      >
        {paused ? s.resume : s.pause}
      </button>
      <button
        type="button"
        className="button button-secondary button-small"
        data-testid="speech-repeat"
        onClick={() => {
          repeatScreen();
          setPaused(false);
        }}
      >
        {s.repeat}
      </button>
    </section>
  );
}
