// A domain-level speech engine for unit tests: records the audio pushed, and lets a test say what the
// engine "heard" or make it fail.
import { err, ok, type Result } from '../../../contract';
import type { SpeechEvent, SpeechStream, SpeechToText } from '../speech-to-text';

/** One recognition the fake started: its audio, whether it was stopped, and how to make it speak. */
export interface FakeSpeechRun {
  readonly sampleRate: number;
  readonly pushed: Uint8Array[];
  stopped: boolean;
  /** Makes the engine say `event` to the listener. */
  say(event: SpeechEvent): void;
}

/** A SpeechToText whose recognitions a test drives; `missing` makes every start fail. */
export class FakeSpeechToText implements SpeechToText {
  readonly runs: FakeSpeechRun[] = [];
  missing = false;

  start(sampleRate: number, listener: (event: SpeechEvent) => void): Result<SpeechStream> {
    if (this.missing) return err({ code: 'speech.engineMissing' });
    const run: FakeSpeechRun = { sampleRate, pushed: [], stopped: false, say: listener };
    this.runs.push(run);
    return ok({
      push: (pcm) => {
        if (!run.stopped) run.pushed.push(pcm);
      },
      stop: () => {
        run.stopped = true;
      },
    });
  }

  /** The last recognition started. */
  last(): FakeSpeechRun {
    const run = this.runs.at(-1);
    if (run === undefined) throw new Error('no recognition was started');
    return run;
  }
}
