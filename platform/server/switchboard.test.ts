// The switchboard on its own, without sockets: cabins and consoles are parties that record what they are
// sent, and the platform's time is a manual clock. The waiting room's estimate, the graces of a party
// that dropped, and a session's time to live, each to the millisecond.
import { describe, expect, it } from 'vitest';
import type { PlatformToCabin, PlatformToPractitioner, ProfessionalCard, Profession } from '../../contract';
import { billingDetailsOf } from '../../contract';
import { ManualClock } from '../../test/support/manual-clock';
import { Switchboard, type CabinLine, type Party, type PractitionerLine } from './switchboard';

const GRACE_MS = 60_000;
const TTL_MS = 2 * 3_600_000;
const PATIENT = {
  surname: 'MARTINEAU',
  firstName: 'Lucas',
  birthDate: '1950-03-12',
  nir: '250034958815709',
  source: 'card',
} as const;
const VISIT = { locale: 'fr', cover: null } as const;
/** The card holder's billing block: his NIR (key checked), no birth date (he is the insured person). */
const BILLING = billingDetailsOf({ ...PATIENT, holder: true }, null, false);

/** A connection that records what the switchboard sends it and whether it was closed. */
class RecordingParty<Out extends { readonly type: string }> implements Party<Out> {
  readonly sent: Out[] = [];
  closedWith: number | null = null;

  send(message: Out): void {
    this.sent.push(message);
  }

  close(code: number): void {
    this.closedWith = code;
  }

  /** The messages of `type` sent so far. */
  of<T extends Out['type']>(type: T): Extract<Out, { readonly type: T }>[] {
    return this.sent.filter(
      (message): message is Extract<Out, { readonly type: T }> => message.type === type,
    );
  }

  /** The answer to request `requestId`. */
  reply(requestId: number): unknown {
    const reply = this.sent.find(
      (message) => message.type === 'reply' && (message as { requestId?: number }).requestId === requestId,
    );
    return (reply as { result?: unknown } | undefined)?.result;
  }
}

const card = (name: string, profession: Profession): ProfessionalCard => ({
  civility: 'Dr',
  name,
  profession,
  specialty: '',
  rpps: '10000000000',
  address: '1 rue de l’Exemple, 69000 Lyon',
});

function switchboard(options: { readonly meanConsultationMinutes?: number } = {}) {
  const clock = new ManualClock(1_000_000);
  const board = new Switchboard({
    appointments: new Map([['123456', { profession: 'doctor', specialty: null }]]),
    iceServers: [],
    resumeGraceMs: GRACE_MS,
    sessionTtlMs: TTL_MS,
    ...options,
    sfu: null,
    clock,
    log: () => undefined,
  });
  let requestId = 0;
  const cabin = (cabinId = 'cabin-a'): CabinLine & { party: RecordingParty<PlatformToCabin> } => {
    const line = { role: 'cabin' as const, cabinId, party: new RecordingParty<PlatformToCabin>() };
    board.connectCabin(line);
    return line;
  };
  const practitioner = (
    login = 'doctor',
    profession: Profession = 'doctor',
  ): PractitionerLine & { party: RecordingParty<PlatformToPractitioner> } => {
    const line = {
      role: 'practitioner' as const,
      login,
      professional: card(login, profession),
      party: new RecordingParty<PlatformToPractitioner>(),
    };
    board.connectPractitioner(line);
    return line;
  };
  const enqueue = (line: CabinLine, sessionId: string, profession: Profession = 'doctor'): number => {
    requestId += 1;
    board.receiveFromCabin(line, {
      type: 'queue.join',
      requestId,
      sessionId,
      profession,
      appointmentCode: null,
      patient: PATIENT,
      visit: VISIT,
      billing: BILLING,
      measurements: [],
    });
    return requestId;
  };
  const accept = (line: PractitionerLine, sessionId: string): void => {
    requestId += 1;
    board.receiveFromPractitioner(line, { type: 'call.accept', requestId, sessionId });
  };
  const end = (line: PractitionerLine, sessionId: string): void => {
    requestId += 1;
    board.receiveFromPractitioner(line, { type: 'call.end', requestId, sessionId });
  };
  const join = (line: CabinLine, sessionId: string): void => {
    requestId += 1;
    board.receiveFromCabin(line, { type: 'call.join', requestId, sessionId });
  };
  /** A cabin whose patient is in a call with the doctor. */
  const inCall = (sessionId = 's1') => {
    const cabinA = cabin();
    const doctor = practitioner();
    enqueue(cabinA, sessionId);
    accept(doctor, sessionId);
    join(cabinA, sessionId);
    return { cabinA, doctor };
  };
  return { board, clock, cabin, practitioner, enqueue, accept, end, join, inCall };
}

