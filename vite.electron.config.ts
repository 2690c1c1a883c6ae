// Vite build of the Electron shell: main process and preload, bundled as CommonJS into dist/electron
// (a sandboxed preload cannot be an ES module). Native modules stay external and are rebuilt for
// Electron by electron-builder.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** The Electron build: `electron-main.cjs` and `preload.cjs`. */
export default defineConfig({
  build: {
    ssr: true,
    outDir: here('./dist/electron'),
    emptyOutDir: true,
    target: 'node22',
    rollupOptions: {
      input: {
        'electron-main': here('./main/electron/electron-main.ts'),
        preload: here('./main/electron/preload.ts'),
      },
      external: [
        'electron',
        'better-sqlite3',
        'ws',
        ...builtinModules,
        ...builtinModules.map((m) => `node:${m}`),
      ],
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
});
