// The waiting room tells the truth: nobody of the kind online is said at once with the ways out
// (another kind of professional, an appointment code, leaving), the place and the wait follow the
// platform's pushes, the patient learns when the turn is near, and when the last professional leaves.
import { describe, expect, it } from 'vitest';
import {
  CARD_HOLDER,
  DOCTOR,
  outcomeOf,
  reachWaitingRoom,
  NO_PARCOURS_QUESTION,
  scenarioWalks,
  stageOf,
} from '../test-support';

const SECOND = 1000;

const { walkInTo } = scenarioWalks();

describe('the waiting room with nobody of the kind online', () => {
  it('says so as soon as the platform answers, with no estimate', () => {
    const session = walkInTo(reachWaitingRoom);
    session.waitingRoom.nobodyOnline();
    expect(session.view().screen).toMatchObject({
      step: 'waitingRoom',
      stage: 'nobodyOnline',
      profession: 'doctor',
      position: 1,
      estimatedWaitMinutes: null,
      professionalsOnline: 0,
      professionalsWentOffline: false,
    });
    // The place is kept meanwhile.
    expect(session.waitingRoom.isRunning).toBe(true);
  });

  it('lets the patient choose another kind of professional, keeping identity, consent and measurements', () => {
    const session = walkInTo(reachWaitingRoom);
    session.waitingRoom.nobodyOnline();
    session.send({ type: 'patient.seeNextAvailable' });
    expect(stageOf(session)).toBe('appointment/choosingProfession');
    // Leaving the waiting room frees the place.
    expect(session.waitingRoom.isRunning).toBe(false);
    expect(session.snapshot().context).toMatchObject({
      identity: CARD_HOLDER,
      consent: { presence: 'alone' },
    });

    session.send({ type: 'patient.chooseProfession', profession: 'midwife' });
    session.send({ type: 'patient.answerCarePath', answers: NO_PARCOURS_QUESTION });
    session.send({ type: 'patient.acceptCost' });
    // The measurements were skipped once: straight back to the waiting room, for a midwife this time.
    expect(stageOf(session)).toBe('waitingRoom/joining');
    expect(session.waitingRoom.lastInput).toMatchObject({ profession: 'midwife', identity: CARD_HOLDER });
    expect(session.waitingRoom.starts).toHaveLength(2);
  });

  it('lets the patient give an appointment code instead', () => {
    const session = walkInTo(reachWaitingRoom);
    session.waitingRoom.nobodyOnline();
    session.send({ type: 'patient.haveAppointmentCode' });
    expect(stageOf(session)).toBe('appointment/enteringCode');
    expect(session.waitingRoom.isRunning).toBe(false);
  });

  it('lets the patient leave', () => {
    const session = walkInTo(reachWaitingRoom);
    session.waitingRoom.nobodyOnline();
    session.send({ type: 'patient.quit' });
    expect(outcomeOf(session)).toBe('cancelled');
  });

  it('asks "still there?" when the patient does not choose, as on any screen that waits for a touch', () => {
    const session = walkInTo(reachWaitingRoom);
    session.waitingRoom.nobodyOnline();
    session.elapse(90 * SECOND);
    expect(session.view().askingStillThere).toBe(true);
    session.elapse(30 * SECOND);
    expect(outcomeOf(session)).toBe('abandoned');
  });

  it('goes back to waiting when a professional comes online, with an estimate again', () => {
    const session = walkInTo(reachWaitingRoom);
    session.waitingRoom.nobodyOnline(2);
    session.waitingRoom.update(2, 20, 1);
    expect(session.view().screen).toMatchObject({
      stage: 'waiting',
      position: 2,
      estimatedWaitMinutes: 20,
      professionalsOnline: 1,
    });
    // The patient waits without being asked "still there?": the cabin is the one working.
    session.elapse(10 * 60 * SECOND);
    expect(session.view().askingStillThere).toBe(false);
  });
});

describe('the waiting room as the queue moves', () => {
  it('shows each new place and wait the platform pushes, down to "you are next"', () => {
    const session = walkInTo(reachWaitingRoom);
    session.waitingRoom.update(3, 30, 1);
    expect(session.view().screen).toMatchObject({ stage: 'waiting', position: 3, estimatedWaitMinutes: 30 });
    session.waitingRoom.update(3, 15, 2);
    expect(session.view().screen).toMatchObject({
      position: 3,
      estimatedWaitMinutes: 15,
      professionalsOnline: 2,
    });
    session.waitingRoom.update(1, 5, 2);
    expect(session.view().screen).toMatchObject({ stage: 'waiting', position: 1, estimatedWaitMinutes: 5 });
    session.waitingRoom.assign(DOCTOR);
    expect(session.view().screen).toMatchObject({ stage: 'professionalReady', professional: DOCTOR });
  });

  it('says so when the last professional of the kind goes offline while the patient waits', () => {
    const session = walkInTo(reachWaitingRoom);
    session.waitingRoom.update(2, 20, 1);
    session.waitingRoom.nobodyOnline(2);
    expect(session.view().screen).toMatchObject({
      stage: 'nobodyOnline',
      position: 2,
      estimatedWaitMinutes: null,
      professionalsWentOffline: true,
    });
    // Another push while still nobody is online keeps saying the last one left.
    session.waitingRoom.nobodyOnline(1);
    expect(session.view().screen).toMatchObject({ position: 1, professionalsWentOffline: true });
    // Someone comes back: waiting again, and nothing left of "went offline".
    session.waitingRoom.update(1, 10, 1);
    expect(session.view().screen).toMatchObject({ stage: 'waiting', professionalsWentOffline: false });
  });

  it('a new visit to the waiting room starts afresh, nothing kept of who was online before', () => {
    const session = walkInTo(reachWaitingRoom);
    session.waitingRoom.update(1, 10, 1);
    session.waitingRoom.fail('platform.unreachable');
    session.send({ type: 'patient.retry' });
    expect(session.view().screen).toMatchObject({
      stage: 'joining',
      position: null,
      estimatedWaitMinutes: null,
      professionalsOnline: null,
    });
    session.waitingRoom.nobodyOnline();
    expect(session.view().screen).toMatchObject({ stage: 'nobodyOnline', professionalsWentOffline: false });
  });
});
