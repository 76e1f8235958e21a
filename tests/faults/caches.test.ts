/**
 * Issue 11, item 5: no cache content is trusted blindly. What tests/library-cache.test.ts does not
 * already cover: the English model's cache damaged in any way changes no answer, at this start or
 * the next; random damage inside the library cache behind a valid checksum never makes answering
 * throw; a cache builder stopped midway leaves no temporary file.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/core/engine';
import type { Article } from '../../src/core/types';
import { loadAnalysis, type LoadedAnalysis } from '../../src/library/analysis-data';
import { buildInWorker } from '../../src/library/cache-builder';
import { packCacheFile, unpackCacheFile } from '../../src/library/cache-file';
import { Library } from '../../src/library/library';
import { libraryCacheFile } from '../../src/library/library-cache';
import { temporaryPathFor } from '../../src/util/atomic-file';
import { createLogger } from '../../src/util/logger';
import { LogCapture, REPO_KNOWLEDGE_DIR } from '../support/bot-harness';
import { teamLoadedAnalysis } from '../support/engine';
import { temporaryDir } from '../support/temporary-dir';

const ROOT = join(import.meta.dirname, '../..');
const evalSet = JSON.parse(readFileSync(join(ROOT, 'tests/eval/questions.json'), 'utf8')) as { answerable: { question: string }[]; unanswerable: string[] };
const QUESTIONS = [...evalSet.answerable.map((item) => item.question), ...evalSet.unanswerable];

/** Everything an answer says, passages by article file and position. */
const answersOf = (engine: Engine) =>
  QUESTIONS.map((question) =>
    JSON.stringify(engine.answer(question), (key, value: unknown) => (key === 'article' ? (value as Article).file : key === 'id' ? undefined : value)),
  );

const open = (cacheDir: string, analysis: LoadedAnalysis, logs = new LogCapture()) =>
  Library.open({ dir: REPO_KNOWLEDGE_DIR, cacheDir, analysis, log: createLogger('debug', logs.stream), worker: false, cacheRewriteDelayMs: 0 });

const englishFile = (cacheDir: string) => join(cacheDir, readdirSync(cacheDir).find((name) => name.startsWith('english-'))!);

let expected: string[];
/** The English model a first start writes (its file name and bytes), made once: each test damages a copy. */
let goodModel: { name: string; bytes: Buffer };
/** A cache folder holding a good English model, as a first start leaves it. */
const cacheWithModel = (prefix: string) => {
  const cacheDir = temporaryDir(prefix);
  writeFileSync(join(cacheDir, goodModel.name), goodModel.bytes);
  return cacheDir;
};
beforeAll(async () => {
  const made = temporaryDir('kz-english-made-');
  await loadAnalysis({ cacheDir: made });
  const file = englishFile(made);
  goodModel = { name: basename(file), bytes: readFileSync(file) };
  const library = await open(temporaryDir('kz-cache-baseline-'), teamLoadedAnalysis());
  expected = answersOf(library.engine);
  // The evaluation's questions are mostly answered: an English model gone wrong would show.
  expect(QUESTIONS.filter((question) => library.engine.answer(question).answered).length).toBeGreaterThan(60);
});

