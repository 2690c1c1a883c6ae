// A private pcscd for the integration tests (MACHINE.md, "PC/SC: real pcscd with a virtual card"):
// started in the foreground, ready when it says "daemon ready", stopped by its pid, its /run files removed.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';

/** Why the PC/SC integration tests cannot run here, or null when pcscd and the vpcd driver are installed. */
export function pcscdMissing(): string | null {
  if (!existsSync('/usr/sbin/pcscd')) return 'pcscd is not installed (apt-get install pcscd)';
  if (!existsSync('/usr/lib/pcsc/drivers/serial/libifdvpcd.so'))
    return 'vpcd is not installed (apt-get install vsmartcard-vpcd)';
  return null;
}

/** One running pcscd, started by a test. */
export class PcscdProcess {
  private child: ChildProcess | null = null;

  /** Starts pcscd and resolves once it is ready; throws if it does not get ready in 5 s. */
  async start(): Promise<void> {
    removeRunFiles();
    const child = spawn('pcscd', ['-f', '-i'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`pcscd not ready after 5 s:\n${output}`)), 5000);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        if (output.includes('daemon ready')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`pcscd exited (${String(code)}):\n${output}`));
      });
    });
  }

  /** Stops pcscd with `signal` (SIGKILL to simulate a crash), waits for its exit, removes its /run files. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child !== null && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    // A pcscd killed with -9 will not start again while these exist (MACHINE.md).
    removeRunFiles();
  }
}

function removeRunFiles(): void {
  rmSync('/run/pcscd/pcscd.comm', { force: true });
  rmSync('/run/pcscd/pcscd.pid', { force: true });
}
