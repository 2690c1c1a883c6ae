// Scenarios of one patient's session in the cabin, told as what happens and checked on what the patient
// sees (`sessionViewOf`) and what the cabin did (the recorded actions).
import { describe, expect, it } from 'vitest';
import { transition, type SnapshotFrom } from 'xstate';
import type { SessionOutcome } from '../../contract';
import type { SessionInput } from './context';
import { canGoBackFrom, sessionViewOf } from '../session-view';
import {
  bloodPressure,
  CARD_HOLDER,
  CHILD_ON_CARD,
  chooseDoctor,
  consentAlone,
  DOCTOR,
  failure,
  identifyWithCard,
  nirWithWrongKey,
  plausibleMeasurement,
  PRESCRIPTION,
  reachCall,
  reachMeasurements,
  reachWaitingRoom,
  REFERRED_BY_REGULAR_DOCTOR,
  SICK_LEAVE,
  startSession,
  TYPED_IDENTITY,
  type FakeSessionMachine,
  type SessionHarness,
} from '../test-support';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

// Every snapshot the scenarios pass through, for the "back" consistency check at the end of this file.
const reached: { logic: FakeSessionMachine; snapshot: SnapshotFrom<FakeSessionMachine> }[] = [];

/** Starts a session whose every snapshot is collected for the consistency check. */
function walkIn(overrides: Partial<SessionInput> = {}): SessionHarness {
  const session = startSession(overrides);
  session.actor.subscribe((snapshot) => reached.push({ logic: session.actor.logic, snapshot }));
  reached.push({ logic: session.actor.logic, snapshot: session.snapshot() });
  return session;
}

function outcomeOf(session: SessionHarness): SessionOutcome | undefined {
  const snapshot = session.snapshot();
  return snapshot.status === 'done' ? snapshot.output?.outcome : undefined;
}

function stageOf(session: SessionHarness): string {
  const { screen } = session.view();
  return 'stage' in screen ? `${screen.step}/${screen.stage}` : screen.step;
}

