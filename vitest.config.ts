import { defineConfig } from 'vitest/config';

/**
 * Files that break Discord's gateway on purpose (dropped, refused, raw clients): each in a thread
 * that ends with it. A discord.js shard caught between two connections can throw a moment after
 * its client was destroyed, and in a shared thread that error would fail whichever file runs next.
 */
const OWN_THREAD = ['tests/discord-faults.e2e.test.ts', 'tests/discord-standin.test.ts', 'tests/secrets-in-logs.test.ts'];

export default defineConfig({
  test: {
    // A bot a file leaves running is stopped when the file ends and fails it (tests/support/left-running.ts).
    setupFiles: ['tests/support/unhandled.ts', 'tests/support/left-running.ts'],
    // dist/ compiled once before the tests that start the program as production does (node dist/src/main.js).
    globalSetup: ['tests/support/build-dist.ts'],
    // Two files at a time on the project's 2-core machine.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        // Threads that keep their loaded modules from file to file (the code keeps no module state;
        // tests/layers.test.ts checks the core): most of the time a fresh thread per file takes is
        // loading discord.js and the engine again.
        test: { name: 'shared', include: ['tests/**/*.test.ts'], exclude: OWN_THREAD, pool: 'threads', isolate: false },
      },
      {
        extends: true,
        test: { name: 'own-thread', include: OWN_THREAD, pool: 'threads', isolate: true },
      },
    ],
  },
});
