// The card side of vpcd (vsmartcard's virtual reader driver for pcscd): a TCP connection to the reader's
// port is a card in the reader, closing it pulls the card out. Each message has a 2-byte big-endian
// length; a 1-byte message is a control (0 power off, 1 power on, 2 reset, 4 send ATR), anything else
// is an APDU. A card program answers each message, or not (a mute card).
import { connect, type Socket } from 'node:net';
import { err, ok, type Result } from '../../contract';

/** The TCP port of vpcd's first reader ("Virtual PCD 00 00"). */
export const VPCD_PORT = 0x8c7b;

/** What a card answers to one vpcd message: the reply's bytes, or null for no reply. */
export type VpcdCardAnswer = (message: Uint8Array) => Uint8Array | null;

/** Where vpcd listens. */
export interface VpcdAddress {
  readonly host?: string;
  readonly port?: number;
}

/** One card's connection to vpcd: `insert` connects, `remove` closes; messages go to `answer`. */
export class VpcdCardLink {
  #socket: Socket | null = null;
  #received = Buffer.alloc(0);

  constructor(
    private readonly answer: VpcdCardAnswer,
    private readonly address: VpcdAddress = {},
  ) {}

  /** True while connected (the card is in the reader). */
  get inserted(): boolean {
    return this.#socket !== null;
  }

  /** Connects to vpcd; `card.readerAbsent` when nothing listens (pcscd not running). */
  insert(): Promise<Result<void>> {
    if (this.#socket !== null) return Promise.resolve(ok(undefined));
    return new Promise((resolve) => {
      const socket = connect({
        host: this.address.host ?? '127.0.0.1',
        port: this.address.port ?? VPCD_PORT,
      });
      socket.setNoDelay(true);
      socket.once('connect', () => {
        this.#socket = socket;
        this.#received = Buffer.alloc(0);
        resolve(ok(undefined));
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        if (this.#socket === null)
          resolve(err({ code: 'card.readerAbsent', detail: error.code ?? 'connect' }));
      });
      socket.on('data', (chunk: Buffer) => this.#onData(socket, chunk));
      socket.on('close', () => {
        if (this.#socket === socket) this.#socket = null;
      });
    });
  }

  /** Closes the connection (the card is pulled out); resolves once closed. Safe to call twice. */
  remove(): Promise<void> {
    const socket = this.#socket;
    this.#socket = null;
    if (socket === null || socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  #onData(socket: Socket, chunk: Buffer): void {
    this.#received = Buffer.concat([this.#received, chunk]);
    while (this.#received.length >= 2) {
      const length = this.#received.readUInt16BE(0);
      if (this.#received.length < 2 + length) return;
      const message = new Uint8Array(this.#received.subarray(2, 2 + length));
      this.#received = this.#received.subarray(2 + length);
      const reply = this.answer(message);
      if (socket.destroyed) return;
      if (reply !== null) {
        const frame = Buffer.alloc(2 + reply.length);
        frame.writeUInt16BE(reply.length, 0);
        frame.set(reply, 2);
        socket.write(frame);
      }
    }
  }
}