describe('a patient goes through the whole journey', () => {
  it('with a two-beneficiary card, a measurement, a prescription printed and paid: completed', async () => {
    const session = walkIn();
    expect(session.view().screen).toMatchObject({ step: 'information', standardCost: { feeCents: 2500 } });

    consentAlone(session);
    expect(session.recorded.consents).toEqual([
      {
        sessionId: 'session-test-1',
        textVersion: 'consent-2026-01',
        presence: 'alone',
        attendantStays: false,
      },
    ]);
    expect(stageOf(session)).toBe('identification/waitingForCard');

    session.cardReader.startReading();
    expect(session.view()).toMatchObject({ canGoBack: false, screen: { stage: 'readingCard' } });
    session.cardReader.finishReading([CARD_HOLDER, CHILD_ON_CARD]);
    const choosing = session.view().screen;
    expect(choosing).toMatchObject({ step: 'identification', stage: 'choosingBeneficiary' });
    if (choosing.step !== 'identification') throw new Error('not on identification');
    expect(choosing.beneficiaries.map((b) => b.firstName)).toEqual(['Lucien', 'Zoé']);
    // The choice list never shows a NIR.
    expect(choosing.beneficiaries[0]).not.toHaveProperty('nir');

    session.send({ type: 'patient.chooseBeneficiary', index: 1 });
    expect(session.view().screen).toMatchObject({ stage: 'confirming', identity: CHILD_ON_CARD });
    session.send({ type: 'patient.confirmIdentity' });

    session.send({ type: 'patient.seeNextAvailable' });
    session.send({ type: 'patient.chooseProfession', profession: 'doctor' });
    expect(stageOf(session)).toBe('appointment/carePath');
    session.send({ type: 'patient.answerCarePath', answers: REFERRED_BY_REGULAR_DOCTOR });
    expect(session.view().screen).toMatchObject({
      step: 'appointment',
      stage: 'cost',
      cost: { feeCents: 2500, reimbursedPercent: 70, reimbursed: true, amountDueTodayCents: 2500 },
    });
    session.send({ type: 'patient.acceptCost' });

    expect(session.view().screen).toMatchObject({
      step: 'measurements',
      stage: 'instructions',
      current: 'bloodPressure',
    });
    session.send({ type: 'patient.startMeasurement' });
    expect(session.device.kind).toBe('bloodPressure');
    session.device.progress({ stage: 'inflating', cuffPressureMmHg: 140 });
    expect(session.view().screen).toMatchObject({ stage: 'measuring', progress: { cuffPressureMmHg: 140 } });
    session.device.complete(bloodPressure(128, 82));
    expect(session.view().screen).toMatchObject({ stage: 'result', result: bloodPressure(128, 82) });
    session.send({ type: 'patient.next' });
    expect(session.recorded.sharedMeasurements).toEqual([bloodPressure(128, 82)]);
    expect(session.view().screen).toMatchObject({ stage: 'instructions', current: 'temperature' });
    session.send({ type: 'patient.skip' });
    session.send({ type: 'patient.skip' });
    session.send({ type: 'patient.skip' });

    const slots = session.snapshot().context.slots.map((slot) => slot.status);
    expect(slots).toEqual(['done', 'skipped', 'skipped', 'skipped']);
    expect(stageOf(session)).toBe('waitingRoom/joining');
    expect(session.waitingRoom.lastInput).toMatchObject({
      profession: 'doctor',
      identity: CHILD_ON_CARD,
      measurements: [bloodPressure(128, 82)],
    });
    session.waitingRoom.update(3, 12);
    expect(session.view().screen).toMatchObject({ stage: 'waiting', position: 3, estimatedWaitMinutes: 12 });
    session.waitingRoom.assign(DOCTOR);
    expect(session.view().screen).toMatchObject({ stage: 'professionalReady', professional: DOCTOR });

    session.send({ type: 'patient.startCall' });
    expect(stageOf(session)).toBe('consultation/connecting');
    session.call.connect();
    session.call.deliver(PRESCRIPTION);
    expect(session.view().screen).toMatchObject({ stage: 'inCall', documentsReceived: 1 });
    session.call.end();

    expect(session.view().screen).toMatchObject({
      step: 'documents',
      stage: 'review',
      documents: [PRESCRIPTION],
    });
    session.send({ type: 'patient.setDmpOpposition', opposed: true });
    session.send({ type: 'patient.print' });
    expect(session.recorded.dmpChoices).toEqual([{ sessionId: 'session-test-1', opposed: true }]);
    expect(session.printer.requests).toEqual([{ sessionId: 'session-test-1', documents: [PRESCRIPTION] }]);
    await session.printer.answer({ ok: true, value: { printed: 1 } });
    expect(stageOf(session)).toBe('documents/printed');
    session.send({ type: 'patient.next' });

    expect(session.view().screen).toMatchObject({
      step: 'payment',
      stage: 'confirm',
      cost: { amountDueTodayCents: 2500 },
    });
    session.send({ type: 'patient.pay' });
    expect(session.paymentTerminal.requests).toEqual([{ sessionId: 'session-test-1', amountCents: 2500 }]);
    await session.paymentTerminal.answer({ ok: true, value: undefined });
    expect(session.view().screen).toEqual({
      step: 'goodbye',
      cardInReader: false,
      documentsPrinted: 1,
      problemReported: false,
    });
    // The patient left the card in: the goodbye screen asks for it until it is out.
    session.send({ type: 'card.presenceChanged', present: true });
    expect(session.view().screen).toMatchObject({ step: 'goodbye', cardInReader: true });
    session.send({ type: 'card.presenceChanged', present: false });
    expect(session.view().screen).toMatchObject({ step: 'goodbye', cardInReader: false });

    session.send({ type: 'patient.finish' });
    expect(outcomeOf(session)).toBe('completed');
    expect(session.snapshot().output).toEqual({ sessionId: 'session-test-1', outcome: 'completed' });
    // Each step is recorded once, as it is entered, in the order of the journey.
    expect(session.recorded.steps).toEqual(
      [
        'information',
        'consent',
        'identification',
        'appointment',
        'measurements',
        'waitingRoom',
        'consultation',
        'documents',
        'payment',
        'goodbye',
      ].map((step) => ({ sessionId: 'session-test-1', step })),
    );
  });

  it('records only the steps shown: no device, no document and nothing to pay skip three of them', () => {
    const session = walkIn({ availableKinds: [] });
    session.send({ type: 'patient.next' });
    session.send({ type: 'patient.back' });
    chooseDoctor(session, { referredOrNoRegularDoctor: true, exemptedCase: false, fullCover: true });
    session.send({ type: 'patient.acceptCost' });
    session.waitingRoom.assign(DOCTOR);
    session.send({ type: 'patient.startCall' });
    session.call.connect();
    session.call.end();
    expect(session.view().screen.step).toBe('goodbye');
    // Back to the information screen is a step entered again.
    expect(session.recorded.steps.map(({ step }) => step)).toEqual([
      'information',
      'consent',
      'information',
      'consent',
      'identification',
      'appointment',
      'waitingRoom',
      'consultation',
      'goodbye',
    ]);
  });
});

