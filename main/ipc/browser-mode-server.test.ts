// Browser mode as a stranger, a broken renderer and the real renderer see it: real HTTP and
// WebSocket on 127.0.0.1, the launch token, input validation and the served files.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CabinView, ServerMessage } from '../../contract';
import { MemoryOperationLog } from '../test-support/memory-operation-log';
import { ManualClock } from '../../test/support/manual-clock';
import { createOperationLog, LOG_FILE_NAME, readRecentLines } from '../log';
import { bootSimulatedCabin, type SimulatedCabin } from '../../test/support/simulated-cabin';
import { SESSION_COOKIE, startBrowserModeServer, type BrowserModeServer } from './browser-mode-server';

let cabin: SimulatedCabin;
let server: BrowserModeServer;
let log: MemoryOperationLog;
let rendererDirectory: string;

beforeEach(async () => {
  rendererDirectory = mkdtempSync(join(tmpdir(), 'cabine-renderer-'));
  mkdirSync(join(rendererDirectory, 'assets'));
  writeFileSync(join(rendererDirectory, 'index.html'), '<!doctype html><title>Cabine</title>');
  writeFileSync(join(rendererDirectory, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'cabine-secret.txt'), 'secret');
  cabin = await bootSimulatedCabin();
  log = new MemoryOperationLog();
  server = await startBrowserModeServer({ controller: cabin.controller, log, rendererDirectory, port: 0 });
});

afterEach(async () => {
  await server.close();
  await cabin.dispose();
  rmSync(rendererDirectory, { recursive: true, force: true });
});

