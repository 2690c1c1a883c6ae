// The examination instrument in the call, as the patient and the professional live it: the professional
// asks, the cabin guides the patient while it opens it, the renderer reports it on or failed, the patient
// stops it or closes its failure, the professional switches or ends it; it lasts through a requested
// measurement and a reconnection, and is gone once the call ends. The professional is told each change.
import { describe, expect, it } from 'vitest';
import { reachCall, startSession } from '../test-support';

describe('an examination instrument in the call', () => {
  it('starts on the professional’s request, then is on with its media tag', () => {
    const session = startSession();
    reachCall(session);
    expect(session.view().screen).toMatchObject({ step: 'consultation', instrument: null });
    session.call.requestInstrument('otoscope');
    expect(session.view().screen).toMatchObject({ instrument: { kind: 'otoscope', state: 'starting' } });
    session.send({ type: 'instrument.reported', report: { kind: 'otoscope', state: 'on', mediaTag: '2' } });
    expect(session.view().screen).toMatchObject({
      stage: 'inCall',
      instrument: { kind: 'otoscope', state: 'on', mediaTag: '2' },
    });
    expect(session.recorded.instrumentUses).toEqual([
      { kind: 'otoscope', state: 'starting' },
      { kind: 'otoscope', state: 'on', mediaTag: '2' },
    ]);
  });

  it('a switch ends the instrument on and starts the new one', () => {
    const session = startSession();
    reachCall(session);
    session.call.requestInstrument('otoscope');
    session.send({ type: 'instrument.reported', report: { kind: 'otoscope', state: 'on', mediaTag: '2' } });
    session.call.requestInstrument('dermatoscope');
    expect(session.view().screen).toMatchObject({ instrument: { kind: 'dermatoscope', state: 'starting' } });
    expect(session.recorded.instrumentUses.slice(2)).toEqual([
      { kind: 'otoscope', state: 'ended' },
      { kind: 'dermatoscope', state: 'starting' },
    ]);
  });

  it('a failure stays on the screen until the patient closes it; the call goes on', () => {
    const session = startSession();
    reachCall(session);
    session.call.requestInstrument('stethoscope');
    session.send({
      type: 'instrument.reported',
      report: { kind: 'stethoscope', state: 'failed', failure: 'unplugged' },
    });
    expect(session.view().screen).toMatchObject({
      stage: 'inCall',
      instrument: { kind: 'stethoscope', state: 'failed', failure: 'unplugged' },
    });
    session.send({ type: 'patient.stopInstrument' });
    expect(session.view().screen).toMatchObject({ stage: 'inCall', instrument: null });
    // Closing the message tells the professional nothing new: the failure was told.
    expect(session.recorded.instrumentUses.map((use) => use.state)).toEqual(['starting', 'failed']);
  });

  it('the patient stops it, the professional is told; the professional ends it, nothing goes back', () => {
    const session = startSession();
    reachCall(session);
    session.call.requestInstrument('examinationCamera');
    session.send({ type: 'patient.stopInstrument' });
    expect(session.view().screen).toMatchObject({ instrument: null });
    session.call.requestInstrument('otoscope');
    session.call.endInstrument();
    expect(session.view().screen).toMatchObject({ instrument: null });
    expect(session.recorded.instrumentUses).toEqual([
      { kind: 'examinationCamera', state: 'starting' },
      { kind: 'examinationCamera', state: 'stoppedByPatient' },
      { kind: 'otoscope', state: 'starting' },
    ]);
  });

  it('a report of another kind, or of an instrument no longer live, changes nothing', () => {
    const session = startSession();
    reachCall(session);
    session.send({ type: 'instrument.reported', report: { kind: 'otoscope', state: 'on', mediaTag: '2' } });
    session.call.requestInstrument('dermatoscope');
    session.send({ type: 'instrument.reported', report: { kind: 'otoscope', state: 'on', mediaTag: '2' } });
    expect(session.view().screen).toMatchObject({ instrument: { kind: 'dermatoscope', state: 'starting' } });
    session.send({
      type: 'instrument.reported',
      report: { kind: 'dermatoscope', state: 'failed', failure: 'refused' },
    });
    session.send({
      type: 'instrument.reported',
      report: { kind: 'dermatoscope', state: 'on', mediaTag: '3' },
    });
    expect(session.view().screen).toMatchObject({ instrument: { state: 'failed', failure: 'refused' } });
    expect(session.recorded.instrumentUses).toHaveLength(2);
  });

  it('lasts through a requested measurement and a reconnection, and is gone when the call ends', () => {
    const session = startSession();
    reachCall(session);
    session.call.requestInstrument('stethoscope');
    session.call.requestMeasurement('temperature');
    session.send({
      type: 'instrument.reported',
      report: { kind: 'stethoscope', state: 'on', mediaTag: '3' },
    });
    expect(session.view().screen).toMatchObject({ stage: 'measuring', instrument: { state: 'on' } });
    session.call.dropAndReconnect();
    expect(session.view().screen).toMatchObject({ stage: 'reconnecting', instrument: { state: 'on' } });
    session.call.connect();
    session.call.end();
    expect(session.view().screen.step).not.toBe('consultation');
    expect(session.snapshot().context.instrument).toBeNull();
  });

  it('the professional hears again where it stands once a dropped call is back', () => {
    const session = startSession();
    reachCall(session);
    session.call.requestInstrument('otoscope');
    session.call.dropAndReconnect();
    session.send({ type: 'instrument.reported', report: { kind: 'otoscope', state: 'on', mediaTag: '2' } });
    session.call.connect();
    expect(session.recorded.instrumentUses).toEqual([
      { kind: 'otoscope', state: 'starting' },
      { kind: 'otoscope', state: 'on', mediaTag: '2' },
      { kind: 'otoscope', state: 'on', mediaTag: '2' },
    ]);
  });

  it('a call that fails for good takes the instrument with it', () => {
    const session = startSession();
    reachCall(session);
    session.call.requestInstrument('otoscope');
    session.call.fail('call.lost');
    expect(session.view().screen).toMatchObject({ stage: 'failed', instrument: null });
  });
});
