// Test projects: `unit` (beside the code, plus scenarios and integration), `e2e` (Chromium on browser
// mode) and `media` (Chromium playing cabin and practitioner console with real WebRTC). `media` exists
// only inside the loopback network namespace (test/support/in-loopback-namespace.ts), where `npm test`
// runs it after the others; `npx vitest run --project unit` runs the fast ones.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['**/*.test.ts', '**/*.test.tsx'],
          exclude: ['node_modules/**', 'dist/**', 'test/e2e/**', 'test/media/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/build-renderer.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      ...(process.env.CABINE_LOOPBACK_NAMESPACE === '1'
        ? [
            {
              test: {
                name: 'media',
                include: ['test/media/**/*.test.ts'],
                globalSetup: ['test/e2e/build-renderer.ts'],
                testTimeout: 180_000,
                hookTimeout: 120_000,
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
});
