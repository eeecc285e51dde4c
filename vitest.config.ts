import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One temp folder per run, removed at the end (tests make many mkdtemp folders and cleaned few).
    globalSetup: ['test/support/temp-root.ts'],
    // picocolors decides at import time; the CLI runs in process in many tests (test/support/cli.ts).
    env: { NO_COLOR: '1' },
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
