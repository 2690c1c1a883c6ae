// A whole session in the cabin printing through a private cupsd: the prescription comes out of the
// printer, the patient's failure screen names the printer's trouble, and after the session nothing of
// the document is left, neither in CUPS's spool nor in the cabin's data folder (read byte by byte).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, type DocumentsScreen } from '../../../contract';
import { happyScript } from '../../../devices/simulated/simulation-script';
import { CupsPrintQueue } from '../../../drivers/printing/cups-print-queue';
import { defaultConfig } from '../../../main/config';
import { createController, type RunningController } from '../../../main/controller';
import { createSimulatedPeripherals } from '../../../main/peripherals';
import { alertingPrinter } from '../../../main/printer-for-config';
import { MemoryOperationLog } from '../../../main/test-support/memory-operation-log';
import { ManualClock } from '../../support/manual-clock';
import { cleanBetweenPatients, cooperativeAction, viewOf } from '../../support/patient-robot';
import { privateCupsMissing, startPrivateCups, type PrivateCups } from '../../support/private-cups';
import { skipWithout } from '../../support/real-stack';

const MISSING = privateCupsMissing();
const SKIPPED = skipWithout(MISSING);
const TITLE = `a session printing through a private cupsd${MISSING ? ` (skipped: ${MISSING})` : ''}`;
const STEP_MS = 100;

/** The line of the simulated platform's prescription, as bytes the checks look for. */
const PRESCRIPTION_LINE = Buffer.from('Paracétamol 1 g, 3 fois par jour', 'utf8');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe.skipIf(SKIPPED).sequential(TITLE, { timeout: 60_000 }, () => {
  let cups: PrivateCups;
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    cups = await startPrivateCups();
    cups.addPrinter('cabine', 'print');
    cups.addPrinter('empty', 'outOfPaper');
  });
  afterAll(async () => {
    await cups?.stop();
  });
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  async function cabinPrintingOn(
    destination: string,
    jobTimeoutMs = 20_000,
  ): Promise<{ controller: RunningController; clock: ManualClock; data: string; log: MemoryOperationLog }> {
    const directory = mkdtempSync(join(tmpdir(), 'cabine-print-session-'));
    const clock = new ManualClock(Date.UTC(2026, 0, 12, 9, 0, 0));
    const config = {
      ...defaultConfig(directory),
      simulation: { stepMs: STEP_MS, callMs: 1_000, byteLevelDevices: false, cardReader: 'domain' as const },
    };
    mkdirSync(config.dataDirectory, { recursive: true });
    const simulated = createSimulatedPeripherals(happyScript(STEP_MS), clock, 1_000);
    // The printer keeps real time: cupsd and its backend do.
    const log = new MemoryOperationLog(clock);
    const queue = new CupsPrintQueue(
      { server: { kind: 'socket', path: cups.socket }, destination, jobTimeoutMs, pollMs: 50 },
      systemClock,
    );
    const { printer, watchChanges } = alertingPrinter(queue, log);
    const controller = createController({
      config,
      clock,
      peripherals: { ...simulated, printer, watchChanges },
      log,
    });
    await controller.booted;
    stops.push(async () => {
      await controller.stop();
      rmSync(directory, { recursive: true, force: true });
    });
    return { controller, clock, data: config.dataDirectory, log };
  }

  /**
   * Walks one session like the patient robot; while the documents print, real time passes (cupsd's),
   * not the manual clock. Answers the documents screens seen.
   */
  async function walk(controller: RunningController, clock: ManualClock): Promise<DocumentsScreen[]> {
    const documents: DocumentsScreen[] = [];
    cleanBetweenPatients(controller);
    const started = controller.server.startSession({
      locale: 'fr',
      accessibility: { largeText: false, readAloud: false },
    });
    if (!started.ok) throw new Error('the session did not start');
    for (let tick = 0; tick < 4_000; tick += 1) {
      const view = viewOf(controller);
      if (view.phase === 'ready' && tick > 0) return documents;
      const screen = view.session?.screen;
      if (screen?.step === 'documents' && documents.at(-1)?.stage !== screen.stage) documents.push(screen);
      const action = cooperativeAction(view);
      if (action) controller.server.act(action);
      else if (screen?.step === 'documents' && screen.stage === 'printing') {
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      } else clock.increment(STEP_MS);
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error('the session did not end');
  }

  it('prints the prescription, then nothing of it stays in the spool or in the data folder', async () => {
    const { controller, clock, data } = await cabinPrintingOn('cabine');
    const before = cups.printedFiles().length;
    const screens = await walk(controller, clock);
    expect(screens.map((s) => s.stage)).toEqual(['review', 'printing', 'printed']);
    const printed = cups.printedFiles().slice(before);
    expect(printed).toHaveLength(1);
    expect(readFileSync(printed[0]!).includes(PRESCRIPTION_LINE)).toBe(true);
    for (const path of [...filesUnder(cups.spool), ...filesUnder(data)]) {
      expect(readFileSync(path).includes(PRESCRIPTION_LINE), path).toBe(false);
    }
    expect(filesUnder(cups.spool).filter((path) => /\/[cd]\d+/.test(path))).toEqual([]);
  });

  it('shows the patient that the printer is out of paper, shows the attendant a faulty printer, and keeps no job', async () => {
    const { controller, clock } = await cabinPrintingOn('empty');
    expect(viewOf(controller).peripherals).toContainEqual({ peripheral: 'printer', state: 'ok' });
    const screens = await walk(controller, clock);
    expect(screens.at(-1)).toMatchObject({ stage: 'printFailed', failure: 'printer.outOfPaper' });
    expect(viewOf(controller).peripherals).toContainEqual({ peripheral: 'printer', state: 'faulty' });
    expect(cups.run('lpstat', ['-W', 'all', '-o'])).toBe('');
  });

  it.each([
    ['a paper jam', 'jam', [], 'printer.jammed'],
    [
      'a printer that does not answer',
      'offline',
      ['-o', 'printer-error-policy=abort-job'],
      'printer.offline',
    ],
    ['a queue that refuses jobs', 'reject', [], 'printer.notAccepting'],
    ['a job that does not end in time', 'slow', [], 'printer.timeout'],
  ] as const)(
    '%s: the patient is told with its code, the attendant is alerted, and no job stays',
    async (_, mode, options, code) => {
      const name = `session-${mode}`;
      cups.addPrinter(name, mode === 'reject' ? 'print' : mode, options);
      if (mode === 'reject') cups.run('cupsreject', [name]);
      const { controller, clock, log } = await cabinPrintingOn(name, 2_000);
      const screens = await walk(controller, clock);
      expect(screens.at(-1)).toMatchObject({ stage: 'printFailed', failure: code });
      // The attendant's alert: the failed job in the log (never the document), and the printer
      // checked again for the panel and the attendant page.
      expect(log.records()).toContainEqual(expect.objectContaining({ event: 'printer.jobFailed', code }));
      expect(cups.run('lpstat', ['-W', 'all', '-o'])).toBe('');
    },
  );
});
