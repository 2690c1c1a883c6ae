// The real PcscContext on the npm `pcsclite` binding (1.0.1), with its quirks handled here once:
// - `pcsclite()` throws synchronously when pcscd is not running (SCardEstablishContext fails);
// - the context emits 'reader' for each new reader, and 'error' once when pcscd dies (the context is dead
//   then: we close it and create a new one with a backoff until pcscd answers again);
// - each reader emits 'status' with SCARD_STATE_* flags (the high 16 bits count card events), 'error',
//   and 'end' when the reader goes away (unplugged, or pcscd gone);
// - `reader.connected` is a plain flag that a failed disconnect (card already removed) leaves true, and a
//   connect on a reader flagged connected silently does nothing: we reset it ourselves;
// - a transmit holds a native mutex while the card thinks: a mute card blocks it until the card goes, so
//   we stop waiting after `transmitTimeoutMs` and call the card mute.
import { createRequire } from 'node:module';
import { after, err, listedBackoff, ok, Retry, type Clock, type Result } from '../../contract';
import {
  pcscError,
  type CardChannel,
  type ChannelUsage,
  type PcscContext,
  type PcscError,
  type PcscEvent,
  type PcscSnapshot,
} from './pcsc-context';
import { exchangeT0 } from './t0-exchange';

/** The part of a pcsclite CardReader this driver uses (see node_modules/pcsclite/index.d.ts). */
export interface NativeReader {
  readonly name: string;
  connected: boolean;
  readonly SCARD_SHARE_SHARED: number;
  readonly SCARD_SHARE_EXCLUSIVE: number;
  readonly SCARD_PROTOCOL_T0: number;
  readonly SCARD_PROTOCOL_T1: number;
  readonly SCARD_STATE_PRESENT: number;
  readonly SCARD_STATE_MUTE: number;
  readonly SCARD_LEAVE_CARD: number;
  on(type: 'status', listener: (status: { state: number; atr?: Buffer }) => void): unknown;
  on(type: 'end', listener: () => void): unknown;
  on(type: 'error', listener: (error: unknown) => void): unknown;
  connect(
    options: { share_mode: number; protocol: number },
    callback: (error: unknown, protocol: number) => void,
  ): void;
  disconnect(disposition: number, callback: (error: unknown) => void): void;
  transmit(
    data: Buffer,
    resLen: number,
    protocol: number,
    callback: (error: unknown, data: Buffer) => void,
  ): void;
  close(): void;
}

/** The part of a pcsclite context this driver uses. */
export interface NativePcsc {
  on(type: 'reader', listener: (reader: NativeReader) => void): unknown;
  on(type: 'error', listener: (error: unknown) => void): unknown;
  close(): void;
}

/** How the driver is built; every field has a default fit for the cabin. */
export interface PcscliteOptions {
  /** Creates a pcsclite context (throws when pcscd is down); defaults to the npm binding. */
  readonly create?: () => NativePcsc;
  /** Delays between attempts to reach pcscd again, in ms; the last one repeats. */
  readonly retryMs?: readonly number[];
  /** How long a card may think over one APDU before it is called mute, in ms. */
  readonly transmitTimeoutMs?: number;
  /** Receives fault codes for the operation log (codes only, never card data). */
  readonly onCode?: (code: string) => void;
}

const DEFAULT_RETRY_MS = [100, 250, 500, 1000, 2000];
// Largest response of one raw exchange: 256 data bytes + SW1 SW2 (short APDUs only).
const MAX_RESPONSE = 258;

interface ReaderEntry {
  readonly native: NativeReader;
  card: { readonly atr: Uint8Array; readonly counter: number } | null;
  channel: PcscliteChannel | null;
}

/** Loads the npm binding lazily, so that importing this module never needs pcscd or the native build. */
export function createNativePcsc(): NativePcsc {
  const require = createRequire(import.meta.url);
  const pcsclite = require('pcsclite') as () => NativePcsc;
  return pcsclite();
}

/**
 * The cabin's PC/SC stack through pcscd; recovers by itself when pcscd restarts or a reader comes back,
 * retrying and timing APDUs out on `clock`. `close()` it: a pending retry keeps the process alive.
 */
export class PcscliteContext implements PcscContext {
  private native: NativePcsc | null = null;
  private available = false;
  private closed = false;
  private readonly readers = new Map<string, ReaderEntry>();
  private readonly listeners = new Set<(event: PcscEvent) => void>();
  private readonly create: () => NativePcsc;
  /** The next attempt to reach pcscd again, after a wait that grows with each failure. */
  private readonly restart: Retry;
  private readonly transmitTimeoutMs: number;
  private readonly onCode: (code: string) => void;

  constructor(
    private readonly clock: Clock,
    options: PcscliteOptions = {},
  ) {
    this.create = options.create ?? createNativePcsc;
    this.restart = new Retry(clock, listedBackoff(options.retryMs ?? DEFAULT_RETRY_MS));
    this.transmitTimeoutMs = options.transmitTimeoutMs ?? 3000;
    this.onCode = options.onCode ?? (() => undefined);
    this.start();
  }

