// What kind of card is in the reader, from its Answer To Reset alone (ATRs listed in DEVICES.md,
// "Carte Vitale (PC/SC)"). No ATR at all means the reader could not power the card: upside down, dirty
// contacts, or not a chip card.
/** The kind of card an ATR announces. */
export type CardClass = 'vitale2' | 'cps' | 'unknown' | 'mute';

// Vitale 2: 3B 75 13 00 00 xx 09 EA 90 00 with xx = 43, 44 or 45 (card generations).
const VITALE2_PREFIX = [0x3b, 0x75, 0x13, 0x00, 0x00];
const VITALE2_VARIANTS = [0x43, 0x44, 0x45];
const VITALE2_SUFFIX = [0x09, 0xea, 0x90, 0x00];
// CPS3 (IAS-ECC), the health professional's card: a cabin has no use for it, the patient mixed them up.
const CPS3 = [
  0x3b, 0xac, 0x00, 0x40, 0x2a, 0x00, 0x12, 0x25, 0x00, 0x64, 0x80, 0x00, 0x03, 0x10, 0x00, 0x90, 0x00,
];

/** Classifies an ATR: a Vitale 2, a CPS, a card without an ATR (mute), or anything else. */
export function classifyAtr(atr: Uint8Array): CardClass {
  if (atr.length === 0) return 'mute';
  if (
    atr.length === 10 &&
    VITALE2_PREFIX.every((b, i) => atr[i] === b) &&
    VITALE2_VARIANTS.includes(atr[5] ?? -1) &&
    VITALE2_SUFFIX.every((b, i) => atr[6 + i] === b)
  ) {
    return 'vitale2';
  }
  if (atr.length === CPS3.length && CPS3.every((b, i) => atr[i] === b)) return 'cps';
  return 'unknown';
}

/** Writes bytes as upper-case hex without separators (`3B7513…`), for the technician. */
export function toHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join('');
}

/** Reads hex written with or without spaces; throws on odd or non-hex input (a bug in a constant). */
export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(clean)) throw new Error(`Not hex: ${clean}`);
  return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
}
