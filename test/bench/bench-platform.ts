// The reference platform as its own process for the signaling benchmark, with `count` cabins
// (`bench-cabin-<i>`, credential `bench-credential-<i>`) and `count` doctors (`bench-doctor-<i>`,
// password `bench-password`), all fictitious. Prints `PLATFORM_READY <url>` when it listens.
//   tsx test/bench/bench-platform.ts <count>
import { startPlatform } from '../../platform/server/platform-server';

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? '100');
  const platform = await startPlatform({
    port: 0,
    cabins: Array.from({ length: count }, (_, i) => ({
      cabinId: `bench-cabin-${i}`,
      credential: `bench-credential-${i}`,
    })),
    practitioners: Array.from({ length: count }, (_, i) => ({
      login: `bench-doctor-${i}`,
      password: 'bench-password',
      professional: {
        civility: 'Dr',
        name: `Médecin ${i}`,
        profession: 'doctor' as const,
        specialty: 'Médecine générale',
        rpps: String(10000000000 + i),
        address: '',
      },
    })),
    consoleDirectory: null,
  });
  process.stdout.write(`PLATFORM_READY ${platform.url}\n`);
  const stop = (): void => void platform.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
