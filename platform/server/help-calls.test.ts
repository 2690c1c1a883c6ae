// A patient's help call through the reference platform, over real WebSockets and HTTP on 127.0.0.1:
// the support sees it on its list and answers it, the professional of the call sees it in the call
// and answers it, and the cabin hears who answered. Every message is checked against the contract.
import { afterEach, describe, expect, it } from 'vitest';
import type { ProfessionalCard } from '../../contract/domain';
import { ManualClock } from '../../test/support/manual-clock';
import { queueJoin, TEST_PATIENT_SUMMARY as PATIENT } from '../../test/support/platform-fixtures';
import { startPlatform, type RunningPlatform } from './platform-server';
import { TestPeer, tokenFor } from './test-support/test-peer';

const DOCTOR_CARD: ProfessionalCard = {
  civility: 'Dr',
  name: 'Claire Fontaine',
  profession: 'doctor',
  specialty: 'Médecine générale',
  rpps: '10000000000',
  address: '1 rue de l’Exemple, 69000 Lyon',
};
const DOCTOR = { login: 'doctor', password: 'doctor password', professional: DOCTOR_CARD };
const SUPPORT = { login: 'assistance', password: 'support password' };
const START_MS = 1_000_000;

let platform: RunningPlatform;
let clock: ManualClock;
const peers: TestPeer[] = [];

afterEach(async () => {
  for (const peer of peers.splice(0)) {
    expect(peer.violations).toEqual([]);
    peer.close();
  }
  await platform.stop();
});

async function start(): Promise<void> {
  clock = new ManualClock(START_MS);
  platform = await startPlatform({
    port: 0,
    clock,
    heartbeatMs: 24 * 3_600_000,
    cabins: [
      { cabinId: 'cabin-a', credential: 'secret-a' },
      { cabinId: 'cabin-b', credential: 'secret-b' },
    ],
    practitioners: [DOCTOR],
    supportAccounts: [SUPPORT],
    consoleDirectory: null,
  });
}

async function cabin(id: 'a' | 'b' = 'a'): Promise<TestPeer> {
  const peer = await TestPeer.cabin(platform.url, `cabin-${id}`, `secret-${id}`);
  peers.push(peer);
  return peer;
}

async function doctor(): Promise<TestPeer> {
  const peer = await TestPeer.practitioner(
    platform.url,
    await tokenFor(platform.url, DOCTOR.login, DOCTOR.password),
  );
  peers.push(peer);
  return peer;
}

async function supportToken(password = SUPPORT.password): Promise<{ status: number; token: string }> {
  const response = await fetch(`${platform.url}/api/support/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: SUPPORT.login, password }),
  });
  const body = (await response.json()) as { token?: string };
  return { status: response.status, token: body.token ?? '' };
}

async function helpCalls(token: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${platform.url}/api/support/help-calls`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: await response.text() };
}

