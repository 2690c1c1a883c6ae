// The platform against clients that mean harm, over real HTTP and WebSockets on 127.0.0.1, time from a
// manual clock: guessed passwords are slowed down, nothing but a small hello is read before
// authentication, waiting connections are capped, a cabin cannot flood the waiting room, and what a peer
// wrote is shown without control or bidi characters and never echoed back at length.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ProfessionalCard } from '../../contract/domain';
import { ManualClock } from '../../test/support/manual-clock';
import { queueJoin, TEST_PATIENT_SUMMARY as PATIENT } from '../../test/support/platform-fixtures';
import { startPlatform, type PlatformOptions, type RunningPlatform } from './platform-server';
import { MAX_OPEN_SESSIONS_PER_CABIN } from './switchboard';
import { closeCodeAfter, socketUrl, TestPeer, tokenFor } from './test-support/test-peer';

const DOCTOR = {
  login: 'doctor',
  password: 'doctor password',
  professional: {
    civility: 'Dr',
    name: 'Claire Fontaine',
    profession: 'doctor',
    specialty: 'Médecine générale',
    rpps: '10000000000',
    address: '1 rue de l’Exemple, 69000 Lyon',
  } satisfies ProfessionalCard,
};
const SUPPORT = { login: 'support', password: 'support password' };
const START_MS = 1_000_000;

let platform: RunningPlatform;
let clock: ManualClock;
const opened: { close(): void }[] = [];

async function start(overrides: Partial<PlatformOptions> = {}): Promise<void> {
  clock = new ManualClock(START_MS);
  platform = await startPlatform({
    port: 0,
    clock,
    heartbeatMs: 24 * 3_600_000,
    cabins: [{ cabinId: 'cabin-a', credential: 'secret-a' }],
    practitioners: [DOCTOR],
    supportAccounts: [SUPPORT],
    consoleDirectory: null,
    ...overrides,
  });
}

afterEach(async () => {
  for (const socket of opened.splice(0)) socket.close();
  await platform.stop();
});

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly retryAfter: string | null;
}

