// Which printer the cabin uses, as its log says: the simulated one by default, CUPS when the
// configuration or real hardware asks for it, and a CUPS that cannot be reached is a warning, not a crash.
import { describe, expect, it } from 'vitest';
import { systemClock } from '../contract';
import { CupsPrintQueue } from '../drivers/printing/cups-print-queue';
import { SimulatedPrintQueue } from '../drivers/printing/simulated-print-queue';
import { defaultConfig, type CabinConfig } from './config';
import { printerFor } from './printer-for-config';
import { MemoryOperationLog } from './test-support/memory-operation-log';

const base = defaultConfig('/srv/cabine');
const simulated = new SimulatedPrintQueue(() => 'printed', systemClock, 10);

async function choose(config: CabinConfig): Promise<{ printer: unknown; events: readonly unknown[] }> {
  const log = new MemoryOperationLog(systemClock);
  const printer = await printerFor(config, simulated, log, systemClock);
  return { printer, events: log.records() };
}

describe('the printer of a configuration', () => {
  it('keeps the simulated printer with simulated hardware, and says so', async () => {
    const { printer, events } = await choose(base);
    expect(printer).toBe(simulated);
    expect(events).toContainEqual(expect.objectContaining({ event: 'printer.simulated' }));
  });

  it.each([
    ['printer.kind "cups"', { ...base, printer: { ...base.printer, kind: 'cups' as const } }],
    ['real hardware', { ...base, hardware: 'real' as const }],
  ])(
    'prints through CUPS with %s; an unreachable CUPS is a warning line and a faulty printer',
    async (_, config) => {
      const missing = {
        ...config,
        printer: { ...config.printer, server: '/nonexistent/cups.sock', destination: 'cabine' },
      };
      const { printer, events } = await choose(missing);
      expect(printer).toBeInstanceOf(CupsPrintQueue);
      expect(events).toContainEqual(
        expect.objectContaining({
          event: 'printer.cups',
          server: '/nonexistent/cups.sock',
          destination: 'cabine',
        }),
      );
      expect(events).toContainEqual(
        expect.objectContaining({ event: 'printer.notReady', condition: 'offline' }),
      );
      expect(await (printer as CupsPrintQueue).check()).toBe('faulty');
    },
  );
});
