// The terminal class on an in-memory link (the TCP cases are in test/integration/payment/): an answer
// the network cuts into pieces is waited for whole, and a request the seam forbids is a bug.
import { describe, expect, it } from 'vitest';
import { ok } from '../../contract';
import { createMemoryLinkPair } from '../../drivers/memory-link';
import { ManualClock, settleMicrotasks } from '../../test/support/manual-clock';
import {
  CAISSE_AP_QUIET_MS,
  CaisseApPaymentTerminal,
  type CaisseApTerminalSettings,
} from './caisse-ap-terminal';

const SETTINGS: CaisseApTerminalSettings = {
  host: 'memory',
  port: 8888,
  concertId: '012345678901',
  registerId: '01',
  answerTimeoutMs: 180_000,
  connectTimeoutMs: 5_000,
};
const ascii = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0));

describe('the Caisse-AP terminal on a link', () => {
  it('waits for an answer delivered one byte at a time, then reads it whole', async () => {
    const [cabinEnd, terminalEnd] = createMemoryLinkPair();
    const terminal = new CaisseApPaymentTerminal(SETTINGS, new ManualClock(), undefined, () =>
      Promise.resolve(ok(cabinEnd)),
    );
    terminalEnd.onData(() => {
      const answer = ascii('CZ0040300CB0042350AE00210CC00300BAC006777777');
      void (async () => {
        for (const byte of answer) {
          await terminalEnd.write(Uint8Array.of(byte));
          await settleMicrotasks();
        }
      })();
    });
    const paid = await terminal.pay(
      { transactionId: 'T1', amountCents: 2_350 },
      new AbortController().signal,
    );
    expect(paid).toEqual(ok({ cardType: 'CB', authorisation: '777777' }));
  });

  it('an approval without authorisation (offline) is read as it is once the terminal goes quiet', async () => {
    const [cabinEnd, terminalEnd] = createMemoryLinkPair();
    const clock = new ManualClock();
    const terminal = new CaisseApPaymentTerminal(SETTINGS, clock, undefined, () =>
      Promise.resolve(ok(cabinEnd)),
    );
    terminalEnd.onData(() => void terminalEnd.write(ascii('CZ0040300CB0042350AE00210CC003001')));
    let outcome: unknown = null;
    void terminal
      .pay({ transactionId: 'T1', amountCents: 2_350 }, new AbortController().signal)
      .then((paid) => (outcome = paid));
    await clock.advance(CAISSE_AP_QUIET_MS - 1);
    expect(outcome).toBeNull();
    await clock.advance(1);
    expect(outcome).toEqual(ok({ cardType: 'CB', authorisation: null }));
  });

  it('refuses to send an amount the seam forbids: a bug, not a payment failure', async () => {
    const terminal = new CaisseApPaymentTerminal(SETTINGS, new ManualClock(), undefined, () => {
      throw new Error('no link should be opened');
    });
    await expect(
      terminal.pay({ transactionId: 'T1', amountCents: 0 }, new AbortController().signal),
    ).rejects.toThrow(RangeError);
  });
});
