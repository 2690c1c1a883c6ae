// Vite build of the practitioner console: platform/console/ is the page root, the output goes to
// dist/console, which the platform server serves at /console/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** The console build: absolute asset URLs under /console/, where the platform serves the page. */
export default defineConfig({
  root: here('./platform/console'),
  base: '/console/',
  build: {
    outDir: here('./dist/console'),
    emptyOutDir: true,
  },
});
