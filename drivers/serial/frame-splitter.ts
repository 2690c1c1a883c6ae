// Framing for fixed-length binary protocols (Nonin Data Format #2: 5-byte frames with a start byte and a
// checksum): slide byte by byte until a candidate passes the model's test, which is how a receiver
// resynchronises after garbage, a truncated frame or a bad checksum.

/** Options of a frame splitter: the frame length and the model's test of a candidate frame. */
export interface FrameSplitterOptions {
  readonly frameLength: number;
  /** True when the bytes are a valid frame (start byte, checksum, fixed bits). */
  readonly accepts: (candidate: Uint8Array) => boolean;
}

/** Splits chunks into fixed-length frames, dropping bytes one at a time until a frame is accepted. */
export class FrameSplitter {
  private buffer = new Uint8Array(0);
  private droppedBytes = 0;

  constructor(
    private readonly options: FrameSplitterOptions,
    private readonly onFrame: (frame: Uint8Array) => void,
  ) {}

  /** Bytes dropped while resynchronising since the splitter was made; for the technician. */
  get dropped(): number {
    return this.droppedBytes;
  }

  /** Feeds one chunk; every accepted frame reaches the listener, in order. */
  push(chunk: Uint8Array): void {
    const { frameLength, accepts } = this.options;
    const data = this.buffer.length === 0 ? chunk : concat(this.buffer, chunk);
    let offset = 0;
    while (data.length - offset >= frameLength) {
      const candidate = data.subarray(offset, offset + frameLength);
      if (accepts(candidate)) {
        this.onFrame(candidate.slice());
        offset += frameLength;
      } else {
        offset += 1;
        this.droppedBytes += 1;
      }
    }
    this.buffer = data.slice(offset);
  }

  /** Drops a partial frame, e.g. after an unplug. */
  reset(): void {
    this.buffer = new Uint8Array(0);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
