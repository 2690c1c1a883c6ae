// A pair of pseudo-terminals joined by socat for the serial integration tests (MACHINE.md, "Serial: real
// serialport on pseudo-terminals"): one end for the device, one for its simulator. Killing socat is
// pulling the cable; starting it again on the same link paths is plugging the device back in.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Why the serial integration tests cannot run here, or null when socat is installed. */
export function socatMissing(): string | null {
  const found = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  return found.error === undefined ? null : 'socat is not installed (apt-get install socat)';
}

/** Two joined pseudo-terminals named by stable links in a folder: `<name>-device` and `<name>-simulator`. */
export class SocatPtyPair {
  /** The link the device opens. */
  readonly devicePath: string;
  /** The link the simulator opens. */
  readonly simulatorPath: string;
  private child: ChildProcess | null = null;

  constructor(directory: string, name: string) {
    this.devicePath = join(directory, `${name}-device`);
    this.simulatorPath = join(directory, `${name}-simulator`);
  }

  /** Starts socat and resolves once both links name a live pseudo-terminal; throws after 5 s. */
  async start(): Promise<void> {
    if (this.child !== null) throw new Error('socat is already running for this pair');
    // Links left by a socat killed with -9 point at vanished ptys: remove them before plugging in again.
    rmSync(this.devicePath, { force: true });
    rmSync(this.simulatorPath, { force: true });
    const child = spawn(
      'socat',
      ['-d', '-d', `pty,raw,echo=0,link=${this.devicePath}`, `pty,raw,echo=0,link=${this.simulatorPath}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.child = child;
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 5000;
    // existsSync follows the links: true only once each names an existing /dev/pts node.
    while (!existsSync(this.devicePath) || !existsSync(this.simulatorPath)) {
      if (child.exitCode !== null || Date.now() > deadline) {
        await this.kill();
        throw new Error(`socat did not make its pseudo-terminals:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Kills socat with SIGKILL (the cable is pulled: nothing is flushed) and waits for its exit. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child === null || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }
}
