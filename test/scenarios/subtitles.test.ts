// Live subtitles through the whole controller on a manual clock, with the stand-in speech engine run as
// a real child process: the professional's voice goes in only during the call of a patient who asked,
// partial then final text reaches the consultation screen, an engine that dies is a plain fault while
// the call goes on, and neither the audio nor the text is left in the log or in any file.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Accessibility, CabinView, ConsultationScreen, Result } from '../../contract';
import { happyScript } from '../../devices/simulated/simulation-script';
import { defaultConfig, type CabinConfig } from '../../main/config';
import { createController, type RunningController } from '../../main/controller';
import { createSimulatedPeripherals } from '../../main/peripherals';
import { loudSpeech, standInEngine } from '../../main/speech/test-support/stand-in-speech-engine';
import { MemoryOperationLog } from '../../main/test-support/memory-operation-log';
import { ManualClock } from '../support/manual-clock';
import { filesUnder } from '../support/patient-traces';
import { cleanBetweenPatients, cooperativeAction, viewOf } from '../support/patient-robot';
import { until } from '../support/until';

const STEP_MS = 100;
const SENTENCE = 'Respirez profondément, madame Lefèvre.';
const WITH_SUBTITLES: Accessibility = { largeText: false, readAloud: false, subtitles: true };

interface Cabin {
  readonly controller: RunningController;
  readonly clock: ManualClock;
  readonly log: MemoryOperationLog;
  readonly directory: string;
}

const cabins: Cabin[] = [];

async function startCabin(subtitles: Partial<CabinConfig['subtitles']> | null): Promise<Cabin> {
  const directory = mkdtempSync(join(tmpdir(), 'cabine-subtitles-'));
  const clock = new ManualClock(Date.UTC(2026, 0, 12, 9, 0, 0));
  const base = defaultConfig(directory);
  const config: CabinConfig = {
    ...base,
    simulation: { stepMs: STEP_MS, callMs: 1_000, byteLevelDevices: false, cardReader: 'domain' },
    subtitles: subtitles === null ? base.subtitles : { ...base.subtitles, enabled: true, ...subtitles },
  };
  mkdirSync(config.dataDirectory, { recursive: true });
  const peripherals = createSimulatedPeripherals(happyScript(STEP_MS), clock, 1_000);
  const log = new MemoryOperationLog(clock);
  const controller = createController({ config, clock, peripherals, log });
  await controller.booted;
  const cabin = { controller, clock, log, directory };
  cabins.push(cabin);
  return cabin;
}

afterEach(async () => {
  for (const { controller, directory } of cabins.splice(0)) {
    await controller.stop();
    rmSync(directory, { recursive: true, force: true });
  }
});

/** Base64 frames of `seconds` of loud speech, 200 ms each, as the renderer sends them. */
function voiceFrames(seconds: number): string[] {
  const pcm = loudSpeech(seconds);
  const frames: string[] = [];
  for (let at = 0; at < pcm.length; at += 6_400) frames.push(pcm.subarray(at, at + 6_400).toString('base64'));
  return frames;
}

function hear(cabin: Cabin, seconds: number): Result<void>[] {
  return voiceFrames(seconds).map((pcm) => cabin.controller.server.subtitleAudio({ pcm }));
}

