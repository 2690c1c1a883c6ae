// Nobody of the chosen kind online is said at once, before any question: the cabin asks the platform
// when the patient chooses a kind of professional, and offers the ways out (another kind, an appointment
// code, leaving). A platform that cannot be asked never blocks the journey.
import { describe, expect, it } from 'vitest';
import {
  identifyWithCard,
  NO_PARCOURS_QUESTION,
  outcomeOf,
  scenarioWalks,
  stageOf,
  type SessionHarness,
} from '../test-support';

const SECOND = 1000;

const { walkInTo, describeBackButton } = scenarioWalks();

/** From the start to the profession choice, identified by a Carte Vitale. */
function toProfessionChoice(session: SessionHarness): void {
  identifyWithCard(session);
  session.send({ type: 'patient.seeNextAvailable' });
}

/** A patient who asks for a dentist while none is online. */
function dentistWithNobodyOnline(): SessionHarness {
  const session = walkInTo(toProfessionChoice);
  session.presence.setOnline('dentist', 0);
  session.send({ type: 'patient.chooseProfession', profession: 'dentist' });
  return session;
}

describe('the choice of a kind of professional with nobody of that kind online', () => {
  it('says so at once, before any cover question, measurement or waiting room', () => {
    const session = dentistWithNobodyOnline();
    expect(session.presence.lastInput).toEqual({ profession: 'dentist' });
    expect(session.view().screen).toMatchObject({
      step: 'appointment',
      stage: 'nobodyOnline',
      profession: 'dentist',
    });
    expect(session.waitingRoom.starts).toHaveLength(0);
  });

  it('lets the patient choose another kind, who is then asked about as well', () => {
    const session = dentistWithNobodyOnline();
    session.send({ type: 'patient.seeNextAvailable' });
    expect(stageOf(session)).toBe('appointment/choosingProfession');
    session.send({ type: 'patient.chooseProfession', profession: 'midwife' });
    expect(session.presence.lastInput).toEqual({ profession: 'midwife' });
    expect(stageOf(session)).toBe('appointment/carePath');
    session.send({ type: 'patient.answerCarePath', answers: NO_PARCOURS_QUESTION });
    expect(stageOf(session)).toBe('appointment/cost');
    expect(session.view().screen).toMatchObject({ profession: 'midwife' });
  });

  it('lets the patient give an appointment code instead, which is not asked about', async () => {
    const session = dentistWithNobodyOnline();
    const asked = session.presence.starts.length;
    session.send({ type: 'patient.haveAppointmentCode' });
    expect(stageOf(session)).toBe('appointment/enteringCode');
    session.send({ type: 'patient.submitAppointmentCode', code: '123456' });
    await session.appointments.answer({ ok: true, value: { profession: 'doctor', specialty: null } });
    expect(stageOf(session)).toBe('appointment/carePath');
    // The booked professional is expected: no question to the platform about who is online.
    expect(session.presence.starts).toHaveLength(asked);
  });

  it('lets the patient leave, and "back" returns to the choice', () => {
    const session = dentistWithNobodyOnline();
    session.send({ type: 'patient.back' });
    expect(stageOf(session)).toBe('appointment/choosingProfession');
    session.send({ type: 'patient.chooseProfession', profession: 'dentist' });
    expect(stageOf(session)).toBe('appointment/nobodyOnline');
    session.send({ type: 'patient.quit' });
    expect(outcomeOf(session)).toBe('cancelled');
  });

  it('asks "still there?" when the patient does not choose, as on any screen that waits for a touch', () => {
    const session = dentistWithNobodyOnline();
    session.elapse(90 * SECOND);
    expect(session.view().askingStillThere).toBe(true);
  });
});

describe('the choice of a kind of professional when someone is online or nobody can say', () => {
  it('goes on to the questions when someone of that kind is online', () => {
    const session = walkInTo(toProfessionChoice);
    session.presence.setOnline('dentist', 2);
    session.send({ type: 'patient.chooseProfession', profession: 'dentist' });
    expect(stageOf(session)).toBe('appointment/carePath');
  });

  it('shows the cabin working while the platform answers, then goes on', () => {
    const session = walkInTo(toProfessionChoice);
    session.presence.hold();
    session.send({ type: 'patient.chooseProfession', profession: 'doctor' });
    expect(stageOf(session)).toBe('appointment/checkingPresence');
    session.presence.count(1);
    expect(stageOf(session)).toBe('appointment/carePath');
  });

  it('goes on as if someone were online when the platform cannot be asked', () => {
    const session = walkInTo(toProfessionChoice);
    session.presence.hold();
    session.send({ type: 'patient.chooseProfession', profession: 'doctor' });
    session.presence.fail('platform.unreachable');
    expect(stageOf(session)).toBe('appointment/carePath');
  });

  it('goes on after 5 seconds without an answer, and a late answer changes nothing', () => {
    const session = walkInTo(toProfessionChoice);
    session.presence.hold();
    session.send({ type: 'patient.chooseProfession', profession: 'doctor' });
    session.elapse(4 * SECOND);
    expect(stageOf(session)).toBe('appointment/checkingPresence');
    expect(session.view().askingStillThere).toBe(false);
    session.elapse(SECOND);
    expect(stageOf(session)).toBe('appointment/carePath');
    expect(session.presence.isRunning).toBe(false);
  });

  it('goes on when the check itself breaks (a bug)', () => {
    const session = walkInTo(toProfessionChoice);
    session.presence.throwOnNextStart();
    session.send({ type: 'patient.chooseProfession', profession: 'doctor' });
    expect(stageOf(session)).toBe('appointment/carePath');
  });

  it('"back" while the platform is asked returns to the choice', () => {
    const session = walkInTo(toProfessionChoice);
    session.presence.hold();
    session.send({ type: 'patient.chooseProfession', profession: 'doctor' });
    session.send({ type: 'patient.back' });
    expect(stageOf(session)).toBe('appointment/choosingProfession');
  });
});

describe('the profession choice shows the kinds nobody of is online', () => {
  it('asks about every kind on entering, and marks those with nobody, still choosable', () => {
    const session = walkInTo(identifyWithCard);
    session.presence.setOnline('dentist', 0);
    session.presence.setOnline('speechTherapist', 0);
    session.send({ type: 'patient.seeNextAvailable' });
    expect(session.presence.starts).toHaveLength(7);
    expect(session.view().screen).toMatchObject({
      stage: 'choosingProfession',
      nobodyOnlineKinds: ['dentist', 'speechTherapist'],
    });
  });

  it('shows nothing when the platform cannot be asked, and asks afresh on each visit', () => {
    const session = walkInTo(identifyWithCard);
    session.presence.hold();
    session.send({ type: 'patient.seeNextAvailable' });
    session.presence.fail('platform.unreachable');
    expect(session.view().screen).toMatchObject({ nobodyOnlineKinds: [] });
    // A count of 0 marks its kind (the last asked: speech therapy).
    session.presence.count(0);
    expect(session.view().screen).toMatchObject({ nobodyOnlineKinds: ['speechTherapist'] });
    session.send({ type: 'patient.back' });
    session.send({ type: 'patient.seeNextAvailable' });
    expect(session.view().screen).toMatchObject({ nobodyOnlineKinds: [] });
    // Nothing of it stays on the other screens.
    session.send({ type: 'patient.back' });
    expect(session.view().screen).toMatchObject({ stage: 'choosing', nobodyOnlineKinds: [] });
  });
});

// Runs last: it checks the screens that the scenarios above reached.
describeBackButton(8);
