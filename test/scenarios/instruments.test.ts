// The examination instruments in the call, through the whole controller with simulated hardware on a
// manual clock: the simulated professional asks for an instrument, the patient's screen shows it
// starting, the renderer's report turns it on (or failed: unplugged, refused, absent), the professional
// hears each change, switches and ends it, the patient stops it or closes its failure; the call goes on
// to the documents and goodbye, the instrument gone, and the log says kinds and states only.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CabinView, ConsultationScreen, InstrumentReport, MediaDeviceEntry } from '../../contract';
import { happyScript } from '../../devices/simulated/simulation-script';
import { defaultConfig, type CabinConfig } from '../../main/config';
import { createController, type RunningController } from '../../main/controller';
import { createSimulatedPeripherals, type SimulatedPeripherals } from '../../main/peripherals';
import { MemoryOperationLog } from '../../main/test-support/memory-operation-log';
import { ManualClock } from '../support/manual-clock';
import { cleanBetweenPatients, cooperativeAction, viewOf } from '../support/patient-robot';

const STEP_MS = 100;

interface Cabin {
  readonly controller: RunningController;
  readonly clock: ManualClock;
  readonly log: MemoryOperationLog;
  readonly peripherals: SimulatedPeripherals;
  readonly directory: string;
}

const cabins: Cabin[] = [];

afterEach(async () => {
  for (const { controller, directory } of cabins.splice(0)) {
    await controller.stop();
    rmSync(directory, { recursive: true, force: true });
  }
});

const input = (deviceId: string, kind: 'videoinput' | 'audioinput', label: string): MediaDeviceEntry => ({
  deviceId,
  kind,
  label,
  groupId: deviceId,
});

/** The cabin's browser: its face camera and microphone, an otoscope and a stethoscope. */
const CABIN_INPUTS: readonly MediaDeviceEntry[] = [
  input('face', 'videoinput', 'Integrated Camera (04f2:b6dd)'),
  input('oto', 'videoinput', 'USB2.0 Digital Otoscope (0c45:6366)'),
  input('mic', 'audioinput', 'Built-in Audio Analog Stereo'),
  input('steth', 'audioinput', 'Digital Stethoscope (1234:5678)'),
];

async function startCabin(): Promise<Cabin> {
  const directory = mkdtempSync(join(tmpdir(), 'cabine-instruments-'));
  const clock = new ManualClock(Date.UTC(2026, 0, 12, 9, 0, 0));
  const config: CabinConfig = {
    ...defaultConfig(directory),
    simulation: { stepMs: STEP_MS, callMs: 1_000, byteLevelDevices: false, cardReader: 'domain' },
  };
  mkdirSync(config.dataDirectory, { recursive: true });
  const peripherals = createSimulatedPeripherals(happyScript(STEP_MS), clock, 1_000);
  const log = new MemoryOperationLog(clock);
  const controller = createController({ config, clock, peripherals, log });
  await controller.booted;
  const cabin = { controller, clock, log, peripherals, directory };
  cabins.push(cabin);
  return cabin;
}

