/**
 * The layers are one-way: a module imports only from its own layer or the layers below it (see the
 * README's design section). Read from the source, so that a new import that crosses the wrong way
 * fails here with the file and the import named.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

/** Lowest first. Services at one rank do not import each other. */
const LAYERS: { name: string; rank: number; folders: string[] }[] = [
  { name: 'util', rank: 0, folders: ['src/util'] },
  { name: 'core', rank: 1, folders: ['src/core'] },
  { name: 'state', rank: 2, folders: ['src/state'] },
  { name: 'library', rank: 3, folders: ['src/library'] },
  { name: 'digest', rank: 4, folders: ['src/digest'] },
  { name: 'feedback', rank: 4, folders: ['src/feedback'] },
  { name: 'ingest', rank: 4, folders: ['src/ingest'] },
  { name: 'bot', rank: 5, folders: ['src/bot'] },
  { name: 'commands', rank: 6, folders: ['commands'] },
  { name: 'discord', rank: 6, folders: ['src/discord'] },
  { name: 'terminal', rank: 6, folders: ['src/terminal'] },
  { name: 'cli', rank: 7, folders: ['src/cli', 'src/main.ts'] },
];

function layerOf(file: string) {
  const path = relative(ROOT, file).split(sep).join('/');
  return LAYERS.find((layer) => layer.folders.some((folder) => path === folder || path.startsWith(`${folder}/`)));
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => resolve(dirname(file), match[1] ?? match[2]!));
}

describe('layers', () => {
  const files = [...sources('src'), ...sources('commands')];

  it('reads the imports (a check of the check)', () => {
    const start = importsOf(join(ROOT, 'src/bot/start.ts')).map((target) => relative(ROOT, target));
    expect(start).toEqual(expect.arrayContaining(['src/library/library', 'src/digest/digest-service', 'src/state/state-file']));
  });

  it('every module belongs to a layer', () => {
    expect(files.filter((file) => !layerOf(file)).map((file) => relative(ROOT, file))).toEqual([]);
  });

  it('imports go only down (or within a layer), never up or sideways between services', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const from = layerOf(file)!;
      for (const target of importsOf(file)) {
        const to = layerOf(target.endsWith('.ts') ? target : `${target}.ts`) ?? layerOf(target);
        if (!to) continue; // outside src/ and commands/ (none should be): caught by the test below
        if (to.rank > from.rank || (to.rank === from.rank && to.name !== from.name)) {
          wrong.push(`${relative(ROOT, file)} (${from.name}) imports ${relative(ROOT, target)} (${to.name})`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the bot and its adapters never import the test code or the scripts', () => {
    const outside = files.flatMap((file) => importsOf(file).filter((target) => !layerOf(target.endsWith('.ts') ? target : `${target}.ts`) && !layerOf(target)).map((target) => `${relative(ROOT, file)} imports ${relative(ROOT, target)}`));
    expect(outside).toEqual([]);
  });

  it('the core reads no files and knows nothing of Discord or of processes', () => {
    const core = sources('src/core');
    const offending = core.filter((file) => /from ['"](?:node:fs|node:fs\/promises|fs|discord\.js|node:child_process|node:worker_threads)['"]|process\.(?:env|exit|argv)/.test(readFileSync(file, 'utf8')));
    expect(offending.map((file) => relative(ROOT, file))).toEqual([]);
  });

  it('what the benches and the soak use of the test support loads outside vitest (it imports no vitest)', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const target of importsOf(file)) {
        const path = target.endsWith('.ts') ? target : `${target}.ts`;
        if (relative(ROOT, path).startsWith(`tests${sep}`)) visit(path);
      }
    };
    for (const script of readdirSync(join(ROOT, 'scripts')).filter((name) => name.endsWith('.ts'))) visit(join(ROOT, 'scripts', script));
    const reached = [...seen].filter((file) => relative(ROOT, file).startsWith(`tests${sep}`));
    expect(reached.map((file) => relative(ROOT, file))).toContain(join('tests', 'support', 'bot-harness.ts'));
    expect(reached.filter((file) => /from ['"]vitest['"]/.test(readFileSync(file, 'utf8'))).map((file) => relative(ROOT, file))).toEqual([]);
  });
});
