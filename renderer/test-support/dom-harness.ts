// A small harness for the jsdom screen tests: mounts the app, touches buttons, types text, reads the page.
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach } from 'vitest';
import { App } from '../app';
import type { CabinView } from '../../contract/cabin-view';
import type { CabinTransport } from '../cabin-client';
import { FakeCabinTransport } from './fake-cabin-transport';
import type { MediaEnvironment } from '../video/media-environment';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A mounted app and the ways a test (like a patient) interacts with it. */
export interface MountedApp {
  readonly container: HTMLElement;
  /** Finds the element with a `data-testid`, or throws naming it. */
  get(testId: string): HTMLElement;
  query(testId: string): HTMLElement | null;
  /** Touches the element with this test id and lets the answers arrive. */
  click(testId: string): Promise<void>;
  /** Types a value into the input with this test id, as React sees real typing. */
  type(testId: string, value: string): Promise<void>;
  /** The visible text of the whole page. */
  text(): string;
  /** Lets pending promises and effects run. */
  settle(): Promise<void>;
  unmount(): void;
}

/** Mounts the App over a transport (and a media environment, else the browser's) and waits for the first view. */
export async function mountApp(transport: CabinTransport, media?: MediaEnvironment): Promise<MountedApp> {
  const container = document.createElement('div');
  document.body.appendChild(container);
  let root: Root | null = null;
  const settle = async (): Promise<void> => {
    await act(async () => {
      for (let i = 0; i < 5; i += 1) await Promise.resolve();
    });
  };
  act(() => {
    root = createRoot(container);
    root.render(createElement(App, media === undefined ? { transport } : { transport, media }));
  });
  await settle();
  const query = (testId: string): HTMLElement | null => container.querySelector(`[data-testid="${testId}"]`);
  const get = (testId: string): HTMLElement => {
    const element = query(testId);
    if (element === null)
      throw new Error(`no element with data-testid="${testId}" in: ${container.innerHTML}`);
    return element;
  };
  return {
    container,
    get,
    query,
    async click(testId) {
      const element = get(testId);
      act(() => {
        element.click();
      });
      await settle();
    },
    async type(testId, value) {
      const input = get(testId) as HTMLInputElement;
      // React listens to the native value setter plus an input event.
      const descriptor = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
      act(() => {
        descriptor?.set?.call(input, value);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await settle();
    },
    text: () => container.textContent ?? '',
    settle,
    unmount() {
      act(() => root?.unmount());
      container.remove();
    },
  };
}

/** Mounts the App over a FakeCabinTransport that answers `view`, for a test to drive both. */
export async function mountView(
  view: CabinView,
  media?: MediaEnvironment,
): Promise<{ app: MountedApp; transport: FakeCabinTransport }> {
  const transport = new FakeCabinTransport(view);
  const app = await mountApp(transport, media);
  return { app, transport };
}

/** The views a test file opens: each test's app is unmounted after it (or sooner with `unmount`). */
export interface OpenedViews {
  /** Mounts the App over a FakeCabinTransport that answers `view`, as `mountView` does. */
  readonly open: (
    view: CabinView,
    media?: MediaEnvironment,
  ) => Promise<{ app: MountedApp; transport: FakeCabinTransport }>;
  /** Pushes a new view from the cabin and lets the app render it. */
  readonly push: (transport: FakeCabinTransport, view: CabinView) => Promise<void>;
  readonly unmount: () => void;
}

/** Call once at the top of a test file: registers the `afterEach` that unmounts what `open` mounted. */
export function openViews(): OpenedViews {
  let mounted: MountedApp | null = null;
  const unmount = (): void => {
    mounted?.unmount();
    mounted = null;
  };
  afterEach(unmount);
  return {
    open: async (view, media) => {
      const opened = await mountView(view, media);
      mounted = opened.app;
      return opened;
    },
    push: async (transport, view) => {
      act(() => transport.push(view));
      await mounted?.settle();
    },
    unmount,
  };
}
