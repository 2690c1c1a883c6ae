// The reference platform (platform/) run beside the cabin on this machine, as its own process: `npm start`
// uses it by default, with a credential made for this launch only. The cabin reaches it like any
// operator's platform, through the protocol; nothing of platform/ is imported here.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A platform process running on this machine. */
export interface LocalPlatform {
  /** The platform's base URL (http://127.0.0.1:port). */
  readonly url: string;
  readonly cabinId: string;
  /** The credential of this cabin, made for this launch. */
  readonly credential: string;
  /** Stops the platform process. */
  stop(): void;
}

/** How long the platform may take to say it is ready. */
const READY_TIMEOUT_MS = 20_000;

/**
 * Starts `platform/server/start.ts` on `port` (0 for a free one) for the cabin `cabinId`; the platform's
 * own lines (console URL, demo login) go to `print`. Rejects if it does not get ready.
 */
export function startLocalPlatform(
  projectRoot: string,
  cabinId: string,
  port: number,
  print: (line: string) => void,
): Promise<LocalPlatform> {
  const credential = randomBytes(24).toString('base64url');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(projectRoot, 'platform/server/start.ts'),
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      // Its stdin is our pipe: when this process ends, however it ends, the platform stops too.
      '--exit-with-stdin',
    ],
    {
      cwd: projectRoot,
      env: { ...process.env, CABINE_PLATFORM_CABINS: JSON.stringify([{ cabinId, credential }]) },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const stop = (): void => {
    if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.once('exit', stop);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error('the local platform did not start in time'));
    }, READY_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the local platform stopped (exit code ${String(code)})`));
    });
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const ready = /^PLATFORM_READY (\S+)$/.exec(line);
      if (ready?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({ url: ready[1], cabinId, credential, stop });
      } else {
        print(line);
      }
    });
  });
}
