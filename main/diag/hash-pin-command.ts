// `npm run diag -- hash-pin`: reads one staff PIN on stdin (on a terminal, typed without echo) and
// prints its scrypt hash on stdout, for `staff.attendantPinHash` or `staff.technicianPinHash` of the
// configuration. A PIN too short, too long, not digits or too easy to guess is refused (exit 2); the PIN
// itself is never printed.
import { createInterface } from 'node:readline';
import { pinWeakness, STAFF_PIN_LENGTH } from '../../contract';
import { hashPin } from '../staff/pin-hash';
import type { DiagCommand } from './diag-command';

/** Exit codes of `hash-pin`. */
export const HASH_PIN_EXIT = { ok: 0, refused: 2 } as const;

/** The `hash-pin` diagnostic command. */
export const hashPinCommand: DiagCommand = {
  usage: 'hash-pin   reads a staff PIN on stdin, prints its hash for the configuration (staff.*PinHash)',
  async run() {
    const { min, max } = STAFF_PIN_LENGTH;
    if (process.stdin.isTTY) process.stderr.write(`PIN (${min} to ${max} digits): `);
    const pin = await readOneLine();
    if (process.stdin.isTTY) process.stderr.write('\n');
    const weakness = pin === null ? 'pin.format' : pinWeakness(pin);
    if (pin === null || weakness !== null) {
      process.stderr.write(
        weakness === 'pin.guessable'
          ? 'hash-pin: this PIN is too easy to guess (one digit repeated, or a run such as 123456)\n'
          : `hash-pin: a PIN is ${min} to ${max} digits\n`,
      );
      return HASH_PIN_EXIT.refused;
    }
    process.stdout.write(`${hashPin(pin)}\n`);
    return HASH_PIN_EXIT.ok;
  },
};

// The first line of stdin; on a terminal, typed without echo. Null when stdin ends without one.
function readOneLine(): Promise<string | null> {
  const terminal = process.stdin.isTTY;
  if (terminal) process.stdin.setRawMode(true);
  if (!terminal) {
    const lines = createInterface({ input: process.stdin, terminal: false });
    return new Promise((resolve) => {
      let answered = false;
      lines.once('line', (line) => {
        answered = true;
        lines.close();
        resolve(line.trim());
      });
      lines.once('close', () => {
        if (!answered) resolve(null);
      });
    });
  }
  return new Promise((resolve) => {
    let typed = '';
    const onData = (chunk: Buffer): void => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0003' || char === '\u0004') {
          process.stdin.off('data', onData);
          process.stdin.setRawMode(false);
          process.stdin.pause();
          resolve(char === '\u0003' ? null : typed);
          return;
        }
        typed = char === '\u007f' ? typed.slice(0, -1) : typed + char;
      }
    };
    process.stdin.on('data', onData);
    process.stdin.resume();
  });
}