async function post(path: string, body: unknown): Promise<Answer> {
  const response = await fetch(`${platform.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  return { status: response.status, body: json, retryAfter: response.headers.get('retry-after') };
}

const login = (name: string, password: string): Promise<Answer> =>
  post('/api/login', { login: name, password });

async function peer(connect: Promise<TestPeer>): Promise<TestPeer> {
  const connected = await connect;
  opened.push(connected);
  return connected;
}

/** A bare socket that opened and said nothing (or what a test sends on it). */
function bareSocket(): Promise<WebSocket> {
  const socket = new WebSocket(socketUrl(platform.url));
  socket.on('error', () => undefined);
  opened.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`refused: ${response.statusCode}`)),
    );
  });
}

describe('failed logins', () => {
  it('five wrong passwords lock the login for 30 s, then 60 s: the right password is refused meanwhile', async () => {
    await start();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expect(login('doctor', 'guess')).resolves.toMatchObject({ status: 401 });
    }
    const locked = await login('doctor', DOCTOR.password);
    expect(locked).toEqual({
      status: 429,
      body: { code: 'auth.throttled', retryAt: START_MS + 30_000 },
      retryAfter: '30',
    });
    await clock.advance(29_999);
    await expect(login('doctor', DOCTOR.password)).resolves.toMatchObject({ status: 429 });
    await clock.advance(1);
    await expect(login('doctor', 'guess again')).resolves.toMatchObject({ status: 401 });
    for (let attempt = 0; attempt < 4; attempt += 1) await login('doctor', 'guess');
    await expect(login('doctor', DOCTOR.password)).resolves.toMatchObject({
      status: 429,
      body: { retryAt: START_MS + 30_000 + 60_000 },
    });
    await clock.advance(60_000);
    await expect(login('doctor', DOCTOR.password)).resolves.toMatchObject({ status: 200 });
  });

  it('a login that does not exist is locked the same way: the lock tells nothing about accounts', async () => {
    await start();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await login('doctor', 'guess');
      await login('nobody', 'guess');
    }
    const known = await login('doctor', 'guess');
    const unknown = await login('nobody', 'guess');
    expect(unknown).toEqual(known);
  });

  it('300 wrong passwords from one address: 20 are checked, the rest refused unchecked, other logins too', async () => {
    await start();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 300; attempt += 1) {
      statuses.push((await login(`user${attempt}`, 'guess')).status);
    }
    expect(statuses.filter((status) => status === 401)).toHaveLength(20);
    expect(statuses.filter((status) => status === 429)).toHaveLength(280);
    await expect(login('doctor', DOCTOR.password)).resolves.toMatchObject({
      status: 429,
      body: { retryAt: START_MS + 600_000 },
    });
    await clock.advance(600_000);
    await expect(login('doctor', DOCTOR.password)).resolves.toMatchObject({ status: 200 });
  });

  it('the support login is locked the same way', async () => {
    await start();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expect(post('/api/support/login', { login: 'support', password: 'x' })).resolves.toMatchObject({
        status: 401,
      });
    }
    await expect(post('/api/support/login', SUPPORT)).resolves.toMatchObject({
      status: 429,
      body: { code: 'auth.throttled', retryAt: START_MS + 30_000 },
    });
    await clock.advance(30_000);
    await expect(post('/api/support/login', SUPPORT)).resolves.toMatchObject({ status: 200 });
  });
});

describe('before the hello', () => {
  it('a first frame over 4 KB is not read, even a valid hello padded with spaces', async () => {
    await start();
    const padded = `${JSON.stringify({ type: 'hello', role: 'cabin', cabinId: 'cabin-a', credential: 'secret-a' })}${' '.repeat(5_000)}`;
    await expect(closeCodeAfter(platform.url, [padded])).resolves.toBe(4401);
    const nested = `${'['.repeat(2_000)}${']'.repeat(2_000)}`;
    await expect(closeCodeAfter(platform.url, [nested])).resolves.toBe(4401);
  });

  it('a connection that says nothing is closed after 5 s', async () => {
    await start();
    const silent = closeCodeAfter(platform.url, [], () => void clock.advance(5_000));
    await expect(silent).resolves.toBe(4401);
  });

  it('eight connections of one address may wait for their hello at once; a ninth is refused until one says it', async () => {
    await start();
    const waiting = await Promise.all(Array.from({ length: 8 }, () => bareSocket()));
    await expect(bareSocket()).rejects.toThrow('refused: 503');
    const welcomed = new Promise((resolve) => waiting[0]?.once('message', resolve));
    waiting[0]?.send(
      JSON.stringify({ type: 'hello', role: 'cabin', cabinId: 'cabin-a', credential: 'secret-a' }),
    );
    await welcomed;
    await expect(bareSocket()).resolves.toBeInstanceOf(WebSocket);
    waiting[1]?.close();
    await new Promise((resolve) => waiting[1]?.once('close', resolve));
    await expect(bareSocket()).resolves.toBeInstanceOf(WebSocket);
  });

  it('all addresses together have a cap of waiting connections', async () => {
    await start({ maxPendingConnections: 3, maxPendingPerAddress: 10 });
    await Promise.all([bareSocket(), bareSocket(), bareSocket()]);
    await expect(bareSocket()).rejects.toThrow('refused: 503');
  });
});

describe('a cabin that floods the waiting room', () => {
  it(`holds ${MAX_OPEN_SESSIONS_PER_CABIN} sessions open at most; beyond, a clear refusal and no push to the consoles`, async () => {
    await start();
    const cabinA = await peer(TestPeer.cabin(platform.url, 'cabin-a', 'secret-a'));
    const doctor = await peer(
      TestPeer.practitioner(platform.url, await tokenFor(platform.url, DOCTOR.login, DOCTOR.password)),
    );
    for (let index = 1; index <= MAX_OPEN_SESSIONS_PER_CABIN; index += 1) {
      await expect(cabinA.request(queueJoin(`s${index}`))).resolves.toMatchObject({
        result: { ok: true },
      });
    }
    const snapshots = doctor.seen('queue.snapshot').length;
    for (let index = 0; index < 50; index += 1) {
      await expect(cabinA.request(queueJoin(`flood${index}`))).resolves.toMatchObject({
        result: { ok: false, error: { code: 'queue.tooManySessions' } },
      });
    }
    expect(doctor.seen('queue.snapshot')).toHaveLength(snapshots);
    expect(platform.stats().queued).toBe(MAX_OPEN_SESSIONS_PER_CABIN);
    await cabinA.value({ type: 'queue.leave', sessionId: 's1' });
    await expect(cabinA.request(queueJoin('s4'))).resolves.toMatchObject({ result: { ok: true } });
  });
});

describe('what a peer wrote', () => {
  it('reaches the console without control or bidi override characters', async () => {
    await start();
    const cabinA = await peer(TestPeer.cabin(platform.url, 'cabin-a', 'secret-a'));
    const doctor = await peer(
      TestPeer.practitioner(platform.url, await tokenFor(platform.url, DOCTOR.login, DOCTOR.password)),
    );
    const patient = { ...PATIENT, surname: 'Du\u202Epont\u0007', firstName: '\u2066Jeanne\u2069\u009B' };
    await cabinA.value(queueJoin('s1', { patient }));
    await doctor.value({ type: 'call.accept', sessionId: 's1' });
    await expect(doctor.next('call.started', { sessionId: 's1' })).resolves.toMatchObject({
      patient: { surname: 'Dupont', firstName: 'Jeanne' },
    });
  });

  it('is never echoed back at length in a rejection', async () => {
    await start();
    const cabinA = await peer(TestPeer.cabin(platform.url, 'cabin-a', 'secret-a'));
    const hostileKey = `\u202E${'x'.repeat(100_000)}`;
    const refused = await cabinA.request({ ...queueJoin('s1'), [hostileKey]: 1 });
    expect(refused).toMatchObject({ type: 'rejected', code: 'protocol.invalidMessage' });
    expect(String(refused.detail).length).toBeLessThanOrEqual(120);
    expect(String(refused.detail)).not.toContain('\u202E');
    const strangeType = await cabinA.request({ type: `\u0000\u202E${'y'.repeat(1_000)}` });
    expect(String(strangeType.detail)).toMatch(/^[A-Za-z0-9_.[\] ?-]{1,120}$/);
  });
});
