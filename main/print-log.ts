// `npm run log [-- <lines>] [-- --config <file>]`: prints the newest lines of the cabin's operation
// log for a technician. The log holds no patient data, so printing it is safe.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from './config';
import { readRecentLines } from './log';

const { values, positionals } = parseArgs({
  options: { config: { type: 'string' } },
  allowPositionals: true,
});
const config = loadConfig(values.config, join(resolve(import.meta.dirname, '..'), '.cabine'));
if (!config.ok) {
  process.stderr.write(`Configuration refused (${config.error.code}): ${config.error.detail ?? ''}\n`);
  process.exit(2);
}
const count = Number(positionals[0] ?? 50);
if (!Number.isInteger(count) || count <= 0) {
  process.stderr.write('Give the number of lines as a positive whole number, e.g. npm run log -- 100\n');
  process.exit(2);
}
for (const line of readRecentLines(config.value.logDirectory, count)) process.stdout.write(`${line}\n`);
