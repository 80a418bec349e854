import { defineConfig } from 'vitest/config';

// Two projects: `unit` runs in Node in milliseconds (engine, store, protocol), `e2e` drives the
// built extension in Debian's Chromium and runs one file at a time (one browser per file).
export default defineConfig({
  // Vite 8 transforms with oxc: the Preact JSX runtime for the .tsx components under test.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/unit/**/*.test.ts', 'test/pkits/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
