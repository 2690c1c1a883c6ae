// Which printer the cabin uses, as its log says: the simulated one by default, CUPS when the
// configuration or real hardware asks for it, and a CUPS that cannot be reached is a warning, not a crash.
import { describe, expect, it } from 'vitest';
import { systemClock } from '../contract';
import type { PrintQueue } from '../drivers/printing/print-queue';
import { SimulatedPrintQueue } from '../drivers/printing/simulated-print-queue';
import { defaultConfig, type CabinConfig } from './config';
import { alertingPrinter, printerFor } from './printer-for-config';
import { MemoryOperationLog } from './test-support/memory-operation-log';

const base = defaultConfig('/srv/cabine');
const simulated = new SimulatedPrintQueue(() => 'printed', systemClock, 10);

async function choose(config: CabinConfig): Promise<{ printer: PrintQueue; events: readonly unknown[] }> {
  const log = new MemoryOperationLog(systemClock);
  const { printer } = await printerFor(config, simulated, log, systemClock);
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
      expect(printer).not.toBe(simulated);
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
      expect(await printer.check()).toBe('faulty');
    },
  );
});

describe('a failed print job', () => {
  it('is logged with its code and makes the cabin check its peripherals again, for the attendant', async () => {
    const log = new MemoryOperationLog(systemClock);
    const failing: PrintQueue = {
      check: () => Promise.resolve('faulty'),
      print: () => Promise.resolve({ ok: false, error: { code: 'printer.outOfPaper' } }),
    };
    const { printer, watchChanges } = alertingPrinter(failing, log);
    let checks = 0;
    const stop = watchChanges(() => (checks += 1));
    const job = { title: 'Ordonnance', contentType: 'text/plain' as const, content: new Uint8Array([1]) };
    expect(await printer.print(job, new AbortController().signal)).toMatchObject({ ok: false });
    expect(checks).toBe(1);
    expect(log.records()).toContainEqual(
      expect.objectContaining({ event: 'printer.jobFailed', code: 'printer.outOfPaper' }),
    );
    // A job the session cancelled (the patient left) is not the printer's fault.
    const cancelled = new AbortController();
    cancelled.abort();
    await printer.print(job, cancelled.signal);
    expect(checks).toBe(1);
    stop();
  });
});

describe('a printed job', () => {
  it('makes the cabin check its peripherals again, so paper running low shows before the next patient', async () => {
    const log = new MemoryOperationLog(systemClock);
    const { printer, watchChanges } = alertingPrinter(simulated, log);
    let checks = 0;
    const stop = watchChanges(() => (checks += 1));
    const job = { title: 'Ordonnance', contentType: 'text/plain' as const, content: new Uint8Array([1]) };
    expect(await printer.print(job, new AbortController().signal)).toMatchObject({ ok: true });
    expect(checks).toBe(1);
    expect(log.records()).not.toContainEqual(expect.objectContaining({ event: 'printer.jobFailed' }));
    stop();
  });
});
