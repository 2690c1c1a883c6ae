// Caisse-AP over IP (the successor of the Concert protocol; the specification belongs to the Association
// du paiement and is not public). Written from public facts only:
// - akretion/caisse-ap-ip (GPL), `caisse_ap_ip_client.py` and `caisse_ap_ip_server.py`: ASCII over a raw
//   TCP socket, the terminal listening on 8888; a message is a run of fields, each a 2-character tag, its
//   length in 3 decimal digits and its value (1 to 999 characters), `CZ` (protocol version `0300`) first,
//   the others in any order; request `CJ` (12-digit Concert identifier), `CA` (2-digit register number),
//   `CB` (amount in cents, at least 2 digits, at most 12), `CD` (0 debit, 1 refund), `CE` (ISO 4217
//   number, 978 for the euro), `BA` (0 answer at the end of the transaction, 1 at once); the answer
//   echoes the request and adds `AE` (10 done, 01 not done, 11 request taken), `AF` (the failure reason)
//   or, when done, `CC` (the card application, 3 characters), `CI` (read mode), `AC` (authorisation
//   number), `AA` (the card number, masked), `AB` (expiry), `AI` (the card's AID), `CF`, `CG`.
// - The Odoo point-of-sale module `l10n_fr_pos_caisse_ap_ip` (Akretion, AGPL): the labels of `AF` (00 to
//   13), of `CC` (`00` + one character: 1 CB, B CB contactless, 2 Amex, D Amex contactless…) and `CI`, and
//   that `CA`, `CD`, `CE` come back unchanged and `CB` with leading zeros.
// No code was copied from them. Pure: bytes in, values out; never throws on bytes from the wire.
import { err, ok, type Result } from '../../contract';

/** One field of a message: a 2-character tag and its value (ASCII, 1 to 999 characters). */
export interface CaisseApField {
  readonly tag: string;
  readonly value: string;
}

/** The protocol version the cabin speaks (Caisse-AP 3.x over IP, as the public sources send it). */
export const CAISSE_AP_VERSION = '0300';

/** The euro's ISO 4217 number, the currency `CE` the cabin asks. */
export const EURO_NUMERIC = '978';

/** The largest message the cabin accepts from a terminal, in bytes: a real answer is a few hundred. */
export const CAISSE_AP_MAX_MESSAGE = 4096;

/** The largest amount a request carries: 12 digits of cents. */
export const CAISSE_AP_MAX_AMOUNT_CENTS = 999_999_999_999;

/** `AE`, the action's result. */
export const ACTION_RESULT = { done: '10', notDone: '01', requestTaken: '11' } as const;

/** `AF`, the failure reason (labels of the Odoo module). */
export const FAILURE_REASON = {
  unknown: '00',
  authorised: '01',
  phoneCall: '02',
  forced: '03',
  refused: '04',
  forbidden: '05',
  abandoned: '06',
  notCompleted: '07',
  inputTimeout: '08',
  formatError: '09',
  selectionError: '10',
  operatorAbandon: '11',
  unknownAction: '12',
  currencyNotSupported: '13',
} as const;

/** The card application `CC` codes and the names the cabin gives them (the Odoo module's labels). */
const CARD_APPLICATIONS: Readonly<Record<string, string>> = {
  '001': 'CB',
  '00B': 'CB',
  '002': 'AMEX',
  '00D': 'AMEX',
  '003': 'CB Enseigne',
  '005': 'Cofinoga',
  '006': 'Diners',
  '007': 'CB-Pass',
  '008': 'Franfinance',
  '009': 'JCB',
  '00A': 'Banque Accord',
  '00I': 'CPEI',
  '00E': 'CMCIC-Pay',
  '00U': 'CUP',
};

/**
 * Tags that carry card data (`AA` the card number, masked or not; `AB` its expiry; `AI` its application
 * identifier): the cabin drops them from every answer it keeps, and never shows or logs them.
 */
