// A speech engine run as a child process that speaks a line protocol: raw PCM (mono, s16le, at the
// sample rate given in CABINE_SPEECH_SAMPLE_RATE) on its stdin, one JSON object a line on its stdout,
// `{"partial": "..."}` while a sentence is spoken and `{"text": "..."}` once it is finished. That is the
// shape of Vosk's own `PartialResult()` and `Result()`; main/speech/README.md shows the few lines of
// Python that make Vosk (or whisper.cpp) speak it. No native add-on in the cabin's package.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { err, ok, type Result } from '../../contract';
import type { SpeechEvent, SpeechStream, SpeechToText } from './speech-to-text';

/** How to run the engine: the executable, its arguments, and the model folder it is told about. */
export interface SpeechEngineCommand {
  readonly command: string;
  readonly args: readonly string[];
  /** The model's folder, given to the engine as CABINE_SPEECH_MODEL (empty: the engine's own default). */
  readonly model: string;
}

/** The longest line the engine may write; a longer one is a broken engine, and is skipped. */
const MAX_LINE_LENGTH = 8_192;

/** The most audio waiting for a slow engine, in bytes (10 s at 16 kHz): older audio is dropped. */
const MAX_PENDING_BYTES = 320_000;

/** Reads one line of the engine's output; anything but the two known shapes is ignored. */
export function parseEngineLine(line: string): SpeechEvent | null {
  if (line.length > MAX_LINE_LENGTH) return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as { readonly text?: unknown; readonly partial?: unknown };
  if (typeof record.text === 'string') return { kind: 'final', text: record.text.trim() };
  if (typeof record.partial === 'string') return { kind: 'partial', text: record.partial.trim() };
  return null;
}

/** The engine as a child process per call, speaking the line protocol. */
export class LineProtocolSpeechToText implements SpeechToText {
  constructor(private readonly engine: SpeechEngineCommand) {}

  start(sampleRate: number, listener: (event: SpeechEvent) => void): Result<SpeechStream> {
    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawn(this.engine.command, [...this.engine.args], {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          CABINE_SPEECH_MODEL: this.engine.model,
          CABINE_SPEECH_SAMPLE_RATE: String(sampleRate),
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
    } catch {
      return err({ code: 'speech.engineMissing' });
    }
    let open = true;
    const fail = (code: string): void => {
      if (!open) return;
      open = false;
      listener({ kind: 'failed', code });
    };
    // The engine's own messages may quote what it heard: read and dropped, never logged.
    child.stderr.resume();
    // A write to an engine that has gone fails here; its exit says the rest.
    child.stdin.on('error', () => undefined);
    child.on('error', (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'ENOENT' || error.code === 'EACCES' ? 'speech.engineMissing' : 'speech.engineStopped',
      ),
    );
    child.on('exit', () => fail('speech.engineStopped'));
    const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
    lines.on('line', (line) => {
      if (!open) return;
      const event = parseEngineLine(line);
      if (event !== null) listener(event);
    });
    return ok({
      push: (pcm) => {
        if (!open || !child.stdin.writable) return;
        // An engine slower than speech: the oldest audio is lost, the cabin's memory is not.
        if (child.stdin.writableLength > MAX_PENDING_BYTES) return;
        child.stdin.write(pcm);
      },
      stop: () => {
        open = false;
        lines.close();
        child.stdin.end();
        child.kill('SIGTERM');
      },
    });
  }
}
