import { describe, expect, it } from 'vitest';
import { ok } from '../../contract';
import type { CardChannel } from '../../drivers/pcsc/pcsc-context';
import { exchangeT0 } from '../../drivers/pcsc/t0-exchange';
import { fromHex } from './atr';
import { decodeBeneficiary, PublicLayoutVitaleReader } from './public-layout-vitale-reader';
import { decodeTlv, encodeTlv } from './tlv';
import { VIRTUAL_FAMILY, VITALE2_ATR, VitaleApplet, type VirtualBeneficiary } from './virtual-vitale-card';

// A channel straight onto the virtual card's applet, with the driver's own T=0 rules in between.
function appletChannel(applet: VitaleApplet): CardChannel & { count: () => number } {
  let exchanges = 0;
  const raw = (apdu: Uint8Array) => {
    exchanges += 1;
    return Promise.resolve(ok(applet.answer(apdu)));
  };
  return {
    reader: 'applet',
    atr: VITALE2_ATR,
    usage: () => ({ exchanges, exchangeMs: 0 }),
    transmit: (apdu) => exchangeT0(raw, apdu),
    disconnect: () => Promise.resolve(),
    count: () => exchanges,
  };
}

describe('PublicLayoutVitaleReader on the virtual applet', () => {
  it('reads a family card by following the directory', async () => {
    const channel = appletChannel(new VitaleApplet(VIRTUAL_FAMILY, '2021-06-01'));
    const r = await new PublicLayoutVitaleReader().readBeneficiaries(channel);
    expect(r.ok && r.value.validFrom).toBe('2021-06-01');
    expect(
      r.ok && r.value.beneficiaries.map((b) => [b.identity.firstName, b.identity.nir, b.nationality]),
    ).toEqual([
      ['Odile', '248037512345658', 'FRA'],
      ['Lucas', '114097512345726', 'FRA'],
    ]);
    // The first person is the card's holder, the insured person; the others are beneficiaries.
    expect(r.ok && r.value.beneficiaries.map((b) => b.identity.holder)).toEqual([true, false]);
    expect(channel.count()).toBe(18);
  });

  it('reads a directory larger than one 256-byte block', async () => {
    const many: VirtualBeneficiary[] = Array.from({ length: 30 }, (_, i) => ({
      ...VIRTUAL_FAMILY[1]!,
      firstName: `Enfant${i}`,
    }));
    const r = await new PublicLayoutVitaleReader().readBeneficiaries(
      appletChannel(new VitaleApplet(many, '2021-06-01')),
    );
    expect(r.ok && r.value.beneficiaries).toHaveLength(30);
  });

  it('fails the whole read when the card sends wrong lengths', async () => {
    const r = await new PublicLayoutVitaleReader().readBeneficiaries(
      appletChannel(new VitaleApplet(VIRTUAL_FAMILY, '2021-06-01', true)),
    );
    expect(r.ok ? 'read' : r.error.code).toBe('card.unreadable');
  });

  it('stops between two APDUs once aborted', async () => {
    const abort = new AbortController();
    abort.abort();
    const r = await new PublicLayoutVitaleReader().readBeneficiaries(
      appletChannel(new VitaleApplet(VIRTUAL_FAMILY, '2021-06-01')),
      abort.signal,
    );
    expect(r.ok ? 'read' : r.error.code).toBe('card.cancelled');
  });
});

describe('beneficiary decoding', () => {
  const object = (nir: string, birth = '19480312') => {
    const r = decodeTlv(
      encodeTlv(0x65, [
        encodeTlv(0x93, Buffer.from(nir)),
        encodeTlv(0x80, Buffer.from('NOEL      ')),
        encodeTlv(0x81, fromHex('C9 6C 6F 64 69 65')), // "Élodie" in Latin-1
        encodeTlv(0x82, Buffer.from(birth)),
      ]),
    );
    if (!r.ok || r.value[0] === undefined) throw new Error('bad fixture');
    return r.value[0];
  };

  it('keeps the person but drops a NIR whose key is wrong, flagged for the professional and the technician', () => {
    const b = decodeBeneficiary(object('248037512345699'));
    expect(b.identity).toEqual({
      surname: 'NOEL',
      firstName: 'Élodie',
      birthDate: '1948-03-12',
      nir: null,
      source: 'card',
      cardNirFault: 'invalidKey',
    });
    expect(b.warnings).toEqual(['nir.invalidKey']);
  });

  it('flags an unreadable birth date', () => {
    expect(decodeBeneficiary(object('248037512345658', '1948')).warnings).toEqual(['birthDate.unreadable']);
  });
});
