// Scenarios of the waiting room, the call and what follows, told as what happens in the cabin (the
// platform unreachable, a call that drops, a measurement asked, a printer out of paper, a card declined,
// an actor's bug) and checked on what the patient sees and what the cabin did.
import { describe, expect, it } from 'vitest';
import {
  bloodPressure,
  CARD_HOLDER,
  consentAlone,
  failure,
  outcomeOf,
  PRESCRIPTION,
  reachCall,
  reachMeasurements,
  reachWaitingRoom,
  scenarioWalks,
  SICK_LEAVE,
  stageOf,
  type SessionHarness,
} from '../test-support';

const SECOND = 1000;

/** The goodbye screen's default time on screen, as the session harness runs it. */
const GOODBYE_MS = 45 * SECOND;

const { walkIn, walkInTo, describeBackButton } = scenarioWalks();

/** The attendant was called once, and the patient's screen says help is on its way. */
function expectAttendantCalledOnce(session: SessionHarness): void {
  expect(session.recorded.attendantCalls).toHaveLength(1);
  expect(session.view().helpRequested).toBe(true);
}

/** The link drops and comes back: the patient sees the call reconnecting, then the consultation again. */
function dropAndComeBack(session: SessionHarness): void {
  session.call.dropAndReconnect();
  expect(stageOf(session)).toBe('consultation/reconnecting');
  session.call.connect();
  expect(stageOf(session)).toBe('consultation/inCall');
}

