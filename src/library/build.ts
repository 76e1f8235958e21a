import type { Analysis } from '../core/analysis';
import { Engine, type EngineOptions, type PreparedArticle } from '../core/engine';
import type { KnowledgeProblem } from '../core/types';
import { fileRecord, type CachedSource } from './library-cache';
import { duplicateTitle, listKnowledgeFolder } from './knowledge-folder';
import { preparedInOrder, type HelperAnalysis } from './prepare-helper';

export interface BuiltLibrary {
  engine: Engine;
  sources: CachedSource[];
  problems: KnowledgeProblem[];
  folderProblem?: string;
  /** How many files a helper thread read and prepared (see preparedInOrder). */
  preparedByHelper?: number;
}

/** How far a build has come, for progress lines on large knowledge bases. */
export type BuildProgress = { stage: 'reading'; done: number; of: number } | { stage: 'indexing'; passages: number };

/**
 * Prepared articles are added to the engine in batches of about this many passages, so that a build
 * never holds every article's analysed terms at once (at 190,000 passages that was hundreds of MB
 * more for the garbage collector to walk, again and again).
 */
const BATCH_PASSAGES = 5_000;

/**
 * Reads every article of a folder and builds the engine over them, from nothing: what a first
 * start does (in the cache builder's worker thread) and what the cache builder does to rewrite the
 * cache. Of several files with one title, the first by name is the article.
 */
export async function buildFromFolder(
  dir: string,
  analysis: Analysis,
  options: {
    engine?: EngineOptions;
    onProgress?: (progress: BuildProgress) => void;
    signal?: AbortSignal;
    batchPassages?: number;
    /** A helper thread prepares a share of the files when given this (see preparedInOrder). */
    helper?: HelperAnalysis;
  } = {},
): Promise<BuiltLibrary> {
  const listing = await listKnowledgeFolder(dir);
  const engine = Engine.create(analysis, options.engine);
  if (listing.folderProblem) return { engine, sources: [], problems: [], folderProblem: listing.folderProblem };
  const problems = [...listing.problems];
  const sources: CachedSource[] = [];
  let batch: PreparedArticle[] = [];
  let batchPassages = 0;
  let passages = 0;
  const addBatch = () => {
    engine.apply({ add: batch });
    passages += batchPassages;
    batch = [];
    batchPassages = 0;
  };
  const titles = new Map<string, string>();
  let done = 0;
  const counts = { byHelper: 0 };
  for await (const outcome of preparedInOrder(dir, listing.files, analysis, options.helper, counts)) {
    const info = listing.files[done]!;
    options.signal?.throwIfAborted();
    if (++done % 500 === 0) options.onProgress?.({ stage: 'reading', done, of: listing.files.length });
    if ('problem' in outcome) {
      problems.push({ file: info.file, reason: outcome.problem });
      continue;
    }
    const { prepared, digest } = outcome;
    const duplicate = duplicateTitle(titles, prepared.article);
    if (duplicate) {
      problems.push(duplicate);
      continue;
    }
    batch.push(prepared);
    batchPassages += prepared.passages.length;
    if (batchPassages >= (options.batchPassages ?? BATCH_PASSAGES)) addBatch();
    sources.push({ file: info.file, ...fileRecord(info), digest });
  }
  options.onProgress?.({ stage: 'indexing', passages: passages + batchPassages });
  addBatch();
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { engine, sources, problems, preparedByHelper: counts.byHelper };
}
