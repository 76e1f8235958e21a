import { relative, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Longest files first, as vitest does from the timings of the last run; with none (a fresh clone,
 * as in CI), the end-to-end files first: they are the long ones, and one started last keeps the
 * other thread idle while it runs.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const timed = files.every((file) => this.ctx.cache.getFileTestResults(`${file.project.name}:${relative(this.ctx.config.root, file.moduleId)}`));
    if (timed) return sorted;
    // Projects stay in the order vitest runs them; within each, end-to-end files, then the rest, each in the base order.
    const projects = [...new Set(sorted.map((file) => file.project.name))];
    const rank = (file: TestSpecification) => projects.indexOf(file.project.name) * 2 + (file.moduleId.endsWith('.e2e.test.ts') ? 0 : 1);
    return sorted.map((file, at) => ({ file, at })).sort((a, b) => rank(a.file) - rank(b.file) || a.at - b.at).map(({ file }) => file);
  }
}

/**
 * Files that break Discord's gateway on purpose (dropped, refused, raw clients): each in a thread
 * that ends with it. A discord.js shard caught between two connections can throw a moment after
 * its client was destroyed, and in a shared thread that error would fail whichever file runs next.
 */
const OWN_THREAD = ['tests/discord-faults.e2e.test.ts', 'tests/discord-standin.test.ts', 'tests/secrets-in-logs.test.ts'];

export default defineConfig({
  resolve: {
    // discord.js as the program loads it (dist/vendor, built by the global setup: one bundle with a
    // V8 code cache), rather than its 200-odd modules: each thread that loads it saves about 0.3 s.
    alias: { 'discord.js': resolve(import.meta.dirname, 'dist/vendor/discord.js.mjs') },
  },
  test: {
    // A bot a file leaves running is stopped when the file ends and fails it (tests/support/left-running.ts);
    // the temporary folders a file made are removed when it ends.
    setupFiles: ['tests/support/unhandled.ts', 'tests/support/left-running.ts', 'tests/support/temporary-dirs-removed.ts'],
    // dist/ compiled once before the tests that start the program as production does (node dist/src/main.js).
    globalSetup: ['tests/support/build-dist.ts'],
    // Two files at a time on the project's 2-core machine.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    // Transformed modules kept in node_modules/.vitest-cache between runs (keyed by content): a
    // second run transforms almost nothing (a fresh clone, as in CI, starts without it).
    experimental: { fsModuleCache: true },
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