const latestWait = (party: RecordingParty<PlatformToCabin>, sessionId: string) =>
  party
    .of('queue.updated')
    .filter((push) => push.sessionId === sessionId)
    .map(({ position, estimatedWaitMinutes }) => ({ position, estimatedWaitMinutes }))
    .at(-1);

describe('the waiting room estimate', () => {
  it('counts 10 minutes a patient before any call ended, shared among the connected doctors', () => {
    const { cabin, practitioner, enqueue } = switchboard();
    const cabinA = cabin('cabin-a');
    const cabinB = cabin('cabin-b');
    practitioner('doctor');
    const first = enqueue(cabinA, 'a1');
    const second = enqueue(cabinB, 'b1');
    expect(cabinA.party.reply(first)).toEqual({
      ok: true,
      value: { position: 1, estimatedWaitMinutes: 10, professionalsOnline: 1 },
    });
    expect(cabinB.party.reply(second)).toEqual({
      ok: true,
      value: { position: 2, estimatedWaitMinutes: 20, professionalsOnline: 1 },
    });
    practitioner('doctor2');
    expect(latestWait(cabinA.party, 'a1')).toEqual({ position: 1, estimatedWaitMinutes: 5 });
    expect(latestWait(cabinB.party, 'b1')).toEqual({ position: 2, estimatedWaitMinutes: 10 });
  });

  it('takes the mean length of the calls that ended, measured on the clock from acceptance to end', () => {
    const { clock, cabin, practitioner, enqueue, accept, end } = switchboard();
    const cabinA = cabin();
    const doctor = practitioner();
    enqueue(cabinA, 'a1');
    enqueue(cabinA, 'a2');
    enqueue(cabinA, 'a3');
    accept(doctor, 'a1');
    expect(latestWait(cabinA.party, 'a3')).toEqual({ position: 2, estimatedWaitMinutes: 20 });
    clock.increment(4 * 60_000);
    end(doctor, 'a1');
    // One call of 4 minutes: ceil(1 × 4) and ceil(2 × 4).
    expect(latestWait(cabinA.party, 'a2')).toEqual({ position: 1, estimatedWaitMinutes: 4 });
    expect(latestWait(cabinA.party, 'a3')).toEqual({ position: 2, estimatedWaitMinutes: 8 });
    accept(doctor, 'a2');
    clock.increment(7 * 60_000);
    end(doctor, 'a2');
    // Mean of 4 and 7 minutes: 5.5, the last patient is next.
    expect(latestWait(cabinA.party, 'a3')).toEqual({ position: 1, estimatedWaitMinutes: 6 });
  });

  it('uses the configured mean consultation length before any call ended', () => {
    const { cabin, practitioner, enqueue } = switchboard({ meanConsultationMinutes: 15 });
    const cabinA = cabin();
    practitioner();
    enqueue(cabinA, 'a1');
    const second = enqueue(cabinA, 'a2');
    expect(cabinA.party.reply(second)).toEqual({
      ok: true,
      value: { position: 2, estimatedWaitMinutes: 30, professionalsOnline: 1 },
    });
  });

  it('does not count a call whose connection was lost in the mean', () => {
    const { board, clock, cabin, practitioner, enqueue, accept } = switchboard();
    const cabinA = cabin();
    const cabinB = cabin('cabin-b');
    const doctor = practitioner();
    enqueue(cabinA, 'a1');
    enqueue(cabinB, 'b1');
    accept(doctor, 'a1');
    board.disconnect(cabinA);
    clock.increment(GRACE_MS);
    expect(latestWait(cabinB.party, 'b1')).toEqual({ position: 1, estimatedWaitMinutes: 10 });
  });
});