describe('waiting room and call', () => {
  it('a failure shown in the call clears when the call comes back after a drop', () => {
    const session = walkInTo(reachCall);
    session.call.requestMeasurement('temperature');
    session.send({ type: 'patient.startMeasurement' });
    session.device.fail('device.unplugged');
    expect(session.view().screen).toMatchObject({
      stage: 'measuring',
      measurementStage: 'failed',
      failure: 'device.unplugged',
    });
    session.call.dropAndReconnect();
    expect(stageOf(session)).toBe('consultation/reconnecting');
    session.call.connect();
    expect(session.view().screen).toMatchObject({ stage: 'inCall', failure: null });
  });

  it('a failure shown in the call clears when the call comes back with sound only', () => {
    const session = walkInTo(reachCall);
    session.call.requestMeasurement('weight');
    session.send({ type: 'patient.startMeasurement' });
    session.device.complete(bloodPressure(300, 90));
    expect(session.view().screen).toMatchObject({
      stage: 'measuring',
      measurementStage: 'failed',
      failure: 'measurement.implausible',
    });
    session.call.dropAndReconnect();
    session.elapse(25 * SECOND);
    expect(session.view().screen).toMatchObject({ stage: 'reconnecting', mediaMode: 'audioOnly' });
    session.call.connect();
    expect(session.view().screen).toMatchObject({ stage: 'inCall', mediaMode: 'audioOnly', failure: null });
  });

  it('the platform is unreachable: the waiting room shows it, and retry joins the queue again', () => {
    const session = walkInTo(reachWaitingRoom);
    session.waitingRoom.fail('platform.unreachable');
    expect(session.view().screen).toMatchObject({ stage: 'failed', failure: 'platform.unreachable' });
    session.send({ type: 'patient.retry' });
    expect(session.view().screen).toMatchObject({ stage: 'joining', failure: null });
    expect(session.waitingRoom.starts).toHaveLength(2);
    expect(session.waitingRoom.isRunning).toBe(true);
  });

  it('the call drops, reconnects, and comes back to the consultation', () => {
    dropAndComeBack(walkInTo(reachCall));
  });

  it('while waiting, the camera check passes, or a problem calls the attendant once and the wait goes on', () => {
    const seen = walkInTo(reachWaitingRoom);
    expect(seen.view().screen).toMatchObject({ step: 'waitingRoom', mediaCheck: 'pending' });
    // The platform is told the language, the cover answers and the cost the patient accepted.
    const { context } = seen.snapshot();
    expect(context.cost).not.toBeNull();
    expect(seen.waitingRoom.lastInput).toMatchObject({
      locale: 'fr',
      carePath: context.carePath,
      cost: context.cost,
    });
    seen.send({ type: 'patient.checkMedia', works: true });
    expect(seen.view().screen).toMatchObject({ mediaCheck: 'passed' });
    expect(seen.recorded.attendantCalls).toHaveLength(0);
    // The professional who takes the patient learns the result.
    expect(seen.recorded.mediaChecks).toEqual([{ sessionId: 'session-test-1', result: 'passed' }]);

    const broken = walkInTo(reachWaitingRoom);
    broken.send({ type: 'patient.checkMedia', works: false });
    expect(broken.view().screen).toMatchObject({ step: 'waitingRoom', mediaCheck: 'problem' });
    expectAttendantCalledOnce(broken);
    expect(broken.recorded.mediaChecks).toEqual([{ sessionId: 'session-test-1', result: 'problem' }]);
    expect(broken.waitingRoom.isRunning).toBe(true);
  });

  it('the indicator follows what the professional receives of the patient', () => {
    const session = walkInTo(reachCall);
    expect(session.view().screen).toMatchObject({ professionalReceives: { audio: false, video: false } });
    session.call.professionalReceives(true, true);
    expect(session.view().screen).toMatchObject({ professionalReceives: { audio: true, video: true } });
  });

  it('a link down for 20 s falls back to sound only; back within 20 s more, the call goes on with sound', () => {
    const session = walkInTo(reachCall);
    session.call.dropAndReconnect();
    session.elapse(19 * SECOND);
    expect(session.view().screen).toMatchObject({ stage: 'reconnecting', mediaMode: 'video' });
    session.elapse(1 * SECOND);
    expect(session.view().screen).toMatchObject({ stage: 'reconnecting', mediaMode: 'audioOnly' });
    session.call.connect();
    expect(session.view().screen).toMatchObject({ stage: 'inCall', mediaMode: 'audioOnly' });
    expect(session.recorded.attendantCalls).toHaveLength(0);
  });

  it('a link that never comes back ends the call clearly after 40 s and calls the attendant', () => {
    const session = walkInTo(reachCall);
    session.call.dropAndReconnect();
    session.elapse(39 * SECOND);
    expect(stageOf(session)).toBe('consultation/reconnecting');
    session.elapse(1 * SECOND);
    expect(session.view().screen).toMatchObject({ stage: 'failed', failure: 'call.lost' });
    expectAttendantCalledOnce(session);
    expect(session.call.isRunning).toBe(false);
  });

  it('a drop during a measurement asked by the professional stops it and reconnects', () => {
    const session = walkInTo(reachCall);
    session.call.requestMeasurement('temperature');
    session.send({ type: 'patient.startMeasurement' });
    expect(stageOf(session)).toBe('consultation/measuring');
    expect(session.device.isRunning).toBe(true);
    dropAndComeBack(session);
    expect(session.device.isRunning).toBe(false);
    expect(session.view().screen).toMatchObject({ requestedMeasurement: null, measurementStage: null });
  });

  it('the call fails: the patient sees it and retry calls again', () => {
    const session = walkInTo(reachCall);
    session.call.fail('call.lost');
    expect(session.view().screen).toMatchObject({ stage: 'failed', failure: 'call.lost' });
    // The message promises someone from the front desk: the attendant is called.
    expect(session.recorded.attendantCalls).toHaveLength(1);
    session.send({ type: 'patient.retry' });
    expect(stageOf(session)).toBe('consultation/connecting');
    expect(session.call.starts).toHaveLength(2);
  });

  it("the call fails and the patient walks out: the session ends, the doctor's name does not stay on screen", () => {
    const session = walkInTo(reachCall);
    session.call.fail('call.lost');
    session.elapse(90 * SECOND);
    expect(session.view().askingStillThere).toBe(true);
    session.elapse(30 * SECOND);
    expect(outcomeOf(session)).toBe('abandoned');
  });
});

