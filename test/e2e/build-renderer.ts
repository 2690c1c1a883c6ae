// Global setup of the e2e project: the tests drive the built renderer, so build it once first.
import { rmSync } from 'node:fs';
import { build } from 'vite';
import { SCREENSHOT_DIRECTORY } from '../support/cabin-under-test';

/** Builds the renderer (dist/renderer) and the practitioner console (dist/console), and clears old screenshots. */
export default async function buildRenderer(): Promise<void> {
  rmSync(SCREENSHOT_DIRECTORY, { recursive: true, force: true });
  await build({ configFile: new URL('../../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
  await build({
    configFile: new URL('../../vite.console.config.ts', import.meta.url).pathname,
    logLevel: 'warn',
  });
}