export const CARD_DATA_TAGS: readonly string[] = ['AA', 'AB', 'AI'];

const TAG = /^[A-Z0-9]{2}$/;
const PRINTABLE = /^[\x20-\x7e]+$/;
/** A value that could be a card number: 12 to 19 digits, spaces or mask characters, with at least 4 digits. */
const PAN_LIKE = /^(?=(?:[^0-9]*[0-9]){4})[0-9#*Xx ]{12,19}$/;

/** True when a field's value looks like a card number, masked or not. */
export function isPanLike(value: string): boolean {
  return PAN_LIKE.test(value);
}

/** Encodes fields in their order; refuses a bad tag or value (`caisseAp.badField`) instead of sending it. */
export function encodeCaisseAp(fields: readonly CaisseApField[]): Result<Uint8Array> {
  let text = '';
  for (const { tag, value } of fields) {
    if (!TAG.test(tag) || value.length < 1 || value.length > 999 || !PRINTABLE.test(value))
      return err({ code: 'caisseAp.badField', detail: tag });
    text += `${tag}${String(value.length).padStart(3, '0')}${value}`;
  }
  return ok(Uint8Array.from(text, (char) => char.charCodeAt(0)));
}

/**
 * Decodes a whole message into its fields, unknown tags kept in order (so encoding them again gives the
 * same bytes). Refusals: `caisseAp.oversize`, `caisseAp.badTag`, `caisseAp.badLength` (not 3 digits, or
 * 0), `caisseAp.badValue` (not printable ASCII), `caisseAp.truncated` (ends inside a field: wait for more
 * bytes, or garbled if none come), `caisseAp.missingVersion` (empty, or `CZ` not first).
 */
export function decodeCaisseAp(bytes: Uint8Array): Result<CaisseApField[]> {
  if (bytes.length > CAISSE_AP_MAX_MESSAGE) return err({ code: 'caisseAp.oversize' });
  const fields: CaisseApField[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (bytes.length - at < 5) {
      const head = latin1(bytes.subarray(at));
      if (!TAG.test(head.slice(0, 2).padEnd(2, 'A'))) return err({ code: 'caisseAp.badTag' });
      if (!/^[0-9]*$/.test(head.slice(2))) return err({ code: 'caisseAp.badLength' });
      return err({ code: 'caisseAp.truncated' });
    }
    const tag = latin1(bytes.subarray(at, at + 2));
    if (!TAG.test(tag)) return err({ code: 'caisseAp.badTag' });
    const lengthText = latin1(bytes.subarray(at + 2, at + 5));
    if (!/^[0-9]{3}$/.test(lengthText) || lengthText === '000') return err({ code: 'caisseAp.badLength' });
    const length = Number(lengthText);
    const start = at + 5;
    const value = latin1(bytes.subarray(start, Math.min(start + length, bytes.length)));
    if (value.length > 0 && !PRINTABLE.test(value)) return err({ code: 'caisseAp.badValue', detail: tag });
    if (start + length > bytes.length) return err({ code: 'caisseAp.truncated' });
    fields.push({ tag, value });
    at = start + length;
  }
  if (fields[0]?.tag !== 'CZ') return err({ code: 'caisseAp.missingVersion' });
  return ok(fields);
}

/** What the cabin asks the terminal for one payment. */
export interface CaisseApPaymentRequest {
  /** `CJ`: the point of sale's Concert identifier, 12 digits. */
  readonly concertId: string;
  /** `CA`: the register number, 2 digits. */
  readonly registerId: string;
  /** `CB`: the amount in euro cents, 1 to 12 digits. */
  readonly amountCents: number;
  /** `CD`: a debit (a payment) or a refund. */
  readonly action: 'debit' | 'refund';
}

/** The request's fields in the order the public clients send them (`CZ` first), answer at the end. */
export function paymentRequestFields(request: CaisseApPaymentRequest): CaisseApField[] {
  return [
    { tag: 'CZ', value: CAISSE_AP_VERSION },
    { tag: 'CJ', value: request.concertId },
    { tag: 'CA', value: request.registerId },
    { tag: 'CE', value: EURO_NUMERIC },
    { tag: 'BA', value: '0' },
    { tag: 'CD', value: request.action === 'debit' ? '0' : '1' },
    { tag: 'CB', value: String(request.amountCents).padStart(2, '0') },
  ];
}

/** Encodes a payment request; `caisseAp.badRequest` for an amount or identifier the protocol cannot carry. */
export function encodePaymentRequest(request: CaisseApPaymentRequest): Result<Uint8Array> {
  const { amountCents, concertId, registerId } = request;
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0 || amountCents > CAISSE_AP_MAX_AMOUNT_CENTS)
    return err({ code: 'caisseAp.badRequest', detail: 'amount' });
  if (!/^[0-9]{12}$/.test(concertId)) return err({ code: 'caisseAp.badRequest', detail: 'CJ' });
  if (!/^[0-9]{2}$/.test(registerId)) return err({ code: 'caisseAp.badRequest', detail: 'CA' });
  return encodeCaisseAp(paymentRequestFields(request));
}

