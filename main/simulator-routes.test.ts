// The simulator's script route takes every payment outcome the simulated terminal knows, and refuses others.
import { describe, expect, it } from 'vitest';
import { happyScript, SIMULATED_PAYMENT_OUTCOMES } from '../devices/simulated/simulation-script';
import { ManualClock } from '../test/support/manual-clock';
import { createSimulatedPeripherals } from './peripherals';
import { simulatorRoutes } from './simulator-routes';

describe('the simulator route of the payment', () => {
  it.each(SIMULATED_PAYMENT_OUTCOMES)('sets the next payment to %s', async (payment) => {
    const peripherals = createSimulatedPeripherals(happyScript(100), new ManualClock(), 1_000);
    await expect(simulatorRoutes(peripherals)('script', { payment })).resolves.toBe(true);
    expect(peripherals.script.payment).toBe(payment);
  });

  it('refuses an outcome it does not know', async () => {
    const peripherals = createSimulatedPeripherals(happyScript(100), new ManualClock(), 1_000);
    await expect(simulatorRoutes(peripherals)('script', { payment: 'stolen' })).resolves.toBe(false);
    expect(peripherals.script.payment).toBe('paid');
  });
});