describe('documents and payment', () => {
  async function reachDocuments(session: SessionHarness) {
    reachCall(session);
    session.call.deliver(PRESCRIPTION);
    session.call.deliver(SICK_LEAVE);
    session.call.end();
    session.send({ type: 'patient.print' });
    await session.settle();
  }

  it('shows each document waiting, then printing, then printed', async () => {
    const session = walkIn();
    await reachDocuments(session);
    expect(session.view().screen).toMatchObject({
      stage: 'printing',
      progress: [
        { id: PRESCRIPTION.id, status: 'waiting' },
        { id: SICK_LEAVE.id, status: 'waiting' },
      ],
    });
    session.printer.start(PRESCRIPTION.id);
    expect(session.view().screen).toMatchObject({
      progress: [
        { id: PRESCRIPTION.id, status: 'printing' },
        { id: SICK_LEAVE.id, status: 'waiting' },
      ],
    });
    session.printer.print(PRESCRIPTION.id);
    expect(session.view().screen).toMatchObject({
      stage: 'printing',
      progress: [
        { id: PRESCRIPTION.id, status: 'printed' },
        { id: SICK_LEAVE.id, status: 'waiting' },
      ],
    });
    session.printer.print(SICK_LEAVE.id);
    expect(session.view().screen).toMatchObject({
      stage: 'printed',
      progress: [
        { id: PRESCRIPTION.id, status: 'printed' },
        { id: SICK_LEAVE.id, status: 'printed' },
      ],
    });
  });

  it('the paper runs out after the first document: the patient sees which came out, retry prints only the rest', async () => {
    const session = walkIn();
    await reachDocuments(session);
    session.printer.print(PRESCRIPTION.id);
    session.printer.fail(SICK_LEAVE.id, 'printer.outOfPaper');
    expect(session.view().screen).toMatchObject({
      stage: 'printFailed',
      failure: 'printer.outOfPaper',
      progress: [
        { id: PRESCRIPTION.id, status: 'printed' },
        { id: SICK_LEAVE.id, status: 'failed' },
      ],
    });
    session.send({ type: 'patient.retry' });
    expect(session.view().screen).toMatchObject({
      stage: 'printing',
      failure: null,
      progress: [
        { id: PRESCRIPTION.id, status: 'printed' },
        { id: SICK_LEAVE.id, status: 'waiting' },
      ],
    });
    // The prescription already came out: it is never sent to the printer again.
    expect(session.printer.requests.map((request) => request.documents)).toEqual([
      [PRESCRIPTION, SICK_LEAVE],
      [SICK_LEAVE],
    ]);
    session.printer.printRest();
    expect(stageOf(session)).toBe('documents/printed');
    // The Mon espace santé choice was sent once, when the patient asked to print.
    expect(session.recorded.dmpChoices).toEqual([{ sessionId: 'session-test-1', opposed: false }]);
    session.send({ type: 'patient.next' });
    session.send({ type: 'patient.pay' });
    await session.paymentTerminal.answer({ ok: true, value: undefined });
    expect(session.view().screen).toMatchObject({ step: 'goodbye', documentsPrinted: 2 });
  });

  it('the first document fails: retry prints both, and the goodbye counts what came out', async () => {
    const session = walkIn();
    await reachDocuments(session);
    session.printer.fail(PRESCRIPTION.id, 'printer.jammed');
    expect(session.view().screen).toMatchObject({
      stage: 'printFailed',
      failure: 'printer.jammed',
      progress: [
        { id: PRESCRIPTION.id, status: 'failed' },
        { id: SICK_LEAVE.id, status: 'waiting' },
      ],
    });
    session.send({ type: 'patient.retry' });
    session.printer.print(PRESCRIPTION.id);
    session.printer.fail(SICK_LEAVE.id, 'printer.outOfPaper');
    session.send({ type: 'patient.skip' });
    session.send({ type: 'patient.pay' });
    await session.paymentTerminal.answer({ ok: true, value: undefined });
    expect(session.view().screen).toMatchObject({ step: 'goodbye', documentsPrinted: 1 });
    expect(session.printer.requests.map((request) => request.documents)).toEqual([
      [PRESCRIPTION, SICK_LEAVE],
      [PRESCRIPTION, SICK_LEAVE],
    ]);
  });

  it('the printer is out of paper: skip goes on to the payment', async () => {
    const session = walkIn();
    await reachDocuments(session);
    session.printer.fail(PRESCRIPTION.id, 'printer.outOfPaper');
    session.send({ type: 'patient.skip' });
    expect(session.view().screen).toMatchObject({ step: 'payment', stage: 'confirm' });
  });

  it('the bank card is declined: the failure is shown and the patient tries again', async () => {
    const session = walkIn();
    await reachDocuments(session);
    session.printer.printRest();
    session.send({ type: 'patient.next' });
    session.send({ type: 'patient.pay' });
    await session.paymentTerminal.answer(failure('payment.declined'));
    expect(session.view().screen).toMatchObject({
      step: 'payment',
      stage: 'failed',
      failure: 'payment.declined',
    });
    session.send({ type: 'patient.retry' });
    expect(session.view().screen).toMatchObject({ stage: 'processing', failure: null });
    await session.paymentTerminal.answer({ ok: true, value: undefined });
    expect(session.paymentTerminal.requests).toHaveLength(2);
    expect(session.view().screen.step).toBe('goodbye');
  });

  it('the payment fails: the patient pays at the counter, the attendant is told, the documents stay printed', async () => {
    const session = walkIn();
    await reachDocuments(session);
    session.printer.printRest();
    session.send({ type: 'patient.next' });
    session.send({ type: 'patient.pay' });
    await session.paymentTerminal.answer(failure('payment.unreachable'));
    expect(session.view().screen).toMatchObject({ stage: 'failed', failure: 'payment.unreachable' });
    session.send({ type: 'patient.payAtCounter' });
    expect(session.view().screen).toEqual({
      step: 'goodbye',
      cardInReader: false,
      documentsPrinted: 2,
      problemReported: false,
      payAtCounterCents: 2500,
      closesAt: session.clock.now() + GOODBYE_MS,
    });
    expect(session.recorded.atCounter).toEqual([{ sessionId: 'session-test-1', amountCents: 2500 }]);
    expect(session.paymentTerminal.requests).toHaveLength(1);
  });

  it('the goodbye screen says when it closes, and "more time" gives it the whole delay again', async () => {
    const session = walkIn();
    await reachDocuments(session);
    session.printer.printRest();
    session.send({ type: 'patient.next' });
    session.send({ type: 'patient.payAtCounter' });
    expect(session.view().screen).toMatchObject({
      step: 'goodbye',
      closesAt: session.clock.now() + GOODBYE_MS,
    });
    session.elapse(GOODBYE_MS - 20 * SECOND);
    session.send({ type: 'patient.stillHere' });
    expect(session.view().screen).toMatchObject({
      step: 'goodbye',
      closesAt: session.clock.now() + GOODBYE_MS,
    });
    session.elapse(GOODBYE_MS - SECOND);
    expect(session.view().screen.step).toBe('goodbye');
    session.elapse(SECOND);
    expect(outcomeOf(session)).toBe('completed');
  });

  it('the patient may choose the counter before any card payment', async () => {
    const session = walkIn();
    await reachDocuments(session);
    session.printer.printRest();
    session.send({ type: 'patient.next' });
    session.send({ type: 'patient.payAtCounter' });
    expect(session.view().screen).toMatchObject({ step: 'goodbye', payAtCounterCents: 2500 });
    expect(session.paymentTerminal.requests).toEqual([]);
  });
});

