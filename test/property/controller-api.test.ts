// Garbage past the validator: calls that parse (a known method, an argument of the right shape, odd
// values) and calls that do not, thrown at a running controller in the middle of a session. The
// controller answers each with a Result and never with `api.internalError` (a throw inside it), and it
// still serves the next patient afterwards.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../contract';
import { CARE_PATH_QUESTIONS } from '../../contract/cover';
import { happyScript } from '../../devices/simulated/simulation-script';
import { defaultConfig } from '../../main/config';
import { createController, type RunningController } from '../../main/controller';
import { dispatchCall } from '../../main/ipc/call-dispatch';
import { createSimulatedPeripherals } from '../../main/peripherals';
import { openCabinStore } from '../../main/store';
import { MemoryOperationLog } from '../../main/test-support/memory-operation-log';
import { checkGarbageAsync, expectResult, garbageMessages } from '../support/garbage';
import { ManualClock } from '../support/manual-clock';
import { cleanBetweenPatients, cooperativeAction, viewOf, walkOneSession } from '../support/patient-robot';

// Thousands of inputs on a machine shared with other suites: a whole run may take longer than a test's default.
vi.setConfig({ testTimeout: 60_000 });

const STEP_MS = 100;

/** Patient actions of every type, with values at the edges of what the validator lets through. */
const ACTIONS: readonly unknown[] = [
  { type: 'patient.next' },
  { type: 'patient.back' },
  { type: 'patient.help' },
  { type: 'patient.cancelHelp' },
  { type: 'patient.stillHere' },
  { type: 'patient.retry' },
  { type: 'patient.skip' },
  { type: 'patient.setLocale', locale: 'en' },
  { type: 'patient.setAccessibility', accessibility: { largeText: true, readAloud: true } },
  { type: 'patient.consent', presence: 'alone', attendantStays: true },
  { type: 'patient.declineConsent' },
  { type: 'patient.confirmParentPresent' },
  { type: 'patient.useManualEntry' },
  { type: 'patient.chooseBeneficiary', index: 15 },
  { type: 'patient.confirmIdentity' },
  {
    type: 'patient.submitIdentity',
    identity: { surname: '', firstName: '\u202e', birthDate: '9999-99-99', nir: '2A' },
  },
  { type: 'patient.haveAppointmentCode' },
  { type: 'patient.submitAppointmentCode', code: '' },
  { type: 'patient.seeNextAvailable' },
  { type: 'patient.chooseProfession', profession: 'doctor' },
  { type: 'patient.answerEligibility', answers: { physicalActNeeded: true, earlierInPersonSession: false } },
  { type: 'patient.answerCarePath', answers: Object.fromEntries(CARE_PATH_QUESTIONS.map((q) => [q, null])) },
  { type: 'patient.acceptCost' },
  { type: 'patient.startMeasurement' },
  { type: 'patient.startCall' },
  { type: 'patient.checkMedia', works: false },
  { type: 'patient.setDmpOpposition', opposed: true },
  { type: 'patient.print' },
  { type: 'patient.pay' },
  { type: 'patient.reportProblem', problem: 'other' },
  { type: 'patient.finish' },
];

const CALLS = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ACTIONS).map((params) => ['act', params] as const) },
  { weight: 2, arbitrary: garbageMessages(ACTIONS).map((params) => ['act', params] as const) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      ['getView', undefined] as const,
      ['joinMedia', undefined] as const,
      ['media', { kind: 'linkState', state: 'disconnected' }] as const,
      ['media', { kind: 'reception', reception: { audio: false, video: true } }] as const,
      ['startSession', { locale: 'en', accessibility: { largeText: false, readAloud: false } }] as const,
      ['staff', { token: 'forged', command: { type: 'attendant.resetSession' } }] as const,
    ),
  },
);

let directory = '';
let controller: RunningController | null = null;

afterEach(async () => {
  await controller?.stop();
  controller = null;
  rmSync(directory, { recursive: true, force: true });
});

describe('a running controller under garbage calls', () => {
  it('answers every call with a Result, never a throw inside it, and serves the next patient', async () => {
    directory = mkdtempSync(join(tmpdir(), 'cabine-garbage-'));
    const clock = new ManualClock(Date.UTC(2026, 0, 12, 9, 0, 0));
    const config = {
      ...defaultConfig(directory),
      simulation: { stepMs: STEP_MS, callMs: 1_000, byteLevelDevices: false, cardReader: 'domain' as const },
    };
    mkdirSync(config.dataDirectory, { recursive: true });
    const opened = openCabinStore(join(config.dataDirectory, 'cabin.db'), clock);
    if (!opened.ok) throw new Error(opened.error.code);
    const log = new MemoryOperationLog(clock);
    const peripherals = createSimulatedPeripherals(happyScript(STEP_MS), clock, 1_000);
    const running = createController({ config, clock, peripherals, log, store: opened.value });
    controller = running;
    await running.booted;

    let calls = 0;
    const stepsReached = new Set<string>();
    await checkGarbageAsync(
      fc.tuple(CALLS, fc.nat(3), fc.nat(9)),
      async ([garbage, ticks, mood]) => {
        calls += 1;
        // Most calls are a cooperative patient's (so that sessions reach every step), the rest garbage.
        const view = viewOf(running);
        const cooperative = cooperativeAction(view);
        if (view.phase === 'ready' && view.session === null) cleanBetweenPatients(running);
        const [method, params] =
          mood < 6 && cooperative !== null
            ? (['act', cooperative] as const)
            : mood < 6 && view.phase === 'ready' && view.session === null
              ? ([
                  'startSession',
                  { locale: 'fr', accessibility: { largeText: false, readAloud: false } },
                ] as const)
              : garbage;
        const answer: Result<unknown> = await dispatchCall(running.server, log, method, params);
        expectResult(answer);
        if (!answer.ok) expect(answer.error.code).not.toBe('api.internalError');
        // The cabin moves on between calls, as it would while a patient hesitates.
        clock.increment(ticks * STEP_MS);
        await new Promise((resolve) => setImmediate(resolve));
        const step = viewOf(running).session?.screen.step;
        if (step !== undefined) stepsReached.add(step);
      },
      1_000,
    );
    expect(calls).toBe(1_000);
    // The garbage met the session at its every step, not only on the welcome screen.
    expect([...stepsReached]).toEqual(
      expect.arrayContaining(['identification', 'appointment', 'measurements', 'consultation', 'payment']),
    );
    expect(log.records().filter((record) => record.event === 'api.failed')).toEqual([]);

    // Whatever state the garbage left, the cabin ends it and takes the next patient through.
    clock.increment(60 * 60_000);
    for (let i = 0; i < 200 && viewOf(running).session !== null; i += 1) {
      running.server.act({ type: 'patient.quit' });
      running.server.act({ type: 'patient.stillHere' });
      clock.increment(10 * STEP_MS);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(viewOf(running).session).toBeNull();
    for (let i = 0; i < 600 && viewOf(running).phase !== 'ready'; i += 1) {
      clock.increment(1_000);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await walkOneSession(running, clock, STEP_MS, 4_000);
    expect(viewOf(running)).toMatchObject({ phase: 'ready', session: null });
  });
});
