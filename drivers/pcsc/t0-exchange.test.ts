import { describe, expect, it } from 'vitest';
import { ok } from '../../contract';
import { exchangeT0, type RawExchange } from './t0-exchange';

// A card that answers from a script of [expected command, response] pairs, in order.
function scriptedCard(script: [string, string][]): RawExchange & { sent: string[] } {
  const sent: string[] = [];
  const raw = (apdu: Uint8Array) => {
    const hex = Buffer.from(apdu).toString('hex').toUpperCase();
    sent.push(hex);
    const step = script.shift();
    if (step === undefined || step[0] !== hex) throw new Error(`unexpected APDU ${hex}`);
    return Promise.resolve(ok(Uint8Array.from(Buffer.from(step[1], 'hex'))));
  };
  return Object.assign(raw, { sent });
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();

describe('T=0 rules', () => {
  it('passes a plain 9000 answer through', async () => {
    const card = scriptedCard([['00B0000004', '010203049000']]);
    const r = await exchangeT0(card, Uint8Array.from(Buffer.from('00B0000004', 'hex')));
    expect(r.ok && hex(r.value)).toBe('010203049000');
  });

  it('fetches 61xx data with GET RESPONSE, chained', async () => {
    const card = scriptedCard([
      ['00A4040002AAAA', '6104'],
      ['00C0000004', '6F0284006102'],
      ['00C0000002', 'AA009000'],
    ]);
    const r = await exchangeT0(card, Uint8Array.from(Buffer.from('00A4040002AAAA', 'hex')));
    expect(r.ok && hex(r.value)).toBe('6F028400AA009000');
  });

  it('resends with the length a 6Cxx asks for', async () => {
    const card = scriptedCard([
      ['00B0000000', '6C03'],
      ['00B0000003', '0102039000'],
    ]);
    const r = await exchangeT0(card, Uint8Array.from(Buffer.from('00B0000000', 'hex')));
    expect(r.ok && hex(r.value)).toBe('0102039000');
  });

  it('calls a card unreadable when it sends fewer bytes than its own 6Cxx asked for', async () => {
    const card = scriptedCard([
      ['00B0000000', '6C05'],
      ['00B0000005', '01029000'],
    ]);
    const r = await exchangeT0(card, Uint8Array.from(Buffer.from('00B0000000', 'hex')));
    expect(r).toEqual({ ok: false, error: { code: 'card.unreadable', detail: 'wrong-length-after-6cxx' } });
  });

  it('calls a card unreadable when it answers without a status word', async () => {
    const card = scriptedCard([['00B0000000', '90']]);
    const r = await exchangeT0(card, Uint8Array.from(Buffer.from('00B0000000', 'hex')));
    expect(r.ok).toBe(false);
  });

  it('does not resend on 6Cxx for a command without Le', async () => {
    const card = scriptedCard([['00A4020002D001', '6C10']]);
    const r = await exchangeT0(card, Uint8Array.from(Buffer.from('00A4020002D001', 'hex')));
    expect(r.ok && hex(r.value)).toBe('6C10');
    expect(card.sent).toHaveLength(1);
  });
});
