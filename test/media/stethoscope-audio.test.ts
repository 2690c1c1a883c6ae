// The stethoscope heard as it is, measured on real WebRTC in Debian's Chromium: the fake microphone
// plays low tones (30-150 Hz, where heart and lung sounds live) and a Web Audio analyser reads them where
// they are sent and where they are received, through two peer connections joined in one page. In the way
// the cabin sends the stethoscope (processing off, Opus in its music mode) the low band arrives whole
// and stays; the voice mode and the voice processing are measured beside it and printed.
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOW_TONES_HZ, writeLowTonesWav } from '../support/low-tones-wav';
import {
  describeLoop,
  launchInstrumentChromium,
  listMediaInputs,
  loopStethoscope,
  openProbePage,
} from '../support/stethoscope-probe';

/** How far a received tone may stand from the sent one (dB). */
const TOLERANCE_DB = 3;

describe('the stethoscope sound through WebRTC', () => {
  let wav: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    wav = writeLowTonesWav();
    browser = await launchInstrumentChromium(wav);
    page = await openProbePage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    if (wav) rmSync(dirname(wav), { recursive: true, force: true });
  });

  it('Chromium gives four cameras and three microphones to tell the instruments apart', async () => {
    const inputs = await listMediaInputs(page);
    console.log(`fake media inputs: ${inputs.map((input) => `${input.kind} "${input.label}"`).join(', ')}`);
    expect(inputs.filter((input) => input.kind === 'videoinput')).toHaveLength(4);
    // Its microphones stop at three (the default and two more), whatever the count asked.
    expect(inputs.filter((input) => input.kind === 'audioinput').length).toBeGreaterThanOrEqual(3);
  });

  it('with processing off and Opus in music mode, every low tone arrives at its level and stays after 20 s', async () => {
    const loop = await loopStethoscope(page, 'music', 20);
    console.log(describeLoop(loop));
    expect(loop.settings).toEqual({
      echoCancellation: false,
      noiseSuppression: false,
      autoGainControl: false,
    });
    expect(loop.opusFmtp).toContain('stereo=1');
    LOW_TONES_HZ.forEach((hz, i) => {
      const sent = loop.sent[i] ?? Number.NaN;
      // The file's tones are about -18 dBFS each; the analyser's window puts them near -33 dB.
      expect(sent, `${hz} Hz sent`).toBeGreaterThan(-45);
      expect(Math.abs((loop.receivedLate[i] ?? Number.NaN) - sent), `${hz} Hz after 20 s`).toBeLessThan(
        TOLERANCE_DB,
      );
      expect(Math.abs((loop.receivedEarly[i] ?? Number.NaN) - sent), `${hz} Hz at 2 s`).toBeLessThan(
        TOLERANCE_DB,
      );
    });
  });

  it('prints what the voice mode and the voice processing do to the same tones', async () => {
    const voice = await loopStethoscope(page, 'voice', 20);
    const processed = await loopStethoscope(page, 'processed', 20);
    console.log(describeLoop(voice));
    console.log(describeLoop(processed));
    // Measured, not a property of the cabin: only that both loops carried sound.
    expect(voice.receivedLate.some((level) => level > -60)).toBe(true);
    expect(processed.settings.echoCancellation).toBe(true);
  });
});
