// Garbage at the Caisse-AP codec: what a broken terminal, a hostile peer on the shop's network or a cut
// connection delivers never throws; each decoder answers its value or one refusal. And whatever fields
// the cabin writes, decoding gives them back (unknown tags kept), and no answer's read keeps a card number.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeCaisseAp,
  decodePaymentAnswer,
  encodeCaisseAp,
  encodePaymentRequest,
  type CaisseApField,
} from '../../devices/caisse-ap/caisse-ap-codec';
import { paymentOutcome } from '../../devices/caisse-ap/caisse-ap-terminal';
import { checkGarbage, expectResult, garbageBytes, GARBAGE_PARAMETERS } from '../support/garbage';

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0));

const VALID = [
  ascii('CZ0040300CJ012012345678901CA00201CE003978BA0010CD0010CB00511245'),
  ascii(
    'CZ0040300CB00511245AE00210CC003001CI0011AC006654321AA016497010######0042AI014A0000000421010AB0042812',
  ),
  ascii('CZ0040300CB00511245AE00201AF00211'),
];

const tag = fc.stringMatching(/^[A-Z0-9]{2}$/);
const value = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 40,
});
const fields: fc.Arbitrary<CaisseApField[]> = fc
  .tuple(value, fc.array(fc.record({ tag, value }), { maxLength: 12 }))
  .map(([version, rest]) => [{ tag: 'CZ', value: version }, ...rest]);

describe('the Caisse-AP codec refuses garbage with one clear error, never a throw', () => {
  it('decodes random and mutated messages', () => {
    checkGarbage(garbageBytes(VALID, 300), (garbage) => {
      expectResult(decodeCaisseAp(garbage));
      const answer = decodePaymentAnswer(garbage);
      expectResult(answer);
      if (answer.ok) expectResult(paymentOutcome(answer.value, 11245));
    });
  });

  it('gives back every field it wrote, in order, unknown tags included', () => {
    fc.assert(
      fc.property(fields, (written) => {
        const encoded = encodeCaisseAp(written);
        expect(encoded.ok).toBe(true);
        if (!encoded.ok) return;
        expect(decodeCaisseAp(encoded.value)).toEqual({ ok: true, value: written });
      }),
      GARBAGE_PARAMETERS,
    );
  });

  it('never keeps a card number from an answer, under any tag', () => {
    const pan = fc.stringMatching(/^[0-9]{6}[0-9#*X]{6}[0-9]{4}$/);
    fc.assert(
      fc.property(fields, pan, tag, (other, number, where) => {
        fc.pre(
          ![
            'CZ',
            'AE',
            'CC',
            'AC',
            'AF',
            'CB',
            'CD',
            'CE',
            'CJ',
            'CA',
            'BA',
            'BF',
            'CI',
            'CF',
            'CG',
          ].includes(where),
        );
        const encoded = encodeCaisseAp([...other, { tag: 'AE', value: '10' }, { tag: where, value: number }]);
        if (!encoded.ok) return;
        const answer = decodePaymentAnswer(encoded.value);
        if (!answer.ok) return;
        expect(answer.value.otherFields).not.toContainEqual({ tag: where, value: number });
      }),
      GARBAGE_PARAMETERS,
    );
  });

  it('puts the requested amount, and only it, in CB', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999_999 }), (amountCents) => {
        const request = encodePaymentRequest({
          concertId: '012345678901',
          registerId: '01',
          amountCents,
          action: 'debit',
        });
        expect(request.ok).toBe(true);
        if (!request.ok) return;
        const decoded = decodeCaisseAp(request.value);
        const cb = decoded.ok ? decoded.value.find((field) => field.tag === 'CB')?.value : undefined;
        expect(Number(cb)).toBe(amountCents);
      }),
      GARBAGE_PARAMETERS,
    );
  });
});
