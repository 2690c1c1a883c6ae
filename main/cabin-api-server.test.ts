// The patient's actions as the controller takes them: those the current step offers, and only those.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PatientAction } from '../contract';
import { cooperativeAction, viewOf } from '../test/support/patient-robot';
import { bootSimulatedCabin, type SimulatedCabin } from '../test/support/simulated-cabin';
import { MemoryOperationLog } from './test-support/memory-operation-log';

let cabin: SimulatedCabin;
let log: MemoryOperationLog;

beforeEach(async () => {
  log = new MemoryOperationLog();
  cabin = await bootSimulatedCabin(100, log);
});

afterEach(async () => {
  await cabin.dispose();
});

const act = (action: PatientAction) => cabin.controller.server.act(action);
const screen = () => {
  const view = cabin.controller.server.getView(undefined);
  return view.ok ? view.value.session?.screen.step : undefined;
};

describe('a patient action', () => {
  it('is refused when no session runs', () => {
    expect(act({ type: 'patient.next' })).toEqual({ ok: false, error: { code: 'session.none' } });
  });

  it('that the step does not offer is refused and changes nothing', async () => {
    cabin.controller.server.startSession({
      locale: 'fr',
      accessibility: { largeText: false, readAloud: false },
    });
    await cabin.clock.advance(0);
    expect(screen()).toBe('information');
    for (const action of [
      { type: 'patient.pay' },
      { type: 'patient.startCall' },
      { type: 'patient.confirmIdentity' },
      { type: 'patient.finish' },
    ] as const) {
      expect(act(action)).toEqual({ ok: false, error: { code: 'session.actionNotNow' } });
    }
    expect(screen()).toBe('information');
  });

  it('that the step or every screen offers is taken, even when it changes nothing now', async () => {
    cabin.controller.server.startSession({
      locale: 'fr',
      accessibility: { largeText: false, readAloud: false },
    });
    await cabin.clock.advance(0);
    // Help pressed twice calls no one twice, but the second press is no error for the patient.
    expect(act({ type: 'patient.help' })).toEqual({ ok: true, value: undefined });
    expect(act({ type: 'patient.help' })).toEqual({ ok: true, value: undefined });
    expect(act({ type: 'patient.setLocale', locale: 'en' })).toEqual({ ok: true, value: undefined });
    // Typing proves presence on any screen.
    expect(act({ type: 'patient.stillHere' })).toEqual({ ok: true, value: undefined });
    expect(act({ type: 'patient.next' })).toEqual({ ok: true, value: undefined });
    await cabin.clock.advance(0);
    expect(screen()).toBe('consent');
  });
});

describe("the video link's state", () => {
  it('is logged when it changes, not each time the renderer repeats it', async () => {
    const { controller, clock, stepMs } = cabin;
    controller.server.startSession({ locale: 'fr', accessibility: { largeText: false, readAloud: false } });
    for (
      let tick = 0;
      tick < 2_000 && viewOf(controller).session?.screen.step !== 'consultation';
      tick += 1
    ) {
      const action = cooperativeAction(viewOf(controller));
      if (action) controller.server.act(action);
      else clock.increment(stepMs);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await controller.server.joinMedia(undefined)).toMatchObject({ ok: true });
    for (const state of [
      'connected',
      'connected',
      'connected',
      'disconnected',
      'disconnected',
      'connected',
    ] as const) {
      expect(await controller.server.media({ kind: 'linkState', state })).toEqual({ ok: true, value: null });
    }
    for (let i = 0; i < 1_000; i += 1)
      await controller.server.media({ kind: 'linkState', state: 'connected' });
    const linkLines = log.records().filter((record) => record.event === 'call.mediaLink');
    expect(linkLines.map((record) => record['state'])).toEqual(['connected', 'disconnected', 'connected']);
  });
});
