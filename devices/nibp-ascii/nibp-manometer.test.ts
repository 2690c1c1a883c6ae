// The NIBP module in manometer mode against its simulator on a technician's bench: a reference
// manometer's pressure, the module's own error, a leak, and the ways the mode ends; on the manual clock.
import { describe, expect, it } from 'vitest';
import type { CabinError } from '../../contract';
import { createMemoryLinkPair } from '../../drivers/memory-link';
import { ManualClock } from '../../test/support/manual-clock';
import { encodeNibpCommand, NibpAsciiDevice, NibpAsciiSimulator } from '.';

/** The module and its simulator on a bench, the cuff at `stepMs` a line; manometer mode not started yet. */
function bench(stepMs = 100) {
  const clock = new ManualClock();
  const pair = createMemoryLinkPair({ chunkSize: 3 });
  const device = new NibpAsciiDevice(pair[0], clock, { silenceMs: 3000 });
  const simulator = new NibpAsciiSimulator(pair[1], clock);
  simulator.setScenario({ stepMs });
  const pressures: number[] = [];
  const ends: CabinError[] = [];
  const start = () =>
    device.manometer.startManometer(
      (mmHg) => pressures.push(mmHg),
      (error) => ends.push(error),
    );
  return { clock, pair, device, simulator, pressures, ends, start };
}

describe('the NIBP module in manometer mode', () => {
  it('enters the mode with 14 (checksum DB) and reads the pressure the reference manometer shows', async () => {
    expect(Buffer.from(encodeNibpCommand('14')).toString('latin1')).toBe('\x0214;;DB\x03\r');
    const { clock, simulator, pressures, ends, start } = bench();
    simulator.applyPressure(250);
    start();
    await clock.advance(350);
    expect(simulator.received).toEqual(['14']);
    expect(pressures).toEqual([250, 250, 250]);
    simulator.applyPressure(150);
    await clock.advance(100);
    expect(pressures.at(-1)).toBe(150);
    expect(ends).toEqual([]);
  });

  it("reads with the module's own error: offset and gain", async () => {
    const { clock, simulator, pressures, start } = bench();
    simulator.setDeviceError('pressure', { offset: 2, gain: 1.01 });
    simulator.applyPressure(200);
    start();
    await clock.advance(100);
    expect(pressures).toEqual([204]);
  });

  it('a leak lowers the pressure on the clock: 6 mmHg/min is 1 mmHg every 10 s', async () => {
    const { clock, simulator, pressures, start } = bench(1000);
    simulator.applyPressure(100);
    simulator.setLeakRate(6);
    start();
    await clock.advance(60_000);
    expect(pressures[0]).toBe(100);
    expect(pressures.at(-1)).toBe(94);
    expect(simulator.appliedPressure()).toBe(94);
  });

  it('leaving the mode sends the stop X and the module stops streaming', async () => {
    const { clock, simulator, pressures, ends, start } = bench();
    simulator.applyPressure(50);
    const leave = start();
    await clock.advance(250);
    leave();
    await clock.advance(500);
    expect(simulator.received).toEqual(['14', 'X']);
    expect(pressures).toHaveLength(2);
    expect(ends).toEqual([]);
  });

  it('an error code in a pressure line ends the mode with device.error and stops the module', async () => {
    const { clock, simulator, ends, start } = bench();
    simulator.misbehave('error');
    start();
    await clock.advance(300);
    expect(ends).toEqual([{ code: 'device.error', detail: 'manometer error 3' }]);
    expect(simulator.received).toEqual(['14', 'X']);
  });

  it('a module that does not answer ends the mode with device.timeout', async () => {
    const { clock, simulator, ends, start, pressures } = bench();
    simulator.misbehave('silence');
    start();
    await clock.advance(3500);
    expect(pressures).toEqual([]);
    expect(ends).toMatchObject([{ code: 'device.timeout' }]);
  });

  it('the link lost ends the mode with device.unplugged, once', async () => {
    const { clock, pair, ends, start } = bench();
    start();
    await clock.advance(150);
    pair.unplug();
    await clock.advance(2000);
    expect(ends).toMatchObject([{ code: 'device.unplugged' }]);
  });

  it('measures a patient normally after the mode', async () => {
    const { clock, device, simulator, start } = bench(5);
    simulator.applyPressure(80);
    const leave = start();
    await clock.advance(50);
    leave();
    const facts: string[] = [];
    device.measure((fact) => facts.push(fact.type));
    await clock.advance(2000);
    expect(facts.at(-1)).toBe('measurement.taken');
  });
});
