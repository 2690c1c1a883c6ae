// Browser mode as one call: the controller, its simulated-hardware routes and the local server.
import { existsSync } from 'node:fs';
import type { CabinConfig } from './config';
import { openLog } from './cabin-records';
import { createController, type RunningController } from './controller';
import { systemClock } from '../contract';
import { peripheralsFor } from './peripherals-for-config';
import { startBrowserModeServer } from './ipc/browser-mode-server';
import type { SimulatedPeripherals } from './peripherals';
import { simulatorRoutes } from './simulator-routes';

/** A cabin running in browser mode. */
export interface RunningBrowserMode {
  /** The cabin's origin: nothing secret. */
  readonly url: string;
  /** A fresh one-time launch address for one window (spent at its first load). */
  launchUrl(): string;
  readonly controller: RunningController;
  /** Stops the server then the controller (which wipes an open session). */
  stop(): Promise<void>;
}

/** Starts the controller and serves it with the built renderer from `rendererDirectory`. */
export async function runBrowserMode(
  config: CabinConfig,
  rendererDirectory: string,
): Promise<RunningBrowserMode> {
  if (!existsSync(rendererDirectory)) {
    throw new Error(`the renderer is not built: run "npx vite build" (missing ${rendererDirectory})`);
  }
  const log = openLog(config);
  const peripherals = await peripheralsFor(config, log, systemClock);
  const controller = createController({ config, log, peripherals });
  const server = await startBrowserModeServer({
    controller,
    log,
    rendererDirectory,
    port: config.port,
    ...(config.hardware === 'simulated'
      ? { simulatorRoutes: simulatorRoutes(peripherals as SimulatedPeripherals) }
      : {}),
  });
  await controller.booted;
  return {
    url: server.url,
    launchUrl: () => server.launchUrl(),
    controller,
    async stop() {
      await server.close();
      await controller.stop();
    },
  };
}
