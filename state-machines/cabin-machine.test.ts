// Scenarios of the cabin around the sessions: self-test, welcome screen, session, wipe, cleaning, out of
// service; checked on what the screens draw (`cabinViewOf`).
import { describe, expect, it } from 'vitest';
import type { PeripheralStatus } from '../contract';
import {
  ALL_PERIPHERALS_OK,
  CARD_HOLDER,
  measurementSlots,
  provideSessionFakes,
  REFERRED_BY_REGULAR_DOCTOR,
  startCabin,
  type CabinHarness,
} from './test-support';

const SECOND = 1000;

async function readyCabin(
  peripherals: readonly PeripheralStatus[] = ALL_PERIPHERALS_OK,
): Promise<CabinHarness> {
  const cabin = startCabin();
  await cabin.selfTest.answer({ peripherals, interruptedSessions: 0 });
  return cabin;
}

/** A ready cabin in which a patient has just started a session (`session-cabin-1` unless named). */
async function cabinInSession(sessionId?: string): Promise<CabinHarness> {
  const cabin = await readyCabin();
  cabin.startSession(sessionId);
  return cabin;
}

describe('the cabin boots', () => {
  it('shows "booting" until the self-test ends, then the welcome screen with the peripherals found', async () => {
    const cabin = startCabin();
    expect(cabin.view()).toMatchObject({ phase: 'booting', session: null });
    await cabin.selfTest.answer({ peripherals: ALL_PERIPHERALS_OK, interruptedSessions: 0 });
    expect(cabin.view()).toEqual({
      phase: 'ready',
      peripherals: ALL_PERIPHERALS_OK,
      needsCleaning: false,
      waitingForCleaning: false,
      attendantCalled: false,
      helpCall: null,
      outOfServiceMessage: null,
      staff: { onScreen: null, locks: [], pinsNeeded: false },
      outOfServiceReason: null,
      cardInReader: false,
      paymentsAwaitingDecision: [],
      session: null,
    });
  });

  it('after a crash or power cut closed a session, boots to the welcome screen waiting for the cleaning', async () => {
    const cabin = startCabin();
    await cabin.selfTest.answer({ peripherals: ALL_PERIPHERALS_OK, interruptedSessions: 1 });
    expect(cabin.view()).toMatchObject({ phase: 'ready', needsCleaning: true, waitingForCleaning: true });
    cabin.startSession();
    expect(cabin.view().session).toBeNull();
    cabin.send({ type: 'attendant.markCleaned' });
    expect(cabin.view()).toMatchObject({ needsCleaning: false, waitingForCleaning: false });
  });

  it('a self-test that fails puts the cabin out of service, and returning to service runs it again', async () => {
    const cabin = startCabin();
    await cabin.selfTest.crash(new Error('usb enumeration failed'));
    expect(cabin.view()).toMatchObject({ phase: 'outOfService', outOfServiceReason: 'selfTest.failed' });
    cabin.startSession();
    expect(cabin.view().phase).toBe('outOfService');

    cabin.send({ type: 'attendant.returnToService' });
    expect(cabin.view()).toMatchObject({ phase: 'booting', outOfServiceReason: null });
    await cabin.selfTest.answer({ peripherals: ALL_PERIPHERALS_OK, interruptedSessions: 0 });
    expect(cabin.view().phase).toBe('ready');
    expect(cabin.selfTest.requests).toHaveLength(2);
  });

  it('no session starts while the cabin is booting', () => {
    const cabin = startCabin();
    cabin.startSession();
    expect(cabin.view()).toMatchObject({ phase: 'booting', session: null });
  });
});

