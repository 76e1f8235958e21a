import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/support/unhandled.ts'],
    // dist/ compiled once before the tests that start the program as production does (node dist/src/main.js).
    globalSetup: ['tests/support/build-dist.ts'],
    // Two files at a time on the project's 2-core machine, in threads that keep their loaded modules
    // from file to file (the code keeps no module state; tests/layers.test.ts checks the core):
    // 98 s → about 90 s for the whole suite, most of the rest being real processes and real waits.
    pool: 'threads',
    maxWorkers: 2,
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
