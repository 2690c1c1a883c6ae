// `npm run diag -- printer` and `npm run diag -- print <file.pdf>`: the technician's view of the CUPS
// printer the cabin uses (CUPS_SERVER, PRINTER or the default destination, or --server/--destination).
// `printer` prints one JSON line (queue, condition, reasons, queued jobs); `print` prints a file and
// waits for the job's end: exit 0 when printed, else the reason on stderr, always within 60 s.
import { readFile } from 'node:fs/promises';
import { systemClock } from '../../contract';
import { CupsPrintQueue } from '../../drivers/printing/cups-print-queue';
import { cupsServerFrom, destinationFrom } from '../../drivers/printing/ipp-client';
import type { DiagCommand } from './diag-command';

/** Exit codes of the printer commands. */
export const PRINTER_EXIT = { ok: 0, failed: 1, usage: 2, notReady: 3 } as const;

/** How long `print` waits for the job's end; the whole command ends within 60 s. */
const PRINT_TIMEOUT_MS = 45_000;
const COMMAND_LIMIT_MS = 55_000;

/** The value after `flag` in `args`, or undefined. */
function option(args: readonly string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  return index === -1 ? undefined : args[index + 1];
}

function queueFor(args: readonly string[], jobTimeoutMs = PRINT_TIMEOUT_MS): CupsPrintQueue {
  const server = cupsServerFrom(option(args, '--server'));
  const destination = destinationFrom(option(args, '--destination'));
  return new CupsPrintQueue({ server, destination, jobTimeoutMs }, systemClock);
}

/** The `printer` diagnostic command. */
export const printerCommand: DiagCommand = {
  usage:
    'printer [--server <s>] [--destination <queue>]   the CUPS printer: state, reasons, queued jobs (JSON)',
  async run(args) {
    const queue = queueFor(args);
    const report = await queue.report();
    const jobs = await queue.queuedJobs();
    process.stdout.write(`${JSON.stringify({ ...report, jobs })}\n`);
    return report.condition === 'ready' || report.condition === 'lowPaper'
      ? PRINTER_EXIT.ok
      : PRINTER_EXIT.notReady;
  },
};

/** The `print` diagnostic command. */
export const printCommand: DiagCommand = {
  usage: 'print <file.pdf> [--server <s>] [--destination <queue>]   print a file and wait for its end',
  async run(args) {
    const path = args[0];
    if (path === undefined || path.startsWith('--')) {
      process.stderr.write('print: give the PDF file to print\n');
      return PRINTER_EXIT.usage;
    }
    let content: Buffer;
    try {
      content = await readFile(path);
    } catch (error) {
      process.stderr.write(
        `print: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      return PRINTER_EXIT.usage;
    }
    const contentType =
      content.subarray(0, 5).toString('latin1') === '%PDF-' ? 'application/pdf' : 'text/plain';
    const queue = queueFor(args);
    const controller = new AbortController();
    const limit = setTimeout(() => controller.abort(), COMMAND_LIMIT_MS);
    try {
      const result = await queue.print({ title: 'diag', contentType, content }, controller.signal);
      if (result.ok) {
        process.stderr.write('print: printed\n');
        return PRINTER_EXIT.ok;
      }
      const detail = result.error.detail ? ` (${result.error.detail})` : '';
      process.stderr.write(`print: not printed: ${result.error.code}${detail}\n`);
      return PRINTER_EXIT.failed;
    } finally {
      clearTimeout(limit);
    }
  },
};