describe('the patient stops touching the screen', () => {
  it('walks away on the consent screen: "still there?" after 90 s, abandoned 30 s later', () => {
    const session = walkIn();
    session.send({ type: 'patient.next' });
    session.elapse(89 * SECOND);
    expect(session.view().askingStillThere).toBe(false);
    session.elapse(1 * SECOND);
    expect(session.view()).toMatchObject({ askingStillThere: true, screen: { step: 'consent' } });
    session.elapse(29 * SECOND);
    expect(outcomeOf(session)).toBeUndefined();
    session.elapse(1 * SECOND);
    expect(outcomeOf(session)).toBe('abandoned');
  });

  it('a touch within the grace keeps the session, and the countdown starts again from that touch', () => {
    const session = walkIn();
    session.send({ type: 'patient.next' });
    session.elapse(90 * SECOND + 20 * SECOND);
    expect(session.view().askingStillThere).toBe(true);
    session.send({ type: 'patient.stillHere' });
    expect(session.view()).toMatchObject({ askingStillThere: false, screen: { step: 'consent' } });
    session.elapse(89 * SECOND);
    expect(session.view().askingStillThere).toBe(false);
    session.elapse(1 * SECOND);
    expect(session.view().askingStillThere).toBe(true);
  });

  it('any other touch, such as changing the language, also proves the patient is there', () => {
    const session = walkIn();
    session.elapse(90 * SECOND);
    session.send({ type: 'patient.setLocale', locale: 'en' });
    expect(session.view()).toMatchObject({ askingStillThere: false, locale: 'en' });
    session.elapse(60 * SECOND);
    expect(outcomeOf(session)).toBeUndefined();
  });

  it('no prompt while waiting 20 minutes in the queue nor during a 30-minute call', () => {
    const session = walkIn();
    reachWaitingRoom(session);
    session.elapse(20 * MINUTE);
    expect(session.view()).toMatchObject({ askingStillThere: false, screen: { step: 'waitingRoom' } });
    session.waitingRoom.assign(DOCTOR);
    session.send({ type: 'patient.startCall' });
    session.call.connect();
    session.elapse(30 * MINUTE);
    expect(session.view()).toMatchObject({
      askingStillThere: false,
      screen: { step: 'consultation', stage: 'inCall' },
    });
  });

  it('when the professional becomes ready after a long wait, the patient gets the full 90 s to start the call', () => {
    const session = walkIn();
    reachWaitingRoom(session);
    session.elapse(20 * MINUTE + 60 * SECOND);
    session.waitingRoom.assign(DOCTOR);
    session.elapse(89 * SECOND);
    expect(session.view()).toMatchObject({ askingStillThere: false, screen: { stage: 'professionalReady' } });
    session.elapse(1 * SECOND);
    expect(session.view().askingStillThere).toBe(true);
  });

  it('the goodbye screen closes by itself after 45 s as a completed session', async () => {
    const session = walkIn();
    reachCall(session);
    session.call.end();
    session.send({ type: 'patient.pay' });
    await session.paymentTerminal.answer({ ok: true, value: undefined });
    session.send({ type: 'patient.reportProblem', problem: 'sound' });
    expect(session.view().screen).toMatchObject({ step: 'goodbye', problemReported: true });
    expect(session.recorded.problems).toEqual([{ sessionId: 'session-test-1', problem: 'sound' }]);
    session.elapse(44 * SECOND);
    expect(outcomeOf(session)).toBeUndefined();
    session.elapse(1 * SECOND);
    expect(outcomeOf(session)).toBe('completed');
  });
});

describe('identification', () => {
  it('the card is pulled out during the read: the failure is shown and a retry reads it again', () => {
    const session = walkIn();
    consentAlone(session);
    session.cardReader.startReading();
    session.cardReader.fail('card.removed');
    expect(session.view()).toMatchObject({
      canGoBack: true,
      screen: { step: 'identification', stage: 'cardFailed', failure: 'card.removed' },
    });
    session.send({ type: 'patient.retry' });
    expect(stageOf(session)).toBe('identification/waitingForCard');
    expect(session.cardReader.starts).toHaveLength(2);
    session.cardReader.insert([CARD_HOLDER]);
    expect(session.view().screen).toMatchObject({ stage: 'confirming', identity: CARD_HOLDER });
  });

  it('a card with nobody on it is refused with its own message', () => {
    const session = walkIn();
    consentAlone(session);
    session.cardReader.insert([]);
    expect(session.view().screen).toMatchObject({ stage: 'cardFailed', failure: 'card.noBeneficiary' });
  });

  it('"I don\'t have my card": a NIR with a wrong key is pointed at, a good one goes to confirmation', () => {
    const session = walkIn();
    consentAlone(session);
    session.send({ type: 'patient.useManualEntry' });
    expect(stageOf(session)).toBe('identification/manualEntry');
    session.send({
      type: 'patient.submitIdentity',
      identity: { ...TYPED_IDENTITY, nir: nirWithWrongKey(TYPED_IDENTITY.nir.slice(0, 13)) },
    });
    expect(session.view().screen).toMatchObject({ stage: 'manualEntry', invalidFields: ['nir'] });

    session.send({ type: 'patient.submitIdentity', identity: TYPED_IDENTITY });
    expect(session.view().screen).toMatchObject({
      stage: 'confirming',
      identity: { surname: "N'Diaye", nir: TYPED_IDENTITY.nir, source: 'manual' },
    });
  });

  it('without a NIR at all the typed identity is accepted, for billing in "SESAM sans Vitale"', () => {
    const session = walkIn();
    consentAlone(session);
    session.send({ type: 'patient.useManualEntry' });
    session.send({ type: 'patient.submitIdentity', identity: { ...TYPED_IDENTITY, nir: '' } });
    expect(session.view().screen).toMatchObject({
      stage: 'confirming',
      identity: { nir: null, source: 'manual' },
    });
  });

  it('back from the confirmation of typed details returns to the form, not to "insert your card"', () => {
    const session = walkIn();
    consentAlone(session);
    session.send({ type: 'patient.useManualEntry' });
    session.send({ type: 'patient.submitIdentity', identity: TYPED_IDENTITY });
    session.send({ type: 'patient.back' });
    expect(session.view().screen).toMatchObject({ stage: 'manualEntry', invalidFields: [], identity: null });
  });

  it('back from the confirmation of one of several beneficiaries returns to the choice', () => {
    const session = walkIn();
    consentAlone(session);
    session.cardReader.insert([CARD_HOLDER, CHILD_ON_CARD]);
    session.send({ type: 'patient.chooseBeneficiary', index: 0 });
    session.send({ type: 'patient.back' });
    expect(stageOf(session)).toBe('identification/choosingBeneficiary');
  });
});