describe('the cached English model', () => {
  it.each([
    ['{}', () => '{}'],
    ['cut in half', (good: string) => good.slice(0, good.length >> 1)],
    ['every count set to 1', (good: string) => JSON.stringify({ ...JSON.parse(good), terms: (JSON.parse(good) as { terms: [string, number][] }).terms.map(([term]) => [term, 1]) })],
    ['its checksum changed', (good: string) => JSON.stringify({ ...JSON.parse(good), sum: '0'.repeat(32) })],
  ])('%s: refused once with a warning and made again; answers unchanged at this start and the next', async (_what, damage) => {
    const cacheDir = cacheWithModel('kz-english-');
    const first = await loadAnalysis({ cacheDir });
    expect(answersOf((await open(cacheDir, first)).engine)).toEqual(expected);
    const file = englishFile(cacheDir);
    writeFileSync(file, damage(readFileSync(file, 'utf8')));

    const logs = new LogCapture();
    const second = await loadAnalysis({ cacheDir, log: createLogger('debug', logs.stream) });
    expect(logs.atLeast(40).map((line) => line.msg)).toEqual([expect.stringMatching(/^cache: .* (is not a usable English model|cannot be read)/)]);
    expect(answersOf((await open(cacheDir, second)).engine)).toEqual(expected);

    const quiet = new LogCapture();
    const third = await loadAnalysis({ cacheDir, log: createLogger('debug', quiet.stream) });
    expect(quiet.atLeast(40)).toEqual([]);
    expect(answersOf((await open(cacheDir, third)).engine)).toEqual(expected);
  });

  it('written by an earlier version (no checksum): made again, said at info level, not as a warning', async () => {
    const cacheDir = cacheWithModel('kz-english-old-');
    const file = englishFile(cacheDir);
    const { sum: _sum, ...old } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify(old));
    const logs = new LogCapture();
    await loadAnalysis({ cacheDir, log: createLogger('debug', logs.stream) });
    expect(logs.atLeast(40)).toEqual([]);
    expect(logs.entries().map((line) => line.msg)).toEqual([`cache: ${file} was written by an earlier version (without a checksum); made again`]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('sum');
  });

  it('a digit or letter of it changed: either refused (and made again), or what is read is exactly the right model', { timeout: 60_000 }, async () => {
    const cacheDir = cacheWithModel('kz-english-bytes-');
    const file = englishFile(cacheDir);
    const good = readFileSync(file);
    const right = teamLoadedAnalysis().analysis.englishTerms;
    // Digits and letters are changed for others of their kind: the file still parses, which is the damage a shape check alone misses.
    const changeable = [...good.keys()].filter((i) => /[0-9a-z]/.test(String.fromCharCode(good[i]!)));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: changeable.length - 1 }).map((i) => changeable[i]!), fc.nat({ max: 24 }), async (at, step) => {
        const bytes = Buffer.from(good);
        const digit = bytes[at]! <= 0x39;
        const [first, count] = digit ? [0x30, 10] : [0x61, 26];
        bytes[at] = first + ((bytes[at]! - first + 1 + (step % (count - 1))) % count);
        writeFileSync(file, bytes);
        const logs = new LogCapture();
        const { analysis } = await loadAnalysis({ cacheDir, log: createLogger('debug', logs.stream) });
        const refused = logs.atLeast(40).length === 1;
        if (!refused) expect({ paragraphs: analysis.englishTerms.paragraphs, terms: analysis.englishTerms.terms }).toEqual({ paragraphs: right.paragraphs, terms: right.terms });
        // Either way, what is on disk now is right again.
        expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ paragraphs: right.paragraphs });
      }),
      { numRuns: 8 },
    );
  });
});

describe('the library cache', () => {
  it('random values written inside its arrays, behind a valid checksum: opening and answering never throw', { timeout: 60_000 }, async () => {
    const cacheDir = temporaryDir('kz-library-random-');
    const analysis = teamLoadedAnalysis();
    await open(cacheDir, analysis);
    const file = libraryCacheFile(cacheDir, REPO_KNOWLEDGE_DIR, analysis.key);
    // Written by the first start (a built library schedules it; here it is written at once).
    await buildInWorker({ knowledgeDir: REPO_KNOWLEDGE_DIR, cacheDir, analysisKey: analysis.key }, createLogger('silent'));
    const good = readFileSync(file);
    const names = Object.entries(unpackCacheFile(Buffer.from(good), analysis.key)).flatMap(([part, packed]) => Object.keys(packed.arrays).map((name) => [part, name] as const));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.oneof(fc.nat(), fc.integer({ min: -5, max: 5 }), fc.constant(0xffff_ffff), fc.double())), { minLength: 1, maxLength: 8 }),
        async ([part, name], writes) => {
          const parts = unpackCacheFile(Buffer.from(good), analysis.key);
          const array = parts[part]!.arrays[name]!;
          if (array.length === 0) return;
          for (const [where, value] of writes) array[Math.floor(where * array.length)] = Number(value);
          writeFileSync(file, packCacheFile(analysis.key, parts));
          const library = await open(cacheDir, analysis);
          expect(() => answersOf(library.engine)).not.toThrow();
          await library.close();
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('the cache builder stopped midway (a signal during start-up, a library closed)', () => {
  it('has stopped, and its temporary file beside the cache file is gone, when it reports it was stopped', async () => {
    const cacheDir = temporaryDir('kz-builder-stopped-');
    const { key } = teamLoadedAnalysis();
    const file = libraryCacheFile(cacheDir, REPO_KNOWLEDGE_DIR, key);
    // What the builder leaves when it is terminated while writing: a temporary file of this process's run.
    const leftover = temporaryPathFor(file);
    writeFileSync(leftover, 'half a cache file');
    const stopping = new AbortController();
    const building = buildInWorker({ knowledgeDir: REPO_KNOWLEDGE_DIR, cacheDir, analysisKey: key }, createLogger('silent'), stopping.signal);
    stopping.abort(new Error('stopped'));
    await expect(building).rejects.toThrow('stopped');
    expect(readdirSync(cacheDir).filter((name) => name.includes('.tmp'))).toEqual([]);
  });
});
