// Scenarios of one patient's session from the start to the end, told as what happens in the cabin and
// checked on what the patient sees (`sessionViewOf`) and what the cabin did (the recorded actions):
// the whole journey, a patient who stops touching the screen, help and quitting, what cannot be.
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
  bloodPressure,
  CARD_HOLDER,
  CHILD_ON_CARD,
  chooseDoctor,
  consentAlone,
  DOCTOR,
  outcomeOf,
  PRESCRIPTION,
  reachCall,
  reachMeasurements,
  reachWaitingRoom,
  REFERRED_BY_REGULAR_DOCTOR,
  NO_PARCOURS_QUESTION,
  JOURNEY_STEPS,
  reachGoodbye,
  scenarioWalks,
  sessionInput,
  stageOf,
  startSession,
  type SessionHarness,
} from '../test-support';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

const { walkIn, walkInTo, describeBackButton } = scenarioWalks();

describe('a patient goes through the whole journey', () => {
  it('with a two-beneficiary card, a measurement, a prescription printed and paid: completed', async () => {
    const session = walkIn();
    expect(session.view().screen).toMatchObject({ step: 'information', standardCost: { feeCents: 2500 } });

    consentAlone(session);
    expect(session.recorded.consents).toEqual([
      {
        sessionId: 'session-test-1',
        textVersion: 'fr-2026-12',
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
    // Zoé is 10 and the consent said "alone": the cabin waits for a parent, who comes.
    expect(stageOf(session)).toBe('identification/parentNeeded');
    session.send({ type: 'patient.confirmParentPresent' });

    session.send({ type: 'patient.seeNextAvailable' });
    session.send({ type: 'patient.chooseProfession', profession: 'doctor' });
    expect(session.view().screen).toMatchObject({ stage: 'carePath', ageBand: 'under16' });
    session.send({ type: 'patient.answerCarePath', answers: NO_PARCOURS_QUESTION });
    expect(session.view().screen).toMatchObject({
      step: 'appointment',
      stage: 'cost',
      cost: {
        feeCents: 2500,
        cover: { reimbursedPercent: 70, reimbursed: true, deductionCents: 0, assuranceMaladieCents: 1750 },
        amountDueTodayCents: 2500,
      },
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
    session.printer.printRest();
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
      payAtCounterCents: null,
      // The harness's goodbye delay (45 s) from now: the screen announces when it closes.
      closesAt: session.clock.now() + 45 * SECOND,
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
      JOURNEY_STEPS.map((step) => ({ sessionId: 'session-test-1', step })),
    );
  });

  it('records only the steps shown: no device, no document and nothing to pay skip three of them', () => {
    const session = walkIn({ availableKinds: [] });
    session.send({ type: 'patient.next' });
    session.send({ type: 'patient.back' });
    chooseDoctor(session, { ...REFERRED_BY_REGULAR_DOCTOR, longTermCondition: 'yes' });
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

  it('the prompt tells the screen when it ends the session, so that the seconds left can be shown', () => {
    const session = walkIn();
    session.send({ type: 'patient.next' });
    expect(session.view().stillThereUntil).toBeNull();
    session.elapse(90 * SECOND);
    const askedAt = session.clock.now();
    expect(session.view()).toMatchObject({ askingStillThere: true, stillThereUntil: askedAt + 30 * SECOND });
    // The deadline stays put while the seconds pass: the screen counts down on its own clock.
    session.elapse(10 * SECOND);
    expect(session.view().stillThereUntil).toBe(askedAt + 30 * SECOND);
    session.send({ type: 'patient.stillHere' });
    expect(session.view()).toMatchObject({ askingStillThere: false, stillThereUntil: null });
    session.elapse(90 * SECOND);
    expect(session.view().stillThereUntil).toBe(session.clock.now() + 30 * SECOND);
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
    const session = walkInTo(reachWaitingRoom);
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
    const session = walkInTo(reachWaitingRoom);
    session.elapse(20 * MINUTE + 60 * SECOND);
    session.waitingRoom.assign(DOCTOR);
    session.elapse(89 * SECOND);
    expect(session.view()).toMatchObject({ askingStillThere: false, screen: { stage: 'professionalReady' } });
    session.elapse(1 * SECOND);
    expect(session.view().askingStillThere).toBe(true);
  });

  it('the goodbye screen closes by itself after 45 s as a completed session', async () => {
    const session = walkIn();
    await reachGoodbye(session);
    session.send({ type: 'patient.reportProblem', problem: 'sound' });
    expect(session.view().screen).toMatchObject({ step: 'goodbye', problemReported: true });
    expect(session.recorded.problems).toEqual([{ sessionId: 'session-test-1', problem: 'sound' }]);
    session.elapse(44 * SECOND);
    expect(outcomeOf(session)).toBeUndefined();
    session.elapse(1 * SECOND);
    expect(outcomeOf(session)).toBe('completed');
  });
});

describe('help, quitting and the attendant', () => {
  it('help calls the attendant once, however often it is pressed, until the attendant acknowledges', () => {
    const session = walkInTo(consentAlone);
    session.send({ type: 'patient.help' });
    session.send({ type: 'patient.help' });
    expect(session.view().helpRequested).toBe(true);
    expect(session.recorded.attendantCalls).toEqual([{ sessionId: 'session-test-1' }]);
    session.send({ type: 'attendant.acknowledgeHelp' });
    expect(session.view()).toMatchObject({ helpRequested: false, screen: { step: 'identification' } });
    session.send({ type: 'patient.help' });
    expect(session.recorded.attendantCalls).toHaveLength(2);
  });

  it('the banner says the attendant was told, then the support once the platform confirms it', () => {
    const session = walkInTo(consentAlone);
    session.send({ type: 'patient.help' });
    expect(session.view().help).toEqual({ told: ['attendant'], answered: false });
    session.send({ type: 'help.reached', told: ['support', 'professional'] });
    session.send({ type: 'help.reached', told: ['support'] });
    expect(session.view().help).toEqual({ told: ['attendant', 'support', 'professional'], answered: false });
  });

  it('the patient cancels the help call: the banner goes and the platform is told', () => {
    const session = walkInTo(consentAlone);
    session.send({ type: 'patient.help' });
    session.send({ type: 'patient.cancelHelp' });
    expect(session.view()).toMatchObject({
      helpRequested: false,
      help: null,
      screen: { step: 'identification' },
    });
    expect(session.recorded.helpEnded).toEqual([{ sessionId: 'session-test-1', state: 'cancelled' }]);
    // Nothing left to cancel: a second press changes nothing and tells no one.
    session.send({ type: 'patient.cancelHelp' });
    expect(session.recorded.helpEnded).toHaveLength(1);
  });

  it('the attendant answers: the call shows as answered, the platform is told, a new call starts afresh', () => {
    const session = walkInTo(consentAlone);
    session.send({ type: 'patient.help' });
    session.send({ type: 'help.reached', told: ['support'] });
    session.send({ type: 'attendant.acknowledgeHelp' });
    expect(session.view()).toMatchObject({
      helpRequested: false,
      help: { told: ['attendant', 'support'], answered: true },
    });
    expect(session.recorded.helpEnded).toEqual([{ sessionId: 'session-test-1', state: 'answered' }]);
    session.send({ type: 'patient.help' });
    expect(session.view().help).toEqual({ told: ['attendant'], answered: false });
  });

  it('the support or the professional answers from the platform: answered, and the platform is not told back', () => {
    const session = walkInTo(consentAlone);
    session.send({ type: 'patient.help' });
    session.send({ type: 'help.answered', by: 'professional' });
    expect(session.view()).toMatchObject({ helpRequested: false, help: { answered: true } });
    expect(session.recorded.helpEnded).toEqual([]);
    // A late confirmation of a call already answered does not bring the banner back.
    session.send({ type: 'help.reached', told: ['support'] });
    expect(session.view().helpRequested).toBe(false);
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
    await reachGoodbye(session);
    session.send({ type: 'patient.quit' });
    expect(outcomeOf(session)).toBe('completed');
  });

  it('declining consent, confirmed, ends the session as declined, and no consent is recorded', () => {
    const session = walkIn();
    session.send({ type: 'patient.next' });
    session.send({ type: 'patient.declineConsent' });
    session.send({ type: 'patient.declineConsent' });
    expect(outcomeOf(session)).toBe('declined');
    expect(session.recorded.consents).toEqual([]);
  });

  it('the attendant resets a stuck session: reset', () => {
    const session = walkInTo(reachWaitingRoom);
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

describe('the session machine fails loudly on what cannot be', () => {
  it('a patient in the waiting room without an identity is a bug: the session stops, nobody is queued', () => {
    const session = startSession({ availableKinds: [] });
    chooseDoctor(session);
    const broken = { ...session.snapshot().context, identity: null };
    const errors: unknown[] = [];
    const actor = createActor(session.actor.logic, {
      input: sessionInput({ availableKinds: [] }),
      snapshot: session.actor.logic.resolveState({
        value: {
          active: { journey: { appointment: 'cost' }, anywhere: 'listening', attention: 'attentive' },
        },
        context: broken,
      }),
    });
    actor.subscribe({ error: (error) => errors.push(error) });
    actor.start();
    actor.send({ type: 'patient.acceptCost' });
    expect(actor.getSnapshot().status).toBe('error');
    expect(String(errors[0])).toMatch(/no identity/);
    expect(session.waitingRoom.starts).toEqual([]);
  });
});

// Runs last: it checks the screens that the scenarios above reached.
describeBackButton(24);