describe('the waiting room tells the truth', () => {
  const lastPlace = (party: RecordingParty<PlatformToCabin>, sessionId: string) => {
    const push = party
      .of('queue.updated')
      .filter((update) => update.sessionId === sessionId)
      .at(-1);
    if (push === undefined) return undefined;
    const { position, estimatedWaitMinutes, professionalsOnline } = push;
    return { position, estimatedWaitMinutes, professionalsOnline };
  };

  it('answers at once that nobody of that profession is connected, with no estimate', () => {
    const { cabin, practitioner, enqueue } = switchboard();
    const cabinA = cabin();
    // A doctor is connected, but the patient wants a dentist.
    practitioner('doctor', 'doctor');
    const joined = enqueue(cabinA, 'a1', 'dentist');
    expect(cabinA.party.reply(joined)).toEqual({
      ok: true,
      value: { position: 1, estimatedWaitMinutes: null, professionalsOnline: 0 },
    });
  });

  it('pushes the place and the wait to each waiting cabin as the queue moves, the next patient first', () => {
    const { board, cabin, practitioner, enqueue, accept } = switchboard();
    const cabinA = cabin('cabin-a');
    const cabinB = cabin('cabin-b');
    const cabinC = cabin('cabin-c');
    const cabinD = cabin('cabin-d');
    const doctor = practitioner();
    enqueue(cabinA, 'a1');
    enqueue(cabinB, 'b1');
    enqueue(cabinC, 'c1');
    enqueue(cabinD, 'd1');
    // The first patient is taken: everyone behind moves up.
    accept(doctor, 'a1');
    expect(lastPlace(cabinB.party, 'b1')).toEqual({
      position: 1,
      estimatedWaitMinutes: 10,
      professionalsOnline: 1,
    });
    expect(lastPlace(cabinD.party, 'd1')).toEqual({
      position: 3,
      estimatedWaitMinutes: 30,
      professionalsOnline: 1,
    });
    // A patient ahead leaves the waiting room: the one behind is told at once.
    board.receiveFromCabin(cabinC, { type: 'queue.leave', requestId: 900, sessionId: 'c1' });
    expect(lastPlace(cabinD.party, 'd1')).toEqual({
      position: 2,
      estimatedWaitMinutes: 20,
      professionalsOnline: 1,
    });
    // The next patient's place did not change: no push for nothing.
    expect(cabinB.party.of('queue.updated')).toHaveLength(1);
  });

  it('tells the waiting cabins when a second professional comes online, and when they go offline again', () => {
    const { board, cabin, practitioner, enqueue } = switchboard();
    const cabinA = cabin();
    practitioner('doctor');
    enqueue(cabinA, 'a1');
    enqueue(cabinA, 'a2');
    const second = practitioner('doctor2');
    expect(lastPlace(cabinA.party, 'a2')).toEqual({
      position: 2,
      estimatedWaitMinutes: 10,
      professionalsOnline: 2,
    });
    board.disconnect(second);
    expect(lastPlace(cabinA.party, 'a2')).toEqual({
      position: 2,
      estimatedWaitMinutes: 20,
      professionalsOnline: 1,
    });
  });

  it('says so when the last professional of that kind goes offline while patients wait, and when one comes back', () => {
    const { board, cabin, practitioner, enqueue } = switchboard();
    const cabinA = cabin();
    const doctor = practitioner();
    // A physiotherapist going offline changes nothing for the doctor's waiting room.
    const physio = practitioner('physio', 'physiotherapist');
    enqueue(cabinA, 'a1');
    board.disconnect(physio);
    expect(cabinA.party.of('queue.updated').filter((push) => push.professionalsOnline === 0)).toEqual([]);
    board.disconnect(doctor);
    expect(lastPlace(cabinA.party, 'a1')).toEqual({
      position: 1,
      estimatedWaitMinutes: null,
      professionalsOnline: 0,
    });
    practitioner('doctor');
    expect(lastPlace(cabinA.party, 'a1')).toEqual({
      position: 1,
      estimatedWaitMinutes: 10,
      professionalsOnline: 1,
    });
  });
});

