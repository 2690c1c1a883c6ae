// Carte Vitale benchmark: from card insertion to the beneficiaries, on a private pcscd with the virtual
// card, split into the time spent inside pcscd/vpcd/the card (raw exchanges) and ours (T=0 rules, TLV
// decoding, events), with the number of raw APDUs per read. Target: ours under 50 ms.
import { systemClock } from '../../contract';
import { PcscIdCardReader } from '../../devices/vitale/pcsc-id-card-reader';
import { PublicLayoutVitaleReader } from '../../devices/vitale/public-layout-vitale-reader';
import { VirtualVitaleCard } from '../../devices/vitale/virtual-vitale-card';
import type { CardChannel, ChannelUsage, PcscContext } from '../../drivers/pcsc/pcsc-context';
import { PcscliteContext } from '../../drivers/pcsc/pcsclite-context';
import { PcscdProcess, pcscdMissing } from '../integration/pcsc/pcscd-process';

const READS = 5;

/** Runs the card benchmark and answers the lines to print (one saying why when pcscd is missing). */
export async function benchmarkCardRead(): Promise<string[]> {
  const missing = pcscdMissing();
  if (missing !== null) return [`card read: skipped, ${missing}`];
  const pcscd = new PcscdProcess();
  await pcscd.start();
  const context = new PcscliteContext(systemClock);
  // Wrap connect to see the channel's counters: the cabin reader disconnects before we could ask.
  const usages: ChannelUsage[] = [];
  const measured: PcscContext = {
    snapshot: () => context.snapshot(),
    subscribe: (l) => context.subscribe(l),
    close: () => context.close(),
    connect: async (reader, options) => {
      const channel = await context.connect(reader, options);
      if (!channel.ok) return channel;
      const inner: CardChannel = channel.value;
      return {
        ok: true,
        value: {
          ...inner,
          reader: inner.reader,
          atr: inner.atr,
          usage: () => inner.usage(),
          transmit: (a) => inner.transmit(a),
          disconnect: async () => {
            usages.push(inner.usage());
            await inner.disconnect();
          },
        },
      };
    },
  };
  const cabin = new PcscIdCardReader(measured, new PublicLayoutVitaleReader());
  const totals: number[] = [];
  const detections: number[] = [];
  try {
    await waitUntil(() => context.snapshot().readers.length > 0);
    for (let i = 0; i < READS; i += 1) {
      const card = new VirtualVitaleCard();
      const inserted = performance.now();
      let readAt = 0;
      const cancel = cabin.readNextCard((fact) => {
        if (fact.type === 'card.inserted') detections.push(performance.now() - inserted);
        if (fact.type === 'card.read' || fact.type === 'card.failed') readAt = performance.now();
      });
      await card.insert();
      await waitUntil(() => readAt > 0, 10_000);
      cancel();
      totals.push(readAt - inserted);
      await card.remove();
      await waitUntil(() => context.snapshot().readers[0]?.card === null);
    }
  } finally {
    context.close();
    await pcscd.stop();
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const cardMs = usages.map((u) => u.exchangeMs);
  const ours = totals.map((t, i) => t - (detections[i] ?? 0) - (cardMs[i] ?? 0));
  return [
    `card read (virtual Vitale 2, 2 beneficiaries, median of ${READS}): insertion to beneficiaries ${median(totals).toFixed(0)} ms`,
    `  pcscd noticing the card (its polling): ${median(detections).toFixed(0)} ms`,
    `  inside pcscd/vpcd/card (raw APDU exchanges): ${median(cardMs).toFixed(0)} ms`,
    `  ours (connect, T=0 rules, TLV, events): ${median(ours).toFixed(1)} ms (target < 50 ms)`,
    `  APDUs per read: ${usages[0]?.exchanges ?? 0} raw exchanges`,
  ];
}

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`benchmark: condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
