// `npm run diag -- printer | print` end to end, as the technician runs them, on a private cupsd.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onePagePdf } from '../../support/one-page-pdf';
import { privateCupsMissing, startPrivateCups, type PrivateCups } from '../../support/private-cups';
import { skipWithout } from '../../support/real-stack';

const ROOT = join(import.meta.dirname, '../../..');
const MISSING = privateCupsMissing();
const SKIPPED = skipWithout(MISSING);
const TITLE = `npm run diag -- printer | print${MISSING ? ` (skipped: ${MISSING})` : ''}`;

/** What a finished diag process said, and how long it took. */
interface DiagRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

describe.skipIf(SKIPPED).sequential(TITLE, { timeout: 70_000 }, () => {
  let cups: PrivateCups;

  beforeAll(async () => {
    cups = await startPrivateCups();
    cups.addPrinter('cabine', 'print');
    cups.addPrinter('stopped', 'print');
    cups.run('cupsdisable', ['stopped']);
  });
  afterAll(async () => {
    await cups?.stop();
  });

  function diag(args: readonly string[], env: Record<string, string> = {}): Promise<DiagRun> {
    const startedAt = Date.now();
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'main/diag/diag.ts', ...args],
        { cwd: ROOT, env: { ...process.env, CUPS_SERVER: cups.socket, ...env } },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr, ms: Date.now() - startedAt }),
      );
    });
  }

  it('prints the printer of PRINTER as one JSON line: state, reasons, queued jobs', async () => {
    const run = await diag(['printer'], { PRINTER: 'cabine' });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      queue: 'cabine',
      condition: 'ready',
      reasons: ['none'],
      jobs: [],
    });
    const stopped = await diag(['printer', '--destination', 'stopped']);
    expect(stopped.code).toBe(3);
    expect(JSON.parse(stopped.stdout)).toMatchObject({ queue: 'stopped', condition: 'offline' });
  });

  it('prints a PDF and exits 0 once it is out; a stopped printer exits non-zero at once with the reason', async () => {
    const file = join(cups.dir, 'test-page.pdf');
    writeFileSync(file, onePagePdf('Page de test de la cabine'));
    const before = cups.printedFiles().length;
    const printed = await diag(['print', file, '--destination', 'cabine']);
    expect(printed).toMatchObject({ code: 0, stderr: 'print: printed\n' });
    expect(cups.printedFiles().length - before).toBe(1);
    const refused = await diag(['print', file, '--destination', 'stopped']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('printer.offline');
    expect(refused.ms).toBeLessThan(60_000);
  });
});
