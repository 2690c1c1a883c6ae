import { describe, expect, it } from 'vitest';
import { createMemoryLinkPair } from '../../drivers/memory-link';
import { LineFramer } from '../../drivers/serial';
import { ManualClock } from '../../test/support/manual-clock';
import { measureFor, outcomeOf } from '../test-support/measuring';
import { describeScaleOverMemoryLink } from '../test-support/scale-device-suite';
import { MtSicsDevice, MtSicsSimulator } from '.';

describeScaleOverMemoryLink(
  'the MT-SICS scale over a memory link',
  (link, clock, options) => new MtSicsDevice(link, clock, options),
  (link) => new MtSicsSimulator(link),
);

describe('the MT-SICS scale on the lines a real balance sends', () => {
  const SETTINGS = { pollMs: 20, replyMs: 300, attemptMs: 800 };

  /** A balance answering each `SI` with the next of `replies` (the last one repeated), after `first`. */
  async function weighWithReplies(replies: readonly string[], first: readonly string[] = []) {
    const clock = new ManualClock();
    const pair = createMemoryLinkPair({ chunkSize: 3 });
    const device = new MtSicsDevice(pair[0], clock, SETTINGS);
    const heard: string[] = [];
    let n = 0;
    const framer = new LineFramer({ delimiter: '\r\n' }, (command) => {
      heard.push(command);
      void pair[1].write(Buffer.from(`${replies[Math.min(n++, replies.length - 1)]}\r\n`, 'latin1'));
    });
    pair[1].onData((chunk) => framer.push(chunk));
    for (const line of first) await pair[1].write(Buffer.from(`${line}\r\n`, 'latin1'));
    const facts = await measureFor(device, clock, 1000);
    pair.unplug();
    return { last: outcomeOf(facts), heard };
  }

  it('weighs on S replies to SI, the power-on serial number line ignored', async () => {
    const { last, heard } = await weighWithReplies(
      ['S S       0.00 kg', 'S D      71.90 kg', 'S S      72.35 kg'],
      ['I4 A "1234567"'],
    );
    expect(heard[0]).toBe('SI');
    expect(last).toMatchObject({
      type: 'measurement.taken',
      measurement: { quantities: [{ name: 'weight', value: 72.35, unit: 'kg' }] },
    });
  });

  it.each([
    ['S L', 'device.error'],
    ['S +', 'measurement.overload'],
    ['EL', 'device.error'],
  ])('refuses on %j', async (reply, code) => {
    const { last } = await weighWithReplies(['S D      71.90 kg', reply]);
    expect(last).toMatchObject({ type: 'measurement.failed', error: { code } });
  });

  it('simulates a real balance: S replies to SI, the serial number sent at power-on', async () => {
    const clock = new ManualClock();
    const pair = createMemoryLinkPair();
    const simulator = new MtSicsSimulator(pair[1]);
    simulator.setScenario({ weightKg: 72.35, emptyPolls: 0, movingPolls: 0 });
    const lines: string[] = [];
    const framer = new LineFramer({ delimiter: '\r\n' }, (line) => lines.push(line));
    pair[0].onData((chunk) => framer.push(chunk));
    const device = new MtSicsDevice(pair[0], clock, SETTINGS);
    await simulator.powerOn();
    const facts = await measureFor(device, clock, 1000);
    simulator.stop();
    pair.unplug();
    expect(lines[0]).toBe('I4 A "SIMULATED01"');
    expect(lines[1]).toBe('S S     72.350 kg');
    expect(outcomeOf(facts)).toMatchObject({ type: 'measurement.taken' });
  });
});
