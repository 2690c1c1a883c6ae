import { describe, expect, it } from 'vitest';
import { bringToFront, isKioskExitKey, type FrontableWindow, type KioskKeyInput } from './kiosk-window';

const press = (key: string, held: Partial<KioskKeyInput> = {}): KioskKeyInput => ({
  type: 'keyDown',
  key,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...held,
});

describe('the keys that would let a patient out of the kiosk', () => {
  it.each([
    ['Ctrl+Q quits', press('q', { control: true })],
    ['Ctrl+W closes the window', press('w', { control: true })],
    ['Cmd+Q quits on a Mac keyboard', press('Q', { meta: true, shift: true })],
    ['F11 leaves full screen', press('F11')],
    ['Ctrl+R reloads', press('r', { control: true })],
    ['Ctrl+Shift+R reloads', press('R', { control: true, shift: true })],
    ['F5 reloads', press('F5')],
    ['Ctrl+N opens a window', press('n', { control: true })],
    ['Alt+F4 closes the window', press('F4', { alt: true })],
  ])('%s: stopped', (_name, input) => {
    expect(isKioskExitKey(input)).toBe(true);
  });

  it.each([
    ['a letter typed on a keyboard', press('q')],
    ['Shift+W', press('W', { shift: true })],
    ['a digit', press('4')],
    ['Enter', press('Enter')],
    ['the release of Ctrl+Q', { ...press('q', { control: true }), type: 'keyUp' }],
  ])('%s: let through', (_name, input) => {
    expect(isKioskExitKey(input)).toBe(false);
  });
});

/** A window double that records what was done to it. */
function fakeWindow(state: {
  minimized: boolean;
  destroyed?: boolean;
}): FrontableWindow & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    isDestroyed: () => state.destroyed === true,
    isMinimized: () => state.minimized,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
    setKiosk: (flag) => calls.push(`kiosk:${String(flag)}`),
  };
}

describe('a second launch of the cabin', () => {
  it('restores the minimised kiosk window, in kiosk mode, and focuses it', () => {
    const window = fakeWindow({ minimized: true });
    bringToFront(window);
    expect(window.calls).toEqual(['restore', 'kiosk:true', 'show', 'focus']);
  });

  it('focuses a window that is only behind another', () => {
    const window = fakeWindow({ minimized: false });
    bringToFront(window);
    expect(window.calls).toEqual(['kiosk:true', 'show', 'focus']);
  });

  it('does nothing before the window exists or after it is gone', () => {
    expect(() => bringToFront(null)).not.toThrow();
    const gone = fakeWindow({ minimized: true, destroyed: true });
    bringToFront(gone);
    expect(gone.calls).toEqual([]);
  });
});
