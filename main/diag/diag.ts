// `npm run diag -- <command> …`: the technician's command line. Each command lives in its own file
// and is registered here; the output a command promises goes to stdout (one JSON line where it says
// so), everything for a human to stderr, and a failure exits non-zero with a clear message.
import { DIAG_COMMANDS } from './diag-commands';

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const command = name === undefined ? undefined : DIAG_COMMANDS[name];
  if (command === undefined) {
    process.stderr.write(
      `Usage: npm run diag -- <command>\n${Object.values(DIAG_COMMANDS)
        .map((c) => `  ${c.usage}`)
        .join('\n')}\n`,
    );
    process.exit(name === undefined ? 0 : 2);
  }
  process.exit(await command.run(args));
}

void main();
