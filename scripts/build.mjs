/**
 * Compiles the TypeScript of src/ and commands/ to JavaScript in dist/, one file for each (imports
 * kept as they are, with .js added), so that the bot and its command-line programs start without
 * compiling anything. Type checking is `npm run typecheck`'s job (and `npm test`'s); this only
 * strips types, in a fraction of a second.
 *
 *   node scripts/build.mjs           build if any source is newer than the last build (or node changed)
 *   node scripts/build.mjs --force   build anyway (the discord.js bundle only if what it is made from changed)
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

/**
 * discord.js as one file: node loads its few hundred modules (and undici's, and @discordjs/*) in
 * about twice the time it takes to load the same code bundled, and it is the largest part of the
 * bot's start-up. The bundle is CommonJS (without comments and spaces), loaded through `vm.Script`
 * with a V8 code cache made by the build: node 20 keeps no compiled code from one start to the
 * next (node 22's module.enableCompileCache does), and compiling the bundle was a third of its
 * load. A cache V8 refuses (another node version) only costs that time again. The ESM face
 * lists the exports by name so that `import { Client } from 'discord.js'` works against it;
 * optional native add-ons stay outside (discord.js tries them and does without).
 */
const VENDOR = join(DIST, 'vendor', 'discord.js.mjs');
const VENDOR_BUNDLE = join(DIST, 'vendor', 'discord.js.cjs');
const VENDOR_CODE_CACHE = join(DIST, 'vendor', 'discord.js.code-cache');
const OPTIONAL_ADDONS = ['zlib-sync', 'bufferutil', 'utf-8-validate', 'erlpack', '@discordjs/voice', 'ffmpeg-static', 'sodium', 'sodium-native', 'libsodium-wrappers'];

/** What the bundle was made from: discord.js's version, esbuild's and node's, whose V8 made the code cache (a bundle of the same is kept from one build to the next). */
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
  return `discord.js ${versionOf('discord.js')}, esbuild ${versionOf('esbuild')}, node ${process.version}, CommonJS with a code cache\n`;
}

const VENDOR_STAMP = join(DIST, 'vendor', '.made-from');

/** What the bundle in dist/ says it was made from; undefined without one. */
function madeFrom() {
  try {
    return existsSync(VENDOR) ? readFileSync(VENDOR_STAMP, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** Whether this node made the bundle (a cheap check for every start: vendorStamp reads two packages' versions). */
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

async function bundleDiscordJs(esbuild) {
  const require = createRequire(join(ROOT, 'package.json'));
  const names = Object.keys(require('discord.js')).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
  await esbuild({
    entryPoints: ['discord.js'],
    absWorkingDir: ROOT,
    outfile: VENDOR_BUNDLE,
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
  writeFileSync(VENDOR, vendorFace(names));
  rmSync(VENDOR_CODE_CACHE, { force: true });
  // The cache holds what loading compiled, so it is made by a process that loads the bundle.
  const made = spawnSync(process.execPath, [VENDOR], { env: { ...process.env, KZ_WRITE_CODE_CACHE: VENDOR_CODE_CACHE }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`loading the discord.js bundle failed: ${made.stderr.trim()}`);
  writeFileSync(VENDOR_STAMP, vendorStamp());
}

/** The bundle's ESM face: loads it with its code cache, and exports discord.js's names. */
function vendorFace(names) {
  return `// Made by scripts/build.mjs.
import Module, { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script, constants } from 'node:vm';

const file = fileURLToPath(new URL('./discord.js.cjs', import.meta.url));
let cachedData;
try {
  cachedData = readFileSync(new URL('./discord.js.code-cache', import.meta.url));
} catch {}
const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData, importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
if (process.env.KZ_WRITE_CODE_CACHE) writeFileSync(process.env.KZ_WRITE_CODE_CACHE, script.createCachedData());
const discord = module.exports;
export const { ${names.join(', ')} } = discord;
export default discord;
`;
}

/** Imports of discord.js point at the bundle (see bundleDiscordJs). */
const discordJsFromBundle = {
  name: 'discord-js-from-bundle',
  setup(build) {
    build.onResolve({ filter: /^discord\.js$/ }, (args) => {
      const compiled = join(DIST, relative(ROOT, args.importer));
      const path = relative(dirname(compiled), VENDOR).split('\\').join('/');
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
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [keepRelativeImports, discordJsFromBundle],
  });
  if (!keepVendor) await bundleDiscordJs(esbuild);
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