/** The renderer lists its inputs, then a cooperative patient walks from the welcome screen into the call. */
async function walkToCall(cabin: Cabin): Promise<void> {
  expect(cabin.controller.server.reportMediaDevices({ devices: CABIN_INPUTS }).ok).toBe(true);
  cleanBetweenPatients(cabin.controller);
  const started = cabin.controller.server.startSession({
    locale: 'fr',
    accessibility: { largeText: false, readAloud: false },
  });
  if (!started.ok) throw new Error(started.error.code);
  for (let tick = 0; tick < 2_000; tick += 1) {
    const screen = viewOf(cabin.controller).session?.screen;
    if (screen?.step === 'consultation' && screen.stage === 'inCall') return;
    const action = cooperativeAction(viewOf(cabin.controller));
    if (action) cabin.controller.server.act(action);
    else cabin.clock.increment(STEP_MS);
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the call never came');
}

/** The cooperative patient goes on to the end of the session; answers every screen seen after the call. */
async function walkToTheEnd(cabin: Cabin): Promise<CabinView[]> {
  const seen: CabinView[] = [];
  for (let tick = 0; tick < 2_000; tick += 1) {
    const view = viewOf(cabin.controller);
    if (view.phase !== 'inSession') return seen;
    seen.push(view);
    const action = cooperativeAction(view);
    if (action) cabin.controller.server.act(action);
    else cabin.clock.increment(STEP_MS);
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the session never ended');
}

function consultation(cabin: Cabin): ConsultationScreen {
  const screen = viewOf(cabin.controller).session?.screen;
  if (screen?.step !== 'consultation') throw new Error(`not in the consultation: ${screen?.step}`);
  return screen;
}

/** What the renderer reports of the instrument it was asked to open. */
const report = (cabin: Cabin, what: InstrumentReport) => cabin.controller.server.reportInstrument(what);

/** Lets the simulated platform's answers settle (the link answers with promises). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the examination instruments in the call', () => {
  it('the professional asks, the patient sees it start, the renderer turns it on, the professional sees it', async () => {
    const cabin = await startCabin();
    await walkToCall(cabin);
    const platform = cabin.peripherals.platform;
    // The console offers what the cabin found, in the catalog's order.
    expect(platform.offeredInstruments).toEqual(['otoscope', 'stethoscope']);
    expect(consultation(cabin).instrument).toBeNull();

    expect(platform.requestInstrument('otoscope')).toBe(true);
    expect(consultation(cabin)).toMatchObject({
      stage: 'inCall',
      instrument: { kind: 'otoscope', state: 'starting' },
    });
    expect(report(cabin, { kind: 'otoscope', state: 'on', mediaTag: '2' })).toEqual({
      ok: true,
      value: undefined,
    });
    await settle();
    expect(consultation(cabin).instrument).toEqual({ kind: 'otoscope', state: 'on', mediaTag: '2' });
    expect(platform.instrumentUses).toEqual([
      { kind: 'otoscope', state: 'starting' },
      { kind: 'otoscope', state: 'on', mediaTag: '2' },
    ]);

    // The professional switches to the dermatoscope: the otoscope is ended, a late report of it refused.
    platform.requestInstrument('dermatoscope');
    await settle();
    expect(consultation(cabin).instrument).toEqual({ kind: 'dermatoscope', state: 'starting' });
    expect(platform.instrumentUses.slice(2)).toEqual([
      { kind: 'otoscope', state: 'ended' },
      { kind: 'dermatoscope', state: 'starting' },
    ]);
    expect(report(cabin, { kind: 'otoscope', state: 'on', mediaTag: '2' })).toEqual({
      ok: false,
      error: { code: 'instrument.notAsked' },
    });

    // The dermatoscope is not there: both sides are told, the call goes on.
    expect(report(cabin, { kind: 'dermatoscope', state: 'failed', failure: 'absent' }).ok).toBe(true);
    await settle();
    expect(consultation(cabin)).toMatchObject({
      stage: 'inCall',
      instrument: { kind: 'dermatoscope', state: 'failed', failure: 'absent' },
    });
    expect(platform.instrumentUses.at(-1)).toEqual({
      kind: 'dermatoscope',
      state: 'failed',
      failure: 'absent',
    });
    // A report after the failure is not asked for.
    expect(report(cabin, { kind: 'dermatoscope', state: 'on', mediaTag: '3' }).ok).toBe(false);
  });

  it('an instrument unplugged mid-use: both sides told, the call goes on, the patient closes the message', async () => {
    const cabin = await startCabin();
    await walkToCall(cabin);
    const platform = cabin.peripherals.platform;
    platform.requestInstrument('stethoscope');
    report(cabin, { kind: 'stethoscope', state: 'on', mediaTag: '3' });
    expect(report(cabin, { kind: 'stethoscope', state: 'failed', failure: 'unplugged' }).ok).toBe(true);
    await settle();
    expect(consultation(cabin)).toMatchObject({
      stage: 'inCall',
      instrument: { kind: 'stethoscope', state: 'failed', failure: 'unplugged' },
    });
    expect(platform.instrumentUses.map((use) => use.state)).toEqual(['starting', 'on', 'failed']);
    expect(cabin.controller.server.act({ type: 'patient.stopInstrument' }).ok).toBe(true);
    await settle();
    expect(consultation(cabin)).toMatchObject({ stage: 'inCall', instrument: null });
    // Closing the message tells the professional nothing new.
    expect(platform.instrumentUses).toHaveLength(3);

    // Refused by the browser: the same plain way.
    platform.requestInstrument('otoscope');
    report(cabin, { kind: 'otoscope', state: 'failed', failure: 'refused' });
    await settle();
    expect(consultation(cabin).instrument).toEqual({ kind: 'otoscope', state: 'failed', failure: 'refused' });
    expect(platform.instrumentUses.at(-1)).toEqual({ kind: 'otoscope', state: 'failed', failure: 'refused' });
  });

  it('the patient stops it, the professional ends it, and a report of nothing asked is refused', async () => {
    const cabin = await startCabin();
    expect(report(cabin, { kind: 'otoscope', state: 'on', mediaTag: '2' })).toEqual({
      ok: false,
      error: { code: 'instrument.notAsked' },
    });
    await walkToCall(cabin);
    const platform = cabin.peripherals.platform;
    expect(report(cabin, { kind: 'otoscope', state: 'on', mediaTag: '2' }).ok).toBe(false);

    platform.requestInstrument('otoscope');
    report(cabin, { kind: 'otoscope', state: 'on', mediaTag: '2' });
    expect(cabin.controller.server.act({ type: 'patient.stopInstrument' }).ok).toBe(true);
    await settle();
    expect(consultation(cabin).instrument).toBeNull();
    expect(platform.instrumentUses.at(-1)).toEqual({ kind: 'otoscope', state: 'stoppedByPatient' });

    platform.requestInstrument('stethoscope');
    report(cabin, { kind: 'stethoscope', state: 'on', mediaTag: '3' });
    await settle();
    const told = platform.instrumentUses.length;
    expect(platform.endInstrument()).toBe(true);
    await settle();
    expect(consultation(cabin).instrument).toBeNull();
    // The professional's own end needs no answer.
    expect(platform.instrumentUses).toHaveLength(told);
    expect(report(cabin, { kind: 'stethoscope', state: 'on', mediaTag: '3' }).ok).toBe(false);
  });

  it('the call goes on to the documents and goodbye, the instrument gone, and the log says kinds and states only', async () => {
    const cabin = await startCabin();
    await walkToCall(cabin);
    const platform = cabin.peripherals.platform;
    platform.requestInstrument('otoscope');
    report(cabin, { kind: 'otoscope', state: 'on', mediaTag: 'secret-tag-1' });
    await settle();

    const after = await walkToTheEnd(cabin);
    const steps = after.map((view) => view.session?.screen.step);
    expect(steps).toEqual(expect.arrayContaining(['consultation', 'documents', 'goodbye']));
    // The instrument lasted through the professional's requested measurement, and left with the call.
    const lastInCall = after.filter((view) => view.session?.screen.step === 'consultation').at(-1);
    expect(lastInCall?.session?.screen).toMatchObject({ instrument: { kind: 'otoscope', state: 'on' } });
    for (const view of after.filter((v) => v.session?.screen.step !== 'consultation')) {
      expect(JSON.stringify(view)).not.toContain('otoscope');
    }
    expect(viewOf(cabin.controller)).toMatchObject({ phase: 'ready', session: null });

    const lines = cabin.log.records().filter((record) => record.event === 'call.instrument');
    expect(lines.map(({ kind, state }) => `${String(kind)} ${String(state)}`)).toEqual([
      'otoscope starting',
      'otoscope on',
    ]);
    for (const line of lines)
      expect(Object.keys(line).sort()).toEqual(['event', 'kind', 'level', 'state', 't']);
    expect(JSON.stringify(cabin.log.records())).not.toContain('secret-tag-1');
  });
});
