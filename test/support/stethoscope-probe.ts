// The stethoscope's path measured in Debian's Chromium with real WebRTC: the fake microphone plays the
// low tones' WAV (low-tones-wav.ts), and a Web Audio analyser reads each tone's level where it is sent
// and where it is received. Shared by the media tests and the benchmarks. `loopStethoscope` joins two
// RTCPeerConnections in one page (no server) to compare Opus's voice mode, its music mode and the voice
// processing; `installAudioProbe` gives any page (the cabin's, the console's) the same analyser.
// Run inside the loopback network namespace (in-loopback-namespace.ts).
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './cabin-under-test';
import { BURST_HZ, LOW_TONES_HZ } from './low-tones-wav';

/**
 * Chromium's flags for the instruments: four fake cameras and three fake microphones, the WAV as their sound.
 * Four, not three: Chromium's second fake camera (`fake_device_1`) is a Y16 depth camera whose frames
 * WebRTC never encodes (measured: 0 frames reach the sender while a <video> shows it), unlike a UVC
 * otoscope's; it stays in the list as a camera that is neither the face nor an instrument.
 */
export function instrumentChromiumFlags(wavPath: string): string[] {
  return [
    ...CHROMIUM_FLAGS.filter((flag) => flag !== '--use-fake-device-for-media-stream'),
    '--use-fake-device-for-media-stream=device-count=4',
    `--use-file-for-fake-audio-capture=${wavPath}`,
    '--allow-loopback-in-peer-connection',
    '--autoplay-policy=no-user-gesture-required',
  ];
}

/** Launches Debian's Chromium headless with the instruments' fake devices. */
export function launchInstrumentChromium(wavPath: string): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: instrumentChromiumFlags(wavPath),
  });
}

/** Each tone's level in dB (the analyser's scale, dBFS-like), in the order of `LOW_TONES_HZ`. */
export type ToneLevels = readonly number[];

/** The page's audio probe, installed on `window.cabineAudioProbe` by `installAudioProbe`. */
export interface AudioProbe {
  /** Each tone's level in `stream`, power-averaged over `spanMs` of snapshots. */
  toneLevels(stream: MediaStream, tones: readonly number[], spanMs: number): Promise<number[]>;
  /** Starts noting the host-clock times (epoch ms) of the burst's onsets in `stream`, under `name`. */
  watchBursts(stream: MediaStream, name: string, burstHz: number): void;
  /** The onsets noted so far under `name`. */
  burstOnsets(name: string): number[];
}

/**
 * Run in a page (a function, so it can be sent whole): defines `window.cabineAudioProbe`. Analyser:
 * fftSize 32768 (1.46 Hz bins), Blackman window, no smoothing; a tone's level is its strongest bin within
 * ±4 Hz. Burst onsets: a 1 kHz band-pass, 256-sample blocks, an onset where the block's RMS passes 0.02
 * after 0.5 s under 0.01. A remote stream reaches Web Audio only while a media element plays it, so the
 * probe plays it muted.
 */
export function installAudioProbe(): void {
  const holder = window as unknown as { cabineAudioProbe?: AudioProbe; cabineAudioKeep?: unknown[] };
  if (holder.cabineAudioProbe) return;
  const keep: unknown[] = [];
  holder.cabineAudioKeep = keep;
  const context = new AudioContext({ sampleRate: 48_000 });
  const onsets = new Map<string, number[]>();
  const source = (stream: MediaStream): MediaStreamAudioSourceNode => {
    const element = new Audio();
    element.muted = true;
    element.srcObject = stream;
    void element.play().catch(() => undefined);
    keep.push(element);
    return context.createMediaStreamSource(stream);
  };
  const pause = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
  holder.cabineAudioProbe = {
    async toneLevels(stream, tones, spanMs) {
      await context.resume();
      const analyser = context.createAnalyser();
      analyser.fftSize = 32_768;
      analyser.smoothingTimeConstant = 0;
      analyser.minDecibels = -160;
      analyser.maxDecibels = 0;
      const input = source(stream);
      input.connect(analyser);
      // A whole window of signal before the first snapshot.
      await pause(800);
      const bins = new Float32Array(analyser.frequencyBinCount);
      const binHz = context.sampleRate / analyser.fftSize;
      const power = tones.map(() => 0);
      const snapshots = Math.max(1, Math.round(spanMs / 100));
      for (let s = 0; s < snapshots; s += 1) {
        analyser.getFloatFrequencyData(bins);
        tones.forEach((hz, i) => {
          let best = -Infinity;
          for (let b = Math.floor((hz - 4) / binHz); b <= Math.ceil((hz + 4) / binHz); b += 1) {
            best = Math.max(best, bins[b] ?? -Infinity);
          }
          power[i] = (power[i] ?? 0) + 10 ** (best / 10) / snapshots;
        });
        await pause(100);
      }
      input.disconnect();
      return power.map((p) => (p > 0 ? 10 * Math.log10(p) : -Infinity));
    },
    watchBursts(stream, name, burstHz) {
      void context.resume();
      const input = source(stream);
      const band = context.createBiquadFilter();
      band.type = 'bandpass';
      band.frequency.value = burstHz;
      band.Q.value = 8;
      const processor = context.createScriptProcessor(256, 1, 1);
      const silent = context.createGain();
      silent.gain.value = 0;
      input.connect(band).connect(processor).connect(silent).connect(context.destination);
      keep.push(processor, band, input);
      const noted: number[] = [];
      onsets.set(name, noted);
      let quietSince = -Infinity;
      let loud = false;
      processor.onaudioprocess = (event) => {
        const block = event.inputBuffer.getChannelData(0);
        let sum = 0;
        for (const value of block) sum += value * value;
        const rms = Math.sqrt(sum / block.length);
        const now = performance.timeOrigin + performance.now();
        if (rms < 0.01) {
          if (loud || quietSince === -Infinity) quietSince = now;
          loud = false;
        } else if (rms > 0.02 && !loud) {
          loud = true;
          if (now - quietSince >= 500) noted.push(now);
        }
      };
    },
    burstOnsets(name) {
      return [...(onsets.get(name) ?? [])];
    },
  };
}

