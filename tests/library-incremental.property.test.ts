/**
 * An incremental refresh gives the same library as reading the folder from nothing: for any
 * sequence of files added, changed, touched, renamed and removed (titles colliding now and then),
 * the answers, the rejected files and what the catalog knows are the same. So does a start from a
 * cache file that was made again after each change from the one before it (as the cache builder
 * rewrites it).
 */
import { mkdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cacheUpdatedFromFile } from '../src/library/cache-update';
import { libraryCacheFile, writeLibraryCache } from '../src/library/library-cache';
import type { Library } from '../src/library/library';
import { openLibrary, teamLoadedAnalysis } from './support/engine';
import { temporaryDir } from './support/temporary-dir';

const WORDS = ['tungsten', 'gallium', 'Kazakhstan', 'memorandum', 'signed', 'deposit', 'reserves', 'Lutnick', 'minister', 'export', 'Almaty', 'rare', 'earth', 'mining', 'license'];
const QUESTIONS = [
  'Who signed the memorandum?',
  'How much tungsten does Kazakhstan have?',
  'Where is the gallium deposit?',
  'rare earth mining license',
  'What did the minister say about exports?',
  'Lutnick Almaty',
];

const sentence = fc
  .array(fc.constantFrom(...WORDS, 'the', 'a', 'of', 'in', 'was', 'by', 'Minister Lutnick', '2 million tonnes', 'in 2025'), { minLength: 3, maxLength: 12 })
  .map((words) => `${words.join(' ')}.`);
const article = fc.record({
  title: fc.constantFrom('Tungsten news', 'Gallium news', 'The memorandum', 'Mining licenses', 'Almaty talks', 'Rare earths'),
  published: fc.option(fc.constantFrom('2024-03-02', '2025-11-06', '2026-01-15'), { nil: undefined }),
  paragraphs: fc.array(fc.array(sentence, { minLength: 1, maxLength: 3 }).map((s) => s.join(' ')), { minLength: 1, maxLength: 4 }),
  section: fc.option(fc.constantFrom('Tungsten Opportunities', 'Signing'), { nil: undefined }),
  broken: fc.boolean().map((b) => b && Math.random() < 0.15),
});
type ArticleSpec = typeof article extends fc.Arbitrary<infer T> ? T : never;

/** Files are padded to a multiple of this many bytes (with line ends): different files often have the same size, so a change must be seen by more than size. */
const SIZE_STEP = 256;

function markdown(spec: ArticleSpec): string {
  if (spec.broken) return `---\ntitle: ${spec.title}\npublished: not a date\n---\n\nText.\n`;
  const front = [`title: ${JSON.stringify(spec.title)}`, ...(spec.published ? [`published: ${spec.published}`] : [])];
  const body = spec.section ? [spec.paragraphs[0]!, `## ${spec.section}`, ...spec.paragraphs.slice(1)] : spec.paragraphs;
  const text = `---\n${front.join('\n')}\n---\n\n${body.join('\n\n')}\n`;
  return text.padEnd(Math.ceil(Buffer.byteLength(text) / SIZE_STEP) * SIZE_STEP, '\n');
}

const FILES = ['a.md', 'b.md', 'c.md', 'sub/d.md', 'e.md'];
const operation = fc.oneof(
  // Dated: given a time of its own, in the past; else it keeps the time the file system gave it (now, shared by whatever else is written in this tick of the clock).
  fc.record({ kind: fc.constant('write' as const), file: fc.constantFrom(...FILES), spec: article, dated: fc.boolean() }),
  fc.record({ kind: fc.constant('remove' as const), file: fc.constantFrom(...FILES) }),
  fc.record({ kind: fc.constant('touch' as const), file: fc.constantFrom(...FILES) }),
  fc.record({ kind: fc.constant('rename' as const), file: fc.constantFrom(...FILES), to: fc.constantFrom(...FILES) }),
);

