import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', './test/support/pass-fail-reporter.ts'],
    // Vitest's default is one worker fewer than the cores: one, on the 2-core CI machine. Most of the
    // slow files wait on child processes, PostgreSQL or NATS, so three at once use the machine better
    // (measured: 255 s of vitest with three, 274 s with two).
    maxWorkers: 3,
    // Test files share their worker's module graph instead of each importing the app anew (import time
    // fell from about 120 s to 23 s over the suite); no test relies on module state of its own.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
