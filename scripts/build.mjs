/**
 * Compiles the TypeScript of src/ and commands/ to JavaScript in dist/, one file for each (imports
 * kept as they are, with .js added), so that the bot and its command-line programs start without
 * compiling anything. Type checking is `npm run typecheck`'s job (and `npm test`'s); this only
 * strips types, in a fraction of a second.
 *
 *   node scripts/build.mjs           build if any source is newer than the last build (or node changed)
 *   node scripts/build.mjs --force   build anyway (the bundles of discord.js and zod only if what they are made from changed)
 *
 * Also used by scripts/run.mjs before it starts a program, and by `npm install` (prepare, with
 * --force: an upgraded discord.js or esbuild changes no source).
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
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

/** Whether dist/ is older than a source or this script (or than the list of sources: a file added or removed). */
export function isStale(files = sourceFiles()) {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP);
  const listed = files.map((file) => relative(ROOT, file)).sort().join('\n');
  if (listed.length !== built.size) return true; // the stamp holds the list of sources it was built from
  // This script too: its options make another dist/ from the same sources.
  return [...files, fileURLToPath(import.meta.url)].some((file) => statSync(file).mtimeMs > built.mtimeMs);
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

/**
 * discord.js and zod as one file each: node loads discord.js's few hundred modules (and undici's,
 * and @discordjs/*) in about twice the time it takes to load the same code bundled, and it is the
 * largest part of the bot's start-up; zod, loaded by every program to check its settings and state,
 * took 110–140 ms as modules against 35–40 ms bundled with a code cache. Each bundle is CommonJS
 * (without comments and spaces), loaded through `vm.Script` with a V8 code cache made by the build:
 * node 20 keeps no compiled code from one start to the next (node 22's module.enableCompileCache
 * does), and compiling a bundle was a third of its load. A cache V8 refuses (another node version)
 * only costs that time again. Each ESM face lists the exports by name so that
 * `import { Client } from 'discord.js'` works against it; optional native add-ons stay outside
 * (discord.js tries them and does without).
 */
export const VENDORED = ['discord.js', 'zod'];
const VENDOR_DIR = join(DIST, 'vendor');
const vendorFiles = (name) => ({
  face: join(VENDOR_DIR, `${name}.mjs`),
  bundle: join(VENDOR_DIR, `${name}.cjs`),
  codeCache: join(VENDOR_DIR, `${name}.code-cache`),
});
const OPTIONAL_ADDONS = ['zlib-sync', 'bufferutil', 'utf-8-validate', 'erlpack', '@discordjs/voice', 'ffmpeg-static', 'sodium', 'sodium-native', 'libsodium-wrappers'];

/** What the bundles were made from: each package's version, esbuild's and node's, whose V8 made the code caches (bundles of the same are kept from one build to the next). */
function vendorStamp() {
  const require = createRequire(join(ROOT, 'package.json'));
  const versionOf = (name) => {
    for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
      const file = join(dir, 'package.json');
      if (existsSync(file)) {
        const json = JSON.parse(readFileSync(file, 'utf8'));
        if (json.name === name) return json.version;
      }
    }
    return 'unknown';
  };
  return `${VENDORED.map((name) => `${name} ${versionOf(name)}`).join(', ')}, esbuild ${versionOf('esbuild')}, node ${process.version}, CommonJS with a code cache\n`;
}

const VENDOR_STAMP = join(VENDOR_DIR, '.made-from');