/** Everything a library shows of itself, independent of passage ids and of the order articles came in. */
function view(library: Library) {
  const { engine } = library;
  const answers = QUESTIONS.map((question) => {
    const answer = engine.answer(question);
    return { answered: answer.answered, results: answer.results.map((r) => ({ at: `${r.passage.article.file}#${r.passage.position}`, score: r.score.toFixed(9), matched: r.matchedTerms })) };
  });
  const catalog = engine.catalog;
  return {
    articles: [...engine.articles].map((a) => `${a.file}: ${a.title}`).sort(),
    passages: engine.passageCount,
    problems: library.problems.map((p) => `${p.file}: ${p.reason}`),
    answers,
    minerals: catalog.minerals.map((m) => `${m.name}: ${m.passages.map((p) => `${p.article.file}#${p.position}`).sort().join(' ')}`).sort(),
    agreements: catalog.agreements.map((a) => a.article.file).sort(),
    people: catalog.people.map((p) => p.name).sort(),
  };
}

type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

/**
 * Writes the initial articles into a new folder, then returns a function applying a batch of
 * operations to it. Times: an hour ago, and on by 10 s for each dated write or touch, a time in the
 * past, which the library trusts (with the size and inode) without reading the file again.
 */
function folderWith(initial: ArticleSpec[], name: string): { dir: string; apply: (batch: Operation[]) => void } {
  const dir = join(temporaryDir('kz-incremental-'), name);
  mkdirSync(join(dir, 'sub'), { recursive: true });
  let tick = Date.now() / 1000 - 3600;
  const now = Date.now() / 1000;
  // All of one time, as files written in one tick of the clock (a copy, a checkout) are: one
  // renamed over another of the same size must still be seen as changed.
  initial.forEach((spec, i) => {
    writeFileSync(join(dir, FILES[i]!), markdown(spec));
    utimesSync(join(dir, FILES[i]!), tick, tick);
  });
  const apply = (batch: Operation[]) => {
    for (const op of batch) {
      const path = join(dir, op.file);
      if (op.kind === 'write') writeFileSync(path, markdown(op.spec));
      else if (op.kind === 'remove') rmSync(path, { force: true });
      else if (op.kind === 'touch') {
        try {
          utimesSync(path, (tick += 10), tick);
        } catch {
          // Not there: nothing to touch.
        }
      } else if (op.file !== op.to) {
        try {
          renameSync(path, join(dir, op.to));
        } catch {
          // Not there: nothing to rename.
        }
      }
      // Undated, it gets this run's one recent time, as a clock whose tick outlasts the run would
      // give it: rewritten, it keeps its size (often: see SIZE_STEP), time and inode, and the
      // library must still see the change.
      if (op.kind === 'write') utimesSync(path, op.dated ? (tick += 10) : now, op.dated ? tick : now);
    }
  };
  return { dir, apply };
}

const initialArticles = fc.array(article, { minLength: 1, maxLength: 4 });
const batchesOfOperations = fc.array(fc.array(operation, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 });

describe('incremental refresh', () => {
  it('is the same as reading the folder from nothing, for any sequence of changes (property)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(initialArticles, batchesOfOperations, async (initial, batches) => {
        const { dir, apply } = folderWith(initial, `run-${run++}`);
        const library = await openLibrary(dir);
        for (const batch of batches) {
          apply(batch);
          await library.refresh();
        }
        const fresh = await openLibrary(dir);
        expect(view(library)).toEqual(view(fresh));
        await Promise.all([library.close(), fresh.close()]);
      }),
      // Not shrunk: shrinking runs the property hundreds of times more, which can outlast the test's
      // time limit and hide the failing case behind "timed out"; the seed printed reproduces it.
      { numRuns: 40, endOnFailure: true },
    );
  }, 60_000);

  it('saved to the cache after each change from the cache before it, starts as the folder read from nothing (property)', async () => {
    const loaded = teamLoadedAnalysis();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(initialArticles, batchesOfOperations, async (initial, batches) => {
        const { dir, apply } = folderWith(initial, `cached-${run++}`);
        const cacheDir = join(dir, '..', `cache-${run}`);
        const cacheFile = libraryCacheFile(cacheDir, dir, loaded.key);
        // As the cache builder rewrites it: the first time from nothing, then each time from the file before.
        const rewrite = async (fromCache: boolean) => {
          const updated = await cacheUpdatedFromFile(dir, cacheDir, loaded);
          expect(updated?.fromCache).toBe(fromCache);
          await writeLibraryCache(cacheFile, updated!.bytes);
          return updated!;
        };
        // No cache yet: every file read.
        expect((await rewrite(false)).filesRead).toBe(initial.length);
        for (const batch of batches) {
          apply(batch);
          await rewrite(true);
        }
        const [fromCache, fresh] = await Promise.all([openLibrary(dir, { cacheDir }), openLibrary(dir)]);
        expect(fromCache.origin).toBe('cache');
        expect(view(fromCache)).toEqual(view(fresh));
        await Promise.all([fromCache.close(), fresh.close()]);
      }),
      { numRuns: 25, endOnFailure: true },
    );
  }, 60_000);
});
