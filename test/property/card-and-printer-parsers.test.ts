// Garbage from a card and from a printer: a broken or hostile card (any ATR, any APDU answer, any file
// content) and a printer or a proxy answering any bytes never make the cabin throw or loop; each parser
// answers its value or `card.unreadable` / `ipp.malformed`.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { ok, type Result } from '../../contract';
import { classifyAtr } from '../../devices/vitale/atr';
import {
  AID_VITALE,
  decodeBeneficiary,
  parseDirectory,
  PublicLayoutVitaleReader,
} from '../../devices/vitale/public-layout-vitale-reader';
import { concatBytes, decodeTlv, encodeTlv, type Tlv } from '../../devices/vitale/tlv';
import { VIRTUAL_FAMILY, VITALE2_ATR, VitaleApplet } from '../../devices/vitale/virtual-vitale-card';
import type { CardChannel, PcscError } from '../../drivers/pcsc/pcsc-context';
import { exchangeT0 } from '../../drivers/pcsc/t0-exchange';
import { decodeIpp, encodeIpp, GROUP, ippValues, STATUS, TAG } from '../../drivers/printing/ipp-codec';
import {
  bytes,
  checkGarbage,
  checkGarbageAsync,
  expectResult,
  garbageBytes,
  GARBAGE_PARAMETERS,
  mutatedBytes,
} from '../support/garbage';

// Thousands of inputs on a machine shared with other suites: a whole run may take longer than a test's default.
vi.setConfig({ testTimeout: 60_000 });

const ascii = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'latin1'));

/** A beneficiary file and a directory as a Vitale 2 holds them (DEVICES.md, the public layout). */
const BENEFICIARY_FILE = encodeTlv(0x65, [
  encodeTlv(0x80, ascii('QUELLENBERG')),
  encodeTlv(0x81, ascii('Ysolde')),
  encodeTlv(0x82, ascii('19510723')),
  encodeTlv(0x90, ascii('FRA')),
  encodeTlv(0x93, ascii('251077512398760')),
]);
const DIRECTORY_FILE = encodeTlv(0xe0, [
  encodeTlv(0xa0, [encodeTlv(0x82, concatBytes([Uint8Array.of(0, 1, 0, 0), AID_VITALE]))]),
  encodeTlv(0x80, concatBytes([ascii('FILE0000'), Uint8Array.of(0x00, 0x01, 0xd0, 0x10)])),
]);
const CARD_FILES = [BENEFICIARY_FILE, DIRECTORY_FILE, encodeTlv(0x66, encodeTlv(0x80, ascii('20210601')))];

/** Constructed objects nested `depth` deep, each with a two-byte long length: a card's stack bomb. */
function nested(depth: number): Uint8Array {
  const innermost = encodeTlv(0x80, ascii('X'));
  const out = new Uint8Array(depth * 4 + innermost.length);
  out.set(innermost, depth * 4);
  for (let level = depth - 1; level >= 0; level -= 1) {
    const length = out.length - level * 4 - 4;
    out.set([0x61, 0x82, length >> 8, length & 0xff], level * 4);
  }
  return out;
}

function everyObject(objects: readonly Tlv[], visit: (object: Tlv) => void): void {
  for (const object of objects) {
    visit(object);
    if (object.children !== null) everyObject(object.children, visit);
  }
}

describe('a card’s file content', () => {
  it('is decoded as TLV or refused as unreadable, and every beneficiary in it has text fields', () => {
    checkGarbage(garbageBytes(CARD_FILES, 300), (file) => {
      const decoded = decodeTlv(file);
      expectResult(decoded);
      if (!decoded.ok) {
        expect(decoded.error.code).toBe('card.unreadable');
        return;
      }
      everyObject(decoded.value, (object) => {
        const { identity, warnings } = decodeBeneficiary(object);
        expect(
          [identity.surname, identity.firstName, identity.birthDate].every((f) => typeof f === 'string'),
        ).toBe(true);
        expect(
          identity.nir === null || /^[0-9]{13}[0-9]{2}$|^[0-9]{5}2[AB][0-9]{8}$/.test(identity.nir),
        ).toBe(true);
        expect(Array.isArray(warnings)).toBe(true);
      });
      const directory = parseDirectory(file);
      expectResult(directory);
    });
  });

  it('nested as deep as a file of 32 KiB allows is decoded or refused, never a stack overflow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8_000 }), (depth) => {
        expectResult(decodeTlv(nested(depth)));
      }),
      { ...GARBAGE_PARAMETERS, numRuns: 300 },
    );
    expect(decodeTlv(nested(3)).ok).toBe(true);
    expect(decodeTlv(nested(8_000))).toMatchObject({ ok: false, error: { code: 'card.unreadable' } });
  });
});

