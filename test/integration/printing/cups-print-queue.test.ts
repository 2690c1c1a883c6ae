// The cabin's printer on a real private cupsd: a PDF printed and read back, each printer trouble
// reported with its code, a retry after a lost reply that prints once, and a spool left empty.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../contract';
import { CupsPrintQueue } from '../../../drivers/printing/cups-print-queue';
import type { PrintJob } from '../../../drivers/printing/print-queue';
import { DEMO_PRACTITIONERS } from '../../../platform/server/demo-accounts';
import { loadDocumentFonts, renderDocumentPdf } from '../../../platform/server/document-pdf';
import { onePagePdf } from '../../support/one-page-pdf';
import { TEST_PATIENT_SUMMARY } from '../../support/platform-fixtures';
import { privateCupsMissing, startPrivateCups, type PrivateCups } from '../../support/private-cups';
import { skipWithout } from '../../support/real-stack';

const MISSING =
  privateCupsMissing() ??
  (spawnSync('zbarimg', ['--version']).error
    ? 'zbarimg is not installed (Debian package zbar-tools)'
    : null) ??
  (spawnSync('pdftotext', ['-v']).error ? 'pdftotext is not installed (Debian package poppler-utils)' : null);
const SKIPPED = skipWithout(MISSING);
const TITLE = `printing through a private cupsd${MISSING ? ` (skipped: ${MISSING})` : ''}`;

