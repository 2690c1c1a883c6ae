// Vite build of the patient screens: renderer/ is the page root, the output goes to dist/renderer.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** The renderer build: relative asset URLs (`base: './'`) so the page also loads from file:// in Electron. */
export default defineConfig({
  root: here('./renderer'),
  base: './',
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
  },
});
