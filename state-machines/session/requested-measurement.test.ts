// The measurement the professional asks for during the call: the patient reads its instructions and
// starts it (it never starts by itself), follows it, sees the result, which the professional gets at
// once; a failure says why and offers again or skip; the call goes on all along.
import { describe, expect, it } from 'vitest';
import {
  bloodPressure,
  plausibleMeasurement,
  reachCall,
  scenarioWalks,
  stageOf,
  type SessionHarness,
} from '../test-support';

const SECOND = 1000;

const { walkInTo } = scenarioWalks();

/** The professional asks for `kind` during the call: its instructions are on the screen, nothing started. */
function asked(kind: Parameters<SessionHarness['call']['requestMeasurement']>[0]): SessionHarness {
  const session = walkInTo(reachCall);
  session.call.requestMeasurement(kind);
  return session;
}

describe('a measurement the professional asks for during the call', () => {
  it('shows its instructions and waits for the patient to start it', () => {
    const session = asked('bloodPressure');
    expect(session.view().screen).toMatchObject({
      step: 'consultation',
      stage: 'measuring',
      requestedMeasurement: 'bloodPressure',
      measurementStage: 'instructions',
      progress: null,
    });
    // Nothing starts by itself, however long the patient takes to put the cuff on.
    session.elapse(60 * SECOND);
    expect(session.device.isRunning).toBe(false);
    expect(session.call.isRunning).toBe(true);

    session.send({ type: 'patient.startMeasurement' });
    expect(session.device.kind).toBe('bloodPressure');
    expect(session.view().screen).toMatchObject({
      measurementStage: 'measuring',
      progress: { stage: 'preparing' },
    });
  });

  it('follows the cuff inflating then deflating, shows the result and shares it at once', () => {
    const session = asked('bloodPressure');
    session.send({ type: 'patient.startMeasurement' });
    session.device.progress({ stage: 'inflating', cuffPressureMmHg: 150 });
    expect(session.view().screen).toMatchObject({
      measurementStage: 'measuring',
      progress: { stage: 'inflating', cuffPressureMmHg: 150 },
    });
    session.device.progress({ stage: 'deflating', cuffPressureMmHg: 110 });
    expect(session.view().screen).toMatchObject({ progress: { stage: 'deflating', cuffPressureMmHg: 110 } });
    session.device.complete(bloodPressure(128, 82));
    expect(session.view().screen).toMatchObject({
      stage: 'measuring',
      measurementStage: 'result',
      measurementResult: bloodPressure(128, 82),
      progress: null,
    });
    // The professional has it while the patient reads it.
    expect(session.recorded.sharedMeasurements).toEqual([bloodPressure(128, 82)]);
    expect(session.snapshot().context.measurements).toEqual([bloodPressure(128, 82)]);

    session.send({ type: 'patient.next' });
    expect(session.view().screen).toMatchObject({
      stage: 'inCall',
      requestedMeasurement: null,
      measurementStage: null,
      measurementResult: null,
      failure: null,
    });
  });

  it('can be taken again from its result; the professional gets the new value', () => {
    const session = asked('oxygenSaturation');
    session.send({ type: 'patient.startMeasurement' });
    session.device.complete(plausibleMeasurement('oxygenSaturation'));
    session.send({ type: 'patient.retry' });
    expect(session.view().screen).toMatchObject({ measurementStage: 'measuring' });
    expect(session.device.starts).toHaveLength(2);
    session.device.complete(plausibleMeasurement('oxygenSaturation', 5));
    expect(session.recorded.sharedMeasurements).toHaveLength(2);
    expect(session.snapshot().context.measurements).toEqual([plausibleMeasurement('oxygenSaturation', 5)]);
  });

  it('can be skipped from its instructions, and the call goes on', () => {
    const session = asked('weight');
    session.send({ type: 'patient.skip' });
    expect(stageOf(session)).toBe('consultation/inCall');
    expect(session.recorded.sharedMeasurements).toEqual([]);
  });

  it('says why it failed, and offers to try again or to skip', () => {
    const session = asked('temperature');
    session.send({ type: 'patient.startMeasurement' });
    session.device.fail('device.unplugged');
    expect(session.view().screen).toMatchObject({
      stage: 'measuring',
      measurementStage: 'failed',
      failure: 'device.unplugged',
    });
    expect(session.recorded.sharedMeasurements).toEqual([]);
    session.send({ type: 'patient.retry' });
    expect(session.view().screen).toMatchObject({ measurementStage: 'measuring', failure: null });
    session.device.fail('device.timeout');
    session.send({ type: 'patient.skip' });
    expect(session.view().screen).toMatchObject({ stage: 'inCall', failure: null });
  });

  it('is refused when the value is implausible, and nothing is shared', () => {
    const session = asked('bloodPressure');
    session.send({ type: 'patient.startMeasurement' });
    session.device.complete(bloodPressure(300, 90));
    expect(session.view().screen).toMatchObject({
      measurementStage: 'failed',
      failure: 'measurement.implausible',
    });
    expect(session.recorded.sharedMeasurements).toEqual([]);
  });

  it('gives way to another one the professional asks for before it is taken', () => {
    const session = asked('weight');
    session.call.requestMeasurement('temperature');
    expect(session.view().screen).toMatchObject({
      requestedMeasurement: 'temperature',
      measurementStage: 'instructions',
    });
    session.send({ type: 'patient.startMeasurement' });
    expect(session.device.kind).toBe('temperature');
  });

  it('keeps a request that comes while the device measures for after it: the result first, then the next', () => {
    const session = asked('bloodPressure');
    session.send({ type: 'patient.startMeasurement' });
    session.call.requestMeasurement('temperature');
    // The cuff goes on: nothing of the running measurement changes.
    expect(session.device.isRunning).toBe(true);
    expect(session.view().screen).toMatchObject({
      requestedMeasurement: 'bloodPressure',
      measurementStage: 'measuring',
    });
    session.device.complete(bloodPressure(128, 82));
    expect(session.view().screen).toMatchObject({
      measurementStage: 'result',
      measurementResult: bloodPressure(128, 82),
    });
    session.send({ type: 'patient.next' });
    expect(session.view().screen).toMatchObject({
      stage: 'measuring',
      requestedMeasurement: 'temperature',
      measurementStage: 'instructions',
      measurementResult: null,
    });
    session.send({ type: 'patient.skip' });
    expect(stageOf(session)).toBe('consultation/inCall');
  });

  it('ends with the call when the professional hangs up meanwhile', () => {
    const session = asked('bloodPressure');
    session.send({ type: 'patient.startMeasurement' });
    session.call.end();
    expect(session.device.isRunning).toBe(false);
    expect(session.view().screen).toMatchObject({ step: 'payment' });
  });
});