/** What the bundles in dist/ say they were made from; undefined without them. */
function madeFrom() {
  try {
    return VENDORED.every((name) => existsSync(vendorFiles(name).face)) ? readFileSync(VENDOR_STAMP, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** Whether this node made the bundles (a cheap check for every start: vendorStamp reads the packages' versions). */
function vendorMadeByThisNode() {
  return madeFrom()?.includes(`, node ${process.version},`) ?? false;
}

function vendorIsFresh() {
  const stamp = madeFrom();
  if (stamp === undefined) return false;
  try {
    return stamp === vendorStamp();
  } catch {
    return false;
  }
}

/**
 * Node 20 reads Unicode property escapes (\p{L}) in regular expressions, but esbuild's table for
 * `node20` says otherwise and turns each such literal into a `new RegExp(…)` call, made again every
 * time its line runs: in the answer path, for every candidate passage of every question.
 */
const NODE20_REGEXPS = { 'regexp-unicode-property-escapes': true };

async function bundleVendored(esbuild, name) {
  const require = createRequire(join(ROOT, 'package.json'));
  const names = Object.keys(require(name)).filter((exported) => /^[A-Za-z_$][\w$]*$/.test(exported) && exported !== 'default');
  const files = vendorFiles(name);
  await esbuild({
    entryPoints: [name],
    absWorkingDir: ROOT,
    outfile: files.bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: OPTIONAL_ADDONS,
    // Names are kept (discord.js shows class names in its errors); only spaces and comments go.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
  });
  writeFileSync(files.face, vendorFace(name, names));
  rmSync(files.codeCache, { force: true });
  // The cache holds what loading compiled, so it is made by a process that loads the bundle.
  const made = spawnSync(process.execPath, [files.face], { env: { ...process.env, KZ_WRITE_CODE_CACHE: files.codeCache }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`loading the ${name} bundle failed: ${made.stderr.trim()}`);
}

/** A bundle's ESM face: loads it with its code cache, and exports the package's names. */
function vendorFace(name, names) {
  return `// Made by scripts/build.mjs.
import Module, { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script, constants } from 'node:vm';

const file = fileURLToPath(new URL(${JSON.stringify(`./${name}.cjs`)}, import.meta.url));
let cachedData;
try {
  cachedData = readFileSync(new URL(${JSON.stringify(`./${name}.code-cache`)}, import.meta.url));
} catch {}
const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData, importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
if (process.env.KZ_WRITE_CODE_CACHE) writeFileSync(process.env.KZ_WRITE_CODE_CACHE, script.createCachedData());
const vendored = module.exports;
${names.map((exported, i) => `const $${i} = vendored[${JSON.stringify(exported)}];`).join('\n')}
// Export names may be words that cannot name a variable (zod exports "null", "enum", "function").
export { ${names.map((exported, i) => `$${i} as ${exported}`).join(', ')} };
export default vendored;
`;
}

/** Imports of a vendored package point at its bundle (see VENDORED). */
const vendoredFromBundles = {
  name: 'vendored-from-bundles',
  setup(build) {
    const filter = new RegExp(`^(${VENDORED.map((name) => name.replace(/[.]/g, '\\.')).join('|')})$`);
    build.onResolve({ filter }, (args) => {
      const compiled = join(DIST, relative(ROOT, args.importer));
      const path = relative(dirname(compiled), vendorFiles(args.path).face).split('\\').join('/');
      return { path: path.startsWith('.') ? path : `./${path}`, external: true };
    });
  },
};

export async function build({ force = false, quiet = false } = {}) {
  const files = sourceFiles();
  // A new node (whose V8 would refuse the code cache) makes the bundle again, with no source changed;
  // a new discord.js or esbuild comes with npm install, whose `prepare` builds with --force.
  if (!force && !isStale(files) && vendorMadeByThisNode()) return false;
  const started = performance.now();
  const { build: esbuild } = await import('esbuild');
  // dist/ is emptied, not removed: it may be a mount point (the systemd unit's ReadWritePaths).
  const keepVendor = vendorIsFresh();
  if (existsSync(DIST)) for (const entry of readdirSync(DIST)) if (!(entry === 'vendor' && keepVendor)) rmSync(join(DIST, entry), { recursive: true, force: true });
  await esbuild({
    entryPoints: files,
    outdir: DIST,
    outbase: ROOT,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    supported: NODE20_REGEXPS,
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [keepRelativeImports, vendoredFromBundles],
  });
  if (!keepVendor) {
    for (const name of VENDORED) await bundleVendored(esbuild, name);
    writeFileSync(VENDOR_STAMP, vendorStamp());
  }
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
