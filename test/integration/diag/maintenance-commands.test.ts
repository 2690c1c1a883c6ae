// `npm run diag -- calibrate | records` end to end: the command runs as its own process on one end of a
// socat pseudo-terminal pair, its stdin a script of the reference's readings, the device's simulator in
// this process on the other end (the thermometer; the tensiometer in manometer mode, its cuff pumped as
// each prompt asks); the register is the store of a --config file.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock, type MaintenanceRecord } from '../../../contract';
import { BleThermometerGatewaySimulator } from '../../../devices/ble-thermometer-gateway';
import { bleThermometerGatewayModel, nibpAsciiModel } from '../../../devices/catalog';
import { NibpAsciiSimulator } from '../../../devices/nibp-ascii';
import { openSerialLink } from '../../../drivers/serial';
import { skipWithout } from '../../support/real-stack';
import { until } from '../../support/until';

const ROOT = join(import.meta.dirname, '../../..');
const SOCAT_MISSING = spawnSync('socat', ['-V']).error !== undefined;
const SKIPPED = skipWithout(SOCAT_MISSING ? 'socat is not installed' : null);
const TITLE = `npm run diag -- calibrate | records${SOCAT_MISSING ? ' (skipped: socat is not installed)' : ''}`;

interface DiagRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

describe.skipIf(SKIPPED).sequential(TITLE, { timeout: 30_000 }, () => {
  const cleanups: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  // A folder with a pseudo-terminal pair (`a` for the command, `b` for the simulator) and a config file.
  async function bench(): Promise<{ a: string; b: string; config: string }> {
    const dir = await mkdtemp(join(tmpdir(), 'cabine-calibrate-'));
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    const config = join(dir, 'cabin.json');
    writeFileSync(
      config,
      JSON.stringify({ dataDirectory: join(dir, 'data'), logDirectory: join(dir, 'logs') }),
    );
    const socat = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
      stdio: 'ignore',
    });
    cleanups.push(async () => {
      await stop(socat);
      await rm(dir, { recursive: true, force: true });
    });
    await until(() => existsSync(a) && existsSync(b), 3000);
    return { a, b, config };
  }

  async function thermometerOn(path: string, celsius: number): Promise<void> {
    const link = await openSerialLink(path, bleThermometerGatewayModel.serial, systemClock);
    if (!link.ok) throw new Error(`cannot open the simulator's end: ${link.error.code}`);
    const simulator = new BleThermometerGatewaySimulator(link.value, systemClock);
    simulator.setScenario({ celsius, takeMs: 100 });
    cleanups.push(async () => {
      simulator.stop();
      await link.value.close();
    });
  }

  // Runs `diag.ts` as the technician would, `input` piped on stdin.
  function runDiag(args: readonly string[], input = ''): Promise<DiagRun> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/diag/diag.ts', ...args], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(input);
    cleanups.push(() => stop(child));
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  }

  const calibrate = (a: string, config: string, input: string) =>
    runDiag(
      [
        'calibrate',
        '--model',
        'ble-thermometer-gateway',
        '--port',
        a,
        '--technician',
        'Camille Martin',
        '--reference',
        'Sonde Pt100; COFRAC 42',
        '--config',
        config,
      ],
      input,
    );

  it('passes a verification (exit 0), fails one (exit 6), and records lists both newest first', async () => {
    const { a, b, config } = await bench();
    await thermometerOn(b, 36.9);
    const passed = await calibrate(a, config, '\n36.9\n37.0\n36.8\n');
    expect(passed.code).toBe(0);
    expect(passed.stderr).toContain('Set the bath to about 35 °C');
    const record = JSON.parse(passed.stdout) as MaintenanceRecord;
    expect(record).toMatchObject({
      verdict: 'pass',
      technician: 'Camille Martin',
      modelId: 'ble-thermometer-gateway',
    });
    expect(passed.stdout.trim().split('\n')).toHaveLength(1);

    const failed = await calibrate(a, config, '\n36.9\n36.5\n36.9\n');
    expect(failed.code).toBe(6);
    expect((JSON.parse(failed.stdout) as MaintenanceRecord).verdict).toBe('fail');

    const listed = await runDiag(['records', '--model', 'ble-thermometer-gateway', '--config', config]);
    expect(listed.code).toBe(0);
    const lines = listed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as MaintenanceRecord);
    expect(lines.map((r) => r.verdict)).toEqual(['fail', 'pass']);
    expect(lines[1]?.id).toBe(record.id);
  });

  it(
    'verifies the tensiometer in manometer mode against the reference manometer, its leak over a minute',
    { timeout: 120_000 },
    async () => {
      const { a, b, config } = await bench();
      const link = await openSerialLink(b, nibpAsciiModel.serial, systemClock);
      if (!link.ok) throw new Error(`cannot open the simulator's end: ${link.error.code}`);
      const cuff = new NibpAsciiSimulator(link.value, systemClock);
      // The module reads 1 mmHg high: within ±3 mmHg at every point.
      cuff.setDeviceError('pressure', { offset: 1, gain: 1 });
      cleanups.push(() => link.value.close());
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'main/diag/diag.ts',
          'calibrate',
          '--model',
          'nibp-ascii',
          '--port',
          a,
          '--technician',
          'Camille Martin',
          '--reference',
          'Manomètre DPI 104; COFRAC 2026-0118',
          '--config',
          config,
        ],
        { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
      );
      cleanups.push(() => stop(child));
      let stdout = '';
      let stderr = '';
      let answered = 0;
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      // The technician: pumps the cuff to each pressure asked, reads the reference, types it.
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const prompts = stderr.split('\n> ').slice(0, -1);
        for (const prompt of prompts.slice(answered)) {
          answered += 1;
          const pump = /Bring the pressure to about (\d+) mmHg/.exec(prompt);
          if (pump !== null) {
            cuff.applyPressure(Number(pump[1]));
            child.stdin.write(`${pump[1]}\n`);
          } else if (prompt.includes('Leak test')) {
            cuff.applyPressure(150);
            cuff.setLeakRate(3);
            child.stdin.write('\n');
          } else child.stdin.write('\n');
        }
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(0);
      const record = JSON.parse(stdout) as MaintenanceRecord;
      expect(record).toMatchObject({ verdict: 'pass', modelId: 'nibp-ascii', peripheral: 'bloodPressure' });
      const pressures = record.points.filter((point) => point.quantity === 'pressure');
      expect(pressures.map((point) => [point.reference, point.reading])).toEqual([
        [250, 251],
        [200, 201],
        [150, 151],
        [100, 101],
        [50, 51],
        [0, 1],
      ]);
      // 3 mmHg a minute lost through the closed valve, measured by the module over the wait.
      const leak = record.points.find((point) => point.step === 'leak');
      expect(leak?.reading).toBeGreaterThan(2);
      expect(leak?.reading).toBeLessThan(4);
      expect(cuff.received).toContain('X');
    },
  );

  it('records prints nothing and exits 0 on an empty register', async () => {
    const { config } = await bench();
    const listed = await runDiag(['records', '--config', config]);
    expect(listed).toMatchObject({ code: 0, stdout: '' });
  });

  it('says the port is missing with exit 3, and an unknown model with exit 2', async () => {
    const { config } = await bench();
    const missing = await runDiag([
      'calibrate',
      '--model',
      'mt-sics',
      '--port',
      '/nonexistent/ttyUSB0',
      '--config',
      config,
    ]);
    expect(missing.code).toBe(3);
    const unknown = await runDiag([
      'calibrate',
      '--model',
      'nope',
      '--port',
      '/dev/null',
      '--config',
      config,
    ]);
    expect(unknown.code).toBe(2);
  });
});

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await gone;
}
