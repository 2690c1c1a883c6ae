import { describe, expect, it } from 'vitest';
import {
  decodeCaisseAp,
  decodePaymentAnswer,
  encodeCaisseAp,
  encodePaymentRequest,
  isPanLike,
} from './caisse-ap-codec';
import { paymentOutcome } from './caisse-ap-terminal';

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0));
const text = (bytes: Uint8Array): string => String.fromCharCode(...bytes);

/** The request of the public client for 112.45 €, as its fields are written (CZ first). */
const REQUEST_11245 = 'CZ0040300CJ012012345678901CA00201CE003978BA0010CD0010CB00511245';
/** An approval as the public terminal simulator answers it: the request echoed, then AE and the card's fields. */
const APPROVAL =
  'CZ0040300CJ012012345678901CA00201CE003978BA0010CD0010CB00511245AE00210CC003001CI0011AC006654321' +
  'AA016497010######0042AI014A0000000421010AB0042812CF0101010000000CG006424242';

describe('a Caisse-AP request carries the amount, the register and the euro', () => {
  it('is written field by field: tag, 3-digit length, value, CZ first', () => {
    const request = encodePaymentRequest({
      concertId: '012345678901',
      registerId: '01',
      amountCents: 11245,
      action: 'debit',
    });
    expect(request.ok && text(request.value)).toBe(REQUEST_11245);
  });

  it.each([
    [5, 'CB00205'],
    [99, 'CB00299'],
    [100, 'CB003100'],
    [999_999_999_999, 'CB012999999999999'],
  ])('%i cents is %s (at least 2 digits, as the public clients pad it)', (amountCents, field) => {
    const request = encodePaymentRequest({
      concertId: '012345678901',
      registerId: '01',
      amountCents,
      action: 'debit',
    });
    expect(request.ok && text(request.value).endsWith(field)).toBe(true);
  });

  it.each([
    ['no amount', { amountCents: 0 }],
    ['a negative amount', { amountCents: -3 }],
    ['a fraction of a cent', { amountCents: 10.5 }],
    ['13 digits', { amountCents: 1_000_000_000_000 }],
    ['a short Concert identifier', { concertId: '123' }],
    ['a register of letters', { registerId: 'AB' }],
  ])('refuses %s', (_, change) => {
    const request = encodePaymentRequest({
      concertId: '012345678901',
      registerId: '01',
      amountCents: 100,
      action: 'debit',
      ...change,
    });
    expect(request.ok ? null : request.error.code).toBe('caisseAp.badRequest');
  });

  it('refuses to write a field the protocol cannot carry', () => {
    const bad = (tag: string, value: string): string | null => {
      const encoded = encodeCaisseAp([{ tag, value }]);
      return encoded.ok ? null : encoded.error.code;
    };
    expect(bad('C', '1')).toBe('caisseAp.badField');
    expect(bad('CB', '')).toBe('caisseAp.badField');
    expect(bad('CB', 'x'.repeat(1000))).toBe('caisseAp.badField');
    expect(bad('CB', 'é')).toBe('caisseAp.badField');
  });
});

