// The production shell: Electron's main process runs the controller and one full-screen kiosk
// window. The renderer reaches the controller only through the preload bridge: context isolation,
// sandbox, no Node integration, a strict CSP, no navigation, no new windows, camera and microphone
// as the only permissions; no menu, the keys that leave a window stopped, the window closed only when
// the cabin quits, one instance. Everything else is the same controller as browser mode.
import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, session, type WebContents } from 'electron';
import { IPC_CHANNELS, systemClock } from '../../contract';
import {
  DEMO_ATTENDANT_PAGE_ENV,
  LOCAL_PLATFORM_ENV,
  loadConfig,
  withDemoAttendantPage,
  withLocalPlatform,
} from '../config';
import { openLog } from '../cabin-records';
import { createController } from '../controller';
import { peripheralsFor } from '../peripherals-for-config';
import { dispatchCall } from '../ipc/call-dispatch';
import { contentSecurityPolicy } from '../ipc/content-security-policy';
import { summariseRepeats } from '../log';
import { bringToFront, isKioskExitKey } from './kiosk-window';

// The page connects to nothing: it reaches the controller through the preload's IPC only.
const CONTENT_SECURITY_POLICY = contentSecurityPolicy({ localApiPort: null });

/** The kiosk window once it exists; a second launch brings it back in front. */
let kioskWindow: BrowserWindow | null = null;
/** Set when the cabin itself quits: until then, nothing closes the kiosk window. */
let quitting = false;

/** Answers true for the permissions the cabin needs: camera and microphone for the consultation. */
function isMediaOnly(permission: string, mediaTypes: readonly string[] | undefined): boolean {
  return permission === 'media' && (mediaTypes ?? []).every((type) => type === 'video' || type === 'audio');
}

function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

async function startCabin(): Promise<void> {
  const config = loadConfig(process.env.CABINE_CONFIG, join(app.getPath('userData'), 'cabine'));
  if (!config.ok) {
    process.stderr.write(`Configuration refused (${config.error.code}): ${config.error.detail ?? ''}\n`);
    app.exit(2);
    return;
  }
  const cabinSession = session.defaultSession;
  // `npm start` without a configuration file is the demonstration: the attendant page on this machine.
  const chosen =
    process.env[DEMO_ATTENDANT_PAGE_ENV] === '1' && process.env.CABINE_CONFIG === undefined
      ? withDemoAttendantPage(config.value)
      : config.value;
  const cabinConfig = withLocalPlatform(
    chosen,
    process.env[LOCAL_PLATFORM_ENV.url] ?? '',
    process.env[LOCAL_PLATFORM_ENV.credential] ?? '',
  );
  const log = openLog(cabinConfig);
  const peripherals = await peripheralsFor(cabinConfig, log, systemClock);
  const controller = createController({
    config: cabinConfig,
    log,
    peripherals,
    // Nothing of the patient may stay in the renderer: storage, caches and media permissions go.
    wipeHooks: [() => cabinSession.clearStorageData(), () => cabinSession.clearCache()],
  });

  cabinSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isMediaOnly(permission, 'mediaTypes' in details ? details.mediaTypes : undefined));
  });
  cabinSession.setPermissionCheckHandler((_contents, permission) => permission === 'media');
  cabinSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  const window = new BrowserWindow({
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: join(import.meta.dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // The professional's voice plays as soon as the call starts, even after a reload.
      autoplayPolicy: 'no-user-gesture-required',
      devTools: !app.isPackaged,
    },
  });
  kioskWindow = window;
  lockDown(window.webContents);
  // No menu means no accelerators, but Chromium and the window manager still see some keys first.
  window.webContents.on('before-input-event', (event, input) => {
    if (isKioskExitKey(input)) event.preventDefault();
  });
  window.on('close', (event) => {
    if (!quitting) event.preventDefault();
  });
  window.on('leave-full-screen', () => window.setKiosk(true));
  // Refused calls are counted, not logged one by one: a renderer cannot flood the operation log.
  const refusals = summariseRepeats(controller.log, { clock: systemClock });

  ipcMain.handle(IPC_CHANNELS.call, (event, method: unknown, params: unknown) => {
    // Only the cabin window's own page may call the controller.
    if (event.sender !== window.webContents) return { ok: false, error: { code: 'api.unknownSender' } };
    return dispatchCall(controller.server, refusals, method, params);
  });
  const unsubscribe = controller.onEvent((cabinEvent) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_CHANNELS.event, cabinEvent);
  });
  // A renderer that crashes is reloaded: the controller still holds the session, the view resumes.
  window.webContents.on('render-process-gone', () => {
    controller.log.error('renderer.gone');
    if (!window.isDestroyed()) window.webContents.reload();
  });
  app.on('before-quit', () => {
    refusals.close();
    unsubscribe();
    void controller.stop();
  });
  await window.loadFile(join(import.meta.dirname, '../renderer/index.html'));
}

// One cabin, one window: a second launch quits at once (before opening the store or a device) and
// brings the first one's window back in front.
if (app.requestSingleInstanceLock()) {
  app.enableSandbox();
  // Before any window: Electron's default menu carries Ctrl+Q, Ctrl+W, F11 and the reload keys.
  Menu.setApplicationMenu(null);
  app.on('second-instance', () => bringToFront(kioskWindow));
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(startCabin);
} else {
  app.quit();
}