describe('appointment and cost', () => {
  it('a self-initiated consultation outside the parcours de soins is not reimbursed: 25 € to pay', () => {
    const session = walkIn();
    chooseDoctor(session, { referredOrNoRegularDoctor: false, exemptedCase: false, fullCover: false });
    expect(session.view().screen).toMatchObject({
      stage: 'cost',
      cost: { reimbursed: false, reimbursedPercent: 0, thirdPartyPayment: false, amountDueTodayCents: 2500 },
    });
  });

  it('an exempted case (under 16, urgency, direct-access specialty…) outside the parcours is reimbursed', () => {
    const session = walkIn();
    chooseDoctor(session, { referredOrNoRegularDoctor: false, exemptedCase: true, fullCover: false });
    expect(session.view().screen).toMatchObject({ cost: { reimbursed: true, reimbursedPercent: 70 } });
  });

  it('ALD full cover is 100 % with tiers payant: nothing to pay, the payment step is skipped', () => {
    const session = walkIn();
    chooseDoctor(session, { referredOrNoRegularDoctor: true, exemptedCase: false, fullCover: true });
    expect(session.view().screen).toMatchObject({
      cost: { reimbursedPercent: 100, thirdPartyPayment: true, patientShareCents: 0, amountDueTodayCents: 0 },
    });
    session.send({ type: 'patient.acceptCost' });
    for (let kind = 0; kind < 4; kind += 1) session.send({ type: 'patient.skip' });
    session.waitingRoom.assign(DOCTOR);
    session.send({ type: 'patient.startCall' });
    session.call.connect();
    session.call.end();
    expect(session.view().screen.step).toBe('goodbye');
    expect(session.paymentTerminal.requests).toEqual([]);
  });

  it('physiotherapy without an earlier in-person session is not possible remotely', () => {
    const session = walkIn();
    identifyWithCard(session);
    session.send({ type: 'patient.seeNextAvailable' });
    session.send({ type: 'patient.chooseProfession', profession: 'physiotherapist' });
    expect(stageOf(session)).toBe('appointment/eligibility');
    session.send({
      type: 'patient.answerEligibility',
      answers: { physicalActNeeded: false, earlierInPersonSession: false },
    });
    expect(session.view().screen).toMatchObject({ stage: 'notEligible', profession: 'physiotherapist' });
    session.send({ type: 'patient.back' });
    expect(stageOf(session)).toBe('appointment/choosingProfession');
  });

  it('physiotherapy after an in-person session is télésoin, reimbursed without care-path questions', () => {
    const session = walkIn();
    identifyWithCard(session);
    session.send({ type: 'patient.seeNextAvailable' });
    session.send({ type: 'patient.chooseProfession', profession: 'physiotherapist' });
    session.send({
      type: 'patient.answerEligibility',
      answers: { physicalActNeeded: false, earlierInPersonSession: true },
    });
    expect(session.view().screen).toMatchObject({
      stage: 'cost',
      cost: { feeCents: 1650, reimbursed: true, reimbursedPercent: 60 },
    });
  });

  it('a nurse cannot do remotely an act that needs a physical gesture', () => {
    const session = walkIn();
    identifyWithCard(session);
    session.send({ type: 'patient.seeNextAvailable' });
    session.send({ type: 'patient.chooseProfession', profession: 'nurse' });
    session.send({
      type: 'patient.answerEligibility',
      answers: { physicalActNeeded: true, earlierInPersonSession: true },
    });
    expect(stageOf(session)).toBe('appointment/notEligible');
  });

  it('an appointment code the platform refuses is shown, and the patient types it again', async () => {
    const session = walkIn();
    identifyWithCard(session);
    session.send({ type: 'patient.haveAppointmentCode' });
    session.send({ type: 'patient.submitAppointmentCode', code: ' K7Q-42 ' });
    expect(stageOf(session)).toBe('appointment/checkingCode');
    expect(session.appointments.requests).toEqual([{ code: 'K7Q-42' }]);
    await session.appointments.answer(failure('appointment.unknownCode'));
    expect(session.view().screen).toMatchObject({
      stage: 'enteringCode',
      failure: 'appointment.unknownCode',
    });

    session.send({ type: 'patient.submitAppointmentCode', code: 'K7Q-43' });
    await session.appointments.answer({ ok: true, value: { profession: 'midwife' } });
    expect(session.view().screen).toMatchObject({ stage: 'carePath', profession: 'midwife', failure: null });
  });

  it('the booked appointment goes to the waiting room with its code', async () => {
    const session = walkIn();
    identifyWithCard(session);
    session.send({ type: 'patient.haveAppointmentCode' });
    session.send({ type: 'patient.submitAppointmentCode', code: 'K7Q-43' });
    await session.appointments.answer({ ok: true, value: { profession: 'doctor' } });
    session.send({ type: 'patient.answerCarePath', answers: REFERRED_BY_REGULAR_DOCTOR });
    session.send({ type: 'patient.acceptCost' });
    for (let kind = 0; kind < 4; kind += 1) session.send({ type: 'patient.skip' });
    expect(session.waitingRoom.lastInput).toMatchObject({ appointmentCode: 'K7Q-43', profession: 'doctor' });
  });
});

