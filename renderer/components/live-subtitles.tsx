// The live subtitles of the professional's speech, large under the video: the last finished lines and
// the sentence being spoken; a plain note when the engine stopped (the call goes on).
import type { SubtitlesView } from '../../contract/subtitles';
import { useUi } from '../ui-context';

/** Props of LiveSubtitles. */
export interface LiveSubtitlesProps {
  readonly subtitles: SubtitlesView;
}

/**
 * Draws the subtitles (`subtitles`): each finished line (`subtitles-line`), the words being spoken
 * (`subtitles-partial`), a waiting note before any (`subtitles-waiting`), and the engine's fault
 * (`subtitles-fault`).
 */
export function LiveSubtitles({ subtitles }: LiveSubtitlesProps) {
  const s = useUi().strings.liveSubtitles;
  const { lines, partial, fault } = subtitles;
  return (
    <section className="live-subtitles" data-testid="subtitles" aria-label={s.label}>
      {/* Only finished lines are announced: the words being spoken change too often to be read out. */}
      <div aria-live="polite" aria-atomic="false">
        {lines.map((line, index) => (
          <p key={`${index}-${line}`} className="live-subtitles-line" data-testid="subtitles-line">
            {line}
          </p>
        ))}
      </div>
      {partial !== '' && (
        <p className="live-subtitles-line live-subtitles-partial" data-testid="subtitles-partial">
          {partial}
        </p>
      )}
      {lines.length === 0 && partial === '' && !fault && (
        <p className="live-subtitles-note" data-testid="subtitles-waiting">
          {s.waiting}
        </p>
      )}
      {fault && (
        <p className="live-subtitles-note" role="status" data-testid="subtitles-fault">
          {s.fault}
        </p>
      )}
    </section>
  );
}
