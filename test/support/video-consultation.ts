// The whole video consultation on one machine, for the media tests and the video benchmark: the
// reference platform, a cabin in browser mode pointed at it, and one Chromium playing both the cabin's
// screen and the practitioner's console with fake camera and microphone. Run inside the loopback
// network namespace (in-loopback-namespace.ts) so that WebRTC uses 127.0.0.1.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startPlatform, type RunningPlatform } from '../../platform/server/platform-server';
import { DEMO_PRACTITIONERS } from '../../platform/server/demo-accounts';
import {
  CHROMIUM_FLAGS,
  CHROMIUM_PATH,
  KIOSK_VIEWPORT,
  openCabinPage,
  SCREENSHOT_DIRECTORY,
  startCabinUnderTest,
  watchForErrors,
  type CabinPage,
  type CabinUnderTest,
} from './cabin-under-test';
import { answerCarePath, chooseNextAvailable, throughConsent, type Patient } from './journey-steps';
import { writeLowTonesWav } from './low-tones-wav';
import { CABIN_ADDRESS, createSplitNetwork, type SplitNetwork } from './split-network';
import { instrumentChromiumFlags, NAME_HELPER_SCRIPT, recordUnprocessedAudio } from './stethoscope-probe';

/** Chromium flags for real media between two pages on loopback. */
export const MEDIA_CHROMIUM_FLAGS = [
  ...CHROMIUM_FLAGS,
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

/** The practitioner who takes the calls in the tests (a fictitious demo account). */
export const TEST_PRACTITIONER = DEMO_PRACTITIONERS[0];

/** The platform, the cabin, the browser and the two pages of one consultation. */
export interface VideoConsultation {
  readonly platform: RunningPlatform;
  readonly cabin: CabinUnderTest;
  readonly browser: Browser;
  readonly patient: CabinPage;
  readonly console: Page;
  /** The practitioner's password on this platform (a reloaded console page asks to log in again). */
  readonly practitionerPassword: string;
  /** Console errors and failed requests of the console page. */
  readonly consoleProblems: string[];
  /** The cable to the practitioner's host, when there is one. */
  readonly network: SplitNetwork | null;
  /** With `instruments`: the cabin Chromium's own profile folder (for the forensic check), else null. */
  readonly cabinProfile: string | null;
  stop(): Promise<void>;
}

/** Options of a consultation set-up. */
export interface VideoConsultationOptions {
  /** How long the platform keeps a call whose side dropped (ms). */
  readonly resumeGraceMs?: number;
  /**
   * Puts the practitioner's browser on a second host (split-network.ts) so that a test can cut the
   * network between the cabin and the practitioner; otherwise both pages share loopback.
   */
  readonly practitionerOnOtherHost?: boolean;
  /**
   * The examination instruments: both Chromiums get four fake cameras and three fake microphones playing the low
   * tones' WAV (low-tones-wav.ts), the cabin's configuration names the third and fourth cameras the
   * otoscope and the dermatoscope and the second microphone the stethoscope (INSTRUMENTS_CONFIG), and the
   * cabin's Chromium runs apart, on a profile folder the test can search. The face stays the first camera.
   */
  readonly instruments?: boolean;
}

/**
 * The cabin's `instruments` for Chromium's fake devices (`instrumentChromiumFlags`): the face is
 * `fake_device_0`, the otoscope and dermatoscope are the MJPEG and NV12 ones, the stethoscope the second
 * microphone; `fake_device_1`, a depth camera WebRTC does not encode, is named the examination camera.
 */
export const INSTRUMENTS_CONFIG = [
  { kind: 'otoscope', labelPattern: 'fake_device_2$', required: true },
  { kind: 'dermatoscope', labelPattern: 'fake_device_3$', required: true },
  // The depth camera named as an instrument, as a technician might: it opens, but sends no frame.
  { kind: 'examinationCamera', labelPattern: 'fake_device_1$', required: false },
  { kind: 'stethoscope', labelPattern: 'Fake Audio Input 1$', required: true },
] as const;

/** Starts the platform and the cabin, opens both pages, and logs the practitioner in. */
export async function startVideoConsultation(
  options: VideoConsultationOptions = {},
): Promise<VideoConsultation> {
  const cabinId = 'cabine-test';
  const credential = randomBytes(18).toString('base64url');
  const password = randomBytes(12).toString('base64url');
  const network = options.practitionerOnOtherHost ? createSplitNetwork(CHROMIUM_PATH) : null;
  const platform = await startPlatform({
    port: 0,
    // On two hosts, the practitioner reaches the platform over the cable, the cabin over loopback.
    host: network ? '0.0.0.0' : '127.0.0.1',
    cabins: [{ cabinId, credential }],
    practitioners: [{ ...TEST_PRACTITIONER, password }],
    consoleDirectory: resolve(import.meta.dirname, '../../dist/console'),
    ...(options.resumeGraceMs === undefined ? {} : { resumeGraceMs: options.resumeGraceMs }),
  });
  const cabin = await startCabinUnderTest({
    platform: { kind: 'local', url: platform.url, cabinId, credential, localPort: 0 },
    ...(options.instruments ? { instruments: INSTRUMENTS_CONFIG } : {}),
  });
  const wav = options.instruments ? writeLowTonesWav() : null;
  const flags = wav ? instrumentChromiumFlags(wav) : MEDIA_CHROMIUM_FLAGS;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: flags });
  const cabinProfile = wav ? mkdtempSync(join(tmpdir(), 'cabine-chromium-')) : null;
  const cabinContext: BrowserContext | null = cabinProfile
    ? await chromium.launchPersistentContext(cabinProfile, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: flags,
        viewport: KIOSK_VIEWPORT,
      })
    : null;
  if (cabinContext) {
    // The cabin's page keeps the stethoscope's stream for the delay benchmark, and can run the audio probe.
    await cabinContext.addInitScript({ content: NAME_HELPER_SCRIPT });
    await cabinContext.addInitScript(recordUnprocessedAudio);
  }
  const patient = await openCabinPage(cabinContext ?? browser, cabin);
  const consoleOrigin = network ? `http://${CABIN_ADDRESS}:${platform.port}` : null;
  const consoleBrowser = consoleOrigin
    ? await chromium.launch({
        executablePath: network?.chromiumInPractitionerHost ?? CHROMIUM_PATH,
        headless: true,
        // The camera needs a secure context: the platform's plain-HTTP address on the cable counts as one here.
        args: [...flags, `--unsafely-treat-insecure-origin-as-secure=${consoleOrigin}`],
      })
    : browser;
  const consolePage = await consoleBrowser.newPage({ viewport: { width: 1280, height: 800 } });
  const consoleProblems = watchForErrors(consolePage);
  if (wav) await consolePage.addInitScript({ content: NAME_HELPER_SCRIPT });
  await consolePage.goto(consoleOrigin ? `${consoleOrigin}/console/` : platform.consoleUrl);
  await logInOnConsole(consolePage, password);
  return {
    platform,
    cabin,
    browser,
    patient,
    console: consolePage,
    practitionerPassword: password,
    consoleProblems,
    network,
    cabinProfile,
    async stop() {
      await cabinContext?.close();
      await browser.close();
      if (consoleBrowser !== browser) await consoleBrowser.close();
      await cabin.stop();
      await platform.stop();
      network?.dispose();
      if (cabinProfile) rmSync(cabinProfile, { recursive: true, force: true });
      if (wav) rmSync(dirname(wav), { recursive: true, force: true });
    },
  };
}

