import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', './test/support/pass-fail-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
