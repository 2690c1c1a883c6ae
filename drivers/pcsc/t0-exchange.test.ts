import { describe, expect, it } from 'vitest';
import { ok } from '../../contract';
import { exchangeT0, type RawExchange } from './t0-exchange';

const fromHex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();

// A card that answers from a script of [expected command, response] pairs, in order.
function scriptedCard(script: [string, string][]): RawExchange & { sent: string[] } {
  const sent: string[] = [];
  const raw = (apdu: Uint8Array) => {
    const command = hex(apdu);
    sent.push(command);
    const step = script.shift();
    if (step === undefined || step[0] !== command) throw new Error(`unexpected APDU ${command}`);
    return Promise.resolve(ok(fromHex(step[1])));
  };
  return Object.assign(raw, { sent });
}

/**
 * Sends the script's first command through `exchangeT0` to a card answering from the script; answers the
 * result, what came back as hex (false on a failure), and every APDU the card was sent.
 */
async function exchange(script: [string, string][]) {
  const command = fromHex(script[0]?.[0] ?? '');
  const card = scriptedCard(script);
  const result = await exchangeT0(card, command);
  return { result, answer: result.ok && hex(result.value), sent: card.sent };
}

describe('T=0 rules', () => {
  it('passes a plain 9000 answer through', async () => {
    expect((await exchange([['00B0000004', '010203049000']])).answer).toBe('010203049000');
  });

  it('fetches 61xx data with GET RESPONSE, chained', async () => {
    const { answer } = await exchange([
      ['00A4040002AAAA', '6104'],
      ['00C0000004', '6F0284006102'],
      ['00C0000002', 'AA009000'],
    ]);
    expect(answer).toBe('6F028400AA009000');
  });

  it('resends with the length a 6Cxx asks for', async () => {
    const { answer } = await exchange([
      ['00B0000000', '6C03'],
      ['00B0000003', '0102039000'],
    ]);
    expect(answer).toBe('0102039000');
  });

  it('calls a card unreadable when it sends fewer bytes than its own 6Cxx asked for', async () => {
    const { result } = await exchange([
      ['00B0000000', '6C05'],
      ['00B0000005', '01029000'],
    ]);
    expect(result).toEqual({
      ok: false,
      error: { code: 'card.unreadable', detail: 'wrong-length-after-6cxx' },
    });
  });

  it('calls a card unreadable when it answers without a status word', async () => {
    expect((await exchange([['00B0000000', '90']])).result.ok).toBe(false);
  });

  it('does not resend on 6Cxx for a command without Le', async () => {
    const { answer, sent } = await exchange([['00A4020002D001', '6C10']]);
    expect(answer).toBe('6C10');
    expect(sent).toHaveLength(1);
  });
});
