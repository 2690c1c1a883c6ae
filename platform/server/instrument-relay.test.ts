// The examination instrument through the reference platform, over real WebSockets on 127.0.0.1: the
// professional of the call asks for and ends an instrument on that cabin only, the cabin's updates reach
// that professional only, nobody else may speak into it, and the log keeps the kind and state only.
import { describe, expect, it } from 'vitest';
import { queueJoin, TEST_VISIT } from '../../test/support/platform-fixtures';
import { twoCabinsTwoDoctors } from './test-support/two-cabins-two-doctors';

const { start, cabin, doctor, logged } = twoCabinsTwoDoctors();

describe('the examination instrument through the platform', () => {
  it('the professional sees the instruments the cabin found with the visit', async () => {
    await start();
    const cabinA = await cabin('a');
    const console = await doctor();
    const instruments = ['otoscope', 'stethoscope'];
    await cabinA.value(queueJoin('s1', { visit: { ...TEST_VISIT, instruments } }));
    await console.value({ type: 'call.accept', sessionId: 's1' });
    const started = await console.next('call.started', { sessionId: 's1' });
    expect(started).toMatchObject({ visit: { instruments } });
  });

  it('relays the request, the end and the updates between the two parties of the call only', async () => {
    await start();
    const cabinA = await cabin('a');
    const cabinB = await cabin('b');
    const console = await doctor(0);
    const other = await doctor(1);
    await cabinA.value(queueJoin('s1'));
    await cabinB.value(queueJoin('s2'));
    await console.value({ type: 'call.accept', sessionId: 's1' });
    await other.value({ type: 'call.accept', sessionId: 's2' });

    await console.value({ type: 'call.requestInstrument', sessionId: 's1', kind: 'otoscope' });
    await expect(cabinA.next('call.instrumentRequested', { sessionId: 's1' })).resolves.toMatchObject({
      kind: 'otoscope',
    });
    const on = { kind: 'otoscope', state: 'on', mediaTag: '2' };
    await cabinA.value({ type: 'instrument.update', sessionId: 's1', use: on });
    await expect(console.next('call.instrument', { sessionId: 's1' })).resolves.toMatchObject({ use: on });
    await console.value({ type: 'call.endInstrument', sessionId: 's1' });
    await cabinA.next('call.instrumentEnded', { sessionId: 's1' });

    // Another cabin, another professional: they neither see it nor may speak into it.
    expect(cabinB.seen('call.instrumentRequested')).toEqual([]);
    expect(other.seen('call.instrument')).toEqual([]);
    await expect(
      other.request({ type: 'call.requestInstrument', sessionId: 's1', kind: 'stethoscope' }),
    ).resolves.toMatchObject({ type: 'rejected', code: 'protocol.notAllowed' });
    await expect(other.request({ type: 'call.endInstrument', sessionId: 's1' })).resolves.toMatchObject({
      type: 'rejected',
      code: 'protocol.notAllowed',
    });
    await expect(
      cabinB.request({
        type: 'instrument.update',
        sessionId: 's1',
        use: { kind: 'otoscope', state: 'ended' },
      }),
    ).resolves.toMatchObject({ type: 'rejected', code: 'protocol.notAllowed' });
    expect(cabinA.seen('call.instrumentRequested')).toHaveLength(1);

    // The log names the kind and the state, never the media tag.
    const log = logged.filter((line) => line.startsWith('call.instrument'));
    expect(log).toEqual([
      'call.instrumentRequested {"sessionId":"s1","kind":"otoscope"}',
      'call.instrument {"sessionId":"s1","kind":"otoscope","state":"on"}',
      'call.instrumentEnded {"sessionId":"s1"}',
    ]);
  });

  it('refuses an instrument outside a call, and a hostile update', async () => {
    await start();
    const cabinA = await cabin('a');
    const console = await doctor();
    await cabinA.value(queueJoin('s1'));
    // Still in the waiting room: nobody holds the call.
    await expect(
      cabinA.request({
        type: 'instrument.update',
        sessionId: 's1',
        use: { kind: 'otoscope', state: 'starting' },
      }),
    ).resolves.toMatchObject({ result: { ok: false, error: { code: 'call.ended' } } });
    await expect(
      console.request({ type: 'call.requestInstrument', sessionId: 's1', kind: 'otoscope' }),
    ).resolves.toMatchObject({ type: 'rejected', code: 'protocol.notAllowed' });
    await console.value({ type: 'call.accept', sessionId: 's1' });
    for (const use of [
      { kind: 'otoscope', state: 'on' },
      { kind: 'otoscope', state: 'on', mediaTag: 'a b' },
      { kind: 'otoscope', state: 'on', mediaTag: 'x'.repeat(65) },
      { kind: 'laryngoscope', state: 'starting' },
      { kind: 'otoscope', state: 'failed', failure: 'stolen' },
      { kind: 'otoscope', state: 'ended', mediaTag: '1' },
    ]) {
      await expect(
        cabinA.request({ type: 'instrument.update', sessionId: 's1', use }),
      ).resolves.toMatchObject({
        type: 'rejected',
        code: 'protocol.invalidMessage',
      });
    }
    expect(console.seen('call.instrument')).toEqual([]);
    await console.value({ type: 'call.end', sessionId: 's1' });
    await cabinA.next('call.ended', { sessionId: 's1' });
    await expect(console.request({ type: 'call.endInstrument', sessionId: 's1' })).resolves.toMatchObject({
      result: { ok: false, error: { code: 'call.ended' } },
    });
  });
});
