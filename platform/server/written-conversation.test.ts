// The written conversation through the reference platform, over real WebSockets on 127.0.0.1: each
// message goes to the other party of that call only, nothing is kept once the call ended, nothing of it
// reaches the platform's log; the patient's needs reach the waiting room without their identity.
import { afterEach, describe, expect, it } from 'vitest';
import type { ProfessionalCard } from '../../contract/domain';
import { ManualClock } from '../../test/support/manual-clock';
import { queueJoin, TEST_PATIENT_SUMMARY as PATIENT, TEST_VISIT } from '../../test/support/platform-fixtures';
import { startPlatform, type RunningPlatform } from './platform-server';
import { TestPeer, tokenFor } from './test-support/test-peer';

const CARD: ProfessionalCard = {
  civility: 'Dr',
  name: 'Claire Fontaine',
  profession: 'doctor',
  specialty: 'Médecine générale',
  rpps: '10000000000',
  address: '1 rue de l’Exemple, 69000 Lyon',
};
const DOCTORS = [
  { login: 'doctor', password: 'doctor password', professional: CARD },
  { login: 'other', password: 'other password', professional: { ...CARD, name: 'Paul Autre' } },
];
const NEEDS = { writtenConversation: true, subtitles: false, largeText: true };

let platform: RunningPlatform;
const logged: string[] = [];
const peers: TestPeer[] = [];

afterEach(async () => {
  for (const peer of peers.splice(0)) {
    expect(peer.violations).toEqual([]);
    peer.close();
  }
  await platform.stop();
  logged.length = 0;
});

async function start(): Promise<void> {
  platform = await startPlatform({
    port: 0,
    clock: new ManualClock(1_000_000),
    heartbeatMs: 24 * 3_600_000,
    cabins: [
      { cabinId: 'cabin-a', credential: 'secret-a' },
      { cabinId: 'cabin-b', credential: 'secret-b' },
    ],
    practitioners: DOCTORS,
    consoleDirectory: null,
    log: (event, fields = {}) => logged.push(`${event} ${JSON.stringify(fields)}`),
  });
}

async function cabin(id: 'a' | 'b'): Promise<TestPeer> {
  const peer = await TestPeer.cabin(platform.url, `cabin-${id}`, `secret-${id}`);
  peers.push(peer);
  return peer;
}

async function doctor(index = 0): Promise<TestPeer> {
  const account = DOCTORS[index] ?? DOCTORS[0]!;
  const peer = await TestPeer.practitioner(
    platform.url,
    await tokenFor(platform.url, account.login, account.password),
  );
  peers.push(peer);
  return peer;
}

describe('the written conversation through the platform', () => {
  it('the waiting room shows what the patient asked for, never who they are', async () => {
    await start();
    const console = await doctor();
    await console.next('queue.snapshot');
    const cabinA = await cabin('a');
    await cabinA.value(queueJoin('s1', { visit: { ...TEST_VISIT, locale: 'en', needs: NEEDS } }));
    const waiting = (await console.next('queue.snapshot')).entries;
    expect(waiting).toEqual([expect.objectContaining({ sessionId: 's1', locale: 'en', needs: NEEDS })]);
    expect(JSON.stringify(waiting)).not.toContain(PATIENT.surname);
  });

  it('relays each message to the other party of the call only, and forgets it at the end', async () => {
    await start();
    const cabinA = await cabin('a');
    const cabinB = await cabin('b');
    const console = await doctor(0);
    const other = await doctor(1);
    await cabinA.value(queueJoin('s1', { visit: { ...TEST_VISIT, needs: NEEDS } }));
    await cabinB.value(queueJoin('s2'));
    await console.value({ type: 'call.accept', sessionId: 's1' });
    await other.value({ type: 'call.accept', sessionId: 's2' });
    const started = await console.next('call.started', { sessionId: 's1' });
    expect(started).toMatchObject({ visit: { needs: NEEDS } });

    await console.value({ type: 'chat.send', sessionId: 's1', text: 'Où avez-vous mal ?' });
    await expect(cabinA.next('call.chat', { sessionId: 's1' })).resolves.toMatchObject({
      from: 'professional',
      text: 'Où avez-vous mal ?',
    });
    await cabinA.value({ type: 'chat.send', sessionId: 's1', text: 'J’ai mal au ventre' });
    await expect(console.next('call.chat', { sessionId: 's1' })).resolves.toMatchObject({
      from: 'patient',
      text: 'J’ai mal au ventre',
    });
    // Another cabin, another professional: they neither hear it nor may speak into it.
    expect(cabinB.seen('call.chat')).toEqual([]);
    expect(other.seen('call.chat')).toEqual([]);
    await expect(cabinB.request({ type: 'chat.send', sessionId: 's1', text: 'x' })).resolves.toMatchObject({
      type: 'rejected',
      code: 'protocol.notAllowed',
    });
    await expect(other.request({ type: 'chat.send', sessionId: 's1', text: 'x' })).resolves.toMatchObject({
      type: 'rejected',
      code: 'protocol.notAllowed',
    });

    await console.value({ type: 'call.end', sessionId: 's1' });
    await cabinA.next('call.ended', { sessionId: 's1' });
    // After the call nothing more goes through, and the platform has nothing to give back.
    await expect(
      console.request({ type: 'chat.send', sessionId: 's1', text: 'encore' }),
    ).resolves.toMatchObject({
      result: { ok: false, error: { code: 'call.ended' } },
    });
    await expect(
      cabinA.request({ type: 'chat.send', sessionId: 's1', text: 'encore' }),
    ).resolves.toMatchObject({
      result: { ok: false, error: { code: 'call.ended' } },
    });
    await cabinA.value({ type: 'session.resume', sessionId: 's1' });
    expect(cabinA.seen('call.chat')).toHaveLength(1);

    const log = logged.join('\n');
    for (const said of ['avez-vous', 'ventre', 'encore', PATIENT.surname]) expect(log).not.toContain(said);
  });
});