describe('measurements', () => {
  it('an implausible blood pressure (systolic 300) asks to measure again, and is not shared', () => {
    const session = walkIn();
    reachMeasurements(session);
    session.send({ type: 'patient.startMeasurement' });
    session.device.complete(bloodPressure(300, 90));
    expect(session.view().screen).toMatchObject({
      stage: 'failed',
      failure: 'measurement.implausible',
      result: null,
    });
    session.send({ type: 'patient.retry' });
    expect(stageOf(session)).toBe('measurements/measuring');
    session.device.complete(bloodPressure(131, 84));
    session.send({ type: 'patient.next' });
    expect(session.recorded.sharedMeasurements).toEqual([bloodPressure(131, 84)]);
  });

  it('the tensiometer is unplugged mid-measurement: failed, and skip goes to the thermometer', () => {
    const session = walkIn();
    reachMeasurements(session);
    session.send({ type: 'patient.startMeasurement' });
    session.device.progress({ stage: 'inflating', cuffPressureMmHg: 90 });
    session.device.fail('device.unplugged');
    expect(session.view().screen).toMatchObject({
      stage: 'failed',
      failure: 'device.unplugged',
      progress: null,
    });
    session.send({ type: 'patient.skip' });
    expect(session.view().screen).toMatchObject({
      stage: 'instructions',
      current: 'temperature',
      slots: [
        { kind: 'bloodPressure', status: 'skipped' },
        { kind: 'temperature', status: 'pending' },
        { kind: 'oxygenSaturation', status: 'pending' },
        { kind: 'weight', status: 'pending' },
      ],
    });
  });

  it('every measurement skipped still reaches the waiting room, with nothing shared', () => {
    const session = walkIn();
    reachMeasurements(session);
    for (let kind = 0; kind < 4; kind += 1) session.send({ type: 'patient.skip' });
    expect(stageOf(session)).toBe('waitingRoom/joining');
    expect(session.recorded.sharedMeasurements).toEqual([]);
    expect(session.waitingRoom.lastInput?.measurements).toEqual([]);
  });

  it('with only a scale in the cabin, the other measurements are shown unavailable', () => {
    const session = walkIn({ availableKinds: ['weight'] });
    reachMeasurements(session);
    expect(session.view().screen).toMatchObject({
      current: 'weight',
      slots: [
        { kind: 'bloodPressure', status: 'unavailable' },
        { kind: 'temperature', status: 'unavailable' },
        { kind: 'oxygenSaturation', status: 'unavailable' },
        { kind: 'weight', status: 'pending' },
      ],
    });
  });

  it('with no device present, accepting the cost goes straight to the waiting room', () => {
    const session = walkIn({ availableKinds: [] });
    reachMeasurements(session);
    expect(session.snapshot().context.slots.every((slot) => slot.status === 'unavailable')).toBe(true);
    expect(stageOf(session)).toBe('waitingRoom/joining');
    expect(session.device.starts).toEqual([]);
  });
});

