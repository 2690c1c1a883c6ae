// Which payment terminal a configuration gets, and `npm start`'s: the real Caisse-AP client talking TCP
// to the terminal simulator, steered by the simulation script.
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../test/support/manual-clock';
import { CaisseApPaymentTerminal } from '../devices/caisse-ap';
import { happyScript } from '../devices/simulated/simulation-script';
import { SimulatedPaymentTerminal } from '../devices/simulated/simulated-payment-terminal';
import { defaultConfig, type CabinConfig } from './config';
import { paymentTerminalFor, simulatedOutcomeOf } from './payment-terminal-for-config';
import { DISCARDING_LOG } from './test-support/discarding-log';

const base = defaultConfig('/tmp/cabine-payment');

describe('the payment terminal of a configuration', () => {
  const disposals: (() => void)[] = [];
  afterEach(() => {
    for (const dispose of disposals.splice(0)) dispose();
  });

  const clock = new ManualClock();

  /** Pays while the sockets work, moving the manual clock a step at each turn (the simulator's answer time). */
  async function paying<T>(payment: Promise<T>): Promise<T> {
    let settled = false;
    void payment.finally(() => (settled = true));
    for (let turn = 0; turn < 5_000 && !settled; turn += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      await clock.advance(5);
    }
    return payment;
  }

  async function terminalOf(config: CabinConfig, stepMs = 5) {
    const script = happyScript(stepMs);
    const simulated = new SimulatedPaymentTerminal(script, clock);
    const chosen = await paymentTerminalFor(config, simulated, script, DISCARDING_LOG, clock);
    if (chosen.dispose) disposals.push(chosen.dispose);
    return { ...chosen, simulated, script };
  }

  it('npm start pays through the real Caisse-AP client and the simulator on TCP, as the script says', async () => {
    const { terminal, script } = await terminalOf(base);
    expect(terminal).toBeInstanceOf(CaisseApPaymentTerminal);
    expect(await terminal.check()).toBe('ok');
    const request = { transactionId: 'S1', amountCents: 2_350 };
    expect(await paying(terminal.pay(request, new AbortController().signal))).toEqual({
      ok: true,
      value: { cardType: 'CB', authorisation: '123457' },
    });
    script.payment = 'declined';
    const declined = await paying(terminal.pay(request, new AbortController().signal));
    expect(declined.ok ? null : declined.error.code).toBe('payment.declined');
    // An outcome the script may name once the session's failures are scripted: the terminal switched off.
    (script as { payment: string }).payment = 'unreachable';
    const off = await paying(terminal.pay(request, new AbortController().signal));
    expect(off.ok ? null : off.error.code).toBe('payment.unreachable');
  });

  it('keeps the domain-level terminal without byte-level devices, and with real hardware unless asked', async () => {
    const domain = await terminalOf({ ...base, simulation: { ...base.simulation, byteLevelDevices: false } });
    expect(domain.terminal).toBe(domain.simulated);
    const real = await terminalOf({ ...base, hardware: 'real' });
    expect(real.terminal).toBe(real.simulated);
  });

  it('talks to the configured Caisse-AP terminal when asked', async () => {
    const shop = await terminalOf({
      ...base,
      paymentTerminal: { ...base.paymentTerminal, kind: 'caisseAp' },
    });
    expect(shop.terminal).toBeInstanceOf(CaisseApPaymentTerminal);
  });

  it('maps the script outcomes it knows, by name, and declines the ones it does not', () => {
    expect(simulatedOutcomeOf('paid')).toBe('approved');
    expect(simulatedOutcomeOf('answerLost')).toBe('dropAfterApproval');
    expect(simulatedOutcomeOf('something new')).toBe('declined');
  });
});
