// The written conversation through the reference platform, over real WebSockets on 127.0.0.1: each
// message goes to the other party of that call only, nothing is kept once the call ended, nothing of it
// reaches the platform's log; the patient's needs reach the waiting room without their identity.
import { describe, expect, it } from 'vitest';
import { queueJoin, TEST_PATIENT_SUMMARY as PATIENT, TEST_VISIT } from '../../test/support/platform-fixtures';
import { twoCabinsTwoDoctors } from './test-support/two-cabins-two-doctors';

const NEEDS = { writtenConversation: true, subtitles: false, largeText: true };
const { start, cabin, doctor, logged } = twoCabinsTwoDoctors();

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
