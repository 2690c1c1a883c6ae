import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../test/support/until';
import { LineProtocolSpeechToText, parseEngineLine } from './line-protocol-speech-to-text';
import type { SpeechEvent, SpeechStream } from './speech-to-text';
import { loudSpeech, standInEngine } from './test-support/stand-in-speech-engine';

describe('the engine line protocol', () => {
  it.each([
    ['{"partial": "bonjour"}', { kind: 'partial', text: 'bonjour' }],
    ['{"text": "bonjour madame "}', { kind: 'final', text: 'bonjour madame' }],
    ['{"text": ""}', { kind: 'final', text: '' }],
    ['{"result": [], "text": "oui"}', { kind: 'final', text: 'oui' }],
    ['not json', null],
    ['{"partial": 3}', null],
    ['[]', null],
    ['null', null],
    [`{"text": "${'a'.repeat(9_000)}"}`, null],
  ])('reads %s', (line, event) => {
    expect(parseEngineLine(line)).toEqual(event);
  });
});

describe('a speech engine run as a child process', () => {
  let stream: SpeechStream | null = null;
  afterEach(() => stream?.stop());

  function start(engine = new LineProtocolSpeechToText(standInEngine())): SpeechEvent[] {
    const events: SpeechEvent[] = [];
    const started = engine.start(16_000, (event) => events.push(event));
    if (!started.ok) throw new Error(started.error.code);
    stream = started.value;
    return events;
  }

  it('hears loud speech as a growing partial text, then the finished sentence', async () => {
    const events = start();
    for (let i = 0; i < 6; i += 1) stream?.push(loudSpeech(0.1));
    await until(() => events.some((event) => event.kind === 'final'), 5_000, 'the final text');
    const partials = events.filter((event) => event.kind === 'partial');
    expect(partials.length).toBeGreaterThan(0);
    expect(events.indexOf(partials[0]!)).toBeLessThan(events.findIndex((event) => event.kind === 'final'));
    expect(events.find((event) => event.kind === 'final')).toEqual({
      kind: 'final',
      text: 'Bonjour, je suis le docteur Martin.',
    });
  });

  it('hears nothing in silence', async () => {
    const events = start();
    stream?.push(Buffer.alloc(32_000));
    stream?.push(loudSpeech(0.1));
    await until(() => events.length > 0, 5_000, 'the partial text');
    expect(events).toEqual([{ kind: 'partial', text: 'Bonjour,' }]);
  });

  it('says the engine stopped when it dies mid-call, and takes audio without throwing after', async () => {
    const events = start(new LineProtocolSpeechToText(standInEngine({ crashAfterBytes: 4_000 })));
    stream?.push(loudSpeech(0.2));
    await until(() => events.some((event) => event.kind === 'failed'), 5_000, 'the fault');
    expect(events.at(-1)).toEqual({ kind: 'failed', code: 'speech.engineStopped' });
    expect(() => stream?.push(loudSpeech(0.1))).not.toThrow();
  });

  it('says the engine is missing when its command is not there', async () => {
    const events = start(
      new LineProtocolSpeechToText({ command: '/nonexistent/vosk-engine', args: [], model: '' }),
    );
    await until(() => events.length > 0, 5_000, 'the fault');
    expect(events).toEqual([{ kind: 'failed', code: 'speech.engineMissing' }]);
  });

  it('says nothing more once stopped', async () => {
    const events = start();
    stream?.push(loudSpeech(0.2));
    stream?.stop();
    stream = null;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events.filter((event) => event.kind === 'failed')).toEqual([]);
  });
});
