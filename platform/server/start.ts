// Runs the reference platform from the command line:
//   tsx platform/server/start.ts [--port 8090] [--host 127.0.0.1] [--console dist/console] [--direct]
//                                [--mean-consultation-minutes 10]
// Cabins come from CABINE_PLATFORM_CABINS (a JSON array of {cabinId, credential}); the practitioners are
// the fictitious demo accounts, with the password CABINE_PLATFORM_PASSWORD or one drawn for this launch.
// mediasoup is used when installed (CABINE_PLATFORM_ANNOUNCED_IP: the address its candidates announce),
// direct mode otherwise. The first line on standard output is `PLATFORM_READY <url>`; the log goes to
// standard error. SIGINT and SIGTERM stop it.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isRecord } from '../../contract/schema';
import type { CabinAccount } from './accounts';
import { DEMO_APPOINTMENTS, DEMO_PRACTITIONERS, DEMO_SUPPORT_LOGIN } from './demo-accounts';
import { STDERR_LOG } from './platform-log';
import { startPlatform } from './platform-server';
import { detectMediasoup } from './sfu';

/** Reads the cabins of CABINE_PLATFORM_CABINS; throws with a readable message when it is malformed. */
function cabinsFromEnvironment(value: string | undefined): CabinAccount[] {
  if (value === undefined || value.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new Error('CABINE_PLATFORM_CABINS is not JSON');
  }
  if (!Array.isArray(parsed)) throw new Error('CABINE_PLATFORM_CABINS must be a JSON array');
  return parsed.map((entry, index) => {
    if (
      !isRecord(entry) ||
      typeof entry.cabinId !== 'string' ||
      !/^[A-Za-z0-9_-]{1,64}$/.test(entry.cabinId) ||
      typeof entry.credential !== 'string' ||
      entry.credential.length === 0 ||
      entry.credential.length > 200
    ) {
      throw new Error(`CABINE_PLATFORM_CABINS[${index}] must be {cabinId, credential}`);
    }
    return { cabinId: entry.cabinId, credential: entry.credential };
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8090' },
      host: { type: 'string', default: '127.0.0.1' },
      console: { type: 'string', default: resolve(import.meta.dirname, '../../dist/console') },
      direct: { type: 'boolean', default: false },
      'mean-consultation-minutes': { type: 'string', default: '10' },
      'exit-with-stdin': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error('--port must be 0 to 65535');
  const meanConsultationMinutes = Number(values['mean-consultation-minutes']);
  if (
    !Number.isFinite(meanConsultationMinutes) ||
    meanConsultationMinutes <= 0 ||
    meanConsultationMinutes > 240
  ) {
    throw new Error('--mean-consultation-minutes must be a number of minutes above 0, at most 240');
  }
  const cabins = cabinsFromEnvironment(process.env.CABINE_PLATFORM_CABINS);
  const password = process.env.CABINE_PLATFORM_PASSWORD ?? randomBytes(9).toString('base64url');
  const consoleDirectory = resolve(values.console);
  const announcedIp = process.env.CABINE_PLATFORM_ANNOUNCED_IP;
  const sfu = values.direct
    ? null
    : await detectMediasoup({ log: STDERR_LOG, ...(announcedIp ? { announcedIp } : {}) });

  const platform = await startPlatform({
    host: values.host,
    port,
    cabins,
    practitioners: DEMO_PRACTITIONERS.map((account) => ({ ...account, password })),
    supportAccounts: [{ login: DEMO_SUPPORT_LOGIN, password }],
    appointments: DEMO_APPOINTMENTS,
    meanConsultationMinutes,
    consoleDirectory,
    sfu,
    log: STDERR_LOG,
  });
  const print = (line: string): void => void process.stdout.write(`${line}\n`);
  print(`PLATFORM_READY ${platform.url}`);
  print(`Practitioner console / console des praticiens: ${platform.consoleUrl}`);
  print(
    `Demo login / identifiant de démonstration: ${DEMO_PRACTITIONERS[0].login}  password / mot de passe: ${password}`,
  );
  print(
    `Other demo logins (same password): ${DEMO_PRACTITIONERS.slice(1)
      .map((a) => a.login)
      .join(', ')}`,
  );
  print(`Support page (help calls, same password): ${platform.url}/support/  login: ${DEMO_SUPPORT_LOGIN}`);
  print(
    `Media: ${sfu === null ? 'direct (peer to peer)' : `SFU (${sfu.name})`}; cabins allowed: ${cabins.length}`,
  );
  if (!existsSync(consoleDirectory))
    print(`The console is not built yet (${consoleDirectory}): run npm run build.`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void platform.stop().then(() => {
      sfu?.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Run by a cabin (main/local-platform.ts): the platform never outlives it, even one killed hard.
  if (values['exit-with-stdin']) {
    process.stdin.on('end', stop);
    process.stdin.on('close', stop);
    process.stdin.resume();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`platform: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
