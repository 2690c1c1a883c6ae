// Staff PINs kept as scrypt hashes: a hash checks its own PIN only, says its cost, refuses a cost that
// would exhaust the cabin; `npm run diag -- hash-pin` makes one from stdin for the configuration.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hashPin, isPinHash, pinMatches } from './pin-hash';

const CHEAP = { N: 1_024, r: 8, p: 1 };

describe('PIN hashes', () => {
  it('check their own PIN only, with a new salt each time, and never hold the PIN', () => {
    const hash = hashPin('739164', CHEAP);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain('739164');
    expect(pinMatches('739164', hash)).toBe(true);
    expect(pinMatches('739165', hash)).toBe(false);
    expect(pinMatches('', hash)).toBe(false);
    expect(hashPin('739164', CHEAP)).not.toBe(hash);
  });

  it('are made at the full cost by default', () => {
    expect(hashPin('739164')).toMatch(/^scrypt\$16384\$8\$1\$/);
  });

  it('refuse what is not one, or a cost the cabin could not afford', () => {
    const [, , r, p, salt, key] = hashPin('739164', CHEAP).split('$');
    for (const text of [
      '739164',
      '',
      `bcrypt$1024$${r}$${p}$${salt}$${key}`,
      `scrypt$1000$${r}$${p}$${salt}$${key}`,
      `scrypt$1048576$${r}$${p}$${salt}$${key}`,
      `scrypt$1024$${r}$${p}$${salt}`,
      `scrypt$1024$${r}$${p}$${salt}$not base64!`,
    ]) {
      expect(isPinHash(text), text).toBe(false);
      expect(pinMatches('739164', text)).toBe(false);
    }
  });
});

describe('npm run diag -- hash-pin', () => {
  const run = (input: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'main/diag/diag.ts', 'hash-pin'], {
      input,
      encoding: 'utf8',
      timeout: 30_000,
    });

  it('prints the hash of the PIN read on stdin, and refuses a PIN too easy to guess', () => {
    const made = run('739164\n');
    expect(made.status).toBe(0);
    const hash = made.stdout.trim();
    expect(isPinHash(hash)).toBe(true);
    expect(pinMatches('739164', hash)).toBe(true);
    expect(made.stdout + made.stderr).not.toContain('739164');
    const easy = run('123456\n');
    expect(easy.status).toBe(2);
    expect(easy.stdout).toBe('');
    expect(easy.stderr).toMatch(/too easy to guess/);
    expect(run('12a456\n').status).toBe(2);
  });
});
