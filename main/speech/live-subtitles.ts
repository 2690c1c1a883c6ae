// The subtitles of the one running call: the professional's voice from the renderer goes to the
// offline engine, its text comes back as the lines the consultation screen shows. The text is kept for
// the call only and wiped at its end; neither audio nor text is ever logged or stored.
import {
  err,
  ok,
  SUBTITLE_LINE_MAX_LENGTH,
  SUBTITLE_LINES_KEPT,
  SUBTITLE_SAMPLE_RATE,
  type Result,
  type SubtitlesView,
} from '../../contract';
import type { OperationLog } from '../log';
import type { SpeechEvent, SpeechStream, SpeechToText } from './speech-to-text';

interface CallSubtitles {
  readonly callSession: string;
  stream: SpeechStream | null;
  lines: readonly string[];
  partial: string;
  fault: boolean;
}

/** What LiveSubtitles works with: the engine (null when the cabin has none), the log, and the view's refresh. */
export interface LiveSubtitlesPorts {
  readonly engine: SpeechToText | null;
  readonly log: OperationLog;
  /** The subtitles changed: the view is projected again. */
  readonly changed: () => void;
}

const clip = (text: string): string => text.slice(0, SUBTITLE_LINE_MAX_LENGTH);

/** One call's subtitles at a time, fed by `hear` and ended by `end`. */
export class LiveSubtitles {
  private call: CallSubtitles | null = null;

  constructor(private readonly ports: LiveSubtitlesPorts) {}

  /** Whether the cabin has an engine, so the welcome screen offers subtitles. */
  offered(): boolean {
    return this.ports.engine !== null;
  }

  /**
   * Hands base64 PCM of the call `callSession` to the engine, starting it at the call's first frame (a
   * new call ends the last one's). After an engine fault the call's audio is dropped: the call goes on.
   */
  hear(callSession: string, pcmBase64: string): Result<void> {
    const { engine } = this.ports;
    if (engine === null) return err({ code: 'subtitles.notNow' });
    if (this.call?.callSession !== callSession) this.start(engine, callSession);
    const call = this.call;
    if (call === null || call.stream === null) return ok(undefined);
    call.stream.push(Buffer.from(pcmBase64, 'base64'));
    return ok(undefined);
  }

  /** The running call's subtitles, or null when no call has any. */
  view(): SubtitlesView | null {
    if (this.call === null) return null;
    const { lines, partial, fault } = this.call;
    return { lines, partial, fault };
  }

  /** The call ended: the engine stops and its text is forgotten. */
  end(): void {
    const call = this.call;
    if (call === null) return;
    this.call = null;
    call.stream?.stop();
    this.ports.changed();
  }

  private start(engine: SpeechToText, callSession: string): void {
    this.end();
    const call: CallSubtitles = { callSession, stream: null, lines: [], partial: '', fault: false };
    this.call = call;
    const started = engine.start(SUBTITLE_SAMPLE_RATE, (event) => this.onEvent(call, event));
    if (started.ok) {
      // An engine that failed at once (before `start` answered) stays stopped.
      if (call.fault) started.value.stop();
      else call.stream = started.value;
      this.ports.log.info('subtitles.started');
    } else {
      this.onEvent(call, { kind: 'failed', code: started.error.code });
    }
  }

  private onEvent(call: CallSubtitles, event: SpeechEvent): void {
    if (this.call !== call) return;
    switch (event.kind) {
      case 'partial':
        if (call.partial === clip(event.text)) return;
        call.partial = clip(event.text);
        break;
      case 'final':
        call.partial = '';
        if (event.text !== '') call.lines = [...call.lines, clip(event.text)].slice(-SUBTITLE_LINES_KEPT);
        break;
      case 'failed':
        call.fault = true;
        call.partial = '';
        call.stream = null;
        // The code only: the engine's words are the professional's.
        this.ports.log.error('subtitles.engineFailed', { code: event.code });
        break;
      default: {
        const unknown: never = event;
        throw new Error(`unknown speech event ${String(unknown)}`);
      }
    }
    this.ports.changed();
  }
}