/** Run in a page before its scripts (an init script): `window.__name`, which code sent from tsx may call. */
export const NAME_HELPER_SCRIPT = 'window.__name = (target) => target;';

/**
 * Run in a page before its scripts (an init script): keeps every stream `getUserMedia` opens with audio
 * whose echo cancellation was asked off on `window.cabineUnprocessedAudio`, so a test can read the
 * stethoscope's local sound the way the cabin opened it.
 */
export function recordUnprocessedAudio(): void {
  const devices = navigator.mediaDevices as MediaDevices | undefined;
  if (!devices) return;
  const holder = window as unknown as { cabineUnprocessedAudio?: MediaStream[] };
  const kept: MediaStream[] = [];
  holder.cabineUnprocessedAudio = kept;
  const open = devices.getUserMedia.bind(devices);
  devices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    const stream = await open(constraints);
    const asked = typeof constraints?.audio === 'object' ? constraints.audio.echoCancellation : undefined;
    const off =
      asked === false ||
      (typeof asked === 'object' &&
        (asked.exact === false || (asked.exact === undefined && asked.ideal === false)));
    if (off) kept.push(stream);
    return stream;
  };
}

/**
 * Opens a blank page on a secure origin (`http://localhost/`, answered by playwright without a server)
 * with the audio probe installed.
 */
export async function openProbePage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  // Code sent from a tsx/vitest process may carry esbuild's name helper.
  await page.addInitScript({ content: NAME_HELPER_SCRIPT });
  await page.route('http://localhost/probe', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>probe</title>' }),
  );
  await page.goto('http://localhost/probe');
  await page.evaluate(installAudioProbe);
  return page;
}

/** The fake media inputs the page's Chromium lists once allowed (labels of videoinput and audioinput). */
export async function listMediaInputs(page: Page): Promise<{ kind: string; label: string }[]> {
  return page.evaluate(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    const devices = await navigator.mediaDevices.enumerateDevices();
    stream.getTracks().forEach((track) => track.stop());
    return devices
      .filter((device) => device.kind === 'videoinput' || device.kind === 'audioinput')
      .map((device) => ({ kind: device.kind, label: device.label }));
  });
}

/** How the stethoscope's sound is opened and sent in one loop. */
export type StethoscopeMode =
  /** Processing off, Opus as negotiated by default: mono, WebRTC's voice mode. */
  | 'voice'
  /** Processing off, the answer's Opus fmtp asks for stereo at 128 kb/s without DTX: the music mode (the cabin's). */
  | 'music'
  /** Echo cancellation, noise suppression and gain control on (the face microphone's constraints), default Opus. */
  | 'processed';

/** What one loop measured. */
export interface StethoscopeLoop {
  readonly mode: StethoscopeMode;
  /** The processing flags the track's `getSettings()` reports. */
  readonly settings: {
    /** A boolean, or in newer Chromiums a string (`all`, `remote-only`) when it is on. */
    readonly echoCancellation: boolean | string | null;
    readonly noiseSuppression: boolean | null;
    readonly autoGainControl: boolean | null;
  };
  /** The Opus fmtp line the sender applied (from its remote answer). */
  readonly opusFmtp: string;
  /** Each tone's level on the local track (sent). */
  readonly sent: ToneLevels;
  /** Each tone's level received, 2 s after the call started and `seconds` after it. */
  readonly receivedEarly: ToneLevels;
  readonly receivedLate: ToneLevels;
  /** Burst onsets' delay (ms) from the local track to the received one, one per burst matched. */
  readonly burstDelaysMs: readonly number[];
}

/** Opus's music mode as the cabin asks for it in the answer's fmtp for the stethoscope. */
export const MUSIC_OPUS_PARAMETERS = 'stereo=1;sprop-stereo=1;maxaveragebitrate=128000;usedtx=0';

