// What keeps the patient inside the kiosk window, as plain functions over the few members of
// Electron's window and input event that they use: no import of Electron, so they are tested as
// unit tests where no Electron binary is installed. electron-main.ts only wires them.

/** The members of Electron's `Input` (the `before-input-event` argument) that the kiosk reads. */
export interface KioskKeyInput {
  readonly type: string;
  readonly key: string;
  readonly control: boolean;
  readonly meta: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
}

// Keys that leave, close, reload or unfullscreen the window, with Ctrl (Cmd on a Mac) held.
const WITH_CONTROL = new Set(['q', 'w', 'r', 'n', 't', 'm', 'h']);

/**
 * True for a key press that would let a patient out of the kiosk on Linux or elsewhere: Ctrl+Q and
 * Ctrl+W (quit, close), Ctrl+R, Ctrl+Shift+R and F5 (reload), Ctrl+N, Ctrl+T (new window or tab),
 * Ctrl+M, Ctrl+H (minimise, hide), F11 (leave full screen) and Alt+F4 (close, when the window sees it).
 */
export function isKioskExitKey(input: KioskKeyInput): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  const key = input.key.toLowerCase();
  if ((input.control || input.meta) && WITH_CONTROL.has(key)) return true;
  if (key === 'f11' || key === 'f5') return true;
  if (input.alt && key === 'f4') return true;
  return false;
}

/** The members of a BrowserWindow that `bringToFront` uses. */
export interface FrontableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  setKiosk(flag: boolean): void;
}

/** Brings the kiosk window back in front, restored and in kiosk mode (a second launch of the cabin asks it). */
export function bringToFront(window: FrontableWindow | null): void {
  if (window === null || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.setKiosk(true);
  window.show();
  window.focus();
}