describe('a card’s answers to the APDUs', () => {
  it('an ATR of any bytes is classified', () => {
    checkGarbage(garbageBytes([VITALE2_ATR], 40), (atr) =>
      expect(['vitale2', 'cps', 'unknown', 'mute']).toContain(classifyAtr(atr)),
    );
  });

  it('the virtual card answers any command APDU with a status word', () => {
    const valid = [
      concatBytes([Uint8Array.of(0x00, 0xa4, 0x04, 0x00, AID_VITALE.length), AID_VITALE]),
      Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x00),
      Uint8Array.of(0x00, 0xc0, 0x00, 0x00, 0x10),
    ];
    checkGarbage(fc.array(garbageBytes(valid, 300), { maxLength: 6 }), (apdus) => {
      const applet = new VitaleApplet(VIRTUAL_FAMILY, '2021-06-01');
      for (const apdu of apdus) expect(applet.answer(apdu).length).toBeGreaterThanOrEqual(2);
    });
  });

  it('the T=0 rules end on any sequence of raw answers, with data or card.unreadable', async () => {
    await checkGarbageAsync(fc.array(bytes(300), { minLength: 1, maxLength: 200 }), async (answers) => {
      let exchanges = 0;
      const raw = (): Promise<Result<Uint8Array, PcscError>> => {
        exchanges += 1;
        return Promise.resolve(ok(answers[exchanges % answers.length] ?? new Uint8Array(0)));
      };
      expectResult(await exchangeT0(raw, Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x00)));
      // 61xx is followed at most 64 times, each exchange with at most one 6Cxx resend.
      expect(exchanges).toBeLessThanOrEqual(2 * 65);
    });
  });

  it('a whole read of a card answering garbage ends with its beneficiaries or card.unreadable', async () => {
    const valid = CARD_FILES.map((file) => concatBytes([file.subarray(0, 200), Uint8Array.of(0x90, 0x00)]));
    const answer = fc.oneof(
      mutatedBytes([
        ...valid,
        Uint8Array.of(0x90, 0x00),
        Uint8Array.of(0x61, 0x10),
        Uint8Array.of(0x6c, 0x05),
      ]),
      bytes(260),
    );
    await checkGarbageAsync(fc.array(answer, { minLength: 1, maxLength: 40 }), async (answers) => {
      let exchanges = 0;
      const raw = (): Promise<Result<Uint8Array, PcscError>> => {
        exchanges += 1;
        return Promise.resolve(ok(answers[exchanges % answers.length] ?? new Uint8Array(0)));
      };
      const channel: CardChannel = {
        reader: 'hostile',
        atr: VITALE2_ATR,
        usage: () => ({ exchanges, exchangeMs: 0 }),
        transmit: (apdu) => exchangeT0(raw, apdu),
        disconnect: () => Promise.resolve(),
      };
      const read = await new PublicLayoutVitaleReader().readBeneficiaries(channel);
      expectResult(read);
      if (!read.ok) expect(['card.unreadable', 'card.cancelled']).toContain(read.error.code);
    });
  });
});

describe('a printer’s IPP replies', () => {
  it('are decoded or refused as ipp.malformed', () => {
    const reply = encodeIpp({
      version: [1, 1],
      code: STATUS.successfulOk,
      requestId: 7,
      groups: [
        {
          tag: GROUP.operation,
          attributes: [
            { name: 'attributes-charset', tag: TAG.charset, values: ['utf-8'] },
            { name: 'attributes-natural-language', tag: TAG.naturalLanguage, values: ['fr'] },
          ],
        },
        {
          tag: GROUP.printer,
          attributes: [
            { name: 'printer-state', tag: TAG.enum, values: [3] },
            { name: 'printer-state-reasons', tag: TAG.keyword, values: ['media-empty', 'none'] },
            { name: 'printer-is-accepting-jobs', tag: TAG.boolean, values: [true] },
          ],
        },
      ],
    });
    const textWithLanguage = concatBytes([
      reply.subarray(0, reply.length - 1),
      Uint8Array.of(0x35, 0x00, 0x01, 0x78, 0x00, 0x08, 0x00, 0x02, 0x66, 0x72, 0x00, 0x02, 0x6f, 0x6b, 0x03),
    ]);
    checkGarbage(garbageBytes([reply, textWithLanguage], 400), (garbage) => {
      const decoded = decodeIpp(garbage);
      expectResult(decoded);
      if (decoded.ok) expect(Array.isArray(ippValues(decoded.value, 'printer-state'))).toBe(true);
      else expect(decoded.error.code).toBe('ipp.malformed');
    });
  });

  it('a reply cut anywhere is refused', () => {
    const reply = encodeIpp({
      version: [2, 0],
      code: 0,
      requestId: 1,
      groups: [{ tag: GROUP.operation, attributes: [{ name: 'a', tag: TAG.text, values: ['b'] }] }],
    });
    fc.assert(
      fc.property(fc.nat(reply.length - 1), (cut) => {
        expect(decodeIpp(reply.subarray(0, cut)).ok).toBe(false);
      }),
      GARBAGE_PARAMETERS,
    );
  });
});
