// `npm run bench`: prints the cabin's figures (they are measured, not asserted):
//   - controller start to ready in browser mode (target under 1 s here);
//   - session end to ready for the next patient (target under 500 ms);
//   - controller heap after 500 simulated sessions against after 20 (target growth under 5 %);
//   - each device codec's decode rate, the oximeter's CPU at 75 frames/s (target under 2 %), and the
//     latency from a result frame's last byte to the session view (target median under 20 ms);
//   - the Carte Vitale read: insertion to beneficiaries, the card's APDU time and ours (target < 50 ms);
//   - a card payment over Caisse-AP on TCP: our time per transaction beside the terminal's (target < 20 ms);
//   - a one-page PDF to its job completed on a private cupsd's test backend (target < 1 s);
//   - the platform's signaling capacity: concurrent calls before its p95 message latency passes 100 ms;
//   - the platform's rendering of an ordonnance to PDF (5 lines, QR code, DejaVu Sans);
//   - a staff PIN check at the production scrypt cost, and a brute force of the attendant's PIN over
//     the API (PINs checked before the lock, time to try them all);
//   - a soak of 3,000 sessions with random faults and patients: stuck sessions, timers pending, heap growth;
//   - the professional accepting the call to the first remote video frame on the cabin (target < 1.5 s),
//     with real Chromium media inside a loopback network namespace (video-benchmark.ts);
//   - the stethoscope's low tones after 20 s through WebRTC in Opus's voice mode, its music mode and with
//     voice processing, and the burst's delay through the loop (stethoscope-benchmark.ts);
//   - the professional's request to the instrument's first frame at the console (target < 1 s) and the
//     stethoscope's delay from cabin to console (instrument-benchmark.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { defaultConfig } from '../../main/config';
import { runBrowserMode } from '../../main/browser-mode';
import { DISCARDING_LOG } from '../../main/test-support/discarding-log';
import { bootSimulatedCabin } from '../support/simulated-cabin';
import { cleanBetweenPatients, walkOneSession } from '../support/patient-robot';
import { benchmarkCardRead } from './card-benchmark';
import { benchmarkDevices } from './device-benchmark';
import { benchmarkOrdonnancePdf } from './document-pdf-benchmark';
import { benchmarkPayment } from './payment-benchmark';
import { benchmarkHidCodecs } from './hid-benchmark';
import { benchmarkResultLatency } from './latency-benchmark';
import { benchmarkPrinting } from './print-benchmark';
import { benchmarkSignalingCapacity } from './signaling-benchmark';
import { benchmarkSoak } from './soak-benchmark';
import { benchmarkStaffAccess } from './staff-benchmark';
import { spawn } from 'node:child_process';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const ms = (value: number): string => `${value.toFixed(1)} ms`;

async function startToReady(runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const directory = mkdtempSync(join(tmpdir(), 'cabine-bench-'));
    const begin = performance.now();
    const defaults = defaultConfig(directory);
    const cabin = await runBrowserMode(
      { ...defaults, platform: { ...defaults.platform, kind: 'simulated' } },
      resolve(import.meta.dirname, '../../dist/renderer'),
    );
    times.push(performance.now() - begin);
    await cabin.stop();
    rmSync(directory, { recursive: true, force: true });
  }
  return times;
}

// `npm start` as a technician sees it: a new process, TypeScript loaded by tsx, until the URL is printed.
async function coldStartToUrl(runs: number): Promise<number[]> {
  const times: number[] = [];
  const root = resolve(import.meta.dirname, '../..');
  for (let i = 0; i < runs; i += 1) {
    const directory = mkdtempSync(join(tmpdir(), 'cabine-bench-'));
    const configFile = join(directory, 'config.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        dataDirectory: join(directory, 'data'),
        logDirectory: join(directory, 'logs'),
        platform: { localPort: 0 },
      }),
    );
    const begin = performance.now();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'main/start.ts', '--no-browser', '--browser-mode', '--config', configFile],
      {
        cwd: root,
        // The local platform's operation log goes to stderr: not part of the figures.
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    await new Promise<void>((done, fail) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('open the cabin once at')) done();
      });
      child.on('exit', () => fail(new Error(`start exited early: ${output}`)));
    });
    times.push(performance.now() - begin);
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
    rmSync(directory, { recursive: true, force: true });
  }
  return times;
}

