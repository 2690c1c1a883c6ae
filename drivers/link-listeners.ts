// The bookkeeping every ByteLink end shares: its data and end listeners, and how it ended.
import type { LinkEnd } from './byte-link';

/** The listeners of one link end; a link delegates `onData`/`onEnd` here and reports chunks and its end. */
export class LinkListeners {
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly endListeners = new Set<(end: LinkEnd) => void>();
  private endedWith: LinkEnd | undefined;

  /** How the link ended, or undefined while it is open. */
  get ended(): LinkEnd | undefined {
    return this.endedWith;
  }

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

  /** Hands a chunk to every data listener; nothing once the link has ended. */
  emit(chunk: Uint8Array): void {
    if (this.endedWith !== undefined) return;
    for (const listener of [...this.dataListeners]) listener(chunk);
  }

  /**
   * Marks the link ended and drops its listeners. Answers the call that tells the end listeners (for
   * the link to make once it has released its resources), or undefined when the link had already ended.
   */
  end(end: LinkEnd): (() => void) | undefined {
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
