// The PC/SC seam: readers that come and go, cards inserted and removed, and a channel to talk to a card.
// Faults a cabin expects (a card pulled out, pcscd restarting, a reader unplugged) are Result values
// with stable codes; only bugs throw.
import type { CabinError, Result } from '../../contract';

/** The stable codes of every expected PC/SC fault. */
export type PcscErrorCode =
  'card.removed' | 'card.mute' | 'card.unreadable' | 'reader.absent' | 'pcsc.unavailable';

/** An expected PC/SC fault; `detail` carries the PC/SC status code for the technician log, never card data. */
export interface PcscError extends CabinError {
  readonly code: PcscErrorCode;
}

/** A reader as last seen: its name and the card in it (the ATR is empty for a mute card). */
export interface ReaderSnapshot {
  readonly name: string;
  readonly card: { readonly atr: Uint8Array } | null;
}

/** What the PC/SC stack looks like now: whether pcscd answers, and its readers in the order it lists them. */
export interface PcscSnapshot {
  readonly available: boolean;
  readonly readers: readonly ReaderSnapshot[];
}

/** A change of the PC/SC stack; a reader or card that vanishes with pcscd is reported removed first. */
export type PcscEvent =
  | { readonly type: 'service'; readonly available: boolean }
  | { readonly type: 'readerAdded'; readonly reader: string }
  | { readonly type: 'readerRemoved'; readonly reader: string }
  | { readonly type: 'cardInserted'; readonly reader: string; readonly atr: Uint8Array }
  | { readonly type: 'cardRemoved'; readonly reader: string };

/** What a channel has cost so far: raw exchanges with the card (after the T=0 rules) and their time. */
export interface ChannelUsage {
  /** Raw command/response exchanges, GET RESPONSE and 6Cxx resends included. */
  readonly exchanges: number;
  /** Time spent waiting for the reader and the card (inside pcscd, the driver and the card), in ms. */
  readonly exchangeMs: number;
}

/** An open connection to the card in one reader; APDUs follow the T=0 rules (61xx, 6Cxx) already. */
export interface CardChannel {
  readonly reader: string;
  readonly atr: Uint8Array;
  /** Counters since the channel opened, for the benchmark and the technician. */
  usage(): ChannelUsage;
  /** Sends one command APDU and answers the response with its status word; never throws for a card fault. */
  transmit(apdu: Uint8Array): Promise<Result<Uint8Array, PcscError>>;
  /** Releases the card (and the exclusive lock); safe to call twice, never throws. */
  disconnect(): Promise<void>;
}

/** The PC/SC stack of the cabin: a live view of readers and cards, and connections to cards. */
export interface PcscContext {
  /** The current view; cheap, no call to pcscd. */
  snapshot(): PcscSnapshot;
  /** Subscribes to changes; answers the unsubscribe function. */
  subscribe(listener: (event: PcscEvent) => void): () => void;
  /** Connects to the card in `reader`, exclusively when asked (no other process may talk to it meanwhile). */
  connect(reader: string, options: { readonly exclusive: boolean }): Promise<Result<CardChannel, PcscError>>;
  /** Stops watching and releases pcscd; safe to call twice. */
  close(): void;
}

/** Builds a PcscError. */
export function pcscError(code: PcscErrorCode, detail?: string): PcscError {
  return detail === undefined ? { code } : { code, detail };
}