async function answerAsSupport(token: string, cabinId: string, sessionId: string): Promise<number> {
  const response = await fetch(`${platform.url}/api/support/help-calls/answer`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ cabinId, sessionId }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('a help call through the platform', () => {
  it('reaches the support list before any waiting room, and the support’s answer reaches the cabin', async () => {
    await start();
    const cabinA = await cabin('a');
    await expect(cabinA.value({ type: 'help.update', sessionId: 's1', state: 'requested' })).resolves.toEqual(
      {
        told: ['support'],
      },
    );
    expect((await helpCalls('not a token')).status).toBe(401);
    expect((await supportToken('wrong')).status).toBe(401);
    const { token } = await supportToken();
    const list = JSON.parse((await helpCalls(token)).body) as { calls: unknown[] };
    expect(list.calls).toEqual([
      {
        cabinId: 'cabin-a',
        sessionId: 's1',
        state: 'requested',
        since: START_MS,
        changedAt: START_MS,
        professionalTold: false,
      },
    ]);
    clock.increment(30_000);
    expect(await answerAsSupport(token, 'cabin-a', 's1')).toBe(200);
    await expect(cabinA.next('help.answered', { sessionId: 's1' })).resolves.toMatchObject({ by: 'support' });
    // Answered once: a second answer finds nothing waiting.
    expect(await answerAsSupport(token, 'cabin-a', 's1')).toBe(404);
    expect(JSON.parse((await helpCalls(token)).body)).toMatchObject({
      calls: [{ state: 'answeredBySupport', changedAt: START_MS + 30_000 }],
    });
  });

  it('shows in the professional’s call, who answers it; the cabin hears it, the support list says so', async () => {
    await start();
    const cabinA = await cabin('a');
    const console = await doctor();
    await cabinA.request(queueJoin('s1'));
    await console.value({ type: 'call.accept', sessionId: 's1' });
    await cabinA.next('queue.assigned', { sessionId: 's1' });

    await expect(cabinA.value({ type: 'help.update', sessionId: 's1', state: 'requested' })).resolves.toEqual(
      {
        told: ['support', 'professional'],
      },
    );
    await console.next('call.helpChanged', { sessionId: 's1', active: true });
    await console.value({ type: 'help.answer', sessionId: 's1' });
    await expect(cabinA.next('help.answered', { sessionId: 's1' })).resolves.toMatchObject({
      by: 'professional',
    });
    await console.next('call.helpChanged', { sessionId: 's1', active: false });
    const { token } = await supportToken();
    const listed = (await helpCalls(token)).body;
    expect(JSON.parse(listed)).toMatchObject({
      calls: [{ sessionId: 's1', state: 'answeredByProfessional', professionalTold: true }],
    });
    // The support's list carries ids, states and times: never the patient.
    expect(listed).not.toContain(PATIENT.surname);
    expect(listed).not.toContain(PATIENT.birthDate);
  });

  it('a call cancelled by the patient leaves the professional’s call and stays on the list as cancelled', async () => {
    await start();
    const cabinA = await cabin('a');
    const console = await doctor();
    await cabinA.request(queueJoin('s1'));
    await console.value({ type: 'call.accept', sessionId: 's1' });
    await cabinA.value({ type: 'help.update', sessionId: 's1', state: 'requested' });
    await console.next('call.helpChanged', { active: true });
    await expect(cabinA.value({ type: 'help.update', sessionId: 's1', state: 'cancelled' })).resolves.toEqual(
      {
        told: [],
      },
    );
    await console.next('call.helpChanged', { active: false });
    const { token } = await supportToken();
    expect(JSON.parse((await helpCalls(token)).body)).toMatchObject({ calls: [{ state: 'cancelled' }] });
  });

  it('a help call asked before the professional took the call shows in the console as the call starts', async () => {
    await start();
    const cabinA = await cabin('a');
    const console = await doctor();
    await cabinA.request(queueJoin('s1'));
    await cabinA.value({ type: 'help.update', sessionId: 's1', state: 'requested' });
    await console.value({ type: 'call.accept', sessionId: 's1' });
    await console.next('call.helpChanged', { sessionId: 's1', active: true });
  });

  it('serves the support page with the platform’s security headers', async () => {
    await start();
    const page = await fetch(`${platform.url}/support/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('data-testid="support-help-calls"');
    expect((await fetch(`${platform.url}/support/support.js`)).headers.get('content-type')).toContain(
      'text/javascript',
    );
    expect((await fetch(`${platform.url}/support/../console-files.ts`)).status).toBe(404);
  });

  it('refuses a cabin speaking of another cabin’s session', async () => {
    await start();
    const cabinA = await cabin('a');
    const cabinB = await cabin('b');
    await cabinA.request(queueJoin('s1'));
    const answer = await cabinB.request({ type: 'help.update', sessionId: 's1', state: 'requested' });
    expect(answer).toMatchObject({ type: 'rejected', code: 'protocol.notAllowed' });
  });
});