/** Walks a cooperative patient from the welcome screen to the consultation. */
async function walkToCall(cabin: Cabin, accessibility: Accessibility = WITH_SUBTITLES): Promise<void> {
  cleanBetweenPatients(cabin.controller);
  const started = cabin.controller.server.startSession({ locale: 'fr', accessibility });
  if (!started.ok) throw new Error(started.error.code);
  for (let tick = 0; tick < 2_000; tick += 1) {
    const screen = viewOf(cabin.controller).session?.screen;
    if (screen?.step === 'consultation' && screen.stage !== 'connecting') return;
    const action = cooperativeAction(viewOf(cabin.controller));
    if (action) cabin.controller.server.act(action);
    else cabin.clock.increment(STEP_MS);
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the consultation never came');
}

function consultation(view: CabinView): ConsultationScreen {
  const screen = view.session?.screen;
  if (screen?.step !== 'consultation') throw new Error(`not in the consultation: ${screen?.step}`);
  return screen;
}

describe('live subtitles of the professional', () => {
  it('are offered on the welcome screen only when an engine is configured', async () => {
    const withEngine = await startCabin(standInEngine());
    const without = await startCabin(null);
    expect(viewOf(withEngine.controller).subtitlesOffered).toBe(true);
    expect(viewOf(without.controller).subtitlesOffered).toBeUndefined();
  });

  it('are not offered when the configured engine is missing, which the log says', async () => {
    const cabin = await startCabin({ command: '/opt/nowhere/vosk-engine', args: [], model: '' });
    expect(viewOf(cabin.controller).subtitlesOffered).toBeUndefined();
    expect(cabin.log.records().map((record) => record.event)).toContain('subtitles.engineMissing');
  });

  it('take no audio outside a call, nor from a call whose patient did not ask for them', async () => {
    const cabin = await startCabin(standInEngine());
    expect(hear(cabin, 0.2)[0]).toEqual({ ok: false, error: { code: 'subtitles.notNow' } });
    await walkToCall(cabin, { largeText: false, readAloud: false });
    expect(hear(cabin, 0.2)[0]).toEqual({ ok: false, error: { code: 'subtitles.notNow' } });
    expect(consultation(viewOf(cabin.controller)).subtitles).toBeUndefined();
  });

  it('show the sentence being spoken, then the finished line, and forget it at the end of the call', async () => {
    const cabin = await startCabin(standInEngine({ sentence: SENTENCE }));
    await walkToCall(cabin);
    expect(hear(cabin, 0.2).every((result) => result.ok)).toBe(true);
    await until(
      () => (consultation(viewOf(cabin.controller)).subtitles?.partial ?? '') !== '',
      5_000,
      'the partial text',
    );
    expect(SENTENCE.startsWith(consultation(viewOf(cabin.controller)).subtitles?.partial ?? '-')).toBe(true);
    hear(cabin, 0.3);
    await until(
      () => (consultation(viewOf(cabin.controller)).subtitles?.lines.length ?? 0) > 0,
      5_000,
      'the final text',
    );
    expect(consultation(viewOf(cabin.controller)).subtitles).toEqual({
      lines: [SENTENCE],
      partial: '',
      fault: false,
    });

    // The call ends (the simulated professional hangs up): the text goes with it.
    for (
      let tick = 0;
      tick < 100 && viewOf(cabin.controller).session?.screen.step === 'consultation';
      tick += 1
    ) {
      cabin.clock.increment(STEP_MS);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(viewOf(cabin.controller).session?.screen.step).not.toBe('consultation');
    expect(JSON.stringify(viewOf(cabin.controller))).not.toContain('Respirez');
    expect(hear(cabin, 0.2)[0]).toEqual({ ok: false, error: { code: 'subtitles.notNow' } });

    // Neither the words nor the voice are anywhere in the log or the cabin's files.
    const frame = voiceFrames(0.2)[0]!;
    const logged = JSON.stringify(cabin.log.records());
    expect(logged).not.toContain('Respirez');
    expect(logged).not.toContain(frame.slice(0, 40));
    expect(logged).not.toContain('stand-in engine');
    const voice = loudSpeech(0.05).subarray(200, 264);
    for (const file of filesUnder(cabin.directory)) {
      const bytes = readFileSync(file);
      expect(bytes.includes(voice), file).toBe(false);
      expect(bytes.toString('latin1').includes(frame.slice(0, 40)), file).toBe(false);
      expect(bytes.toString('utf8').includes('Respirez'), file).toBe(false);
    }
  });

  it('say they stopped when the engine dies mid-call, and the call goes on', async () => {
    const cabin = await startCabin(standInEngine({ crashAfterBytes: 8_000 }));
    await walkToCall(cabin);
    hear(cabin, 0.4);
    await until(
      () => consultation(viewOf(cabin.controller)).subtitles?.fault === true,
      5_000,
      'the engine fault',
    );
    const screen = consultation(viewOf(cabin.controller));
    expect(screen.stage).not.toBe('failed');
    expect(hear(cabin, 0.2).every((result) => result.ok)).toBe(true);
    expect(cabin.log.records()).toContainEqual(
      expect.objectContaining({ event: 'subtitles.engineFailed', code: 'speech.engineStopped' }),
    );
  });
});
