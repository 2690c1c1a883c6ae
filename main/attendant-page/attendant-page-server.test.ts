// The attendant page on real TCP, as the counter's phone and an intruder on the pharmacy's network
// use it, beside a whole controller with simulated hardware on a manual clock and a patient whose
// name and birth date are known: they must never leave the cabin through the page.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PatientIdentity } from '../../contract';
import { happyScript } from '../../devices/simulated/simulation-script';
import { ManualClock } from '../../test/support/manual-clock';
import { cooperativeAction, viewOf } from '../../test/support/patient-robot';
import { defaultConfig } from '../config';
import { createController, type RunningController } from '../controller';
import { createSimulatedPeripherals } from '../peripherals';
import { MemoryOperationLog } from '../test-support/memory-operation-log';
import { DEMO_STAFF_PINS } from '../staff/staff-access';
import { ATTENDANT_COOKIE } from './attendant-page-server';

const STEP_MS = 100;
const CODE = DEMO_STAFF_PINS.attendant;
const MONDAY_9AM = Date.UTC(2026, 0, 12, 9, 0, 0);

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

interface Page {
  readonly controller: RunningController;
  readonly clock: ManualClock;
  readonly log: MemoryOperationLog;
  readonly port: number;
  /** Every body the page answered, to search for patient data. */
  readonly bodies: string[];
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
}

interface CallOptions {
  readonly body?: string;
  readonly cookie?: string;
  readonly headers?: Record<string, string>;
}

const running: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const stop of running.splice(0)) await stop();
});

async function openPage(): Promise<Page> {
  const directory = mkdtempSync(join(tmpdir(), 'cabine-attendant-page-'));
  const clock = new ManualClock(MONDAY_9AM);
  const log = new MemoryOperationLog(clock);
  const controller = createController({
    config: {
      ...defaultConfig(directory),
      platform: { kind: 'simulated', url: '', cabinId: 'cabine-test', credential: '', localPort: 0 },
      simulation: { stepMs: STEP_MS, callMs: 1_000, byteLevelDevices: false, cardReader: 'domain' },
      attendantPage: { enabled: true, host: '127.0.0.1', port: 0 },
    },
    clock,
    log,
    peripherals: createSimulatedPeripherals(happyScript(STEP_MS), clock, 1_000),
  });
  await controller.booted;
  const page = await controller.attendantPage;
  if (page === null) throw new Error('the attendant page did not start');
  running.push(async () => {
    await controller.stop();
    rmSync(directory, { recursive: true, force: true });
  });
  const bodies: string[] = [];
  const call = (method: string, path: string, options: CallOptions = {}): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...options.headers };
      if (options.body !== undefined) headers['Content-Type'] ??= 'application/json';
      if (options.cookie !== undefined) headers.Cookie = options.cookie;
      const outgoing = httpRequest(
        { host: '127.0.0.1', port: page.port, method, path, headers },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            bodies.push(body);
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(options.body);
    });
  return { controller, clock, log, port: page.port, bodies, call };
}

