// `npm start`: runs the cabin. Electron where its binary is installed; otherwise browser mode, which
// prints the cabin's local URL and opens Chromium in kiosk mode when a display is available. With the
// default `platform.kind: "local"` it first starts the reference platform beside the cabin and prints
// the practitioner console's URL.
//   --config <file>   a JSON configuration over the defaults (see main/config.ts)
//   --no-browser      do not open Chromium, only print the URL
//   --browser-mode    use browser mode even where Electron is installed
//   --port <n>        listen on this port (browser mode)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEMO_ATTENDANT_PAGE_ENV,
  hasStaffPinHashes,
  LOCAL_PLATFORM_ENV,
  loadConfig,
  withDemoAttendantPage,
  withLocalPlatform,
  type CabinConfig,
} from './config';
import { startLocalPlatform, type LocalPlatform } from './local-platform';
import { runBrowserMode } from './browser-mode';
import { DEMO_STAFF_PINS } from './staff/staff-access';

const projectRoot = resolve(import.meta.dirname, '..');

function electronBinary(): string | null {
  try {
    // The electron package exports the binary's path, and throws when the binary was never downloaded.
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function findChromium(): string | null {
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

// Which staff PINs open the staff panel: the demonstration's with simulated hardware (public, printed
// here), else the configuration's hashes or the PINs chosen on the cabin's screen at the first start.
function describeStaffPins(config: CabinConfig): string {
  if (hasStaffPinHashes(config)) return 'Cabine: staff PINs: those of the configuration (staff.*PinHash).\n';
  if (config.hardware === 'simulated') {
    return `Cabine: demonstration staff PINs (simulated hardware only): attendant ${DEMO_STAFF_PINS.attendant}, technician ${DEMO_STAFF_PINS.technician}.\n`;
  }
  return "Cabine: staff PINs: chosen on the cabin's screen at the first start, unless the configuration gives them (npm run diag -- hash-pin).\n";
}

// The reference platform for a `local` configuration; its console URL and demo login are printed.
async function startPlatformIfLocal(config: CabinConfig): Promise<LocalPlatform | null> {
  if (config.platform.kind !== 'local') return null;
  const started = await startLocalPlatform(
    projectRoot,
    config.platform.cabinId,
    config.platform.localPort,
    (line) => process.stdout.write(`${line}\n`),
  ).catch((error: unknown) => error as Error);
  if (started instanceof Error) {
    process.stderr.write(`Cabine: the local platform could not start: ${started.message}\n`);
    process.exit(1);
  }
  return started;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      'no-browser': { type: 'boolean', default: false },
      'browser-mode': { type: 'boolean', default: false },
      port: { type: 'string' },
    },
  });
  const config = loadConfig(values.config, join(projectRoot, '.cabine'));
  if (!config.ok) {
    process.stderr.write(`Configuration refused (${config.error.code}): ${config.error.detail ?? ''}\n`);
    process.exit(2);
  }
  // Without a configuration file this is the demonstration: the attendant page opens on this machine.
  const demo = values.config === undefined;
  const chosen = demo ? withDemoAttendantPage(config.value) : config.value;
  const platform = await startPlatformIfLocal(chosen);
  const cabinConfig = platform ? withLocalPlatform(chosen, platform.url, platform.credential) : chosen;
  process.stdout.write(describeStaffPins(cabinConfig));
  const electron = values['browser-mode'] ? null : electronBinary();
  if (electron !== null) {
    process.stdout.write('Cabine: starting in Electron (kiosk window).\n');
    const child = spawn(electron, [join(projectRoot, 'dist/electron/electron-main.cjs')], {
      stdio: 'inherit',
      env: {
        ...process.env,
        [LOCAL_PLATFORM_ENV.url]: cabinConfig.platform.url,
        [LOCAL_PLATFORM_ENV.credential]: cabinConfig.platform.credential,
        ...(demo ? { [DEMO_ATTENDANT_PAGE_ENV]: '1' } : {}),
      },
    });
    child.on('exit', (code) => {
      platform?.stop();
      process.exit(code ?? 0);
    });
    return;
  }
  const port = values.port === undefined ? cabinConfig.port : Number(values.port);
  const started = await runBrowserMode({ ...cabinConfig, port }, join(projectRoot, 'dist/renderer')).catch(
    (error: unknown) => error as Error,
  );
  if (started instanceof Error) {
    process.stderr.write(`Cabine could not start: ${started.message}\n`);
    process.exit(1);
  }
  const running = started;
  process.stdout.write(
    `Cabine: browser mode (no Electron binary installed), ${config.value.hardware} hardware, at ${running.url}\n`,
  );
  const attendantPage = await running.controller.attendantPage;
  if (attendantPage !== null) {
    process.stdout.write(`Cabine: attendant page at ${attendantPage.url} (the attendant's PIN)\n`);
  }
  const chromium = findChromium();
  const display = process.env.DISPLAY ?? process.env.WAYLAND_DISPLAY;
  const kiosk = !values['no-browser'] && chromium !== null && display;
  if (kiosk) {
    process.stdout.write('Cabine: opening Chromium in kiosk mode (use --no-browser to stop this).\n');
    spawn(
      chromium,
      [
        '--kiosk',
        // Spent at the window's first load: read from /proc afterwards, it opens nothing.
        `--app=${running.launchUrl()}`,
        `--user-data-dir=${mkdtempSync(join(tmpdir(), 'cabine-kiosk-'))}`,
        '--no-first-run',
        '--disable-background-networking',
        '--disable-sync',
        '--disable-component-update',
        '--incognito',
        // The professional's voice plays as soon as the call starts, even after a reload.
        '--autoplay-policy=no-user-gesture-required',
        // The kiosk grants the camera and microphone itself (the real devices): a patient never meets a
        // permission prompt. Electron does the same in its permission handler.
        '--use-fake-ui-for-media-stream',
      ],
      { stdio: 'ignore', detached: true },
    ).unref();
  } else {
    if (!values['no-browser']) {
      process.stdout.write('Cabine: no display or no Chromium found: open the address below in a browser.\n');
    }
    // A developer opens the window: a launch address good for one load (for another, npm start again).
    process.stdout.write(`Cabine: open the cabin once at ${running.launchUrl()}\n`);
  }
  const shutdown = (): void => {
    void running.stop().then(() => {
      platform?.stop();
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
