// The bookkeeping every ByteLink end shares: its data and end listeners, and how it ended.
import type { Result } from '../contract';
import type { ByteLink, LinkEnd } from './byte-link';

/** A ByteLink's listeners and end state; a transport adds `write`, `close` and what ending releases. */
export abstract class LinkEndBase implements ByteLink {
  abstract readonly name: string;
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly endListeners = new Set<(end: LinkEnd) => void>();
  private endedWith: LinkEnd | undefined;

  abstract write(bytes: Uint8Array): Promise<Result<void>>;
  abstract close(): Promise<void>;

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  /** Subscribes to the end; a listener that comes after the end is told on a later turn. */
  onEnd(listener: (end: LinkEnd) => void): () => void {
    if (this.endedWith !== undefined) {
      const end = this.endedWith;
      queueMicrotask(() => listener(end));
      return () => undefined;
    }
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  /** How the link ended, or undefined while it is open. */
  protected get ended(): LinkEnd | undefined {
    return this.endedWith;
  }

  /** Hands a chunk to every data listener; nothing once the link has ended. */
  protected emit(chunk: Uint8Array): void {
    if (this.endedWith !== undefined) return;
    for (const listener of [...this.dataListeners]) listener(chunk);
  }

  /**
   * Marks the link ended and drops its listeners. Answers the call that tells the end listeners (to
   * make once the link has released what it holds), or undefined when the link had already ended.
   */
  protected markEnded(end: LinkEnd): (() => void) | undefined {
    if (this.endedWith !== undefined) return undefined;
    this.endedWith = end;
    const listeners = [...this.endListeners];
    this.endListeners.clear();
    this.dataListeners.clear();
    return () => {
      for (const listener of listeners) listener(end);
    };
  }
}
