import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // A bot a file leaves running is stopped when the file ends and fails it (tests/support/left-running.ts).
    setupFiles: ['tests/support/unhandled.ts', 'tests/support/left-running.ts'],
    // dist/ compiled once before the tests that start the program as production does (node dist/src/main.js).
    globalSetup: ['tests/support/build-dist.ts'],
    // Two files at a time on the project's 2-core machine, in threads that keep their loaded modules
    // from file to file (the code keeps no module state; tests/layers.test.ts checks the core): most
    // of the time a fresh thread per file takes is loading discord.js and the engine again.
    maxWorkers: 2,
    pool: 'threads',
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
