// Global setup of the e2e project: the tests drive the built renderer, so build it once first.
import { build } from 'vite';

/** Builds the renderer into dist/renderer with the project's vite.config.ts. */
export default async function buildRenderer(): Promise<void> {
  await build({ configFile: new URL('../../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
}
