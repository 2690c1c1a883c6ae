import { describe, expect, it } from 'vitest';
import { FrameSplitter } from './frame-splitter';
import { LineFramer } from './line-framer';

const bytes = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the line framer', () => {
  it('joins lines split across chunks and keeps every byte value', async () => {
    const lines: string[] = [];
    const framer = new LineFramer({ delimiter: '\r\n' }, (line) => lines.push(line));
    framer.push(bytes('S S     1'));
    framer.push(bytes('2.345 kg\r\nES\r'));
    framer.push(bytes('\n\x02\xff\r\n'));
    await settle();
    expect(lines).toEqual(['S S     12.345 kg', 'ES', '\x02\xff']);
  });

  it('drops a runaway line of garbage and resynchronises on the next delimiter', async () => {
    const lines: string[] = [];
    const framer = new LineFramer({ delimiter: '\n', maxLineLength: 16 }, (line) => lines.push(line));
    framer.push(bytes('x'.repeat(40)));
    framer.push(bytes('tail\nOK\n'));
    await settle();
    expect(lines).toEqual(['tail', 'OK']);
  });
});

describe('the frame splitter', () => {
  const accepts = (f: Uint8Array) => f[0] === 0x01 && ((f[0] + f[1]! + f[2]!) & 0xff) === f[3];
  it('resynchronises after garbage, a truncated frame and a bad checksum', () => {
    const frames: number[][] = [];
    const splitter = new FrameSplitter({ frameLength: 4, accepts }, (f) => frames.push([...f]));
    splitter.push(Uint8Array.of(0x55, 0x01, 0x02));
    splitter.push(Uint8Array.of(0x03, 0x06, 0x01, 0x09, 0x01, 0x02, 0x01, 0x01, 0x01, 0x03));
    splitter.push(Uint8Array.of(0x01, 0x02, 0x02, 0x05));
    expect(frames).toEqual([
      [0x01, 0x02, 0x03, 0x06],
      [0x01, 0x01, 0x01, 0x03],
      [0x01, 0x02, 0x02, 0x05],
    ]);
    expect(splitter.dropped).toBe(5);
  });
});
