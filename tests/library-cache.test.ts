/** The library's cache: a start from it answers exactly like a fresh build, and nothing in a cache file is trusted blindly. */
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { brownArticles } from './support/brown';
import { articleMarkdown } from '../scripts/brown-folder';
import type { Engine } from '../src/core/engine';
import { captureMiniSearch, restoreMiniSearch } from '../src/core/minisearch-snapshot';
import { joinsBackWhole } from '../src/core/passages';
import type { Article, ArticleText } from '../src/core/types';
import { buildFromFolder } from '../src/library/build';
import { buildInWorker } from '../src/library/cache-builder';
import { cacheUpdatedFromFile } from '../src/library/cache-update';
import { packCacheFile, unpackCacheFile } from '../src/library/cache-file';
import { decodeLibraryCache, encodeLibraryCache, libraryCacheFile, writeLibraryCache } from '../src/library/library-cache';
import { loadAnalysis } from '../src/library/analysis-data';
import { createLogger } from '../src/util/logger';
import { sentences } from '../src/util/text';
import { LogCapture } from './support/bot-harness';
import { engineOf, openLibrary, teamLoadedAnalysis } from './support/engine';
import { temporaryDir } from './support/temporary-dir';

const ROOT = join(import.meta.dirname, '..');
const evalSet = JSON.parse(readFileSync(join(ROOT, 'tests/eval/questions.json'), 'utf8')) as { answerable: { question: string }[]; unanswerable: string[] };
const QUESTIONS = [...evalSet.answerable.map((item) => item.question), ...evalSet.unanswerable];

/** Everything an answer says, passages by article file and position (ids and objects differ between engines). */
const answersOf = (engine: Engine) =>
  QUESTIONS.map((question) =>
    JSON.stringify(engine.answer(question), (key, value: unknown) => (key === 'article' ? (value as Article).file : key === 'id' ? undefined : value)),
  );

let brown: ArticleText[];
let folder: string;
let expected: string[];

/**
 * A knowledge folder: the team's articles plus a dozen Brown texts (several hundred passages,
 * distractors included), dated an hour ago as a folder is when the bot starts: a file changed in
 * the seconds before it is listed is recorded as recent (see fileRecord), so that two builds a few
 * seconds apart would record it differently.
 */
function writeFolder(dir: string, articles: ArticleText[]): void {
  cpSync(join(ROOT, 'knowledge'), dir, { recursive: true });
  mkdirSync(join(dir, 'brown'), { recursive: true });
  for (const article of articles) writeFileSync(join(dir, `${article.file}.md`), articleMarkdown(article));
  const anHourAgo = new Date(Date.now() - 3_600_000);
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) if (file.endsWith('.md')) utimesSync(join(dir, file), anHourAgo, anHourAgo);
}

const cacheFiles = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('library-'));

/** Writes a folder's cache as the cache builder does (the same functions, on this thread: quicker than starting the worker). */
async function writeCache(dir: string, cacheDir: string): Promise<void> {
  const { analysis, key } = teamLoadedAnalysis();
  const built = await buildFromFolder(dir, analysis);
  await writeLibraryCache(libraryCacheFile(cacheDir, dir, key), encodeLibraryCache(key, built.engine.save(), built.sources));
}

beforeAll(async () => {
  brown = brownArticles().slice(0, 12);
  folder = temporaryDir('kz-library-');
  writeFolder(folder, brown);
  const fresh = await openLibrary(folder);
  expected = answersOf(fresh.engine);
  expect(fresh.engine.passageCount).toBeGreaterThan(300);
});