// The page's socket: its cookie carries the secret, as the browser sends it after the launch.
function connect(token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api`, {
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
    });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, method: string, params?: unknown): Promise<ServerMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as ServerMessage;
      if (message.kind === 'reply' && message.id === id) {
        ws.off('message', onMessage);
        resolve(message);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ kind: 'call', id, method, params }));
  });
}

describe('browser mode', () => {
  it('gives its secret only for a one-time launch address, in an HttpOnly SameSite=Strict cookie', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.url).not.toContain(server.token);
    const launch = server.launchUrl();
    expect(launch).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?launch=[\\w-]{20,}$`));
    expect(launch).not.toContain(server.token);
    const first = await fetch(launch, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    expect(first.headers.get('set-cookie')).toBe(
      `${SESSION_COOKIE}=${server.token}; HttpOnly; SameSite=Strict; Path=/`,
    );
    // Read again (from /proc, a history, a terminal): spent, it gives nothing.
    const again = await fetch(launch, { redirect: 'manual' });
    expect(again.status).toBe(403);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.text()).toContain('npm start');
    // The page itself is no secret, and the socket opens only with the cookie.
    expect((await fetch(server.url)).status).toBe(200);
    await expect(connect('guessed')).rejects.toThrow(/403/);
    const ws = await connect(server.token);
    ws.close();
  });

  it('refuses the secret in the address: a socket must carry the cookie', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`);
    await expect(
      new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      }),
    ).rejects.toThrow(/403/);
  });

  it('refuses a WebSocket without the launch token', async () => {
    await expect(connect('guessed')).rejects.toThrow(/403/);
    expect(log.lines.join('\n')).toContain('api.connectionRefused');
  });

  it('answers the view to the renderer and pushes each change', async () => {
    const ws = await connect(server.token);
    const reply = await call(ws, 1, 'getView');
    expect(reply).toMatchObject({
      kind: 'reply',
      id: 1,
      result: { ok: true, value: { phase: 'ready', session: null } },
    });
    const pushed = new Promise<CabinView>((resolve) =>
      ws.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString('utf8')) as ServerMessage;
        if (message.kind === 'event' && message.event.type === 'view.changed') resolve(message.event.view);
      }),
    );
    await call(ws, 2, 'startSession', { locale: 'en', accessibility: { largeText: true, readAloud: false } });
    await expect(pushed).resolves.toMatchObject({ phase: 'inSession', session: { locale: 'en' } });
    ws.close();
  });

  it('refuses garbage without closing the connection or stopping the controller', async () => {
    const ws = await connect(server.token);
    ws.send('not json at all');
    ws.send(JSON.stringify({ kind: 'call', id: 'x', method: 'getView' }));
    await expect(call(ws, 3, 'rm -rf /', {})).resolves.toMatchObject({
      result: { ok: false, error: { code: 'api.unknownMethod' } },
    });
    await expect(call(ws, 4, 'startSession', { locale: 'de' })).resolves.toMatchObject({
      result: { ok: false, error: { code: 'api.invalidInput' } },
    });
    await expect(call(ws, 5, 'getView')).resolves.toMatchObject({ result: { ok: true } });
    expect(log.lines.join('\n')).not.toContain('rm -rf');
    ws.close();
  });

  it('serves the renderer with a strict Content-Security-Policy and nothing outside its folder', async () => {
    const page = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    // The page connects to its own API and nowhere else.
    expect(page.headers.get('content-security-policy')).toContain(
      `connect-src ws://127.0.0.1:${server.port} ws://localhost:${server.port};`,
    );
    expect(
      (await fetch(`http://127.0.0.1:${server.port}/assets/app.js`)).headers.get('content-type'),
    ).toContain('text/javascript');
    const escape = await fetch(`http://127.0.0.1:${server.port}/..%2Fcabine-secret.txt`);
    expect(escape.status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${server.port}/`, { method: 'POST' })).status).toBe(405);
  });
});

describe('a flood of refused messages', () => {
  it('leaves the log as it was but for a few lines that count them', async () => {
    await server.close();
    const clock = new ManualClock(Date.UTC(2026, 0, 12, 9, 0, 0));
    const logDirectory = mkdtempSync(join(tmpdir(), 'cabine-flood-log-'));
    // The cabin's own sizes (main/cabin-records.ts): 5 files of 1 MB.
    const fileLog = createOperationLog({
      directory: logDirectory,
      maxFileBytes: 1_000_000,
      maxFiles: 5,
      clock,
    });
    fileLog.info('session.started', { locale: 'fr' });
    server = await startBrowserModeServer({
      controller: cabin.controller,
      log: fileLog,
      rendererDirectory,
      port: 0,
      clock,
    });
    const ws = await connect(server.token);
    const garbage = [
      'not json at all',
      JSON.stringify({ kind: 'call', id: 'x', method: 'getView' }),
      JSON.stringify({ kind: 'call', id: 1, method: 'rm -rf /' }),
      JSON.stringify({ kind: 'call', id: 2, method: 'startSession', params: { locale: 'de' } }),
    ];
    for (let i = 0; i < 60_000; i += 1) ws.send(garbage[i % garbage.length] ?? '');
    // Messages are handled in order: once this answers, all 60,000 were refused.
    await expect(call(ws, 7, 'getView')).resolves.toMatchObject({ result: { ok: true } });
    await clock.advance(60_000);
    ws.close();

    expect(existsSync(join(logDirectory, `${LOG_FILE_NAME}.1`))).toBe(false);
    const lines = readRecentLines(logDirectory, 1_000).map(
      (line) => JSON.parse(line) as Record<string, unknown>,
    );
    expect(lines[0]).toMatchObject({ event: 'session.started' });
    expect(lines.length).toBeLessThanOrEqual(10);
    const counted = lines.reduce(
      (sum, line) => sum + (typeof line['count'] === 'number' ? line['count'] : 0),
      0,
    );
    expect(counted).toBe(60_000);
    expect(lines).toContainEqual(
      expect.objectContaining({ event: 'api.refused', code: 'api.notJson', count: 15_000 }),
    );
    fileLog.close();
    rmSync(logDirectory, { recursive: true, force: true });
  }, 30_000);
});
