import { describe, expect, it } from 'vitest';
import { SUBTITLE_LINE_MAX_LENGTH } from '../../contract';
import { MemoryOperationLog } from '../test-support/memory-operation-log';
import { LiveSubtitles } from './live-subtitles';
import { FakeSpeechToText } from './test-support/fake-speech-to-text';

const FRAME = Buffer.from([1, 0, 2, 0]).toString('base64');

function subtitlesOn(engine: FakeSpeechToText | null = new FakeSpeechToText()) {
  const log = new MemoryOperationLog();
  let changes = 0;
  const subtitles = new LiveSubtitles({ engine, log, changed: () => (changes += 1) });
  return { subtitles, engine, log, changes: () => changes };
}

describe('the subtitles of the running call', () => {
  it('are not offered without an engine, and take no audio', () => {
    const { subtitles } = subtitlesOn(null);
    expect(subtitles.offered()).toBe(false);
    expect(subtitles.hear('call-1', FRAME)).toEqual({ ok: false, error: { code: 'subtitles.notNow' } });
    expect(subtitles.view()).toBeNull();
  });

  it("start the engine at 16 kHz with the call's first frame and hand it the decoded audio", () => {
    const { subtitles, engine } = subtitlesOn();
    expect(subtitles.hear('call-1', FRAME)).toEqual({ ok: true, value: undefined });
    subtitles.hear('call-1', FRAME);
    expect(engine?.runs).toHaveLength(1);
    expect(engine?.last().sampleRate).toBe(16_000);
    expect(engine?.last().pushed.map((pcm) => [...pcm])).toEqual([
      [1, 0, 2, 0],
      [1, 0, 2, 0],
    ]);
  });

  it('keep the last three finished lines and the words being spoken', () => {
    const { subtitles, engine, changes } = subtitlesOn();
    subtitles.hear('call-1', FRAME);
    const run = engine!.last();
    for (const text of ['Un.', 'Deux.', 'Trois.', 'Quatre.']) run.say({ kind: 'final', text });
    run.say({ kind: 'partial', text: 'Cinq' });
    expect(subtitles.view()).toEqual({
      lines: ['Deux.', 'Trois.', 'Quatre.'],
      partial: 'Cinq',
      fault: false,
    });
    const before = changes();
    // The same partial again changes nothing on the screen.
    run.say({ kind: 'partial', text: 'Cinq' });
    expect(changes()).toBe(before);
    // An empty sentence (a cough) adds no line but ends the partial.
    run.say({ kind: 'final', text: '' });
    expect(subtitles.view()).toEqual({ lines: ['Deux.', 'Trois.', 'Quatre.'], partial: '', fault: false });
  });

  it('cut a line too long for the screen', () => {
    const { subtitles, engine } = subtitlesOn();
    subtitles.hear('call-1', FRAME);
    engine!.last().say({ kind: 'final', text: 'a'.repeat(1_000) });
    expect(subtitles.view()?.lines[0]).toHaveLength(SUBTITLE_LINE_MAX_LENGTH);
  });

  it('say the fault when the engine stops, drop the rest of the call, and log only the code', () => {
    const { subtitles, engine, log } = subtitlesOn();
    subtitles.hear('call-1', FRAME);
    engine!.last().say({ kind: 'partial', text: 'Respirez' });
    engine!.last().say({ kind: 'failed', code: 'speech.engineStopped' });
    expect(subtitles.view()).toEqual({ lines: [], partial: '', fault: true });
    expect(subtitles.hear('call-1', FRAME)).toEqual({ ok: true, value: undefined });
    expect(engine?.runs).toHaveLength(1);
    expect(JSON.stringify(log.records())).not.toContain('Respirez');
    expect(log.records()).toContainEqual(
      expect.objectContaining({ event: 'subtitles.engineFailed', code: 'speech.engineStopped' }),
    );
  });

  it('say the fault when the engine cannot start', () => {
    const engine = new FakeSpeechToText();
    engine.missing = true;
    const { subtitles } = subtitlesOn(engine);
    expect(subtitles.hear('call-1', FRAME).ok).toBe(true);
    expect(subtitles.view()).toEqual({ lines: [], partial: '', fault: true });
  });

  it('forget the text and stop the engine at the end of the call; a new call starts afresh', () => {
    const { subtitles, engine } = subtitlesOn();
    subtitles.hear('call-1', FRAME);
    engine!.last().say({ kind: 'final', text: 'Au revoir.' });
    subtitles.end();
    expect(subtitles.view()).toBeNull();
    expect(engine?.runs[0]?.stopped).toBe(true);
    subtitles.hear('call-2', FRAME);
    expect(engine?.runs).toHaveLength(2);
    expect(subtitles.view()).toEqual({ lines: [], partial: '', fault: false });
    // What the first call's engine says late reaches nobody.
    engine!.runs[0]!.say({ kind: 'final', text: 'Trop tard.' });
    expect(subtitles.view()?.lines).toEqual([]);
  });
});
