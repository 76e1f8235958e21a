import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/support/unhandled.ts'],
    // dist/ compiled once before the tests that start the program as production does (node dist/src/main.js).
    globalSetup: ['tests/support/build-dist.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