async function endToReady(runs: number): Promise<number[]> {
  const cabin = await bootSimulatedCabin();
  const times: number[] = [];
  const { controller, clock, stepMs } = cabin;
  for (let i = 0; i < runs; i += 1) {
    cleanBetweenPatients(controller);
    controller.server.startSession({ locale: 'fr', accessibility: { largeText: false, readAloud: false } });
    controller.server.act({ type: 'patient.next' });
    controller.server.act({ type: 'patient.consent', presence: 'alone', attendantStays: false });
    // The card is read, then the simulated patient takes it back (no session starts on a card left in).
    for (let step = 0; step < 8; step += 1) clock.increment(stepMs);
    const ready = new Promise<number>((done) => {
      const stop = controller.onEvent((event) => {
        if (event.type === 'view.changed' && event.view.phase === 'ready') {
          stop();
          done(performance.now());
        }
      });
    });
    const begin = performance.now();
    controller.server.act({ type: 'patient.quit' });
    times.push((await ready) - begin);
  }
  await cabin.dispose();
  return times;
}

async function heapGrowth(
  warmSessions: number,
  totalSessions: number,
): Promise<{ warm: number; total: number }> {
  const cabin = await bootSimulatedCabin(100, DISCARDING_LOG);
  const heapNow = (): number => {
    collectGarbage();
    collectGarbage();
    return process.memoryUsage().heapUsed;
  };
  let warm = 0;
  for (let i = 1; i <= totalSessions; i += 1) {
    await walkOneSession(cabin.controller, cabin.clock, cabin.stepMs);
    if (i === warmSessions) warm = heapNow();
  }
  const total = heapNow();
  await cabin.dispose();
  return { warm, total };
}

// The media benchmarks need their own network namespace: each runs as a child process that prints its lines.
function mediaBenchmark(file: string): Promise<number> {
  const root = resolve(import.meta.dirname, '../..');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/support/in-loopback-namespace.ts', process.execPath, '--import', 'tsx', file],
    { cwd: root, stdio: 'inherit' },
  );
  return new Promise((done) => child.once('exit', (code) => done(code ?? 1)));
}

async function main(): Promise<void> {
  process.stdout.write('Cabine benchmarks (foundation)\n');
  const start = await startToReady(10);
  process.stdout.write(
    `controller start to ready (browser mode, in process, 10 runs): median ${ms(median(start))}, max ${ms(Math.max(...start))} (target < 1000 ms)\n`,
  );
  const cold = await coldStartToUrl(3);
  process.stdout.write(
    `npm start, new process to the cabin's URL (tsx, 3 runs): median ${ms(median(cold))}, max ${ms(Math.max(...cold))}\n`,
  );
  const end = await endToReady(30);
  process.stdout.write(
    `session end to ready for the next patient (30 runs): median ${ms(median(end))}, max ${ms(Math.max(...end))} (target < 500 ms)\n`,
  );
  const began = performance.now();
  const heap = await heapGrowth(20, 500);
  const growth = ((heap.total - heap.warm) / heap.warm) * 100;
  process.stdout.write(
    `controller heap: ${(heap.warm / 1e6).toFixed(2)} MB after 20 sessions, ${(heap.total / 1e6).toFixed(2)} MB after 500 ` +
      `(growth ${growth.toFixed(2)} %, target < 5 %; ${((performance.now() - began) / 500).toFixed(1)} ms a simulated session)\n`,
  );
  // Each benchmark's lines are printed as soon as it is done.
  for (const benchmark of [
    benchmarkDevices,
    benchmarkHidCodecs,
    benchmarkResultLatency,
    benchmarkCardRead,
    benchmarkPayment,
    benchmarkPrinting,
    benchmarkSignalingCapacity,
    benchmarkOrdonnancePdf,
    benchmarkStaffAccess,
    benchmarkSoak,
  ]) {
    for (const line of await benchmark()) process.stdout.write(`${line}\n`);
  }
  let failed = 0;
  for (const file of [
    'test/bench/video-benchmark.ts',
    'test/bench/stethoscope-benchmark.ts',
    'test/bench/instrument-benchmark.ts',
  ]) {
    failed ||= await mediaBenchmark(file);
  }
  process.exit(failed);
}

void main();
