// Runs a command in a network namespace of its own where only loopback is up, so that Chromium's WebRTC
// gathers 127.0.0.1 candidates (with --allow-loopback-in-peer-connection) and a test can cut the whole
// network (`ip link set lo down`) without touching the machine's. Used by `npm test` for the media
// tests and by `npm run bench` for the video benchmark.
//   tsx test/support/in-loopback-namespace.ts <command> [args…]
import { spawnSync } from 'node:child_process';

/** Set inside the namespace, so that the media tests know they may run (and cut loopback). */
export const LOOPBACK_NAMESPACE_ENV = 'CABINE_LOOPBACK_NAMESPACE';

function main(): void {
  const command = process.argv.slice(2);
  if (command.length === 0) {
    process.stderr.write('usage: in-loopback-namespace <command> [args…]\n');
    process.exit(2);
  }
  // As root a network namespace is enough; otherwise a user namespace maps the user to root in it.
  const unshare = process.getuid?.() === 0 ? ['-n'] : ['-r', '-n'];
  const run = spawnSync(
    'unshare',
    [...unshare, 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', ...command],
    {
      stdio: 'inherit',
      env: { ...process.env, [LOOPBACK_NAMESPACE_ENV]: '1' },
    },
  );
  if (run.error || run.status === null) {
    process.stderr.write(
      `Could not run in a network namespace (${run.error?.message ?? `signal ${String(run.signal)}`}).\n` +
        'The media tests need `unshare` and `ip` (util-linux, iproute2) and either root or user namespaces.\n',
    );
    process.exit(1);
  }
  process.exit(run.status);
}

main();
