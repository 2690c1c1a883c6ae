import { describe, expect, it } from 'vitest';
import { settleMicrotasks } from '../test/support/manual-clock';
import { createMemoryLinkPair } from './memory-link';

const received = (link: { onData(l: (c: Uint8Array) => void): () => void }): Uint8Array[] => {
  const chunks: Uint8Array[] = [];
  link.onData((chunk) => chunks.push(chunk));
  return chunks;
};

describe('a memory link pair', () => {
  it('delivers what one end writes to the other, later and in chunks', async () => {
    const [device, simulator] = createMemoryLinkPair({ chunkSize: 2 });
    const chunks = received(simulator);
    const written = device.write(Uint8Array.of(1, 2, 3, 4, 5));
    expect(chunks).toEqual([]);
    await written;
    await settleMicrotasks();
    expect(chunks.map((c) => [...c])).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('ends both ends with unplugged when the cable is pulled, and refuses writes after', async () => {
    const pair = createMemoryLinkPair();
    const ends: string[] = [];
    pair[0].onEnd((end) => ends.push(`device:${end}`));
    pair[1].onEnd((end) => ends.push(`simulator:${end}`));
    pair.unplug();
    pair.unplug();
    expect(ends).toEqual(['device:unplugged', 'simulator:unplugged']);
    expect(await pair[0].write(Uint8Array.of(1))).toEqual({ ok: false, error: { code: 'link.closed' } });
  });

  it('loses bytes in flight when unplugged in the middle of a frame', async () => {
    const pair = createMemoryLinkPair({ chunkSize: 1 });
    const chunks = received(pair[0]);
    const written = pair[1].write(Uint8Array.of(1, 2, 3));
    pair.unplug();
    await written;
    await settleMicrotasks();
    expect(chunks).toEqual([]);
  });

  it('tells the other end its peer went away when one end is closed', async () => {
    const [device, simulator] = createMemoryLinkPair();
    const ends: string[] = [];
    device.onEnd((end) => ends.push(`device:${end}`));
    simulator.onEnd((end) => ends.push(`simulator:${end}`));
    await device.close();
    expect(ends).toEqual(['device:closed', 'simulator:unplugged']);
  });
});
