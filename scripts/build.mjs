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
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
 * bot's start-up. Its exports are listed by name so that `import { Client } from 'discord.js'`
 * works against the bundle; optional native add-ons stay outside (discord.js tries them and does
 * without).
 */
const VENDOR = join(DIST, 'vendor', 'discord.js.mjs');
const OPTIONAL_ADDONS = ['zlib-sync', 'bufferutil', 'utf-8-validate', 'erlpack', '@discordjs/voice', 'ffmpeg-static', 'sodium', 'sodium-native', 'libsodium-wrappers'];

/** What the bundle was made from: discord.js's version and esbuild's (a bundle of the same is kept from one build to the next). */
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
  return `discord.js ${versionOf('discord.js')}, esbuild ${versionOf('esbuild')}\n`;
}

const VENDOR_STAMP = join(DIST, 'vendor', '.made-from');

function vendorIsFresh() {
  try {
    return existsSync(VENDOR) && readFileSync(VENDOR_STAMP, 'utf8') === vendorStamp();
  } catch {
    return false;
  }
}

async function bundleDiscordJs(esbuild) {
  const require = createRequire(join(ROOT, 'package.json'));
  const names = Object.keys(require('discord.js')).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
  await esbuild({
    stdin: { contents: `import discord from 'discord.js';\nexport const { ${names.join(', ')} } = discord;\nexport default discord;\n`, resolveDir: ROOT, loader: 'js' },
    outfile: VENDOR,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: OPTIONAL_ADDONS,
    // The bundle's CommonJS code calls require() for node's own modules and the optional add-ons.
    banner: { js: "import { createRequire as __vendorRequire } from 'node:module'; const require = __vendorRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  writeFileSync(VENDOR_STAMP, vendorStamp());
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
  if (!force && !isStale(files)) return false;
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
