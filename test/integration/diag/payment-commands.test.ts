// `npm run diag -- terminal | pay` end to end: the command runs as its own process and talks Caisse-AP over
// TCP to the terminal simulator running in this process on 127.0.0.1 (a port the system chose).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../contract';
import {
  CaisseApSimulator,
  SIMULATED_MASKED_PAN,
  type CaisseApSimulatedOutcome,
} from '../../../devices/caisse-ap';
import { listenTcp } from '../../../drivers/tcp/tcp-link';
import { PAYMENT_EXIT } from '../../../main/diag/payment-commands';

const ROOT = join(import.meta.dirname, '../../..');

interface DiagRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

describe.sequential('npm run diag -- terminal | pay', { timeout: 30_000 }, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function runDiag(...args: string[]): Promise<DiagRun> {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'main/diag/diag.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    cleanups.push(async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      return Promise.resolve();
    });
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  }

  async function terminalPlaying(
    outcome: CaisseApSimulatedOutcome,
  ): Promise<{ port: number; simulator: CaisseApSimulator }> {
    const simulator = new CaisseApSimulator(systemClock, { answerDelayMs: 50, outcome: () => outcome });
    const listening = await simulator.listen({ host: '127.0.0.1', port: 0 });
    if (!listening.ok) throw new Error(listening.error.code);
    cleanups.push(() => simulator.stop());
    return { port: listening.value.port, simulator };
  }

  async function freePort(): Promise<number> {
    const listening = await listenTcp({ host: '127.0.0.1', port: 0 }, () => undefined);
    if (!listening.ok) throw new Error(listening.error.code);
    await listening.value.close();
    return listening.value.port;
  }

  it('terminal: reachable, the protocol version, one JSON line, exit 0', async () => {
    const { port } = await terminalPlaying('approved');
    const run = await runDiag('terminal', '--host', '127.0.0.1', '--port', String(port));
    expect(run.code).toBe(PAYMENT_EXIT.ok);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      host: '127.0.0.1',
      port,
      reachable: true,
      protocol: 'caisseAp',
      protocolVersion: '0300',
    });
  });

  it('terminal: nothing listening is unreachable, exit 3', async () => {
    const run = await runDiag('terminal', '--host', '127.0.0.1', '--port', String(await freePort()));
    expect(run.code).toBe(PAYMENT_EXIT.unreachable);
    expect(JSON.parse(run.stdout)).toMatchObject({ reachable: false, code: 'link.refused' });
  });

  it('pay: approved, its answer without any card number, the amount on the wire, exit 0', async () => {
    const { port, simulator } = await terminalPlaying('approved');
    const run = await runDiag('pay', '--amount', '23.50', '--host', '127.0.0.1', '--port', String(port));
    expect(run.code).toBe(PAYMENT_EXIT.ok);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      outcome: 'approved',
      amountCents: 2350,
      cardType: 'CB',
    });
    expect(run.stdout + run.stderr).not.toContain(SIMULATED_MASKED_PAN);
    expect(run.stdout + run.stderr).not.toContain('0042');
    const sent = simulator.received[0]?.fields.find((field) => field.tag === 'CB');
    expect(sent?.value).toBe('2350');
  });

  it.each([
    ['declined', 'payment.declined', PAYMENT_EXIT.refused],
    ['garbled', 'payment.garbled', PAYMENT_EXIT.garbled],
    ['dropAfterApproval', 'payment.answerLost', PAYMENT_EXIT.noAnswer],
  ] as const)('pay: %s answers %s, exit %i', async (outcome, code, exit) => {
    const { port } = await terminalPlaying(outcome);
    const run = await runDiag('pay', '--amount', '5', '--host', '127.0.0.1', '--port', String(port));
    expect(run.code).toBe(exit);
    expect(JSON.parse(run.stdout)).toMatchObject({ outcome: code, amountCents: 500 });
  });

  it('pay: the terminal unreachable, exit 3 at once', async () => {
    const run = await runDiag(
      'pay',
      '--amount',
      '5',
      '--host',
      '127.0.0.1',
      '--port',
      String(await freePort()),
    );
    expect(run.code).toBe(PAYMENT_EXIT.unreachable);
    expect(JSON.parse(run.stdout)).toMatchObject({ outcome: 'payment.unreachable' });
  });

  it.each([
    [['pay', '--amount', 'abc'], '--amount must be euros'],
    [['pay', '--amount', '-3'], '--amount must be euros'],
    [['pay', '--amount', '1e9'], '--amount must be euros'],
    [['pay', '--amount', '0'], '--amount must be euros'],
    [['pay'], '--amount must be euros'],
    [['pay', '--amount', '5', '--port', '70000'], '--port must be a whole number from 1 to 65535'],
    [['terminal', '--port', 'abc'], '--port must be a whole number from 1 to 65535'],
  ])('%j: a clear usage message, exit 2', async (args, message) => {
    const run = await runDiag(...args);
    expect(run.code).toBe(PAYMENT_EXIT.usage);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });
});
