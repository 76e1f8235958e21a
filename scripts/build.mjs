/**
 * Compiles the TypeScript of src/ and commands/ to JavaScript in dist/, one file for each (imports
 * kept as they are, with .js added), so that the bot and its command-line programs start without
 * compiling anything. Type checking is `npm run typecheck`'s job (and `npm test`'s); this only
 * strips types, in a fraction of a second.
 *
 *   node scripts/build.mjs           build if any source is newer than the last build
 *   node scripts/build.mjs --force   build anyway
 *
 * Also used by scripts/run.mjs before it starts a program, and by `npm install` (prepare).
 */
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
export const DIST = join(ROOT, 'dist');
const SOURCES = ['src', 'commands'];
const STAMP = join(DIST, '.built');

function sourceFiles() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(path);
    }
  };
  for (const dir of SOURCES) walk(join(ROOT, dir));
  return files;
}

/** Whether dist/ is older than a source (or than the list of sources: a file added or removed). */
export function isStale(files = sourceFiles()) {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP);
  const listed = files.map((file) => relative(ROOT, file)).sort().join('\n');
  if (listed.length !== built.size) return true; // the stamp holds the list of sources it was built from
  return files.some((file) => statSync(file).mtimeMs > built.mtimeMs);
}

/** Relative imports are kept, each pointing at the compiled file. */
const keepRelativeImports = {
  name: 'keep-relative-imports',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const target = resolve(args.resolveDir, args.path);
      const ts = existsSync(`${target}.ts`) ? `${args.path}.ts` : existsSync(join(target, 'index.ts')) ? `${args.path}/index.ts` : args.path;
      return { path: ts.replace(/\.ts$/, '.js'), external: true };
    });
  },
};

export async function build({ force = false, quiet = false } = {}) {
  const files = sourceFiles();
  if (!force && !isStale(files)) return false;
  const started = performance.now();
  const { build: esbuild } = await import('esbuild');
  // dist/ is emptied, not removed: it may be a mount point (the systemd unit's ReadWritePaths).
  if (existsSync(DIST)) for (const entry of readdirSync(DIST)) rmSync(join(DIST, entry), { recursive: true, force: true });
  await esbuild({
    entryPoints: files,
    outdir: DIST,
    outbase: ROOT,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [keepRelativeImports],
  });
  writeFileSync(STAMP, files.map((file) => relative(ROOT, file)).sort().join('\n'));
  if (!quiet) process.stderr.write(`Compiled ${files.length} files to dist/ in ${Math.round(performance.now() - started)} ms\n`);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  build({ force: process.argv.includes('--force') }).catch((err) => {
    process.stderr.write(`build failed: ${err.message}\n`);
    process.exit(1);
  });
}