describe('a session in the cabin', () => {
  it('starts on the information screen, offering only the measurements of working devices', async () => {
    const cabin = await readyCabin([
      ...ALL_PERIPHERALS_OK.filter((p) => p.peripheral !== 'bloodPressure' && p.peripheral !== 'weight'),
      { peripheral: 'bloodPressure', state: 'faulty' },
      { peripheral: 'weight', state: 'absent' },
    ]);
    cabin.startSession();
    expect(cabin.view()).toMatchObject({
      phase: 'inSession',
      session: { locale: 'fr', screen: { step: 'information' } },
    });

    // Patient actions sent to the cabin reach the session.
    cabin.send({ type: 'patient.next' });
    cabin.send({ type: 'patient.consent', presence: 'carer', attendantStays: true });
    cabin.session.cardReader.insert([CARD_HOLDER]);
    cabin.send({ type: 'patient.confirmIdentity' });
    cabin.send({ type: 'patient.seeNextAvailable' });
    cabin.send({ type: 'patient.chooseProfession', profession: 'doctor' });
    cabin.send({ type: 'patient.answerCarePath', answers: REFERRED_BY_REGULAR_DOCTOR });
    cabin.send({ type: 'patient.acceptCost' });
    expect(cabin.view().session?.screen).toMatchObject({
      step: 'measurements',
      current: 'temperature',
      slots: measurementSlots({ bloodPressure: 'unavailable', weight: 'unavailable' }),
    });
    expect(cabin.session.recorded.consents).toMatchObject([
      { sessionId: 'session-cabin-1', presence: 'carer' },
    ]);
  });

  it('a help call shows on the attendant screen until acknowledged', async () => {
    const cabin = await cabinInSession();
    cabin.send({ type: 'patient.help' });
    expect(cabin.view().attendantCalled).toBe(true);
    cabin.send({ type: 'attendant.acknowledgeHelp' });
    expect(cabin.view().attendantCalled).toBe(false);
  });

  it('ends in cleaning: the wipe runs, then the welcome screen returns, marked for cleaning', async () => {
    const cabin = await cabinInSession('session-cabin-7');
    cabin.send({ type: 'patient.next' });
    cabin.send({ type: 'patient.declineConsent' });
    cabin.send({ type: 'patient.declineConsent' });
    expect(cabin.view()).toMatchObject({ phase: 'cleaning', session: null });
    expect(cabin.sessionEnds).toEqual([{ sessionId: 'session-cabin-7', outcome: 'declined' }]);
    expect(cabin.wipe.requests).toEqual([{ sessionId: 'session-cabin-7' }]);

    await cabin.wipe.answer(undefined);
    expect(cabin.view()).toMatchObject({
      phase: 'ready',
      needsCleaning: true,
      waitingForCleaning: true,
      session: null,
    });
    cabin.send({ type: 'attendant.markCleaned' });
    expect(cabin.view()).toMatchObject({ needsCleaning: false, waitingForCleaning: false });
  });

  it('no session starts while the cabin waits for cleaning; the attendant marks it cleaned and it opens', async () => {
    const cabin = await cabinInSession('session-cabin-1');
    cabin.send({ type: 'patient.quit' });
    await cabin.wipe.answer(undefined);
    cabin.startSession('session-cabin-2');
    expect(cabin.view()).toMatchObject({ phase: 'ready', waitingForCleaning: true, session: null });

    cabin.send({ type: 'attendant.markCleaned' });
    cabin.startSession('session-cabin-2');
    expect(cabin.view()).toMatchObject({
      phase: 'inSession',
      needsCleaning: false,
      session: { screen: { step: 'information' } },
    });
  });

  it('opens by itself after three minutes without cleaning, still marked to clean for the attendant', async () => {
    const cabin = await cabinInSession('session-cabin-1');
    cabin.send({ type: 'patient.quit' });
    await cabin.wipe.answer(undefined);
    cabin.clock.increment(179 * SECOND);
    cabin.startSession('session-cabin-2');
    expect(cabin.view()).toMatchObject({ phase: 'ready', waitingForCleaning: true });

    cabin.clock.increment(1 * SECOND);
    expect(cabin.view()).toMatchObject({ phase: 'ready', waitingForCleaning: false, needsCleaning: true });
    cabin.startSession('session-cabin-2');
    expect(cabin.view()).toMatchObject({ phase: 'inSession', needsCleaning: true });
  });

  it('a cabin cleaned before its time is not opened again by the time running out', async () => {
    const cabin = await cabinInSession('session-cabin-1');
    cabin.send({ type: 'patient.quit' });
    await cabin.wipe.answer(undefined);
    cabin.send({ type: 'attendant.markCleaned' });
    cabin.clock.increment(200 * SECOND);
    expect(cabin.view()).toMatchObject({ phase: 'ready', waitingForCleaning: false, needsCleaning: false });
    expect(cabin.clock.pending()).toBe(0);
  });

  it('the attendant may take a cabin waiting for cleaning out of service', async () => {
    const cabin = await cabinInSession('session-cabin-1');
    cabin.send({ type: 'patient.quit' });
    await cabin.wipe.answer(undefined);
    cabin.send({ type: 'attendant.setOutOfService', message: '' });
    expect(cabin.view()).toMatchObject({ phase: 'outOfService', waitingForCleaning: false });
  });

  it('the attendant resets a stuck session: it ends as reset and is wiped', async () => {
    const cabin = await cabinInSession();
    cabin.send({ type: 'attendant.resetSession' });
    expect(cabin.sessionEnds).toEqual([{ sessionId: 'session-cabin-1', outcome: 'reset' }]);
    expect(cabin.view().phase).toBe('cleaning');
  });

  it('a patient who walks away is abandoned after 2 minutes and the cabin cleans up', async () => {
    const cabin = await cabinInSession();
    cabin.clock.increment(90 * SECOND);
    expect(cabin.view().session?.askingStillThere).toBe(true);
    cabin.clock.increment(30 * SECOND);
    expect(cabin.sessionEnds).toEqual([{ sessionId: 'session-cabin-1', outcome: 'abandoned' }]);
    expect(cabin.view().phase).toBe('cleaning');
  });

  it('a session that crashes (a bug) still goes through the wipe, recorded as reset', async () => {
    const cabin = startCabin({
      session: (fakes) =>
        provideSessionFakes(fakes).provide({
          actions: {
            recordConsent: () => {
              throw new TypeError('store bug');
            },
          },
        }),
    });
    await cabin.selfTest.answer({ peripherals: ALL_PERIPHERALS_OK, interruptedSessions: 0 });
    cabin.startSession('session-cabin-9');
    cabin.send({ type: 'patient.next' });
    cabin.send({ type: 'patient.consent', presence: 'alone', attendantStays: false });
    expect(cabin.view()).toMatchObject({ phase: 'cleaning', session: null });
    expect(cabin.sessionEnds).toEqual([{ sessionId: 'session-cabin-9', outcome: 'reset' }]);
    expect(cabin.wipe.requests).toEqual([{ sessionId: 'session-cabin-9' }]);
    await cabin.wipe.answer(undefined);
    expect(cabin.view().phase).toBe('ready');
  });
});