describe('a cabin that drops', () => {
  it('keeps its call for the grace period, to the millisecond; then the practitioner is told and the session goes', () => {
    const { board, clock, inCall } = switchboard();
    const { cabinA, doctor } = inCall();
    board.disconnect(cabinA);
    expect(doctor.party.of('call.peerPresence')).toEqual([
      { type: 'call.peerPresence', sessionId: 's1', present: false },
    ]);
    clock.increment(GRACE_MS - 1);
    expect(board.stats()).toMatchObject({ calls: 1, sessionsHeld: 1 });
    expect(doctor.party.of('call.ended')).toEqual([]);
    clock.increment(1);
    expect(doctor.party.of('call.ended')).toEqual([
      { type: 'call.ended', sessionId: 's1', reason: 'connectionLost' },
    ]);
    expect(board.stats()).toMatchObject({ calls: 0, sessionsHeld: 0 });
  });

  it('finds its call when it resumes within the grace, with what it missed, and the grace no longer runs', () => {
    const { board, clock, cabin, inCall } = switchboard();
    const { cabinA, doctor } = inCall();
    board.disconnect(cabinA);
    board.receiveFromPractitioner(doctor, {
      type: 'call.requestMeasurement',
      requestId: 90,
      sessionId: 's1',
      kind: 'weight',
    });
    clock.increment(GRACE_MS - 1);
    const back = cabin();
    board.receiveFromCabin(back, { type: 'session.resume', requestId: 1, sessionId: 's1' });
    expect(back.party.reply(1)).toEqual({ ok: true, value: { stage: 'call' } });
    expect(back.party.of('call.measurementRequested')).toEqual([
      { type: 'call.measurementRequested', sessionId: 's1', kind: 'weight' },
    ]);
    expect(doctor.party.of('call.peerPresence').at(-1)).toMatchObject({ present: true });
    clock.increment(GRACE_MS * 10);
    expect(doctor.party.of('call.ended')).toEqual([]);
    expect(board.stats()).toMatchObject({ calls: 1 });
  });

  it('keeps a waiting place for the grace period, then frees it for the patients behind', () => {
    const { board, clock, cabin, enqueue } = switchboard();
    const cabinA = cabin('cabin-a');
    const cabinB = cabin('cabin-b');
    enqueue(cabinA, 'a1');
    enqueue(cabinB, 'b1');
    board.disconnect(cabinA);
    clock.increment(GRACE_MS - 1);
    expect(board.stats().queued).toBe(2);
    clock.increment(1);
    expect(board.stats().queued).toBe(1);
    // Nobody connected: the place moved, and no wait is invented.
    expect(latestWait(cabinB.party, 'b1')).toEqual({ position: 1, estimatedWaitMinutes: null });
  });
});

describe('a practitioner who drops', () => {
  it('keeps the call for the grace period; then the cabin is told, and the practitioner on coming back', () => {
    const { board, clock, practitioner, inCall } = switchboard();
    const { cabinA, doctor } = inCall();
    board.disconnect(doctor);
    expect(cabinA.party.of('call.peerPresence')).toEqual([
      { type: 'call.peerPresence', sessionId: 's1', present: false },
    ]);
    clock.increment(GRACE_MS - 1);
    expect(cabinA.party.of('call.ended')).toEqual([]);
    clock.increment(1);
    expect(cabinA.party.of('call.ended')).toEqual([
      { type: 'call.ended', sessionId: 's1', reason: 'connectionLost' },
    ]);
    const back = practitioner();
    expect(back.party.of('call.ended')).toEqual([
      { type: 'call.ended', sessionId: 's1', reason: 'connectionLost' },
    ]);
    expect(back.party.of('call.started')).toEqual([]);
  });

  it('gets the call back within the grace, and the grace no longer runs', () => {
    const { board, clock, practitioner, inCall } = switchboard();
    const { cabinA, doctor } = inCall();
    board.disconnect(doctor);
    clock.increment(GRACE_MS - 1);
    const back = practitioner();
    expect(back.party.of('call.started')).toHaveLength(1);
    expect(cabinA.party.of('call.peerPresence').at(-1)).toMatchObject({ present: true });
    clock.increment(GRACE_MS * 10);
    expect(cabinA.party.of('call.ended')).toEqual([]);
  });
});

describe("a session's time to live", () => {
  it('ends the call and forgets the session at its time to live, even with both parties connected', () => {
    const { board, clock, inCall } = switchboard();
    const { cabinA, doctor } = inCall();
    clock.increment(TTL_MS - 1);
    expect(board.stats()).toMatchObject({ calls: 1, sessionsHeld: 1 });
    clock.increment(1);
    expect(cabinA.party.of('call.ended')).toEqual([
      { type: 'call.ended', sessionId: 's1', reason: 'connectionLost' },
    ]);
    expect(doctor.party.of('call.ended')).toHaveLength(1);
    expect(board.stats()).toMatchObject({ calls: 0, sessionsHeld: 0 });
  });

  it('leaves no timer behind once the session is gone', () => {
    const { board, clock, inCall } = switchboard();
    const { cabinA, doctor } = inCall();
    board.disconnect(doctor);
    board.receiveFromCabin(cabinA, { type: 'call.leave', requestId: 1, sessionId: 's1' });
    expect(clock.pending()).toBe(0);
  });
});
