// A private CUPS scheduler for the printing tests: everything under one temporary folder (its
// configuration, spool, logs and a Unix socket), with a test backend that writes each job to a file
// or fails the way a real printer does (shared/docs/MACHINE.md "Printing: a private CUPS").
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How the test backend behaves for a printer: its device URI is `cabinetest:/<mode>`. */
export type TestBackendMode = 'print' | 'lowPaper' | 'outOfPaper' | 'jam' | 'offline' | 'slow';

/** Why the printing integration tests cannot run here, or null when cupsd and its clients are installed. */
export function privateCupsMissing(): string | null {
  if (!existsSync('/usr/sbin/cupsd')) return 'cupsd is not installed (Debian package cups)';
  if (spawnSync('lpadmin', ['-h', '/nonexistent']).error !== undefined)
    return 'lpadmin is missing (cups-client)';
  if (process.getuid?.() !== 0) return 'a private cupsd needs root here (its backends run as root or lp)';
  return null;
}

const BACKEND = `#!/bin/sh
# The cabin's test printer: DEVICE_URI cabinetest:/<mode> says what happens to each job.
if [ $# -eq 0 ]; then echo 'direct cabinetest "Unknown" "Cabine test printer"'; exit 0; fi
mode="\${DEVICE_URI#cabinetest:/}"
case "$mode" in
  print|lowPaper)
    start=$(date +%s%N)
    [ "$mode" = lowPaper ] && echo 'STATE: +media-low-warning' >&2
    out="@OUT@/job-$1-$$.out"
    if [ -n "$6" ]; then cat "$6" > "$out.part"; else cat > "$out.part"; fi
    mv "$out.part" "$out"
    echo "$start $(date +%s%N)" > "$out.ns"
    exit 0 ;;
  outOfPaper) echo 'STATE: +media-empty-error' >&2; exit 4 ;;
  jam) echo 'STATE: +media-jam-error' >&2; exit 5 ;;
  offline) echo 'STATE: +offline-report' >&2; echo 'ERROR: the printer does not answer' >&2; exit 1 ;;
  slow) exec sleep 60 ;;
esac
exit 1
`;

/** A running private cupsd; `stop()` ends it and removes its folder. */
export interface PrivateCups {
  /** The folder holding everything (configuration, spool, socket, printed jobs). */
  readonly dir: string;
  /** The Unix socket clients reach it on (`CUPS_SERVER`). */
  readonly socket: string;
  /** The folder of the scheduler's spool (`RequestRoot`). */
  readonly spool: string;
  /** Adds a printer whose jobs the test backend handles as `mode`, accepting and enabled. */
  addPrinter(name: string, mode: TestBackendMode, options?: readonly string[]): void;
  /** Runs a CUPS client command (lpadmin, cupsreject, cupsdisable, lpstat) against this scheduler. */
  run(command: string, args: readonly string[]): string;
  /** The files the test backend wrote (one a printed job), in name order. */
  printedFiles(): string[];
  /** How long the test backend took for a printed file (its own start to end), in ms. */
  backendMs(printedFile: string): number;
  stop(): Promise<void>;
}

/** Starts a private cupsd and waits until `lpstat -r` says it is running. */
export async function startPrivateCups(): Promise<PrivateCups> {
  const dir = mkdtempSync(join(tmpdir(), 'cabine-cups-'));
  chmodSync(dir, 0o755);
  const at = (...parts: string[]): string => join(dir, ...parts);
  for (const sub of ['etc', 'lib/backend', 'spool', 'tmp', 'cache', 'state', 'log', 'out']) {
    mkdirSync(at(sub), { recursive: true, mode: 0o755 });
  }
  chmodSync(at('out'), 0o777);
  for (const sub of ['filter', 'daemon', 'notifier', 'cgi-bin', 'monitor', 'driver']) {
    if (existsSync(`/usr/lib/cups/${sub}`)) symlinkSync(`/usr/lib/cups/${sub}`, at('lib', sub));
  }
  const backend = at('lib/backend/cabinetest');
  writeFileSync(backend, BACKEND.replace('@OUT@', at('out')), { mode: 0o700 });
  const socket = at('cups.sock');
  writeFileSync(
    at('etc/cupsd.conf'),
    [
      `Listen ${socket}`,
      'LogLevel warn',
      'Browsing No',
      'WebInterface No',
      'DefaultAuthType None',
      'PreserveJobFiles No',
      'PreserveJobHistory 300',
      'MaxJobTime 300',
      '<Location />',
      '  Order allow,deny',
      '  Allow all',
      '</Location>',
      '<Policy default>',
      '  <Limit All>',
      '    Order deny,allow',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );
  writeFileSync(
    at('etc/cups-files.conf'),
    [
      `ServerRoot ${at('etc')}`,
      `ServerBin ${at('lib')}`,
      `RequestRoot ${at('spool')}`,
      `TempDir ${at('tmp')}`,
      `CacheDir ${at('cache')}`,
      `StateDir ${at('state')}`,
      `AccessLog ${at('log/access_log')}`,
      `ErrorLog ${at('log/error_log')}`,
      `PageLog ${at('log/page_log')}`,
      'FileDevice Yes',
      'SystemGroup root',
      '',
    ].join('\n'),
  );
  const env = { ...process.env, CUPS_SERVER: socket };
  const daemon: ChildProcess = spawn(
    '/usr/sbin/cupsd',
    ['-f', '-c', at('etc/cupsd.conf'), '-s', at('etc/cups-files.conf')],
    { stdio: 'ignore', env },
  );
  const run = (command: string, args: readonly string[]): string => {
    const result = spawnSync(command, args, { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  const deadline = Date.now() + 10_000;
  while (!spawnSync('lpstat', ['-r'], { env, encoding: 'utf8' }).stdout.includes('is running')) {
    if (Date.now() > deadline || daemon.exitCode !== null) {
      daemon.kill();
      throw new Error(`the private cupsd did not start (see ${at('log/error_log')})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    dir,
    socket,
    spool: at('spool'),
    addPrinter: (name, mode, options = []) => {
      run('lpadmin', ['-p', name, '-v', `cabinetest:/${mode}`, '-E', ...options]);
    },
    run,
    printedFiles: () =>
      readdirSync(at('out'))
        .filter((name) => name.endsWith('.out'))
        .sort()
        .map((name) => at('out', name)),
    backendMs: (printedFile) => {
      const [start = 0, end = 0] = readFileSync(`${printedFile}.ns`, 'utf8').trim().split(' ').map(Number);
      return (end - start) / 1e6;
    },
    stop: async () => {
      if (daemon.exitCode === null) {
        const exited = new Promise((resolve) => daemon.once('exit', resolve));
        daemon.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