describe('a card left in the reader', () => {
  it('blocks the next session until it is taken back, and says so on the welcome screen', async () => {
    const cabin = await readyCabin();
    cabin.send({ type: 'card.presenceChanged', present: true });
    expect(cabin.view()).toMatchObject({ phase: 'ready', cardInReader: true });
    cabin.startSession();
    expect(cabin.view().phase).toBe('ready');
    cabin.send({ type: 'card.presenceChanged', present: false });
    cabin.startSession();
    expect(cabin.view().phase).toBe('inSession');
  });

  it('follows the card during the session: the goodbye screen knows whether it is still in', async () => {
    const cabin = await cabinInSession();
    cabin.send({ type: 'card.presenceChanged', present: true });
    expect(cabin.view()).toMatchObject({ phase: 'inSession', cardInReader: true });
    cabin.send({ type: 'card.presenceChanged', present: false });
    expect(cabin.view().cardInReader).toBe(false);
  });
});

describe('the wipe fails', () => {
  it('the cabin goes out of service, and returning to service wipes again before the self-test', async () => {
    const cabin = await cabinInSession('session-cabin-3');
    cabin.send({ type: 'patient.quit' });
    await cabin.wipe.crash(new Error('store.locked'));
    expect(cabin.view()).toMatchObject({
      phase: 'outOfService',
      outOfServiceReason: 'wipe.failed',
      session: null,
    });
    cabin.startSession('session-cabin-4');
    expect(cabin.view().phase).toBe('outOfService');

    cabin.send({ type: 'attendant.returnToService' });
    expect(cabin.view().phase).toBe('cleaning');
    expect(cabin.wipe.requests).toEqual([{ sessionId: 'session-cabin-3' }, { sessionId: 'session-cabin-3' }]);
    await cabin.wipe.answer(undefined);
    expect(cabin.view()).toMatchObject({ phase: 'booting', needsCleaning: true });
    await cabin.selfTest.answer({ peripherals: ALL_PERIPHERALS_OK, interruptedSessions: 0 });
    expect(cabin.view().phase).toBe('ready');
  });

  it('a wipe that fails again keeps the cabin out of service', async () => {
    const cabin = await cabinInSession('session-cabin-3');
    cabin.send({ type: 'patient.quit' });
    await cabin.wipe.crash(new Error('store.locked'));
    cabin.send({ type: 'attendant.returnToService' });
    await cabin.wipe.crash(new Error('store.locked'));
    expect(cabin.view()).toMatchObject({ phase: 'outOfService', outOfServiceReason: 'wipe.failed' });
  });
});

