// The node-hid link on a double of node-hid's HID object (no HID device can exist on this kernel).
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { openHidLink, type HidHandle } from './hid-link';

class FakeHid extends EventEmitter implements HidHandle {
  readonly writes: number[][] = [];
  closed = false;
  failWrites = false;
  write(values: number[] | Buffer): number {
    if (this.failWrites) throw new Error('Cannot write to hid device');
    this.writes.push([...values]);
    return values.length;
  }
  close(): void {
    this.closed = true;
  }
}

/** Opens a link on `hid`, recording how it ends. */
function openFake(hid: FakeHid) {
  const link = openHidLink('/dev/hidraw3', () => hid);
  if (!link.ok) throw new Error('open failed');
  const ends: string[] = [];
  link.value.onEnd((end) => ends.push(end));
  return { link: link.value, ends };
}

describe('a HID link on node-hid', () => {
  it('writes 65 bytes: report id 0, the payload, zero padding', async () => {
    const hid = new FakeHid();
    const { link } = openFake(hid);
    expect(await link.write(Uint8Array.from([0x9b, 0x01, 0x1c]))).toEqual({
      ok: true,
      value: undefined,
    });
    expect(hid.writes[0]?.length).toBe(65);
    expect(hid.writes[0]?.slice(0, 5)).toEqual([0x00, 0x9b, 0x01, 0x1c, 0x00]);
  });

  it('hands each input report over as one chunk', () => {
    const hid = new FakeHid();
    const { link } = openFake(hid);
    const chunks: number[][] = [];
    link.onData((chunk) => chunks.push([...chunk.subarray(0, 5)]));
    hid.emit('data', Buffer.from([0xeb, 0x01, 0x05, 0x47, 0x61]));
    expect(chunks).toEqual([[0xeb, 0x01, 0x05, 0x47, 0x61]]);
  });

  it('a read error is the device being pulled out: the link ends "unplugged" and refuses writes', async () => {
    const hid = new FakeHid();
    const { link, ends } = openFake(hid);
    hid.emit('error', new Error('could not read from HID device'));
    expect(ends).toEqual(['unplugged']);
    expect(hid.closed).toBe(true);
    expect(await link.write(Uint8Array.from([0x9a, 0x1a]))).toMatchObject({
      ok: false,
      error: { code: 'link.closed' },
    });
  });

  it('a failed write also ends the link', async () => {
    const hid = new FakeHid();
    hid.failWrites = true;
    const { link, ends } = openFake(hid);
    expect(await link.write(Uint8Array.from([0x9a]))).toMatchObject({
      ok: false,
      error: { code: 'link.writeFailed' },
    });
    expect(ends).toEqual(['unplugged']);
  });

  it('a device that cannot be opened is a Result, not an exception', () => {
    const link = openHidLink('/dev/hidraw9', () => {
      throw new Error('cannot open device with path /dev/hidraw9');
    });
    expect(link).toMatchObject({ ok: false, error: { code: 'link.openFailed' } });
  });

  it('closing twice is harmless and ends the link "closed"', async () => {
    const hid = new FakeHid();
    const { link, ends } = openFake(hid);
    await link.close();
    await link.close();
    expect(ends).toEqual(['closed']);
  });
});