/** A document whose bytes the spool check looks for. */
function document(text: string): PrintJob {
  return { title: 'Ordonnance', contentType: 'application/pdf', content: onePagePdf(text) };
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe.skipIf(SKIPPED).sequential(TITLE, { timeout: 30_000 }, () => {
  let cups: PrivateCups;
  const servers: Server[] = [];

  beforeAll(async () => {
    cups = await startPrivateCups();
    cups.addPrinter('ready', 'print');
  });
  afterAll(async () => {
    await cups?.stop();
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
  });

  const queueOn = (destination: string | null, jobTimeoutMs = 15_000, socket = cups.socket): CupsPrintQueue =>
    new CupsPrintQueue(
      { server: { kind: 'socket', path: socket }, destination, jobTimeoutMs, pollMs: 100 },
      systemClock,
    );

  /** Nothing of `job` in the spool: no document file (d…), no file holding its bytes, no job left. */
  function expectSpoolClean(job: PrintJob): void {
    const marker = Buffer.from(job.content).subarray(-200);
    for (const path of filesUnder(cups.spool)) {
      expect(path.split('/').at(-1)).not.toMatch(/^[cd]\d/);
      expect(readFileSync(path).includes(marker)).toBe(false);
    }
    expect(cups.run('lpstat', ['-W', 'all', '-o'])).toBe('');
  }

  it('prints a PDF: the printer receives the text, and nothing of the job stays in CUPS', async () => {
    const before = cups.printedFiles().length;
    const job = document('Amoxicilline 1 g, 3 fois par jour, 6 jours');
    const result = await queueOn('ready').print(job, new AbortController().signal);
    expect(result).toEqual({ ok: true, value: undefined });
    const printed = cups.printedFiles().slice(before);
    expect(printed).toHaveLength(1);
    const text = spawnSync('pdftotext', [printed[0]!, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('Amoxicilline 1 g, 3 fois par jour, 6 jours');
    expectSpoolClean(job);
  });

  it("prints the platform's ordonnance: its text reads back, and its QR code gives the prescription's identifier", async () => {
    const identifier = 'TEST-ORDO-2026-000042';
    const pdf = await renderDocumentPdf(
      {
        professional: DEMO_PRACTITIONERS[0].professional,
        patient: TEST_PATIENT_SUMMARY,
        writtenAt: Date.UTC(2026, 11, 5, 9, 0),
        document: {
          kind: 'prescription',
          lines: [{ item: 'Paracétamol 1 g', dosage: '1 comprimé 3 fois par jour', duration: '5 jours' }],
        },
        prescriptionId: identifier,
      },
      loadDocumentFonts(),
    );
    const before = cups.printedFiles().length;
    const job: PrintJob = { title: 'Ordonnance', contentType: 'application/pdf', content: pdf };
    expect((await queueOn('ready').print(job, new AbortController().signal)).ok).toBe(true);
    const printed = cups.printedFiles().slice(before)[0]!;
    const raster = join(cups.dir, 'page');
    expect(spawnSync('pdftoppm', ['-r', '150', '-png', '-singlefile', printed, raster]).status).toBe(0);
    const read = spawnSync('zbarimg', ['--quiet', '--raw', `${raster}.png`], { encoding: 'utf8' });
    expect(read.stdout.trim()).toBe(identifier);
    const text = spawnSync('pdftotext', [printed, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('Paracétamol 1 g');
    expect(text).toContain(`MARTINEAU Lucas`);
    expectSpoolClean(job);
  });

  it('prints while the paper runs low, and the attendant is warned', async () => {
    cups.addPrinter('low', 'lowPaper');
    const queue = queueOn('low');
    expect(await queue.status()).toEqual({ state: 'ok', notice: null });
    expect((await queue.print(document('papier bas'), new AbortController().signal)).ok).toBe(true);
    expect(await queue.status()).toEqual({ state: 'ok', notice: 'lowPaper' });
  });

  it('prints to the default destination when none is configured, and says when there is none', async () => {
    expect(await queueOn(null).check()).toBe('absent');
    const failed = await queueOn(null).print(document('sans imprimante'), new AbortController().signal);
    expect(failed).toMatchObject({ ok: false, error: { code: 'printer.notConfigured' } });
    cups.run('lpadmin', ['-d', 'ready']);
    expect(await queueOn(null).check()).toBe('ok');
    const result = await queueOn(null).print(document('par défaut'), new AbortController().signal);
    expect(result.ok).toBe(true);
  });

  it.each([
    ['out of paper', 'outOfPaper', [], 'printer.outOfPaper'],
    ['a paper jam', 'jam', [], 'printer.jammed'],
    [
      'a printer that does not answer',
      'offline',
      ['-o', 'printer-error-policy=abort-job'],
      'printer.offline',
    ],
  ] as const)('reports %s with its code and leaves no job behind', async (_, mode, options, code) => {
    const name = `p-${mode}`;
    cups.addPrinter(name, mode, options);
    const job = document(`trouble ${mode}`);
    const result = await queueOn(name).print(job, new AbortController().signal);
    expect(result).toMatchObject({ ok: false, error: { code } });
    expectSpoolClean(job);
  });

  it('tells a queue that refuses jobs from a stopped printer, before sending anything', async () => {
    cups.addPrinter('rejecting', 'print');
    cups.run('cupsreject', ['rejecting']);
    cups.addPrinter('stopped', 'print');
    cups.run('cupsdisable', ['stopped']);
    const rejected = await queueOn('rejecting').print(document('refus'), new AbortController().signal);
    expect(rejected).toMatchObject({ ok: false, error: { code: 'printer.notAccepting' } });
    const stopped = await queueOn('stopped').print(document('arrêt'), new AbortController().signal);
    expect(stopped).toMatchObject({ ok: false, error: { code: 'printer.offline' } });
    expect(await queueOn('stopped').check()).toBe('faulty');
    expect(cups.run('lpstat', ['-W', 'all', '-o'])).toBe('');
  });

  it('cancels a job that does not end in time and reports it', async () => {
    cups.addPrinter('slow', 'slow');
    const job = document('trop lent');
    const result = await queueOn('slow', 1_500).print(job, new AbortController().signal);
    expect(result).toMatchObject({ ok: false, error: { code: 'printer.timeout' } });
    expectSpoolClean(job);
  });

  it('cancels and purges the jobs still there at the end of the session', async () => {
    cups.addPrinter('slow-end', 'slow');
    const queue = queueOn('slow-end', 20_000);
    const job = document('fin de session');
    const printing = queue.print(job, new AbortController().signal);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await queue.cancelAll();
    expect((await printing).ok).toBe(false);
    expectSpoolClean(job);
  });

  it('prints a document once when the reply to Print-Job was lost and the cabin tries again', async () => {
    const proxy = join(cups.dir, 'lossy.sock');
    servers.push(await replyDroppingProxy(proxy, cups.socket));
    const queue = queueOn('ready', 15_000, proxy);
    const before = cups.printedFiles().length;
    const job = document('une seule fois');
    const lost = await queue.print(job, new AbortController().signal);
    expect(lost).toMatchObject({ ok: false, error: { code: 'printer.offline' } });
    const retried = await queue.print(job, new AbortController().signal);
    expect(retried.ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(cups.printedFiles().length - before).toBe(1);
    expectSpoolClean(job);
  });
});

/** A Unix-socket relay to cupsd that drops the connection instead of relaying the first Print-Job reply. */
async function replyDroppingProxy(path: string, upstream: string): Promise<Server> {
  let dropped = false;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const cups = createConnection(upstream);
    sockets.add(client).add(cups);
    let printJobSent = false;
    client.on('data', (chunk: Buffer) => {
      // An IPP/1.1 Print-Job request starts with 01 01 00 02 after the HTTP header.
      if (!dropped && chunk.includes(Buffer.from([1, 1, 0, 2]))) printJobSent = true;
      cups.write(chunk);
    });
    cups.on('data', (chunk: Buffer) => {
      if (printJobSent && !dropped) {
        dropped = true;
        client.destroy();
        cups.destroy();
        return;
      }
      client.write(chunk);
    });
    client.on('error', () => cups.destroy());
    cups.on('error', () => client.destroy());
    client.on('close', () => cups.destroy());
    cups.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  // Closing the relay ends the keep-alive connections too, instead of waiting for them to time out.
  const close = server.close.bind(server);
  return Object.assign(server, {
    close: (callback?: (error?: Error) => void) => {
      sockets.forEach((socket) => socket.destroy());
      return close(callback);
    },
  });
}