describe('out of service and maintenance', () => {
  it('the attendant takes the cabin out of service and back; no session starts meanwhile', async () => {
    const cabin = await readyCabin();
    cabin.send({ type: 'attendant.setOutOfService', message: '' });
    expect(cabin.view()).toMatchObject({ phase: 'outOfService', outOfServiceReason: 'attendant.request' });
    cabin.startSession();
    expect(cabin.view().session).toBeNull();
    cabin.send({ type: 'attendant.returnToService' });
    expect(cabin.view().phase).toBe('booting');
    expect(cabin.wipe.requests).toEqual([]);
  });

  it('the welcome screen shows the attendant’s message while out of service, the usual words when empty', async () => {
    const cabin = await readyCabin();
    cabin.send({ type: 'attendant.setOutOfService', message: '  Fermée pour travaux jusqu’à 14 h ' });
    expect(cabin.view()).toMatchObject({
      phase: 'outOfService',
      outOfServiceMessage: 'Fermée pour travaux jusqu’à 14 h',
    });
    cabin.send({ type: 'attendant.setOutOfService', message: 'Rouvre demain matin' });
    expect(cabin.view().outOfServiceMessage).toBe('Rouvre demain matin');
    cabin.send({ type: 'attendant.setOutOfService', message: '   ' });
    expect(cabin.view()).toMatchObject({ phase: 'outOfService', outOfServiceMessage: null });
    cabin.send({ type: 'attendant.setOutOfService', message: 'Fermée' });
    cabin.send({ type: 'attendant.returnToService' });
    await cabin.selfTest.answer({ peripherals: ALL_PERIPHERALS_OK, interruptedSessions: 0 });
    expect(cabin.view()).toMatchObject({ phase: 'ready', outOfServiceMessage: null });
  });

  it('maintenance is refused during a session and stops new sessions until the technician leaves it', async () => {
    const cabin = await cabinInSession();
    cabin.send({ type: 'technician.enterMaintenance' });
    expect(cabin.view().phase).toBe('inSession');
    cabin.send({ type: 'patient.quit' });
    await cabin.wipe.answer(undefined);
    cabin.send({ type: 'technician.enterMaintenance' });
    expect(cabin.view().phase).toBe('maintenance');
    cabin.startSession('session-cabin-2');
    expect(cabin.view()).toMatchObject({ phase: 'maintenance', session: null });
  });

  it('the technician leaves maintenance through a new self-test', async () => {
    const cabin = await readyCabin();
    cabin.send({ type: 'technician.enterMaintenance' });
    expect(cabin.view()).toMatchObject({ phase: 'maintenance', session: null });
    cabin.send({ type: 'technician.leaveMaintenance' });
    expect(cabin.view().phase).toBe('booting');
  });

  it('a peripheral unplugged while ready shows on the attendant screen', async () => {
    const cabin = await readyCabin();
    const unplugged: PeripheralStatus[] = ALL_PERIPHERALS_OK.map((p) =>
      p.peripheral === 'printer' ? { peripheral: 'printer', state: 'absent' } : p,
    );
    cabin.send({ type: 'peripherals.changed', peripherals: unplugged });
    expect(cabin.view().peripherals).toContainEqual({ peripheral: 'printer', state: 'absent' });
  });
});