  snapshot(): PcscSnapshot {
    return {
      available: this.available,
      readers: [...this.readers.entries()].map(([name, entry]) => ({
        name,
        card: entry.card === null ? null : { atr: entry.card.atr },
      })),
    };
  }

  subscribe(listener: (event: PcscEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async connect(
    reader: string,
    options: { readonly exclusive: boolean },
  ): Promise<Result<CardChannel, PcscError>> {
    if (!this.available) return err(pcscError('pcsc.unavailable'));
    const entry = this.readers.get(reader);
    if (entry === undefined) return err(pcscError('reader.absent'));
    if (entry.card === null) return err(pcscError('card.removed', 'no-card'));
    if (entry.channel !== null) return err(pcscError('card.unreadable', 'reader-busy'));
    const native = entry.native;
    // See the header: a stale `connected` flag would turn this connect into a silent no-op.
    native.connected = false;
    const shareMode = options.exclusive ? native.SCARD_SHARE_EXCLUSIVE : native.SCARD_SHARE_SHARED;
    const connected = await new Promise<Result<number, PcscError>>((resolve) => {
      native.connect(
        { share_mode: shareMode, protocol: native.SCARD_PROTOCOL_T0 | native.SCARD_PROTOCOL_T1 },
        (error, protocol) => resolve(error ? err(toPcscError(error)) : ok(protocol)),
      );
    });
    if (!connected.ok) {
      this.onCode(`pcsc.connect.${connected.error.code}`);
      return connected;
    }
    const channel = new PcscliteChannel(
      reader,
      entry.card.atr,
      native,
      connected.value,
      this.transmitTimeoutMs,
      this.clock,
      () => {
        if (entry.channel === channel) entry.channel = null;
      },
    );
    entry.channel = channel;
    return ok(channel);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.restart.cancel();
    const native = this.native;
    this.native = null;
    for (const entry of this.readers.values()) safely(() => entry.native.close());
    this.readers.clear();
    if (native !== null) safely(() => native.close());
    this.listeners.clear();
  }

  private start(): void {
    if (this.closed) return;
    let native: NativePcsc;
    try {
      native = this.create();
    } catch {
      // pcscd is not running (yet): SCardEstablishContext failed. Try again later.
      this.scheduleRestart();
      return;
    }
    this.native = native;
    this.restart.succeeded();
    native.on('reader', (reader) => this.attach(native, reader));
    native.on('error', () => this.lose(native));
    this.setAvailable(true);
  }

  private scheduleRestart(): void {
    if (this.closed) return;
    this.restart.schedule(() => this.start());
  }

  // pcscd died (or its socket broke): everything it held is gone; start over once it answers again.
  private lose(native: NativePcsc): void {
    if (native !== this.native) return;
    this.native = null;
    this.onCode('pcsc.lost');
    for (const name of [...this.readers.keys()]) this.detach(name, true);
    this.setAvailable(false);
    // Closing joins the binding's watcher thread: do it outside the binding's own callback.
    setImmediate(() => safely(() => native.close()));
    this.scheduleRestart();
  }

  private attach(native: NativePcsc, reader: NativeReader): void {
    if (native !== this.native) return;
    const name = reader.name;
    const entry: ReaderEntry = { native: reader, card: null, channel: null };
    this.readers.set(name, entry);
    this.emit({ type: 'readerAdded', reader: name });
    reader.on('status', (status) => {
      if (this.readers.get(name) !== entry) return;
      this.onStatus(name, entry, status.state, status.atr);
    });
    reader.on('error', () => this.onCode('pcsc.reader.error'));
    reader.on('end', () => {
      if (this.readers.get(name) === entry) this.detach(name, false);
    });
  }

  private onStatus(name: string, entry: ReaderEntry, state: number, atr: Buffer | undefined): void {
    const reader = entry.native;
    const present = (state & reader.SCARD_STATE_PRESENT) !== 0;
    // pcscd counts card events in the high 16 bits: a new count with a card present is another card,
    // even when the removal and the insertion fell between two notifications.
    const counter = (state >>> 16) & 0xffff;
    if (entry.card !== null && (!present || entry.card.counter !== counter)) {
      entry.card = null;
      this.emit({ type: 'cardRemoved', reader: name });
    }
    if (present && entry.card === null) {
      const mute = (state & reader.SCARD_STATE_MUTE) !== 0;
      const cardAtr = mute || atr === undefined ? new Uint8Array(0) : Uint8Array.from(atr);
      entry.card = { atr: cardAtr, counter };
      this.emit({ type: 'cardInserted', reader: name, atr: cardAtr });
    }
  }

  private detach(name: string, closeNative: boolean): void {
    const entry = this.readers.get(name);
    if (entry === undefined) return;
    this.readers.delete(name);
    if (entry.card !== null) this.emit({ type: 'cardRemoved', reader: name });
    this.emit({ type: 'readerRemoved', reader: name });
    if (closeNative) setImmediate(() => safely(() => entry.native.close()));
  }

  private setAvailable(available: boolean): void {
    if (this.available === available) return;
    this.available = available;
    this.emit({ type: 'service', available });
  }

  private emit(event: PcscEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}

/** One connection to a card through pcsclite; T=0 rules applied, faults as Result values. */
class PcscliteChannel implements CardChannel {
  private state: 'open' | 'mute' | 'closed' = 'open';
  private exchanges = 0;
  private exchangeMs = 0;

  constructor(
    readonly reader: string,
    readonly atr: Uint8Array,
    private readonly native: NativeReader,
    private readonly protocol: number,
    private readonly timeoutMs: number,
    private readonly clock: Clock,
    private readonly released: () => void,
  ) {}

  usage(): ChannelUsage {
    return { exchanges: this.exchanges, exchangeMs: this.exchangeMs };
  }

  transmit(apdu: Uint8Array): Promise<Result<Uint8Array, PcscError>> {
    return exchangeT0((raw) => this.raw(raw), apdu);
  }

  async disconnect(): Promise<void> {
    if (this.state === 'closed') return;
    const wasMute = this.state === 'mute';
    this.state = 'closed';
    this.released();
    const native = this.native;
    // After a mute APDU the binding's mutex is held until the card goes: do not wait for it.
    const done = new Promise<void>((resolve) => {
      native.disconnect(native.SCARD_LEAVE_CARD, () => {
        native.connected = false;
        resolve();
      });
    });
    if (!wasMute) await withTimeout(this.clock, done, 1000);
  }

  private raw(apdu: Uint8Array): Promise<Result<Uint8Array, PcscError>> {
    if (this.state === 'closed') return Promise.resolve(err(pcscError('card.removed', 'channel-closed')));
    if (this.state === 'mute') return Promise.resolve(err(pcscError('card.mute')));
    this.exchanges += 1;
    const started = performance.now();
    return new Promise((resolve) => {
      const cancelTimer = after(this.clock, this.timeoutMs, () => {
        this.state = 'mute';
        resolve(err(pcscError('card.mute', 'apdu-timeout')));
      });
      this.native.transmit(Buffer.from(apdu), MAX_RESPONSE, this.protocol, (error, data) => {
        cancelTimer();
        this.exchangeMs += performance.now() - started;
        if (error) resolve(err(toPcscError(error)));
        // vpcd answers an empty response when the card's connection drops mid-APDU: the card is gone.
        else if (data.length === 0) resolve(err(pcscError('card.removed', 'empty-response')));
        else resolve(ok(Uint8Array.from(data)));
      });
    });
  }
}

// pcsc-lite status codes (pcsclite.h), as the binding writes them in its messages: "… (0x80100069)".
const CODE_BY_STATUS: Readonly<Record<string, PcscError['code']>> = {
  '80100069': 'card.removed', // SCARD_W_REMOVED_CARD
  '8010000c': 'card.removed', // SCARD_E_NO_SMARTCARD
  '80100068': 'card.removed', // SCARD_W_RESET_CARD: someone reset it under us; read again from scratch
  '80100066': 'card.mute', // SCARD_W_UNRESPONSIVE_CARD
  '80100016': 'card.mute', // SCARD_E_NOT_TRANSACTED: vpcd's answer when the card never replies
  '80100067': 'card.mute', // SCARD_W_UNPOWERED_CARD
  '80100009': 'reader.absent', // SCARD_E_UNKNOWN_READER
  '80100017': 'reader.absent', // SCARD_E_READER_UNAVAILABLE
  '8010002e': 'reader.absent', // SCARD_E_NO_READERS_AVAILABLE
  '80100013': 'pcsc.unavailable', // SCARD_F_COMM_ERROR: "RPC transport error", pcscd died
  '8010001d': 'pcsc.unavailable', // SCARD_E_NO_SERVICE
  '8010001e': 'pcsc.unavailable', // SCARD_E_SERVICE_STOPPED
  '8010000b': 'card.unreadable', // SCARD_E_SHARING_VIOLATION: another process holds it
};

/** Maps a pcsclite error to a stable code; the PC/SC status goes to `detail`. */
export function toPcscError(error: unknown): PcscError {
  const message = error instanceof Error ? error.message : String(error);
  const status = /0x([0-9a-f]{8})/i.exec(message)?.[1]?.toLowerCase();
  if (status === undefined) return pcscError('card.unreadable', 'pcsc-error');
  return pcscError(CODE_BY_STATUS[status] ?? 'card.unreadable', `0x${status}`);
}

function safely(action: () => void): void {
  try {
    action();
  } catch {
    // Closing something pcscd already dropped may throw in the binding; there is nothing left to release.
  }
}

function withTimeout(clock: Clock, promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const cancelTimer = after(clock, ms, resolve);
    void promise.then(() => {
      cancelTimer();
      resolve();
    });
  });
}