/** A terminal's answer to a payment, read: no card data in it. */
export interface CaisseApAnswer {
  /** `CZ`, the terminal's protocol version. */
  readonly version: string;
  /** `AE`, as sent (see ACTION_RESULT). */
  readonly result: string;
  /** `AF`, the failure reason, null when absent. */
  readonly failureReason: string | null;
  /** `CC`'s name (`CB`, `AMEX`…), or the raw code when unknown; null when absent. */
  readonly cardType: string | null;
  /** `AC`, the authorisation number, null when absent. */
  readonly authorisation: string | null;
  /** `CB`, `CD`, `CE` as echoed (null when absent), to match against the request. */
  readonly echoedAmountCents: number | null;
  readonly echoedAction: string | null;
  readonly echoedCurrency: string | null;
  /** Every other field, in order, except card data (CARD_DATA_TAGS, and an unknown tag's value that looks like a card number). */
  readonly otherFields: readonly CaisseApField[];
}

const READ_TAGS = new Set(['CZ', 'AE', 'AF', 'CC', 'AC', 'CB', 'CD', 'CE']);
/** Tags the public sources name that carry no card data (an echoed `CJ` has 12 digits, as a card number may). */
const NON_CARD_TAGS = new Set(['CJ', 'CA', 'BA', 'BF', 'CI', 'CF', 'CG']);

/** Reads a whole answer; refuses as `decodeCaisseAp` does, and `caisseAp.missingResult` without `AE`. */
export function decodePaymentAnswer(bytes: Uint8Array): Result<CaisseApAnswer> {
  const decoded = decodeCaisseAp(bytes);
  if (!decoded.ok) return decoded;
  const fields = decoded.value;
  const first = (tag: string): string | null => fields.find((field) => field.tag === tag)?.value ?? null;
  const result = first('AE');
  if (result === null) return err({ code: 'caisseAp.missingResult' });
  const echoedAmount = first('CB');
  if (echoedAmount !== null && !/^[0-9]{1,12}$/.test(echoedAmount))
    return err({ code: 'caisseAp.badValue', detail: 'CB' });
  const application = first('CC');
  return ok({
    version: first('CZ') ?? '',
    result,
    failureReason: first('AF'),
    cardType: application === null ? null : (CARD_APPLICATIONS[application] ?? application),
    authorisation: first('AC'),
    echoedAmountCents: echoedAmount === null ? null : Number(echoedAmount),
    echoedAction: first('CD'),
    echoedCurrency: first('CE'),
    otherFields: fields.filter(
      ({ tag, value }) =>
        !READ_TAGS.has(tag) && !CARD_DATA_TAGS.includes(tag) && (NON_CARD_TAGS.has(tag) || !isPanLike(value)),
    ),
  });
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}
