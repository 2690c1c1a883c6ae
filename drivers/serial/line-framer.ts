// Line framing for the ASCII protocols (NIBP module, MT-SICS, A&D, the BLE gateway), on serialport's
// own ReadlineParser so that a byte link of any kind is framed as a real port's stream would be.
import { ReadlineParser } from '@serialport/parser-readline';

/** Options of a line framer: the delimiter and the longest line kept before garbage is dropped. */
export interface LineFramerOptions {
  readonly delimiter: string;
  /** Bytes without a delimiter beyond which the partial line is garbage and is dropped (default 256). */
  readonly maxLineLength?: number;
}

/** Turns chunks into lines (delimiter removed, latin1 so that every byte survives); drops runaway garbage. */
export class LineFramer {
  private parser: ReadlineParser;
  private pending = 0;
  private readonly maxLineLength: number;

  constructor(
    private readonly options: LineFramerOptions,
    private readonly onLine: (line: string) => void,
  ) {
    this.maxLineLength = options.maxLineLength ?? 256;
    this.parser = this.createParser();
  }

  /** Feeds one chunk; complete lines reach the listener. */
  push(chunk: Uint8Array): void {
    const delimiter = this.options.delimiter.charCodeAt(this.options.delimiter.length - 1);
    const last = chunk.lastIndexOf(delimiter);
    this.pending = last === -1 ? this.pending + chunk.length : chunk.length - last - 1;
    this.parser.write(chunk);
    // A stream of bytes without any delimiter (noise on the line, wrong baud rate) would grow the
    // parser's buffer forever: start afresh, the next delimiter resynchronises.
    if (this.pending > this.maxLineLength) this.reset();
  }

  /** Drops any partial line, e.g. after an unplug or a cancelled command. */
  reset(): void {
    this.parser.removeAllListeners('data');
    this.parser.destroy();
    this.parser = this.createParser();
    this.pending = 0;
  }

  private createParser(): ReadlineParser {
    const parser = new ReadlineParser({ delimiter: this.options.delimiter, encoding: 'latin1' });
    parser.on('data', (line: string) => this.onLine(line));
    return parser;
  }
}
