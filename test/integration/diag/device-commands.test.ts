// `npm run diag -- list | read | monitor` end to end: the command runs as its own process on one end of
// a socat pseudo-terminal pair, the model's simulator runs in this process on the other end.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../contract';
import { mtSicsModel, noninDf2Model } from '../../../devices/catalog';
import { MtSicsSimulator } from '../../../devices/mt-sics';
import { NoninDf2Simulator } from '../../../devices/nonin-df2';
import type { ByteLink } from '../../../drivers/byte-link';
import { openSerialLink, type SerialLineSettings } from '../../../drivers/serial';
import { skipWithout } from '../../support/real-stack';
import { until } from '../../support/until';

const ROOT = join(import.meta.dirname, '../../..');
const SOCAT_MISSING = spawnSync('socat', ['-V']).error !== undefined;
const SKIPPED = skipWithout(SOCAT_MISSING ? 'socat is not installed' : null);
const TITLE = `npm run diag -- list | read | monitor${SOCAT_MISSING ? ' (skipped: socat is not installed)' : ''}`;

/** What a finished diag process said and how long it took. */
interface DiagRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

describe.skipIf(SKIPPED).sequential(TITLE, { timeout: 20_000 }, () => {
  // Everything a test starts, undone after it whatever happened.
  const cleanups: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  // A pseudo-terminal pair: `a` for the diag command, `b` for the simulator (or for nobody).
  async function ptyPair(): Promise<{ a: string; b: string }> {
    const dir = await mkdtemp(join(tmpdir(), 'cabine-diag-'));
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    const socat = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
      stdio: 'ignore',
    });
    cleanups.push(async () => {
      await stop(socat, 'SIGTERM');
      await rm(dir, { recursive: true, force: true });
    });
    await until(() => existsSync(a) && existsSync(b), 3000);
    return { a, b };
  }

  async function deviceEnd(path: string, settings: SerialLineSettings): Promise<ByteLink> {
    const link = await openSerialLink(path, settings, systemClock);
    if (!link.ok) throw new Error(`cannot open the simulator's end: ${link.error.code}`);
    cleanups.push(() => link.value.close());
    return link.value;
  }

  // Starts `diag.ts` as the technician would; `stdout()` is what it printed so far.
  function startDiag(args: readonly string[]): {
    child: ChildProcess;
    stdout: () => string;
    done: Promise<DiagRun>;
  } {
    const startedAt = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/diag/diag.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const done = new Promise<DiagRun>((resolve) =>
      child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - startedAt })),
    );
    cleanups.push(() => stop(child, 'SIGKILL'));
    return { child, stdout: () => stdout, done };
  }

  const runDiag = (...args: string[]): Promise<DiagRun> => startDiag(args).done;

  // A Nonin oximeter streaming on `path` (the simulator's end of a pair), switched off after the test.
  async function oximeterOn(path: string): Promise<NoninDf2Simulator> {
    const simulator = new NoninDf2Simulator(await deviceEnd(path, noninDf2Model.serial), systemClock);
    cleanups.push(() => Promise.resolve(simulator.stop()));
    return simulator;
  }

  it('reads the oximeter: one JSON line with SpO2 and pulse, exit 0', async () => {
    const { a, b } = await ptyPair();
    (await oximeterOn(b)).setScenario({ spo2: 95, heartRate: 64 });
    const run = await runDiag('read', '--model', 'nonin-df2', '--port', a);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      model: 'nonin-df2',
      port: a,
      kind: 'oxygenSaturation',
      quantities: [
        { name: 'spo2', value: 95, unit: '%' },
        { name: 'pulse', value: 64, unit: 'bpm' },
      ],
      flags: {
        stages: ['fingerDetected', 'keepStill'],
        status: {
          sensorDisconnected: false,
          artifact: false,
          outOfTrack: false,
          sensorAlarm: false,
          perfusion: 'good',
        },
      },
    });
  });

  it('reads the MT-SICS scale: one JSON line with the weight in kg, exit 0', async () => {
    const { a, b } = await ptyPair();
    const simulator = new MtSicsSimulator(await deviceEnd(b, mtSicsModel.serial));
    simulator.setScenario({ weightKg: 81.25 });
    const run = await runDiag('read', '--model', 'mt-sics', '--port', a);
    expect(run.code).toBe(0);
    const line = JSON.parse(run.stdout.trim()) as { quantities: unknown; flags: { stages: unknown } };
    expect(line.quantities).toEqual([{ name: 'weight', value: 81.25, unit: 'kg' }]);
    expect(line.flags.stages).toEqual(['stepOnScale', 'keepStill']);
  });

  it('refuses an unknown model with exit 2 and lists the valid ids', async () => {
    const run = await runDiag('read', '--model', 'no-such-model', '--port', '/dev/null');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('unknown model "no-such-model"');
    for (const id of ['nonin-df2', 'mt-sics', 'omron-hem7322u']) expect(run.stderr).toContain(id);
  });

  it('says the port is missing, non-zero within 15 s (serial and HID models)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cabine-diag-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    for (const model of ['nonin-df2', 'omron-hem7322u']) {
      expectGaveUp(
        await runDiag('read', '--model', model, '--port', join(dir, 'ttyUSB9')),
        3,
        'no such port',
      );
    }
  });

  it('gives up on a silent device: non-zero within 15 s, "did not answer" on stderr', async () => {
    const { a } = await ptyPair();
    const run = await runDiag('read', '--model', 'nonin-df2', '--port', a);
    expectGaveUp(run, 4, 'the device did not answer');
  });

  it('stops at the overall deadline when the device talks but gives no value, non-zero within 15 s', async () => {
    const { a, b } = await ptyPair();
    (await oximeterOn(b)).misbehave('noFinger');
    const run = await runDiag('read', '--model', 'nonin-df2', '--port', a);
    expectGaveUp(run, 4, '"sensorDisconnected":true');
  });

  it('monitors the oximeter live, one JSON line a packet, and exits 0 on SIGTERM', async () => {
    const { a, b } = await ptyPair();
    await oximeterOn(b);
    const started = startDiag(['monitor', '--model', 'nonin-df2', '--port', a]);
    await until(() => started.stdout().split('\n').length > 3, 10_000);
    started.child.kill('SIGTERM');
    const run = await started.done;
    expect(run.code).toBe(0);
    const frames = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { atMs: number; frame: { type: string; spo2: number } });
    expect(frames.length).toBeGreaterThanOrEqual(3);
    for (const { atMs, frame } of frames) {
      expect(atMs).toBeTypeOf('number');
      expect(frame).toMatchObject({ type: 'packet', spo2: 97, heartRate: 72 });
    }
  });

  it('monitor refuses an unknown model and a missing port like read', async () => {
    expect((await runDiag('monitor', '--model', 'nope', '--port', '/dev/null')).code).toBe(2);
    const missing = await runDiag('monitor', '--model', 'nonin-df2', '--port', '/nonexistent/ttyUSB0');
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('no such port');
  });

  it('lists the devices found (pseudo-terminals are not listed) and exits 0', async () => {
    const run = await runDiag('list');
    expect(run.code).toBe(0);
    for (const line of run.stdout.split('\n').filter((l) => l !== '')) {
      expect(JSON.parse(line)).toMatchObject({
        path: expect.any(String) as unknown,
        transport: expect.any(String) as unknown,
      });
    }
    if (run.stdout === '') expect(run.stderr).toContain('no serial port');
  });
});

// A read that gave up as a technician sees it: exit `code` within 15 s, `why` on stderr, nothing on stdout.
function expectGaveUp(run: DiagRun, code: number, why: string): void {
  expect(run.code).toBe(code);
  expect(run.ms).toBeLessThan(15_000);
  expect(run.stderr).toContain(why);
  expect(run.stdout).toBe('');
}

// Ends a child process (if still running) and waits for it to be gone.
async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await gone;
}