/** Walks a patient through the card reader until their identity is confirmed; answers that identity. */
async function patientIdentified(page: Page): Promise<PatientIdentity> {
  const { controller, clock } = page;
  const started = controller.server.startSession({
    locale: 'fr',
    accessibility: { largeText: false, readAloud: false },
  });
  if (!started.ok) throw new Error('the session did not start');
  let identity: PatientIdentity | null = null;
  for (let tick = 0; tick < 500; tick += 1) {
    const view = viewOf(controller);
    const screen = view.session?.screen;
    if (screen?.step === 'identification' && screen.identity !== null) identity = screen.identity;
    if (screen?.step === 'appointment' && identity !== null) return identity;
    const action = cooperativeAction(view);
    if (action) controller.server.act(action);
    else clock.increment(STEP_MS);
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the patient was never identified');
}

async function logIn(page: Page): Promise<string> {
  const answer = await page.call('POST', '/api/login', { body: JSON.stringify({ code: CODE }) });
  expect(JSON.parse(answer.body)).toMatchObject({ ok: true });
  const cookie = String(answer.headers['set-cookie']);
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  expect(cookie).toMatch(/Max-Age=\d+/);
  return cookie.split(';')[0] ?? '';
}

const body = (answer: Answer): unknown => JSON.parse(answer.body);

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the attendant page', () => {
  it('serves the page with a strict Content-Security-Policy and no CORS, in French by default', async () => {
    const page = await openPage();
    const html = await page.call('GET', '/');
    expect(html.status).toBe(200);
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html.headers['access-control-allow-origin']).toBeUndefined();
    expect(html.body).toContain('data-testid="attendant-page-code"');
    expect(html.body).toContain("Code de l'accueil");
    const english = await page.call('GET', '/', { headers: { 'Accept-Language': 'en-GB,en;q=0.9' } });
    expect(english.body).toContain('Front desk PIN');
    expect((await page.call('GET', '/attendant-page.js')).status).toBe(200);
    expect((await page.call('GET', '/favicon.ico')).status).toBe(204);
    expect((await page.call('GET', '/../main/config.ts')).status).toBe(404);
    expect((await page.call('GET', '/%2e%2e/package.json')).status).toBe(404);
    expect((await page.call('DELETE', '/api/state')).status).toBe(405);
  });

  it('shows nothing without the PIN, and locks the attendant role after 5 wrong PINs, logging the lock without the PIN', async () => {
    const page = await openPage();
    expect(body(await page.call('GET', '/api/state'))).toEqual({
      ok: false,
      error: { code: 'attendant.loginNeeded' },
    });
    expect((await page.call('GET', '/api/events')).status).toBe(401);
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const wrong = await page.call('POST', '/api/login', {
        body: JSON.stringify({ code: `99${attempt}7` }),
      });
      expect(body(wrong)).toEqual({ ok: false, error: { code: 'attendant.badCode' } });
    }
    // The fifth wrong PIN locks the role for five minutes (and this address for one).
    const fifth = await page.call('POST', '/api/login', { body: JSON.stringify({ code: '9947' }) });
    expect(body(fifth)).toEqual({ ok: false, error: { code: 'attendant.locked', retryAfterSeconds: 300 } });
    // Locked: even the right PIN waits now.
    const locked = await page.call('POST', '/api/login', { body: JSON.stringify({ code: CODE }) });
    expect(body(locked)).toEqual({ ok: false, error: { code: 'attendant.locked', retryAfterSeconds: 300 } });
    expect(locked.headers['retry-after']).toBe('300');
    const lockLines = page.log.records().filter((record) => record.event === 'attendantPage.locked');
    expect(lockLines).toHaveLength(1);
    expect(lockLines[0]).toMatchObject({ scope: 'client', forMs: 60_000 });
    expect(page.log.records()).toContainEqual(
      expect.objectContaining({ event: 'staff.locked', role: 'attendant', forMs: 300_000 }),
    );
    expect(JSON.stringify(page.log.records())).not.toMatch(new RegExp(`99[0-4]7|${CODE}`));
    // The cabin's screen shares the role's lock.
    expect(page.controller.server.staffLogin({ role: 'attendant', pin: CODE })).toEqual({
      ok: false,
      error: { code: 'staff.locked' },
    });
    page.clock.increment(60_000);
    const stillLocked = await page.call('POST', '/api/login', { body: JSON.stringify({ code: CODE }) });
    expect(body(stillLocked)).toMatchObject({ error: { code: 'attendant.locked', retryAfterSeconds: 240 } });
    page.clock.increment(240_000);
    await logIn(page);
  });

  it('refuses what a hostile page or client might send: another origin, a form, a large body, a forged cookie', async () => {
    const page = await openPage();
    const code = JSON.stringify({ code: CODE });
    const fromElsewhere = await page.call('POST', '/api/login', {
      body: code,
      headers: { Origin: 'http://evil.example' },
    });
    expect(fromElsewhere.status).toBe(403);
    const asForm = await page.call('POST', '/api/login', {
      body: `code=${CODE}`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(asForm.status).toBe(403);
    const large = await page.call('POST', '/api/login', {
      body: JSON.stringify({ code: 'x'.repeat(5_000) }),
    });
    expect(large.status).toBe(413);
    const notJson = await page.call('POST', '/api/login', { body: '{"code":' });
    expect(notJson.status).toBe(400);
    const forged = await page.call('GET', '/api/state', { cookie: `${ATTENDANT_COOKIE}=${'A'.repeat(43)}` });
    expect(body(forged)).toMatchObject({ ok: false, error: { code: 'attendant.loginNeeded' } });
  });

  it('shows the help call and who was told, "J\'arrive" clears it on the cabin, and never a patient’s data', async () => {
    const page = await openPage();
    const patient = await patientIdentified(page);
    const cookie = await logIn(page);

    const before = body(await page.call('GET', '/api/state', { cookie }));
    expect(before).toEqual({
      ok: true,
      value: {
        phase: 'inSession',
        peripherals: expect.any(Array) as unknown,
        needsCleaning: false,
        help: null,
        payments: [],
      },
    });

    page.controller.server.act({ type: 'patient.help' });
    await settle();
    const during = await page.call('GET', '/api/state', { cookie });
    const { help } = (body(during) as { value: { help: { since: number } } }).value;
    // The step the patient asked from (a step's name: nothing of what the screen showed).
    expect(help).toEqual({
      since: expect.any(Number) as unknown,
      step: 'appointment',
      told: ['attendant', 'support'],
      platform: 'told',
    });
    expect(help.since).toBeGreaterThanOrEqual(MONDAY_9AM);

    const acknowledged = await page.call('POST', '/api/acknowledge', { cookie, body: '{}' });
    expect(acknowledged.status).toBe(200);
    expect(body(acknowledged)).toMatchObject({ ok: true, value: { help: null } });
    expect(viewOf(page.controller).session).toMatchObject({
      helpRequested: false,
      help: { answered: true },
    });
    expect(viewOf(page.controller).attendantCalled).toBe(false);
    await page.call('GET', '/', { cookie });

    const everything = page.bodies.join('\n');
    for (const secret of [patient.surname, patient.firstName, patient.birthDate]) {
      expect(secret.length).toBeGreaterThan(0);
      expect(everything).not.toContain(secret);
    }
  });

  it('pushes the state as server-sent events when it changes, not at every screen of the patient', async () => {
    const page = await openPage();
    await patientIdentified(page);
    const cookie = await logIn(page);
    const events: string[] = [];
    const stream = await new Promise<IncomingMessage>((resolve) => {
      httpRequest(
        { host: '127.0.0.1', port: page.port, path: '/api/events', headers: { Cookie: cookie } },
        resolve,
      ).end();
    });
    expect(stream.headers['content-type']).toContain('text/event-stream');
    stream.on('data', (chunk: Buffer) =>
      events.push(...chunk.toString('utf8').split('\n\n').filter(Boolean)),
    );
    await expect.poll(() => events.length).toBe(1);
    // The patient moves on: the page's state is the same, nothing is pushed.
    page.controller.server.act({ type: 'patient.seeNextAvailable' });
    page.controller.server.act({ type: 'patient.help' });
    const helps = () =>
      events.map((event) => (JSON.parse(event.replace(/^data: /, '')) as { help: unknown }).help);
    await expect.poll(() => events.length).toBe(4);
    expect(helps()).toEqual([
      null,
      { since: expect.any(Number) as unknown, step: 'appointment', told: ['attendant'], platform: 'pending' },
      { since: expect.any(Number) as unknown, step: 'appointment', told: ['attendant'], platform: 'told' },
      {
        since: expect.any(Number) as unknown,
        step: 'appointment',
        told: ['attendant', 'support'],
        platform: 'told',
      },
    ]);
    stream.destroy();
  });

  it('lists a payment left to the counter, and takes the attendant\'s "Payé" for it', async () => {
    const page = await openPage();
    const patient = await patientIdentified(page);
    for (let tick = 0; tick < 2_000; tick += 1) {
      const screen = viewOf(page.controller).session?.screen;
      if (screen?.step === 'payment' && screen.stage === 'confirm') break;
      const action = cooperativeAction(viewOf(page.controller));
      if (action) page.controller.server.act(action);
      else page.clock.increment(STEP_MS);
      await settle();
    }
    page.controller.server.act({ type: 'patient.payAtCounter' });
    const cookie = await logIn(page);
    const state = body(await page.call('GET', '/api/state', { cookie })) as {
      value: { payments: { transactionId: string }[] };
    };
    expect(state.value.payments).toEqual([
      {
        transactionId: expect.stringMatching(/^[a-z2-9]{16}$/) as unknown,
        amountCents: 2500,
        reason: 'counter',
        since: expect.any(Number) as unknown,
      },
    ]);
    const transactionId = state.value.payments[0]?.transactionId ?? '';
    const post = (payload: unknown) =>
      page.call('POST', '/api/payment', { cookie, body: JSON.stringify(payload) });
    expect((await post({ transactionId: 'not one!', paid: true })).status).toBe(400);
    expect((await post({ transactionId, paid: 'yes' })).status).toBe(400);
    const decided = await post({ transactionId, paid: true });
    expect(body(decided)).toMatchObject({ ok: true, value: { payments: [] } });
    expect(viewOf(page.controller).paymentsAwaitingDecision).toEqual([]);
    for (const answered of page.bodies) {
      for (const secret of [patient.surname, patient.firstName, patient.birthDate]) {
        expect(answered).not.toContain(secret);
      }
    }
  });

  it('is off unless the configuration turns it on', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cabine-attendant-page-'));
    const clock = new ManualClock(MONDAY_9AM);
    const controller = createController({
      config: {
        ...defaultConfig(directory),
        platform: { ...defaultConfig(directory).platform, kind: 'simulated' },
      },
      clock,
      log: new MemoryOperationLog(clock),
      peripherals: createSimulatedPeripherals(happyScript(STEP_MS), clock, 1_000),
    });
    running.push(async () => {
      await controller.stop();
      rmSync(directory, { recursive: true, force: true });
    });
    await controller.booted;
    expect(await controller.attendantPage).toBeNull();
  });
});