describe('a terminal answer is read, its card data dropped', () => {
  it('reads an approval: card type and authorisation, never the card number', () => {
    const answer = decodePaymentAnswer(ascii(APPROVAL));
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.value).toMatchObject({
      version: '0300',
      result: '10',
      cardType: 'CB',
      authorisation: '654321',
      echoedAmountCents: 11245,
    });
    expect(JSON.stringify(answer.value)).not.toMatch(/0042|######|A0000000421010|2812/);
    expect(answer.value.otherFields.map((field) => field.tag)).toEqual(['CJ', 'CA', 'BA', 'CI', 'CF', 'CG']);
    expect(paymentOutcome(answer.value, 11245)).toEqual({
      ok: true,
      value: { cardType: 'CB', authorisation: '654321' },
    });
  });

  it('drops an unknown field whose value looks like a card number, masked or not', () => {
    const answer = decodePaymentAnswer(
      ascii('CZ0040300AE00210ZZ0164970101234560042ZY016497010******0042ZX0031AB'),
    );
    expect(answer.ok && answer.value.otherFields).toEqual([{ tag: 'ZX', value: '1AB' }]);
    expect(isPanLike('4970 1012 3456 0042')).toBe(true);
    expect(isPanLike('012345678901')).toBe(true);
    expect(isPanLike('1010000000')).toBe(false);
  });

  it('keeps every field it does not know, in order: decoding and encoding again gives the same bytes', () => {
    const fields = decodeCaisseAp(ascii(APPROVAL + 'ZZ003abcQ1001x'));
    expect(fields.ok).toBe(true);
    if (!fields.ok) return;
    expect(fields.value.at(-2)).toEqual({ tag: 'ZZ', value: 'abc' });
    const again = encodeCaisseAp(fields.value);
    expect(again.ok && text(again.value)).toBe(APPROVAL + 'ZZ003abcQ1001x');
  });

  it.each([
    ['AF 04 refused', '04', 'payment.declined'],
    ['AF 05 forbidden', '05', 'payment.declined'],
    ['AF 11 operator abandon (red key)', '11', 'payment.cancelled'],
    ['AF 06 abandon', '06', 'payment.cancelled'],
    ['AF 08 input time-out', '08', 'payment.cancelled'],
    ['AF 07 not completed (card pulled out)', '07', 'payment.cardRemoved'],
    ['AF 13 currency not supported', '13', 'payment.declined'],
    ['an AF the cabin does not know', '42', 'payment.declined'],
  ])('a "not done" with %s is %s', (_, reason, code) => {
    const answer = decodePaymentAnswer(ascii(`CZ0040300CB00511245AE00201AF002${reason}`));
    expect(answer.ok && paymentOutcome(answer.value, 11245)).toEqual({
      ok: false,
      error: { code, detail: `AF${reason}` },
    });
  });

  it.each([
    ['another amount echoed', 'CZ0040300CB0049999AE00210', 'caisseAp.echoMismatch'],
    ['a refund echoed', 'CZ0040300CD0011AE00210', 'caisseAp.echoMismatch'],
    ['another currency echoed', 'CZ0040300CE003840AE00210', 'caisseAp.echoMismatch'],
    ['"request taken" (immediate mode, never asked)', 'CZ0040300AE00211', 'AE11'],
    ['an unknown result', 'CZ0040300AE00299', 'AE99'],
  ])('%s is garbled: the outcome of the payment is unknown', (_, answer, detail) => {
    const decoded = decodePaymentAnswer(ascii(answer));
    expect(decoded.ok && paymentOutcome(decoded.value, 11245)).toEqual({
      ok: false,
      error: { code: 'payment.garbled', detail },
    });
  });

  it.each([
    ['nothing', '', 'caisseAp.missingVersion'],
    ['no CZ first', 'AE00210CZ0040300', 'caisseAp.missingVersion'],
    ['no AE', 'CZ0040300CB00511245', 'caisseAp.missingResult'],
    ['a length of letters', 'CZ0040300AE0x210', 'caisseAp.badLength'],
    ['a length of 0', 'CZ0040300AE000', 'caisseAp.badLength'],
    ['a length longer than the bytes', 'CZ0040300AE00510', 'caisseAp.truncated'],
    ['a cut length', 'CZ0040300AE0', 'caisseAp.truncated'],
    ['a lower-case tag', 'CZ0040300ae00210', 'caisseAp.badTag'],
    ['a control byte in a value', 'CZ0040300AE0021\x00', 'caisseAp.badValue'],
    ['a non-digit amount', 'CZ0040300CB0031x0AE00210', 'caisseAp.badValue'],
    ['more than 4 KiB', `CZ0040300${'ZZ999'.padEnd(1004, 'x').repeat(5)}`, 'caisseAp.oversize'],
  ])('refuses %s with a clear error', (_, answer, code) => {
    const decoded = decodePaymentAnswer(ascii(answer));
    expect(decoded.ok ? null : decoded.error.code).toBe(code);
  });
});
