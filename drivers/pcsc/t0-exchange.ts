// The T=0 transport rules of ISO/IEC 7816-3 §10.3 / 7816-4 §5.3.4, applied above a raw exchange so that
// callers send ordinary APDUs: 61xx means "xx more bytes wait, fetch them with GET RESPONSE", 6Cxx
// means "wrong Le, send the same command again with Le = xx". pcscd passes T=0 APDUs through untouched
// (the vpcd driver and most CCID readers in APDU mode do not apply these rules for us).
import { err, ok, type Result } from '../../contract';
import { pcscError, type PcscError } from './pcsc-context';

/** One raw command/response exchange with the card, as the reader delivers it. */
export type RawExchange = (apdu: Uint8Array) => Promise<Result<Uint8Array, PcscError>>;

// A card that keeps answering 61xx would loop forever; 64 GET RESPONSE of 256 bytes is far more than any
// Vitale file (they are read in 256-byte blocks anyway).
const MAX_GET_RESPONSE = 64;

/** Sends `apdu` with the T=0 rules; answers data + SW1 SW2, or `card.unreadable` when the card breaks them. */
export async function exchangeT0(raw: RawExchange, apdu: Uint8Array): Promise<Result<Uint8Array, PcscError>> {
  if (apdu.length < 4) throw new Error('An APDU has at least 4 bytes (CLA INS P1 P2)');
  const first = await exchangeWithLe(raw, apdu);
  if (!first.ok) return first;
  const chunks: Uint8Array[] = [];
  let response = first.value;
  for (let round = 0; ; round += 1) {
    const sw1 = response[response.length - 2];
    const sw2 = response[response.length - 1] ?? 0;
    if (sw1 !== 0x61) break;
    if (round >= MAX_GET_RESPONSE) return err(pcscError('card.unreadable', 'endless-61xx'));
    chunks.push(response.subarray(0, response.length - 2));
    // GET RESPONSE (ISO 7816-4 §7.6.1) keeps the class byte of the command it completes; xx = 00 means 256.
    const getResponse = Uint8Array.of(apdu[0] ?? 0, 0xc0, 0x00, 0x00, sw2);
    const next = await exchangeWithLe(raw, getResponse);
    if (!next.ok) return next;
    const expected = sw2 === 0 ? 256 : sw2;
    const nextSw1 = next.value[next.value.length - 2];
    // The card announced `expected` bytes: more is a broken card; fewer only with a final 61xx/9000 chain.
    if (next.value.length - 2 > expected) return err(pcscError('card.unreadable', 'long-get-response'));
    if (nextSw1 === 0x90 && next.value.length - 2 !== expected) {
      return err(pcscError('card.unreadable', 'short-get-response'));
    }
    response = next.value;
  }
  chunks.push(response);
  return ok(concat(chunks));
}

// One exchange, with the 6Cxx rule: resend once with the Le the card asked for, and hold it to that Le.
async function exchangeWithLe(raw: RawExchange, apdu: Uint8Array): Promise<Result<Uint8Array, PcscError>> {
  const first = await exchangeChecked(raw, apdu);
  if (!first.ok) return first;
  const sw1 = first.value[first.value.length - 2];
  const sw2 = first.value[first.value.length - 1] ?? 0;
  // 6Cxx only makes sense for a command with Le (case 2 under T=0: exactly 5 bytes, no data).
  if (sw1 !== 0x6c || apdu.length !== 5) return first;
  const again = Uint8Array.from(apdu);
  again[4] = sw2;
  const second = await exchangeChecked(raw, again);
  if (!second.ok) return second;
  const second1 = second.value[second.value.length - 2];
  if (second1 === 0x6c) return err(pcscError('card.unreadable', 'repeated-6cxx'));
  const wanted = sw2 === 0 ? 256 : sw2;
  if (second1 === 0x90 && second.value.length - 2 !== wanted) {
    return err(pcscError('card.unreadable', 'wrong-length-after-6cxx'));
  }
  return second;
}

async function exchangeChecked(raw: RawExchange, apdu: Uint8Array): Promise<Result<Uint8Array, PcscError>> {
  const response = await raw(apdu);
  // Every response ends with SW1 SW2; less is a card (or a reader) that is not speaking ISO 7816.
  if (response.ok && response.value.length < 2) return err(pcscError('card.unreadable', 'no-status-word'));
  return response;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const total = chunks.reduce((sum, c) => sum + c.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
