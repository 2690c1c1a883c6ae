import { describe, expect, it } from 'vitest';
import { SUBTITLE_FRAME_MAX_BYTES } from './subtitles';
import { parseCall } from './validate';

const base64Of = (bytes: number): string => Buffer.alloc(bytes, 7).toString('base64');

describe('the subtitles audio a renderer sends', () => {
  it.each([
    ['200 ms of audio', { pcm: base64Of(6_400) }],
    ['the largest frame', { pcm: base64Of(SUBTITLE_FRAME_MAX_BYTES) }],
    ['one sample', { pcm: base64Of(2) }],
  ])('takes %s', (_, params) => {
    expect(parseCall('subtitleAudio', params)).toEqual({
      ok: true,
      value: { method: 'subtitleAudio', params },
    });
  });

  it.each([
    ['nothing', undefined],
    ['a number', 42],
    ['a list', [base64Of(100)]],
    ['raw bytes', { pcm: [1, 2, 3, 4] }],
    ['no audio', { pcm: '' }],
    ['text that is not base64', { pcm: 'bonjour!' }],
    ['base64 cut short', { pcm: base64Of(100).slice(0, -1) }],
    ['padding in the middle', { pcm: 'AA==AAAA' }],
    ['half a sample', { pcm: base64Of(3) }],
    ['more than 250 ms', { pcm: base64Of(SUBTITLE_FRAME_MAX_BYTES + 2) }],
    ['a megabyte', { pcm: base64Of(1_000_000) }],
    ['an extra field', { pcm: base64Of(100), sampleRate: 48_000 }],
  ])('refuses %s', (_, params) => {
    const parsed = parseCall('subtitleAudio', params);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.code).toBe('api.invalidInput');
      expect(parsed.error.detail ?? '').not.toContain('AAAA');
    }
  });
});

describe('the subtitles choice at the start of a session', () => {
  const start = (accessibility: unknown) => parseCall('startSession', { locale: 'fr', accessibility });

  it('is optional beside large text and read aloud', () => {
    expect(start({ largeText: false, readAloud: true }).ok).toBe(true);
    expect(start({ largeText: false, readAloud: false, subtitles: true }).ok).toBe(true);
  });

  it('is a yes or a no', () => {
    expect(start({ largeText: false, readAloud: false, subtitles: 'yes' }).ok).toBe(false);
  });
});