describe('an actor with a bug does not end the session', () => {
  it('the card reader throws on start: the card step shows a failure and retry works', () => {
    const session = walkIn();
    session.cardReader.throwOnNextStart();
    consentAlone(session);
    expect(session.view().screen).toMatchObject({ stage: 'cardFailed', failure: 'internal.actorFailed' });
    session.send({ type: 'patient.retry' });
    session.cardReader.insert([CARD_HOLDER]);
    expect(stageOf(session)).toBe('identification/confirming');
  });

  it('the measuring device throws: the measurement fails and can be skipped', () => {
    const session = walkInTo(reachMeasurements);
    session.device.throwOnNextStart();
    session.send({ type: 'patient.startMeasurement' });
    expect(session.view().screen).toMatchObject({ stage: 'failed', failure: 'internal.actorFailed' });
    session.send({ type: 'patient.skip' });
    expect(session.view().screen).toMatchObject({ stage: 'instructions', current: 'temperature' });
  });

  it('the printer driver throws: printFailed, and the patient can still pay and leave', () => {
    const session = walkInTo(reachCall);
    session.call.deliver(PRESCRIPTION);
    session.call.end();
    session.printer.throwOnNextStart();
    session.send({ type: 'patient.print' });
    expect(session.view().screen).toMatchObject({ stage: 'printFailed', failure: 'internal.actorFailed' });
    session.send({ type: 'patient.skip' });
    expect(session.view().screen.step).toBe('payment');
  });

  it('the payment terminal throws: the payment fails and can be retried', async () => {
    const session = walkInTo(reachCall);
    session.call.end();
    session.paymentTerminal.willThrow();
    session.send({ type: 'patient.pay' });
    await session.settle();
    expect(session.view().screen).toMatchObject({ stage: 'failed', failure: 'internal.actorFailed' });
    expect(session.snapshot().status).toBe('active');
  });
});

// Runs last: it checks the screens that the scenarios above reached.
describeBackButton(29);