describe('library cache', () => {
  it('is built by the worker at the first start, and a start from it answers exactly like a fresh build', { timeout: 90_000 }, async () => {
    const cacheDir = temporaryDir('kz-cache-');
    const first = await openLibrary(folder, { cacheDir, worker: true });
    expect(first.origin).toBe('worker');
    expect(cacheFiles(cacheDir)).toHaveLength(1);
    const again = await openLibrary(folder, { cacheDir });
    expect(again.origin).toBe('cache');
    expect(answersOf(again.engine)).toEqual(expected);
    expect(answersOf(first.engine)).toEqual(expected);
    expect(again.engine.catalog.minerals.map((m) => [m.name, m.passages.length])).toEqual(first.engine.catalog.minerals.map((m) => [m.name, m.passages.length]));
    // People by name, role and the passages naming them (a deep comparison of the passage objects, each with its article, takes vitest seconds).
    const people = (engine: Engine) => engine.catalog.people.map((person) => [person.name, person.role, person.passages.map((passage) => `${passage.article.file}#${passage.position}: ${passage.text}`)]);
    expect(people(again.engine)).toEqual(people(first.engine));
  });

  it('is the same file whatever the batches a build from nothing adds its articles in', async () => {
    const { analysis, key } = teamLoadedAnalysis();
    const cacheOf = async (batchPassages?: number) => {
      const built = await buildFromFolder(folder, analysis, { batchPassages });
      return encodeLibraryCache(key, built.engine.save(), built.sources);
    };
    const whole = await cacheOf(1_000_000);
    expect((await cacheOf(7)).equals(whole)).toBe(true);
    expect((await cacheOf()).equals(whole)).toBe(true);
  });

  it('saved again once restored, is the same file to the byte (the texts copied as the cache held them, Russian and typographic quotes included)', async () => {
    const dir = temporaryDir('kz-resave-');
    writeFolder(dir, brown.slice(0, 3));
    writeFileSync(join(dir, 'ru.md'), '---\ntitle: "Казахстан и США подписали меморандум"\n---\n\nМеморандум о «критических минералах» подписали в Вашингтоне.\n');
    const { analysis, key } = teamLoadedAnalysis();
    const built = await buildFromFolder(dir, analysis);
    const bytes = encodeLibraryCache(key, built.engine.save(), built.sources);
    const restored = decodeLibraryCache(bytes, key, analysis);
    expect(restored.engine.passages.some((passage) => /Вашингтоне/.test(passage?.text ?? ''))).toBe(true);
    expect(encodeLibraryCache(key, restored.engine.save(), [...restored.sources.values()]).equals(bytes)).toBe(true);
  });

  it('reads only what changed since the cache, and recognises a touched file by its hash', async () => {
    const dir = temporaryDir('kz-changed-');
    writeFolder(dir, brown.slice(0, 11));
    const cacheDir = temporaryDir('kz-cache-');
    await writeCache(dir, cacheDir);
    // Since the cache: one article added, one touched (same bytes, new time).
    writeFileSync(join(dir, `${brown[11]!.file}.md`), articleMarkdown(brown[11]!));
    const touched = join(dir, `${brown[0]!.file}.md`);
    utimesSync(touched, new Date(), new Date(Date.now() + 5_000));
    const logs = new LogCapture();
    const library = await openLibrary(dir, { cacheDir, log: createLogger('debug', logs.stream) });
    expect(library.origin).toBe('cache');
    expect(logs.entries().find((line) => line.msg === 'knowledge base loaded')).toMatchObject({ changedSinceCache: 1 });
    expect(answersOf(library.engine)).toEqual(expected);
  });

  it('is written again when a start read files only to find them unchanged (copied back, touched), so that the next start reads none', async () => {
    const dir = temporaryDir('kz-restored-');
    writeFolder(dir, brown.slice(0, 3));
    const cacheDir = temporaryDir('kz-cache-');
    await writeCache(dir, cacheDir);
    // Restored from a copy: the same bytes and times, other files on disk. The old files are
    // removed only after the copy is back, so that it cannot be given their inode numbers again
    // (it was, now and then: a file of the same inode, size and time is rightly taken as unchanged).
    const copy = temporaryDir('kz-restored-copy-');
    cpSync(dir, copy, { recursive: true, preserveTimestamps: true });
    const old = `${dir}-old`;
    renameSync(dir, old);
    cpSync(copy, dir, { recursive: true, preserveTimestamps: true });
    rmSync(old, { recursive: true });
    const loaded = (logs: LogCapture) => logs.entries().find((line) => line.msg === 'knowledge base loaded');

    const logs = new LogCapture();
    const first = await openLibrary(dir, { cacheDir, cacheRewriteDelayMs: 1, log: createLogger('debug', logs.stream) });
    expect(loaded(logs)).toMatchObject({ index: 'cache', changedSinceCache: 0 });
    expect(loaded(logs)!.unchangedButReadAgain).toBeGreaterThan(3);
    await expect.poll(() => logs.entries().some((line) => line.msg === 'cache: saved'), { timeout: 15_000 }).toBe(true);
    await first.close();

    const again = new LogCapture();
    const second = await openLibrary(dir, { cacheDir, cacheRewriteDelayMs: 1, log: createLogger('debug', again.stream) });
    expect(loaded(again)).toMatchObject({ index: 'cache', changedSinceCache: 0, unchangedButReadAgain: 0 });
    await second.close();
  });

  it('refuses a damaged, truncated or foreign cache file: logged once, deleted, built again, answers unchanged', async () => {
    const cacheDir = temporaryDir('kz-cache-');
    await writeCache(folder, cacheDir);
    const [name] = cacheFiles(cacheDir);
    const file = join(cacheDir, name!);
    const good = readFileSync(file);
    const damaged = [
      Buffer.from(good).fill(0x5a, good.length >> 1, (good.length >> 1) + 16), // bytes changed in the middle
      good.subarray(0, good.length - 100), // truncated
      good.subarray(0, 30),
      Buffer.from('{"not":"a cache"}'),
      Buffer.alloc(0),
    ];
    for (const bytes of damaged) {
      writeFileSync(file, bytes);
      const logs = new LogCapture();
      const library = await openLibrary(folder, { cacheDir, log: createLogger('debug', logs.stream) });
      expect(library.origin).toBe('built');
      expect(answersOf(library.engine)).toEqual(expected);
      expect(logs.atLeast(40).filter((line) => String(line.msg).includes('cannot be used'))).toHaveLength(1);
      expect(cacheFiles(cacheDir)).toEqual([]); // deleted, to be written again by the cache builder
    }
  });

  it('refuses a cache that is internally inconsistent even with a valid checksum, and no cache content makes answering throw', async () => {
    const cacheDir = temporaryDir('kz-cache-');
    await writeCache(folder, cacheDir);
    const [name] = cacheFiles(cacheDir);
    const file = join(cacheDir, name!);
    const key = teamLoadedAnalysis().key;
    const good = readFileSync(file);
    const mutations: ((parts: ReturnType<typeof unpackCacheFile>) => void)[] = [
      (parts) => parts.index!.arrays.documentIds!.fill(7, 0, 3), // passages no article has
      (parts) => (parts.articles!.meta.articles as { count: number }[])[0]!.count++, // one passage too many
      (parts) => ((parts.articles!.meta.articles as { facts: unknown }[])[1]!.facts = { minerals: [['tungsten', [999]]] }),
      (parts) => (parts.sources!.meta.sources = []),
      (parts) => parts.index!.arrays.postingBytes!.fill(0x7f, 0, 64), // postings of documents that do not exist
      (parts) => (parts.index!.strings.frequencyTerms = 'x'),
    ];
    for (const mutate of mutations) {
      const parts = unpackCacheFile(Buffer.from(good), key);
      mutate(parts);
      writeFileSync(file, packCacheFile(key, parts));
      const logs = new LogCapture();
      const library = await openLibrary(folder, { cacheDir, log: createLogger('debug', logs.stream) });
      expect(() => answersOf(library.engine)).not.toThrow();
      if (library.origin === 'cache') {
        // Accepted at start only because the damage is in posting lists, which are read when first
        // needed: left out, reported once, and the file deleted so that it is built again.
        expect(library.engine.index.damaged).toMatch(/posting/);
        expect(logs.atLeast(40).filter((line) => String(line.msg).includes('damaged'))).toHaveLength(1);
        await expect.poll(() => cacheFiles(cacheDir)).toEqual([]);
      } else {
        expect(answersOf(library.engine)).toEqual(expected);
      }
    }
  });

  it('removes temporary files left by an interrupted write at the next start', async () => {
    const cacheDir = temporaryDir('kz-cache-');
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(join(cacheDir, 'library-0123.bin.tmp-999999-1'), 'half a file');
    writeFileSync(join(cacheDir, 'index-abc.bin.999999-3.tmp'), 'half a file of an older version');
    await openLibrary(folder, { cacheDir });
    expect(readdirSync(cacheDir).filter((name) => name.includes('tmp'))).toEqual([]);
  });

  it('checks a cached English model before trusting it ("{}" would decline every question)', async () => {
    const cacheDir = temporaryDir('kz-cache-');
    await loadAnalysis({ cacheDir });
    const [english] = readdirSync(cacheDir).filter((name) => name.startsWith('english-'));
    writeFileSync(join(cacheDir, english!), '{}');
    const logs = new LogCapture();
    const { analysis } = await loadAnalysis({ cacheDir, log: createLogger('debug', logs.stream) });
    expect(logs.atLeast(40).map((line) => line.msg)).toEqual([expect.stringContaining('is not a usable English model')]);
    expect(analysis.english.frequency(analysis.analyzer.termOf('went')!)).toBeGreaterThan(100);
    expect(JSON.parse(readFileSync(join(cacheDir, english!), 'utf8')).terms.length).toBeGreaterThan(10_000); // made again
  });

  it('keeps the newest few English models when the data changes, deleting older ones', async () => {
    const cacheDir = temporaryDir('kz-cache-');
    mkdirSync(cacheDir, { recursive: true });
    // Models of six earlier versions of the data, written an hour apart; and a library cache file, which is not theirs to prune.
    const old = Array.from({ length: 6 }, (_, i) => `english-${'0'.repeat(23)}${i}.json`);
    old.forEach((name, i) => {
      writeFileSync(join(cacheDir, name), '{}');
      utimesSync(join(cacheDir, name), new Date(Date.now() - (10 - i) * 3_600_000), new Date(Date.now() - (10 - i) * 3_600_000));
    });
    writeFileSync(join(cacheDir, 'library-0123.bin'), 'x');
    const { key } = await loadAnalysis({ cacheDir });
    expect(readdirSync(cacheDir).sort()).toEqual([...old.slice(-3), `english-${key}.json`, 'library-0123.bin'].sort());
  });

  it('after a change, is rewritten by the worker from the cache before it, reading only the changed file, and a start from it answers as a fresh build', { timeout: 90_000 }, async () => {
    const dir = temporaryDir('kz-rewrite-');
    writeFolder(dir, brown.slice(0, 11));
    const cacheDir = temporaryDir('kz-cache-');
    await writeCache(dir, cacheDir);
    const logs = new LogCapture();
    const saves = () => logs.entries().filter((line) => line.msg === 'cache: saved');
    const library = await openLibrary(dir, { cacheDir, cacheRewriteDelayMs: 1, log: createLogger('debug', logs.stream) });
    expect(library.origin).toBe('cache');

    // Added now: recorded as recently written (see fileRecord), to be read again at the next look.
    const added = join(dir, `${brown[11]!.file}.md`);
    const time = Math.floor(Date.now() / 1000);
    writeFileSync(added, articleMarkdown(brown[11]!));
    utimesSync(added, time, time);
    expect((await library.refresh()).added).toEqual([`${brown[11]!.file}.md`]);
    await expect.poll(() => saves().length, { timeout: 60_000 }).toBe(1);
    expect(saves()[0]).toMatchObject({ fromCache: true, filesRead: 1, articles: library.engine.articles.length, passages: library.engine.passageCount });

    // Changed again in the same second, its size kept: only its being recent tells the rewrite to read it.
    const text = readFileSync(added, 'utf8');
    const word = /\n\n[^\n]*?\b[a-z]{6}\b/.exec(text)!;
    const at = word.index + word[0].length - 6;
    writeFileSync(added, `${text.slice(0, at)}quokka${text.slice(at + 6)}`);
    utimesSync(added, time, time);
    expect((await library.refresh()).changed).toEqual([`${brown[11]!.file}.md`]);
    await expect.poll(() => saves().length, { timeout: 60_000 }).toBe(2);
    expect(saves()[1]).toMatchObject({ fromCache: true, filesRead: 1 });
    await library.close();

    const [again, fresh] = await Promise.all([openLibrary(dir, { cacheDir }), openLibrary(dir)]);
    expect(again.origin).toBe('cache');
    expect(again.engine.answer('quokka').answered).toBe(true);
    const withQuokka = (engine: Engine) => [...answersOf(engine), JSON.stringify(engine.answer('quokka').results.map((r) => `${r.passage.article.file}#${r.passage.position}`))];
    expect(withQuokka(again.engine)).toEqual(withQuokka(fresh.engine));
    await Promise.all([again.close(), fresh.close()]);
  });

  it('is rewritten from nothing when the cache before it turns out damaged only as it is read (a posting list)', { timeout: 90_000 }, async () => {
    const cacheDir = temporaryDir('kz-cache-');
    await writeCache(folder, cacheDir);
    const loaded = teamLoadedAnalysis();
    const file = libraryCacheFile(cacheDir, folder, loaded.key);
    const parts = unpackCacheFile(readFileSync(file), loaded.key);
    parts.index!.arrays.postingBytes!.fill(0x7f, 0, 64); // accepted at start: posting lists are read when first needed
    writeFileSync(file, packCacheFile(loaded.key, parts));
    expect(await cacheUpdatedFromFile(folder, cacheDir, loaded)).toBeUndefined();
    // The cache builder then builds from nothing, and the file it writes is sound.
    const rebuilt = await buildInWorker({ knowledgeDir: folder, cacheDir, analysisKey: loaded.key, returnBytes: false, fromCache: true }, createLogger('silent'));
    expect(rebuilt.fromCache).toBe(false);
    expect(rebuilt.writeError).toBeUndefined();
    const again = await openLibrary(folder, { cacheDir });
    expect(again.origin).toBe('cache');
    expect(answersOf(again.engine)).toEqual(expected);
    expect(again.engine.index.damaged).toBeUndefined();
    // No cache file at all: built from nothing, every file read.
    rmSync(file);
    const fresh = await buildInWorker({ knowledgeDir: folder, cacheDir, analysisKey: loaded.key, returnBytes: false, fromCache: true }, createLogger('silent'));
    expect(fresh).toMatchObject({ fromCache: false, filesRead: readdirSync(folder, { recursive: true }).filter((name) => String(name).endsWith('.md')).length });
  });

  it('a file changed in any way is read again: a byte of its text, a field of its front matter', async () => {
    const dir = temporaryDir('kz-edits-');
    writeFolder(dir, brown.slice(0, 3));
    const library = await openLibrary(dir);
    const file = join(dir, `${brown[0]!.file}.md`);
    const edits: [string, (text: string) => string, (engine: Engine) => unknown][] = [
      ['text', (text) => text.replace(/\.\n/, '. Zyzzyva quokka.\n'), (engine) => engine.answer('zyzzyva quokka').answered],
      ['title', (text) => text.replace(/^title: .*$/m, 'title: "A quokka title"'), (engine) => engine.record(`${brown[0]!.file}.md`)?.article.title],
      ['published', (text) => text.replace(/^title: (.*)$/m, 'title: $1\npublished: 1999-01-01'), (engine) => engine.record(`${brown[0]!.file}.md`)?.article.published],
    ];
    for (const [what, edit, seen] of edits) {
      const before = seen(library.engine);
      writeFileSync(file, edit(readFileSync(file, 'utf8')));
      const change = await library.refresh();
      expect(change.changed, what).toEqual([`${brown[0]!.file}.md`]);
      expect(seen(library.engine), what).not.toEqual(before);
    }
  });
});

