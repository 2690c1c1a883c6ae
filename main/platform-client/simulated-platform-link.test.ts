// The simulated platform's waiting room behaves as the reference platform's: it says at once when nobody
// of the kind is online, invents no wait, stands still until someone comes, and tells the waiting
// patient when the last professional goes. The scenario tests and `npm start` without a platform use it.
import { describe, expect, it } from 'vitest';
import type { PatientIdentity, Profession, QueueEvent } from '../../contract';
import { ManualClock } from '../../test/support/manual-clock';
import { createSimulatedPeripherals } from '../peripherals';
import { happyScript } from '../../devices/simulated/simulation-script';
import { simulatorRoutes } from '../simulator-routes';
import { SimulatedPlatformLink } from './simulated-platform-link';

const STEP_MS = 100;
const IDENTITY: PatientIdentity = {
  surname: 'MARTINEAU',
  firstName: 'Lucas',
  birthDate: '1950-03-12',
  nir: null,
  source: 'manual',
};

function platform(online: Partial<Record<Profession, number>> = {}) {
  const clock = new ManualClock();
  const link = new SimulatedPlatformLink(
    { stepMs: STEP_MS, callMs: 1_000, reachable: () => true, online },
    clock,
  );
  const heard: QueueEvent[] = [];
  const join = (profession: Profession) =>
    link.joinQueue(
      {
        sessionId: 's1',
        profession,
        appointmentCode: null,
        identity: IDENTITY,
        measurements: [],
        locale: 'fr',
        carePath: null,
        cost: null,
      },
      (event) => heard.push(event),
    );
  const places = () =>
    heard.map((event) =>
      event.type === 'queue.updated'
        ? `${event.position}/${String(event.estimatedWaitMinutes)}/${event.professionalsOnline}`
        : event.type,
    );
  return { clock, link, join, places };
}

describe('the simulated waiting room', () => {
  it('tells how many professionals of a kind are online, as the simulator sets them', async () => {
    const { link } = platform({ dentist: 0 });
    await expect(link.lookUpPresence('dentist')).resolves.toEqual({
      ok: true,
      value: { professionalsOnline: 0 },
    });
    await expect(link.lookUpPresence('doctor')).resolves.toEqual({
      ok: true,
      value: { professionalsOnline: 1 },
    });
    link.setOnline('dentist', 2);
    await expect(link.lookUpPresence('dentist')).resolves.toEqual({
      ok: true,
      value: { professionalsOnline: 2 },
    });
  });

  it('moves up and puts the patient through when a professional of the kind is online', () => {
    const { clock, join, places } = platform();
    join('doctor');
    clock.increment(STEP_MS * 3);
    expect(places()).toEqual(['2/6/1', '1/3/1', 'queue.assigned']);
  });

  it('says at once that no dentist is online, with no estimate, and nobody takes the patient', () => {
    const { clock, join, places } = platform({ dentist: 0 });
    join('dentist');
    clock.increment(STEP_MS);
    expect(places()).toEqual(['2/null/0']);
    clock.increment(STEP_MS * 20);
    expect(places()).toEqual(['2/null/0']);
  });

  it('tells the waiting patient when a dentist comes online, then moves on', () => {
    const { clock, link, join, places } = platform({ dentist: 0 });
    join('dentist');
    clock.increment(STEP_MS);
    link.setOnline('dentist', 1);
    expect(places()).toEqual(['2/null/0', '2/6/1']);
    clock.increment(STEP_MS * 2);
    expect(places()).toEqual(['2/null/0', '2/6/1', '1/3/1', 'queue.assigned']);
  });

  it('tells the waiting patient when the last doctor goes offline, and the queue stops', () => {
    const { clock, link, join, places } = platform();
    join('doctor');
    clock.increment(STEP_MS);
    link.setOnline('doctor', 0);
    clock.increment(STEP_MS * 10);
    expect(places()).toEqual(['2/6/1', '2/null/0']);
  });

  it('stops the queue for good once the patient leaves', () => {
    const { clock, link, join, places } = platform();
    const leave = join('doctor');
    clock.increment(STEP_MS);
    leave();
    link.setOnline('doctor', 2);
    clock.increment(STEP_MS * 10);
    expect(places()).toEqual(['2/6/1']);
  });

  it('is steered by the browser-mode simulator route: nobody online for one profession', async () => {
    const peripherals = createSimulatedPeripherals(happyScript(STEP_MS), new ManualClock(), 1_000);
    const route = simulatorRoutes(peripherals);
    await expect(route('platform', { online: { dentist: 0 } })).resolves.toBe(true);
    expect(peripherals.platform.onlineOf('dentist')).toBe(0);
    expect(peripherals.platform.onlineOf('doctor')).toBe(1);
    await expect(route('platform', { online: { dentist: -1 } })).resolves.toBe(false);
    await expect(route('platform', { online: { plumber: 1 } })).resolves.toBe(false);
    await expect(route('platform', {})).resolves.toBe(false);
    await expect(route('platform', { reachable: false })).resolves.toBe(true);
    expect(peripherals.platformReachable).toBe(false);
  });
});

