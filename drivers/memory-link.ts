// Two in-process ends of a byte link: what one end writes the other receives, on a later turn and in
// chunks, as a serial port delivers them. `npm start` runs each byte-level simulator against its device
// over such a pair; the tests use it to unplug a device in the middle of a frame.
import { err, ok, type Result } from '../contract';
import type { ByteLink, LinkEnd } from './byte-link';
import { LinkEndBase } from './link-end-base';

/** Options of a memory link pair: the largest chunk delivered at once (default: whole writes). */
export interface MemoryLinkOptions {
  readonly chunkSize?: number;
  readonly names?: readonly [string, string];
}

/** Two connected ends (device side first by convention) and the plug that ends both. */
export type MemoryLinkPair = readonly [ByteLink, ByteLink] & {
  /** Ends both ends with 'unplugged', as pulling the cable does; bytes in flight are lost. */
  unplug(): void;
};

class MemoryLinkEnd extends LinkEndBase {
  peer: MemoryLinkEnd | undefined;

  constructor(
    readonly name: string,
    private readonly chunkSize: number,
  ) {
    super();
  }

  write(bytes: Uint8Array): Promise<Result<void>> {
    const peer = this.peer;
    if (this.ended !== undefined || peer === undefined) return Promise.resolve(err({ code: 'link.closed' }));
    const copy = Uint8Array.from(bytes);
    for (let start = 0; start < copy.length; start += this.chunkSize) {
      const chunk = copy.subarray(start, start + this.chunkSize);
      // Asynchronous like a real port: a listener never runs inside the writer's call. A microtask, not a
      // timer: delivery takes no time, so a test's manual clock drives the whole exchange.
      queueMicrotask(() => peer.emit(chunk));
    }
    return Promise.resolve(ok(undefined));
  }

  close(): Promise<void> {
    this.end('closed');
    // The other end sees its peer vanish, as a device sees its host close the port.
    this.peer?.end('unplugged');
    return Promise.resolve();
  }

  end(reason: LinkEnd): void {
    this.markEnded(reason)?.();
  }
}

/** Creates two connected in-memory link ends; `unplug()` ends both with 'unplugged'. */
export function createMemoryLinkPair(options: MemoryLinkOptions = {}): MemoryLinkPair {
  const chunkSize = Math.max(1, options.chunkSize ?? Number.MAX_SAFE_INTEGER);
  const [nameA, nameB] = options.names ?? ['memory:device', 'memory:simulator'];
  const a = new MemoryLinkEnd(nameA, chunkSize);
  const b = new MemoryLinkEnd(nameB, chunkSize);
  a.peer = b;
  b.peer = a;
  const pair: [ByteLink, ByteLink] = [a, b];
  return Object.assign(pair, {
    unplug: () => {
      a.end('unplugged');
      b.end('unplugged');
    },
  });
}