describe('MiniSearch upgrade: answers stay right through the public API', () => {
  it('an engine whose layout check fails answers exactly as the fast one', () => {
    const articles = brown.slice(0, 6);
    const fast = engineOf(articles);
    const warnings: string[] = [];
    const fallback = engineOf(articles, { index: { useInternals: false, onWarning: (message) => warnings.push(message) } });
    expect(fast.index.readerKind).toBe('internals');
    expect(fallback.index.readerKind).toBe('public');
    const top = (engine: Engine) => QUESTIONS.map((q) => engine.answer(q)).map((a) => [a.answered, a.results.map((r) => `${r.passage.article.file}#${r.passage.position}`)]);
    expect(top(fallback)).toEqual(top(fast));
  });

  it('a library whose cache was written for the known layout builds again through the public API, and caches in MiniSearch’s own format', async () => {
    const cacheDir = temporaryDir('kz-cache-');
    await writeCache(folder, cacheDir);
    const logs = new LogCapture();
    const library = await openLibrary(folder, { cacheDir, engine: { index: { useInternals: false } }, log: createLogger('debug', logs.stream) });
    expect(library.origin).toBe('built');
    expect(library.engine.index.readerKind).toBe('public');
    const top = (engine: Engine) => QUESTIONS.map((q) => engine.answer(q).results[0]?.passage.text ?? null);
    expect(top(library.engine)).toEqual(top((await openLibrary(folder)).engine));
    const saved = library.engine.save();
    expect(typeof saved.index.strings.miniSearchJson).toBe('string');
  });
});