/** Run in the probe page: one loop of the stethoscope between two peer connections. */
async function runLoop(argument: {
  mode: StethoscopeMode;
  seconds: number;
  tones: number[];
  burstHz: number;
  musicParameters: string;
}): Promise<Omit<StethoscopeLoop, 'mode'>> {
  const { mode, seconds, tones, burstHz, musicParameters } = argument;
  const probe = (window as unknown as { cabineAudioProbe: AudioProbe }).cabineAudioProbe;
  const processing = mode === 'processed';
  const local = await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: processing, noiseSuppression: processing, autoGainControl: processing },
  });
  const track = local.getAudioTracks()[0];
  if (!track) throw new Error('no audio track');
  const settings = track.getSettings();
  const sender = new RTCPeerConnection();
  const receiver = new RTCPeerConnection();
  sender.onicecandidate = (event) => void (event.candidate && receiver.addIceCandidate(event.candidate));
  receiver.onicecandidate = (event) => void (event.candidate && sender.addIceCandidate(event.candidate));
  const remote = new Promise<MediaStream>((done) => {
    receiver.ontrack = (event) => done(event.streams[0] ?? new MediaStream([event.track]));
  });
  sender.addTrack(track, local);
  const offer = await sender.createOffer();
  await sender.setLocalDescription(offer);
  await receiver.setRemoteDescription(offer);
  const answer = await receiver.createAnswer();
  await receiver.setLocalDescription(answer);
  let sdp = answer.sdp ?? '';
  const payload = /a=rtpmap:(\d+) opus\/48000\/2/i.exec(sdp)?.[1];
  if (mode === 'music' && payload) {
    sdp = sdp.replace(new RegExp(`a=fmtp:${payload} ([^\\r\\n]*)`), (_line, params: string) => {
      const kept = params
        .split(';')
        .filter((p) => !/^(stereo|sprop-stereo|maxaveragebitrate|usedtx)=/.test(p.trim()));
      return `a=fmtp:${payload} ${[...kept, musicParameters].join(';')}`;
    });
  }
  await sender.setRemoteDescription({ type: 'answer', sdp });
  const opusFmtp = new RegExp(`a=fmtp:${payload ?? 'x'} [^\\r\\n]*`).exec(sdp)?.[0] ?? '';
  const received = await remote;
  const started = performance.now();
  probe.watchBursts(local, `sent-${mode}`, burstHz);
  probe.watchBursts(received, `received-${mode}`, burstHz);
  const sent = await probe.toneLevels(local, tones, 1000);
  const waitUntil = (ms: number): Promise<void> =>
    new Promise((done) => setTimeout(done, Math.max(0, started + ms - performance.now())));
  await waitUntil(2000);
  const receivedEarly = await probe.toneLevels(received, tones, 1000);
  await waitUntil(seconds * 1000);
  const receivedLate = await probe.toneLevels(received, tones, 2000);
  const sentOnsets = probe.burstOnsets(`sent-${mode}`);
  const receivedOnsets = probe.burstOnsets(`received-${mode}`);
  // Each received onset against the last sent onset before it, within one period.
  const burstDelaysMs = receivedOnsets.flatMap((at) => {
    const before = sentOnsets.filter((s) => s <= at && at - s < 1000);
    const last = before[before.length - 1];
    return last === undefined ? [] : [at - last];
  });
  sender.close();
  receiver.close();
  local.getTracks().forEach((t) => t.stop());
  return {
    settings: {
      echoCancellation: settings.echoCancellation ?? null,
      noiseSuppression: settings.noiseSuppression ?? null,
      autoGainControl: settings.autoGainControl ?? null,
    },
    opusFmtp,
    sent,
    receivedEarly,
    receivedLate,
    burstDelaysMs,
  };
}

/** Sends the fake microphone's sound through two peer connections in `page` for `seconds` and measures it. */
export async function loopStethoscope(
  page: Page,
  mode: StethoscopeMode,
  seconds = 20,
): Promise<StethoscopeLoop> {
  const measured = await page.evaluate(runLoop, {
    mode,
    seconds,
    tones: [...LOW_TONES_HZ],
    burstHz: BURST_HZ,
    musicParameters: MUSIC_OPUS_PARAMETERS,
  });
  return { mode, ...measured };
}

/** One line per mode: each tone's sent level, and what arrived early and late (dB, and late minus sent). */
export function describeLoop(loop: StethoscopeLoop): string {
  const tones = LOW_TONES_HZ.map((hz, i) => {
    const sent = loop.sent[i] ?? Number.NaN;
    const late = loop.receivedLate[i] ?? Number.NaN;
    const early = loop.receivedEarly[i] ?? Number.NaN;
    return `${hz} Hz sent ${sent.toFixed(1)} / at 2 s ${early.toFixed(1)} / late ${late.toFixed(1)} dB (${(late - sent).toFixed(1)})`;
  });
  const { echoCancellation, noiseSuppression, autoGainControl } = loop.settings;
  return (
    `${loop.mode} (EC ${String(echoCancellation)}, NS ${String(noiseSuppression)}, AGC ${String(autoGainControl)}): ` +
    tones.join('; ')
  );
}
