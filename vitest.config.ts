import { defineConfig } from 'vitest/config';

/**
 * Files that run the real discord.js client, a local Discord stand-in or the program as a process:
 * each in a thread of its own, ended after it, so that nothing they leave running (a client
 * reconnecting after its test) can reach another file.
 */
const SEPARATE = [
  'tests/**/*.e2e.test.ts',
  'tests/discord-standin.test.ts',
  'tests/hostile-input.property.test.ts',
  'tests/secrets-in-logs.test.ts',
  'tests/soak.short.test.ts',
];

export default defineConfig({
  test: {
    setupFiles: ['tests/support/unhandled.ts'],
    // dist/ compiled once before the tests that start the program as production does (node dist/src/main.js).
    globalSetup: ['tests/support/build-dist.ts'],
    // Two files at a time on the project's 2-core machine.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        // The rest keep their loaded modules from file to file (the code keeps no module state;
        // tests/layers.test.ts checks the core): most of the time a fresh process per file takes.
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: SEPARATE, pool: 'threads', isolate: false },
      },
      {
        extends: true,
        test: { name: 'end-to-end', include: SEPARATE, pool: 'threads', isolate: true },
      },
    ],
  },
});