describe('MiniSearch snapshot (minisearch-snapshot.ts leans on MiniSearch internals: this fails if an upgrade changes them)', () => {
  interface Doc {
    id: number;
    text: string;
    title: string;
  }
  const OPTIONS: Options<Doc> = { fields: ['text', 'title'], storeFields: [] };
  const docsOf = () => brown.slice(0, 12).flatMap((article, a) => article.body.split('\n\n').map((text, p) => ({ id: a * 1000 + p, text, title: article.title })));

  it('restores a state identical to the original, which searches identically', () => {
    const docs: Doc[] = docsOf();
    const built = new MiniSearch<Doc>(OPTIONS);
    built.addAll(docs);
    const restored = restoreMiniSearch<Doc>(captureMiniSearch(built), OPTIONS);

    // A few hundred queries: exact, prefix and fuzzy terms (prefix and fuzzy search walk the terms'
    // tree and read values the restored index has not decoded yet), alone and together.
    const words = [...new Set(docs.flatMap((doc) => doc.text.toLowerCase().match(/[a-z]{3,}/g) ?? []))].sort();
    const pick = (i: number) => words[(i * 7919) % words.length]!;
    const queries: [string, SearchOptions][] = [];
    for (let i = 0; i < 150; i++) queries.push([pick(i), {}]);
    for (let i = 0; i < 50; i++) queries.push([`${pick(i)} ${pick(i + 1000)} ${pick(i + 2000)}`, { combineWith: 'AND' }]);
    for (let i = 0; i < 50; i++) queries.push([pick(i + 3000).slice(0, 3), { prefix: true }]);
    for (let i = 0; i < 50; i++) queries.push([pick(i + 4000), { fuzzy: 0.3 }]);
    queries.push(['the of and a', { boost: { title: 2 } }]);
    for (const [query, options] of queries) expect(restored.search(query, options)).toEqual(built.search(query, options));
    expect(restored.autoSuggest('wor')).toEqual(built.autoSuggest('wor'));
    expect(restored.documentCount).toBe(built.documentCount);
    expect(restored.termCount).toBe(built.termCount);
    expect(restored.has(docs[5]!.id)).toBe(true);

    // The whole state, orders included (toJSON walks every term, field and posting).
    expect(JSON.stringify(restored)).toBe(JSON.stringify(built));

    // Still a working index: documents can be added and removed as in the original.
    for (const index of [built, restored]) {
      index.remove(docs[0]!);
      index.add({ id: 999_999, text: 'zyzzyva quokka', title: 'new' });
    }
    expect(restored.search('quokka')).toEqual(built.search('quokka'));
    expect(restored.search(pick(3))).toEqual(built.search(pick(3)));
  });

  it('saves a restored index as it was saved, without keeping the posting lists it decodes to do so', () => {
    const built = new MiniSearch<Doc>(OPTIONS);
    built.addAll(docsOf());
    const snapshot = captureMiniSearch(built);
    const restored = restoreMiniSearch<Doc>(snapshot, OPTIONS);
    restored.search('jury');
    // Terms whose posting lists are still as the snapshot has them (encoded: a number), found by walking the radix tree.
    const stillEncoded = () => {
      let count = 0;
      const walk = (node: Map<string, unknown>) => {
        for (const key of Map.prototype.keys.call(node)) {
          const value = Map.prototype.get.call(node, key);
          if (key === '') count += typeof value === 'number' ? 1 : 0;
          else walk(value as Map<string, unknown>);
        }
      };
      walk((restored as unknown as { _index: { _tree: Map<string, unknown> } })._index._tree);
      return count;
    };
    const before = stillEncoded();
    expect(before).toBeGreaterThan(1000);
    expect(captureMiniSearch(restored)).toEqual(snapshot);
    expect(stillEncoded()).toBe(before);
    expect(restored.search('jury')).toEqual(built.search('jury'));
  });

  it('saves an index documents were removed from as if it had been built without them', () => {
    const docs: Doc[] = docsOf();
    const changed = new MiniSearch<Doc>(OPTIONS);
    changed.addAll(docs);
    for (const doc of docs.filter((_, i) => i % 3 === 0)) changed.remove(doc);
    const restored = restoreMiniSearch<Doc>(captureMiniSearch(changed), OPTIONS);
    const words = ['the', 'jury', 'said', 'city', 'election', 'fulton'];
    for (const word of words) expect(restored.search(word)).toEqual(changed.search(word));
    expect(restored.documentCount).toBe(changed.documentCount);
  });

  it('refuses a snapshot of another shape instead of misreading it', () => {
    const built = new MiniSearch<Doc>(OPTIONS);
    built.addAll([{ id: 1, text: 'one two', title: 'x' }]);
    const snapshot = captureMiniSearch(built);
    expect(() => restoreMiniSearch({ ...snapshot, meta: { ...snapshot.meta, fields: 'other' } }, OPTIONS)).toThrow();
    expect(() => restoreMiniSearch({ ...snapshot, arrays: { ...snapshot.arrays, shape: new Uint32Array([9]) } }, OPTIONS)).toThrow();
    expect(() => restoreMiniSearch({ ...snapshot, meta: { ...snapshot.meta, documentCount: 5 } }, OPTIONS)).toThrow();
    expect(() => restoreMiniSearch(snapshot, { ...OPTIONS, fields: ['text'] })).toThrow();
  });
});

describe('splitting shortcut (passages.ts skips finding sentences for a block that fits)', () => {
  it('only when the sentences joined by spaces give the paragraph back', () => {
    const check = (text: string) => {
      if (joinsBackWhole(text)) expect(sentences(text).join(' ')).toBe(text);
    };
    let shortcuts = 0;
    for (const article of brownArticles()) {
      for (const block of article.body.split(/\n\s*\n/)) {
        const text = block.split('\n').map((line) => line.trim()).filter(Boolean).join(' ');
        if (text && joinsBackWhole(text)) shortcuts++;
        check(text);
      }
    }
    expect(shortcuts).toBeGreaterThan(10_000);
    const char = fc.constantFrom(...'aAzZ09 .?!;,:\'"()[]{}‘’“”。．․﹒…‼\u00a0\t-—\u0085\u2028UuSs'.split(''));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 40 }), (chars) => check(chars.join('').trim())),
      { numRuns: 20_000 },
    );
    for (const text of ['What?Yes.', 'He said "Hi."Then left.', 'U.S. Steel is big.', 'It is 3.5 m.', 'e.g. this', 'No.5 is it', 'Hi.) Then']) check(text);
  });
});