describe('waiting room and call', () => {
  it('a failure shown in the call clears when the call comes back after a drop', () => {
    const session = walkIn();
    reachCall(session);
    session.call.requestMeasurement('temperature');
    session.device.fail('device.unplugged');
    expect(session.view().screen).toMatchObject({ stage: 'inCall', failure: 'device.unplugged' });
    session.call.dropAndReconnect();
    expect(stageOf(session)).toBe('consultation/reconnecting');
    session.call.connect();
    expect(session.view().screen).toMatchObject({ stage: 'inCall', failure: null });
  });

  it('a failure shown in the call clears when the call comes back with sound only', () => {
    const session = walkIn();
    reachCall(session);
    session.call.requestMeasurement('weight');
    session.device.complete(bloodPressure(300, 90));
    expect(session.view().screen).toMatchObject({ stage: 'inCall', failure: 'measurement.implausible' });
    session.call.dropAndReconnect();
    session.elapse(25 * SECOND);
    expect(session.view().screen).toMatchObject({ stage: 'reconnecting', mediaMode: 'audioOnly' });
    session.call.connect();
    expect(session.view().screen).toMatchObject({ stage: 'inCall', mediaMode: 'audioOnly', failure: null });
  });

  it('the platform is unreachable: the waiting room shows it, and retry joins the queue again', () => {
    const session = walkIn();
    reachWaitingRoom(session);
    session.waitingRoom.fail('platform.unreachable');
    expect(session.view().screen).toMatchObject({ stage: 'failed', failure: 'platform.unreachable' });
    session.send({ type: 'patient.retry' });
    expect(session.view().screen).toMatchObject({ stage: 'joining', failure: null });
    expect(session.waitingRoom.starts).toHaveLength(2);
    expect(session.waitingRoom.isRunning).toBe(true);
  });

  it('the call drops, reconnects, and comes back to the consultation', () => {
    const session = walkIn();
    reachCall(session);
    session.call.dropAndReconnect();
    expect(stageOf(session)).toBe('consultation/reconnecting');
    session.call.connect();
    expect(stageOf(session)).toBe('consultation/inCall');
  });

  it('while waiting, the camera check passes, or a problem calls the attendant once and the wait goes on', () => {
    const seen = walkIn();
    reachWaitingRoom(seen);
    expect(seen.view().screen).toMatchObject({ step: 'waitingRoom', mediaCheck: 'pending' });
    seen.send({ type: 'patient.checkMedia', works: true });
    expect(seen.view().screen).toMatchObject({ mediaCheck: 'passed' });
    expect(seen.recorded.attendantCalls).toHaveLength(0);

    const broken = walkIn();
    reachWaitingRoom(broken);
    broken.send({ type: 'patient.checkMedia', works: false });
    expect(broken.view().screen).toMatchObject({ step: 'waitingRoom', mediaCheck: 'problem' });
    expect(broken.recorded.attendantCalls).toHaveLength(1);
    expect(broken.view().helpRequested).toBe(true);
    expect(broken.waitingRoom.isRunning).toBe(true);
  });

  it('the indicator follows what the professional receives of the patient', () => {
    const session = walkIn();
    reachCall(session);
    expect(session.view().screen).toMatchObject({ professionalReceives: { audio: false, video: false } });
    session.call.professionalReceives(true, true);
    expect(session.view().screen).toMatchObject({ professionalReceives: { audio: true, video: true } });
  });

  it('a link down for 20 s falls back to sound only; back within 20 s more, the call goes on with sound', () => {
    const session = walkIn();
    reachCall(session);
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
    const session = walkIn();
    reachCall(session);
    session.call.dropAndReconnect();
    session.elapse(39 * SECOND);
    expect(stageOf(session)).toBe('consultation/reconnecting');
    session.elapse(1 * SECOND);
    expect(session.view().screen).toMatchObject({ stage: 'failed', failure: 'call.lost' });
    expect(session.recorded.attendantCalls).toHaveLength(1);
    expect(session.view().helpRequested).toBe(true);
    expect(session.call.isRunning).toBe(false);
  });

  it('a drop during a measurement asked by the professional stops it and reconnects', () => {
    const session = walkIn();
    reachCall(session);
    session.call.requestMeasurement('temperature');
    expect(stageOf(session)).toBe('consultation/measuring');
    session.call.dropAndReconnect();
    expect(stageOf(session)).toBe('consultation/reconnecting');
    session.call.connect();
    expect(stageOf(session)).toBe('consultation/inCall');
  });

  it('the call fails: the patient sees it and retry calls again', () => {
    const session = walkIn();
    reachCall(session);
    session.call.fail('call.lost');
    expect(session.view().screen).toMatchObject({ stage: 'failed', failure: 'call.lost' });
    // The message promises someone from the front desk: the attendant is called.
    expect(session.recorded.attendantCalls).toHaveLength(1);
    session.send({ type: 'patient.retry' });
    expect(stageOf(session)).toBe('consultation/connecting');
    expect(session.call.starts).toHaveLength(2);
  });

  it("the call fails and the patient walks out: the session ends, the doctor's name does not stay on screen", () => {
    const session = walkIn();
    reachCall(session);
    session.call.fail('call.lost');
    session.elapse(90 * SECOND);
    expect(session.view().askingStillThere).toBe(true);
    session.elapse(30 * SECOND);
    expect(outcomeOf(session)).toBe('abandoned');
  });

  it('the professional asks for the oxygen saturation during the call, and it is shared', () => {
    const session = walkIn();
    reachCall(session);
    session.call.requestMeasurement('oxygenSaturation');
    expect(session.view().screen).toMatchObject({
      stage: 'measuring',
      requestedMeasurement: 'oxygenSaturation',
      progress: { stage: 'preparing' },
    });
    expect(session.device.kind).toBe('oxygenSaturation');
    session.device.progress({ stage: 'fingerDetected' });
    session.device.complete(plausibleMeasurement('oxygenSaturation'));
    expect(session.view().screen).toMatchObject({
      stage: 'inCall',
      requestedMeasurement: null,
      failure: null,
    });
    expect(session.recorded.sharedMeasurements).toEqual([plausibleMeasurement('oxygenSaturation')]);
  });

  it('a measurement asked during the call that the device cannot take is reported in the call', () => {
    const session = walkIn();
    reachCall(session);
    session.call.requestMeasurement('temperature');
    session.device.fail('device.unplugged');
    expect(session.view().screen).toMatchObject({ stage: 'inCall', failure: 'device.unplugged' });
    expect(session.recorded.sharedMeasurements).toEqual([]);
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

  it('the printer is out of paper: printFailed, and retry prints', async () => {
    const session = walkIn();
    await reachDocuments(session);
    await session.printer.answer(failure('printer.outOfPaper'));
    expect(session.view().screen).toMatchObject({ stage: 'printFailed', failure: 'printer.outOfPaper' });
    session.send({ type: 'patient.retry' });
    await session.printer.answer({ ok: true, value: { printed: 2 } });
    expect(stageOf(session)).toBe('documents/printed');
    session.send({ type: 'patient.next' });
    session.send({ type: 'patient.pay' });
    await session.paymentTerminal.answer({ ok: true, value: undefined });
    expect(session.view().screen).toMatchObject({ step: 'goodbye', documentsPrinted: 2 });
  });

  it('the printer is out of paper: skip goes on to the payment', async () => {
    const session = walkIn();
    await reachDocuments(session);
    await session.printer.answer(failure('printer.outOfPaper'));
    session.send({ type: 'patient.skip' });
    expect(session.view().screen).toMatchObject({ step: 'payment', stage: 'confirm' });
  });

  it('the bank card is declined: the failure is shown and the patient tries again', async () => {
    const session = walkIn();
    await reachDocuments(session);
    await session.printer.answer({ ok: true, value: { printed: 2 } });
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
    const session = walkIn();
    reachMeasurements(session);
    session.device.throwOnNextStart();
    session.send({ type: 'patient.startMeasurement' });
    expect(session.view().screen).toMatchObject({ stage: 'failed', failure: 'internal.actorFailed' });
    session.send({ type: 'patient.skip' });
    expect(session.view().screen).toMatchObject({ stage: 'instructions', current: 'temperature' });
  });

  it('the printer driver throws: printFailed, and the patient can still pay and leave', async () => {
    const session = walkIn();
    reachCall(session);
    session.call.deliver(PRESCRIPTION);
    session.call.end();
    session.send({ type: 'patient.print' });
    await session.printer.crash();
    expect(session.view().screen).toMatchObject({ stage: 'printFailed', failure: 'internal.actorFailed' });
    session.send({ type: 'patient.skip' });
    expect(session.view().screen.step).toBe('payment');
  });

  it('the payment terminal throws: the payment fails and can be retried', async () => {
    const session = walkIn();
    reachCall(session);
    session.call.end();
    session.paymentTerminal.willThrow();
    session.send({ type: 'patient.pay' });
    await session.settle();
    expect(session.view().screen).toMatchObject({ stage: 'failed', failure: 'internal.actorFailed' });
    expect(session.snapshot().status).toBe('active');
  });
});

describe('help, quitting and the attendant', () => {
  it('help calls the attendant once, however often it is pressed, until the attendant acknowledges', () => {
    const session = walkIn();
    consentAlone(session);
    session.send({ type: 'patient.help' });
    session.send({ type: 'patient.help' });
    expect(session.view().helpRequested).toBe(true);
    expect(session.recorded.attendantCalls).toEqual([{ sessionId: 'session-test-1' }]);
    session.send({ type: 'attendant.acknowledgeHelp' });
    expect(session.view()).toMatchObject({ helpRequested: false, screen: { step: 'identification' } });
    session.send({ type: 'patient.help' });
    expect(session.recorded.attendantCalls).toHaveLength(2);
  });

  const quitFrom: [string, (session: SessionHarness) => void][] = [
    ['the information screen', () => undefined],
    ['the card reader', consentAlone],
    ['the cost', chooseDoctor],
    ['the measurements', reachMeasurements],
    ['the waiting room', reachWaitingRoom],
    ['the call', reachCall],
  ];
  it.each(quitFrom)('quitting from %s ends the session as cancelled', (_, walkTo) => {
    const session = walkIn();
    walkTo(session);
    session.send({ type: 'patient.quit' });
    expect(outcomeOf(session)).toBe('cancelled');
  });

  it('back on the information screen leaves, as cancelled', () => {
    const session = walkIn();
    session.send({ type: 'patient.back' });
    expect(outcomeOf(session)).toBe('cancelled');
  });

  it('quitting from the goodbye screen is a completed session', async () => {
    const session = walkIn();
    reachCall(session);
    session.call.end();
    session.send({ type: 'patient.pay' });
    await session.paymentTerminal.answer({ ok: true, value: undefined });
    session.send({ type: 'patient.quit' });
    expect(outcomeOf(session)).toBe('completed');
  });

  it('declining consent ends the session as declined, and no consent is recorded', () => {
    const session = walkIn();
    session.send({ type: 'patient.next' });
    session.send({ type: 'patient.declineConsent' });
    expect(outcomeOf(session)).toBe('declined');
    expect(session.recorded.consents).toEqual([]);
  });

  it('the attendant resets a stuck session: reset', () => {
    const session = walkIn();
    reachWaitingRoom(session);
    session.send({ type: 'attendant.resetSession' });
    expect(outcomeOf(session)).toBe('reset');
    expect(session.waitingRoom.isRunning).toBe(false);
  });

  it('a patient action that does not fit the step changes nothing on the screen', () => {
    const session = walkIn();
    session.send({ type: 'patient.next' });
    const onConsent = session.view();
    session.send({ type: 'patient.pay' });
    session.send({ type: 'patient.chooseBeneficiary', index: 0 });
    expect(session.view()).toEqual(onConsent);

    reachWaitingRoomFromConsent(session);
    const inQueue = session.view();
    session.send({ type: 'patient.next' });
    session.send({ type: 'patient.startCall' });
    expect(session.view()).toEqual(inQueue);
  });

  it('language and accessibility changes apply to the screens at once', () => {
    const session = walkIn();
    session.send({ type: 'patient.setAccessibility', accessibility: { largeText: true, readAloud: true } });
    session.send({ type: 'patient.setLocale', locale: 'en' });
    expect(session.view()).toMatchObject({
      locale: 'en',
      accessibility: { largeText: true, readAloud: true },
    });
  });
});

function reachWaitingRoomFromConsent(session: SessionHarness): void {
  session.send({ type: 'patient.consent', presence: 'relative', attendantStays: true });
  session.cardReader.insert([CARD_HOLDER]);
  session.send({ type: 'patient.confirmIdentity' });
  session.send({ type: 'patient.seeNextAvailable' });
  session.send({ type: 'patient.chooseProfession', profession: 'doctor' });
  session.send({ type: 'patient.answerCarePath', answers: REFERRED_BY_REGULAR_DOCTOR });
  session.send({ type: 'patient.acceptCost' });
  for (let kind = 0; kind < 4; kind += 1) session.send({ type: 'patient.skip' });
}

// Runs last: it checks the screens that the scenarios above reached.
describe('the "back" button', () => {
  it('is offered on exactly the screens where going back changes the journey', () => {
    const journeyOf = (snapshot: SnapshotFrom<FakeSessionMachine>): string => {
      const value = snapshot.value as string | { active: { journey: unknown } };
      return JSON.stringify(typeof value === 'string' ? value : value.active.journey);
    };
    const checked = new Map<string, boolean>();
    for (const { logic, snapshot } of reached) {
      if (snapshot.status !== 'active') continue;
      const { screen } = sessionViewOf(snapshot);
      const key = 'stage' in screen ? `${screen.step}/${screen.stage}` : screen.step;
      if (checked.has(key)) continue;
      const [afterBack] = transition(logic, snapshot, { type: 'patient.back' });
      const backChangesJourney =
        afterBack.status !== 'active' || journeyOf(afterBack) !== journeyOf(snapshot);
      expect({ screen: key, canGoBack: canGoBackFrom(screen) }).toEqual({
        screen: key,
        canGoBack: backChangesJourney,
      });
      checked.set(key, backChangesJourney);
    }
    // The scenarios reach screens of every step, with and without "back".
    expect(checked.size).toBeGreaterThanOrEqual(30);
    expect([...checked.values()]).toContain(true);
    expect([...checked.values()]).toContain(false);
  });
});
