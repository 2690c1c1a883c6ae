// The search for pictures and sounds on the cabin finds each format, raw or in a data URL, and only in
// files written since the session began, and not the application's own pictures in a browser cache.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lowTonesSamples, wavFile } from './low-tones-wav';
import { mediaWrittenUnder } from './media-traces';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR and then some pixels of an otoscope still, enough bytes to compare'),
]);

describe('media traces under a cabin folder', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'cabine-traces-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const write = (name: string, bytes: Buffer | string): string => {
    const path = join(root, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, bytes);
    return path;
  };

  it('finds a still, a recorded sound and a data URL hidden inside other bytes', () => {
    write('data/a.bin', Buffer.concat([Buffer.from('header'), PNG]));
    write('profile/Default/IndexedDB/b.log', '{"still":"data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ"}');
    write('data/c.tmp', wavFile(lowTonesSamples().subarray(0, 4800)));
    write('data/clean.json', '{"session":"ended"}');
    expect(mediaWrittenUnder([root], 0).sort()).toEqual([
      'data/a.bin: PNG',
      'data/c.tmp: WAV',
      'profile/Default/IndexedDB/b.log: base64 JPEG',
      'profile/Default/IndexedDB/b.log: data URL',
    ]);
  });

  it('leaves out files written before the session and the application’s own pictures', () => {
    const old = write('data/old.png', PNG);
    utimesSync(old, new Date(1_000), new Date(1_000));
    write('assets/guide.png', PNG);
    write('profile/Cache/f_000001', Buffer.concat([Buffer.from('cache entry '), PNG]));
    expect(
      mediaWrittenUnder([join(root, 'data'), join(root, 'profile')], 2_000_000, [join(root, 'assets')]),
    ).toEqual([]);
  });
});