describe('the simulated call', () => {
  function inCall(options: { readonly callMeasurement?: 'temperature' | null } = {}) {
    const clock = new ManualClock();
    const link = new SimulatedPlatformLink(
      { stepMs: STEP_MS, callMs: 1_000, reachable: () => true, ...options },
      clock,
    );
    const facts: string[] = [];
    const leave = link.joinCall('s1', (fact) =>
      facts.push(fact.type === 'call.measurementRequested' ? `${fact.type} ${fact.kind}` : fact.type),
    );
    return { clock, link, facts, leave };
  }
  const measurement = (kind: 'temperature' | 'bloodPressure') =>
    ({ sessionId: 's1', kind: 'measurement', payload: { kind, quantities: [], takenAt: 0 } }) as const;

  it('asks for the temperature, waits for it, then deposits the prescription and ends', async () => {
    const { clock, link, facts } = inCall();
    clock.increment(STEP_MS + 500);
    expect(facts).toEqual(['call.joined', 'call.connected', 'call.measurementRequested temperature']);
    // The patient takes their time: the professional waits.
    clock.increment(800);
    expect(facts).not.toContain('call.ended');
    await link.deliver(measurement('temperature'));
    clock.increment(STEP_MS + 500 + STEP_MS);
    expect(facts.slice(-2)).toEqual(['call.documentReceived', 'call.ended']);
  });

  it("ends anyway a call's length later when the measurement never comes (the patient skipped it)", () => {
    const { clock, facts } = inCall();
    clock.increment(STEP_MS + 500 + 1_000 + STEP_MS + 500 + STEP_MS);
    expect(facts.slice(-2)).toEqual(['call.documentReceived', 'call.ended']);
  });

  it('asks for a blood pressure when a test says so, and waits for that one', async () => {
    const { clock, link, facts } = inCall();
    expect(link.requestMeasurement('bloodPressure')).toBe(true);
    expect(facts.at(-1)).toBe('call.measurementRequested bloodPressure');
    clock.increment(STEP_MS + 500 + 900);
    await link.deliver(measurement('temperature'));
    expect(facts).not.toContain('call.ended');
    await link.deliver(measurement('bloodPressure'));
    clock.increment(STEP_MS + 500 + STEP_MS);
    expect(facts.slice(-2)).toEqual(['call.documentReceived', 'call.ended']);
    // The scripted temperature was not asked on top of it.
    expect(facts.filter((fact) => fact.startsWith('call.measurementRequested'))).toEqual([
      'call.measurementRequested bloodPressure',
    ]);
  });

  it('has no call to ask in once the call is over', async () => {
    const { link, leave } = inCall();
    leave();
    expect(link.requestMeasurement('weight')).toBe(false);
    const route = simulatorRoutes(createSimulatedPeripherals(happyScript(STEP_MS), new ManualClock(), 1_000));
    await expect(route('platform', { requestMeasurement: 'weight' })).resolves.toBe(false);
    await expect(route('platform', { requestMeasurement: 'blood' })).resolves.toBe(false);
  });

  it('lets the professional ask for an instrument and end it, and hears where it stands', async () => {
    const { link, facts, leave } = inCall();
    expect(link.requestInstrument('otoscope')).toBe(true);
    expect(link.endInstrument()).toBe(true);
    expect(facts.slice(-2)).toEqual(['call.instrumentRequested', 'call.instrumentEnded']);
    const on = { kind: 'otoscope', state: 'on', mediaTag: '2' } as const;
    await expect(link.sendInstrumentUse('s1', on)).resolves.toEqual({ ok: true, value: undefined });
    await expect(link.sendInstrumentUse('other', on)).resolves.toMatchObject({ ok: false });
    expect(link.instrumentUses).toEqual([on]);
    leave();
    expect(link.requestInstrument('stethoscope')).toBe(false);
    expect(link.endInstrument()).toBe(false);
    link.forgetSession('s1');
    expect(link.instrumentUses).toEqual([]);
  });

  it('the simulator routes ask for an instrument in the running call only, and refuse anything else', async () => {
    const peripherals = createSimulatedPeripherals(happyScript(STEP_MS), new ManualClock(), 1_000);
    const route = simulatorRoutes(peripherals);
    await expect(route('platform', { requestInstrument: 'otoscope' })).resolves.toBe(false);
    const facts: string[] = [];
    peripherals.platform.joinCall('s1', (fact) => facts.push(fact.type));
    await expect(route('platform', { requestInstrument: 'otoscope' })).resolves.toBe(true);
    await expect(route('platform', { endInstrument: true })).resolves.toBe(true);
    await expect(route('platform', { requestInstrument: 'scalpel' })).resolves.toBe(false);
    await expect(route('platform', { endInstrument: 'yes' })).resolves.toBe(false);
    await expect(route('platform', { requestInstrument: 'otoscope', reachable: false })).resolves.toBe(false);
    expect(facts.filter((fact) => fact.startsWith('call.instrument'))).toEqual([
      'call.instrumentRequested',
      'call.instrumentEnded',
    ]);
  });
});
