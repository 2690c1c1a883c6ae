// The platform's command line as `npm start` runs it: ready line first, the demo accounts with the
// launch's password, the cabins of the environment, and a clean stop on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { postLogin, TestPeer } from './test-support/test-peer';

const START = resolve(import.meta.dirname, 'start.ts');
let child: ChildProcess | null = null;

function launch(env: Record<string, string>): ChildProcess {
  child = spawn(process.execPath, ['--import', 'tsx', START, '--port', '0', '--console', '/nonexistent'], {
    cwd: resolve(import.meta.dirname, '../..'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return child;
}

/** The lines the platform printed on standard output until `count` lines came. */
async function firstLines(process: ChildProcess, count: number): Promise<string[]> {
  const lines: string[] = [];
  const reader = createInterface({ input: process.stdout as NodeJS.ReadableStream });
  for await (const line of reader) {
    lines.push(line);
    if (lines.length === count) break;
  }
  return lines;
}

afterEach(() => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  child = null;
});

describe('the platform command', () => {
  it('says it is ready, lets the demo doctor log in and the configured cabin connect, and stops on SIGTERM', async () => {
    const platform = launch({
      CABINE_PLATFORM_CABINS: JSON.stringify([{ cabinId: 'cabine-1', credential: 'cabin secret' }]),
      CABINE_PLATFORM_PASSWORD: 'launch password',
    });
    const lines = await firstLines(platform, 3);
    const url = /^PLATFORM_READY (http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0] ?? '')?.[1];
    expect(url).toBeDefined();
    expect(lines[1]).toContain(`${url}/console/`);
    expect(lines[2]).toContain('claire.fontaine');
    const base = url as string;

    await expect(
      postLogin(base, { login: 'claire.fontaine', password: 'launch password' }),
    ).resolves.toMatchObject({
      status: 200,
      body: { professional: { name: 'Claire Fontaine', profession: 'doctor', rpps: '10000000000' } },
    });
    await expect(
      postLogin(base, { login: 'ines.garnier', password: 'launch password' }),
    ).resolves.toMatchObject({
      status: 200,
      body: { professional: { profession: 'physiotherapist' } },
    });
    const cabin = await TestPeer.cabin(base, 'cabine-1', 'cabin secret');
    await expect(cabin.value({ type: 'appointment.lookUp', code: '654321' })).resolves.toEqual({
      profession: 'physiotherapist',
      specialty: null,
    });
    await expect(cabin.value({ type: 'appointment.lookUp', code: '123456' })).resolves.toEqual({
      profession: 'doctor',
      specialty: null,
    });
    await expect(TestPeer.cabin(base, 'cabine-1', 'wrong')).rejects.toThrow('4401');

    platform.kill('SIGTERM');
    const [code] = (await once(platform, 'exit')) as [number | null];
    expect(code).toBe(0);
    await expect(cabin.closed).resolves.not.toBe(1000);
  });

  it('refuses to start with a malformed cabin list', async () => {
    const platform = launch({ CABINE_PLATFORM_CABINS: '[{"cabinId":"a b"}]' });
    const [code] = (await once(platform, 'exit')) as [number | null];
    expect(code).toBe(1);
  });
});
