// A small harness for the jsdom screen tests: mounts the app, touches buttons, types text, reads the page.
import { act, createElement } from 'react';
import { afterEach } from 'vitest';
import { App } from '../app';
import type { CabinView } from '../../contract/cabin-view';
import type { CabinTransport } from '../cabin-client';
import { FakeCabinTransport } from './fake-cabin-transport';
import type { MediaEnvironment } from '../video/media-environment';
import { mountPage, type DomPage } from '../../test/support/dom-page';

/** A mounted app and the ways a test (like a patient) interacts with it. */
export type MountedApp = DomPage;

/** Lets pending promises and effects run. */
async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
  });
}

/** Mounts the App over a transport (and a media environment, else the browser's) and waits for the first view. */
export function mountApp(transport: CabinTransport, media?: MediaEnvironment): Promise<MountedApp> {
  return mountPage(createElement(App, media === undefined ? { transport } : { transport, media }), settle);
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
