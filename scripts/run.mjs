/**
 * Starts one of the project's programs from its compiled JavaScript (dist/), compiling first when a
 * source changed: `node scripts/run.mjs src/cli/ask.ts -- ARGS`. The program runs in this very
 * process (no child process: signals reach it directly).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, DIST } from './build.mjs';

const [entry, ...args] = process.argv.slice(2);
if (!entry || !/\.ts$/.test(entry)) {
  process.stderr.write('usage: node scripts/run.mjs src/PROGRAM.ts [arguments]\n');
  process.exit(2);
}
await build({ quiet: true });
const compiled = join(DIST, entry.replace(/\.ts$/, '.js'));
// The program sees itself as started directly, with its own arguments.
process.argv = [process.argv[0], compiled, ...args];
await import(pathToFileURL(compiled).href);
