import { describe, expect, it } from 'vitest';
import { fromHex } from './atr';
import { decodeTlv, encodeTlv } from './tlv';

describe('BER-TLV decoding', () => {
  it('decodes a beneficiary object (65) with its children, around 00/FF padding', () => {
    const bytes = fromHex('00 65 0E 80 04 4E 4F 45 4C 82 06 31 39 34 38 30 33 FF FF');
    const r = decodeTlv(bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [beneficiary] = r.value;
    expect(beneficiary?.tag).toBe(0x65);
    expect(beneficiary?.children?.map((c) => [c.tag, Buffer.from(c.value).toString('latin1')])).toEqual([
      [0x80, 'NOEL'],
      [0x82, '194803'],
    ]);
  });

  it('reads two-byte tags and long lengths', () => {
    const long = new Uint8Array(200).fill(0x41);
    const r = decodeTlv(encodeTlv(0x5f37, long));
    expect(r.ok && [r.value[0]?.tag, r.value[0]?.value.length]).toEqual([0x5f37, 200]);
    expect(Array.from(encodeTlv(0x5f37, long).subarray(0, 4))).toEqual([0x5f, 0x37, 0x81, 200]);
  });

  it.each([
    ['truncated value', '65 05 80 03 41 42'],
    ['missing length', '80'],
    ['indefinite length', '65 80 00 00'],
    ['broken child', '65 03 80 05 41'],
  ])('refuses a %s', (_name, hex) => {
    expect(decodeTlv(fromHex(hex)).ok).toBe(false);
  });
});