/** The practitioner logs in on the console page (the tab keeps the login across a reload). */
export async function logInOnConsole(practitioner: Page, password: string): Promise<void> {
  await practitioner.getByTestId('login-id').fill(TEST_PRACTITIONER.login);
  await practitioner.getByTestId('login-password').fill(password);
  await practitioner.getByTestId('login-submit').click();
}

/** The practitioner takes the first patient of the waiting room; answers the session id taken. */
export async function takeFirstWaitingPatient(practitioner: Page, shot?: string): Promise<string> {
  const entry = practitioner.getByTestId('queue-entry').first();
  await entry.waitFor({ timeout: 15_000 });
  const sessionId = await entry.getAttribute('data-session-id');
  if (sessionId === null) throw new Error('a queue entry without its session id');
  if (shot) await practitioner.screenshot({ path: join(SCREENSHOT_DIRECTORY, `${shot}.png`) });
  await practitioner.getByTestId(`accept-${sessionId}`).click();
  return sessionId;
}

/** The patient goes from the welcome screen to the waiting room, skipping the measurements but one. */
export async function walkToWaitingRoom(patient: CabinPage): Promise<void> {
  const steps: Patient = patient;
  await throughConsent(steps);
  await patient.screen('identification', 'choosingBeneficiary');
  await patient.tap('beneficiary-0');
  await patient.screen('identification', 'confirming');
  await patient.tap('confirm-identity');
  await chooseNextAvailable(steps, 'doctor');
  await answerCarePath(steps, 'referred');
  await patient.tap('accept-cost');
  // The temperature is taken before the call, the others are skipped.
  for (const kind of ['bloodPressure', 'temperature', 'oxygenSaturation', 'weight']) {
    await patient.screen('measurements', 'instructions');
    if (kind === 'temperature') {
      await patient.tap('start-measurement');
      await patient.screen('measurements', 'result');
      await patient.tap('next');
    } else {
      await patient.tap('skip');
    }
  }
  await patient.screen('waitingRoom');
}

/**
 * The professional ends a call that sent no document, and the patient goes on: payment, goodbye, and
 * the welcome screen again.
 */
export async function endCallToWelcome(practitioner: Page, patient: CabinPage): Promise<void> {
  await practitioner.getByTestId('end-call').click();
  await practitioner.getByTestId('end-confirm').click();
  // No document in the call: the cabin goes straight to the payment.
  await patient.screen('payment', 'confirm');
  await patient.tap('pay');
  await patient.screen('goodbye');
  await patient.tap('finish');
  await patient.screen('welcome');
}

/** How many video frames a page's element `testId` has decoded (0 before the first). */
export function framesDecoded(page: Page, testId: string): Promise<number> {
  return page
    .getByTestId(testId)
    .evaluate((element) =>
      element instanceof HTMLVideoElement ? element.getVideoPlaybackQuality().totalVideoFrames : 0,
    );
}

/** Waits until the page's video `testId` has decoded more than `after` frames; answers the count. */
export async function waitForFrames(
  page: Page,
  testId: string,
  after = 0,
  timeoutMs = 20_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frames = await framesDecoded(page, testId).catch(() => 0);
    if (frames > after) return frames;
    if (Date.now() > deadline) throw new Error(`${testId}: no new video frame within ${timeoutMs} ms`);
    await page.waitForTimeout(50);
  }
}
