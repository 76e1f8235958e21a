import type { EngineOptions } from '../core/engine';
import type { Logger } from '../util/logger';
import type { AnalysisFiles, LoadedAnalysis } from './analysis-data';
import { buildFromFolder } from './build';
import { buildInWorker } from './cache-builder';
import type { FolderListing } from './knowledge-folder';
import { decodeLibraryCache, readLibraryCache, type CacheContent } from './library-cache';

/** What finding the engine at start needs (the library's options have these and more). */
export interface EngineSource {
  /** The knowledge folder. */
  dir: string;
  cacheDir?: string;
  analysis: LoadedAnalysis;
  /** The data files the analysis was made from (the cache builder reads them again in its thread). */
  analysisFiles?: AnalysisFiles;
  engine?: EngineOptions;
  /** Build in a worker thread (the default); false builds on this thread. */
  worker?: boolean;
  /** Stops the worker at once (a signal during start-up). */
  signal?: AbortSignal;
}

/** Where the engine of a start came from: the cache file, the worker that built it (and the cache), or this thread. */
export type EngineOrigin = 'cache' | 'worker' | 'built';

/**
 * The engine a library starts with, and what it knows of each file: read from the cache file when
 * it is there and sound, else built in the worker thread (which writes the cache too), else, when
 * the worker cannot be used, built on this thread. `listing` is the folder's, read meanwhile.
 */
export async function engineAtStart(
  options: EngineSource,
  cacheFile: string | undefined,
  listing: Promise<FolderListing>,
  log: Logger,
): Promise<{ content: CacheContent; origin: EngineOrigin }> {
  const { signal } = options;
  if (cacheFile) {
    const read = await readLibraryCache(cacheFile, options.analysis.key, options.analysis.analysis, options.engine);
    if ('content' in read) return { content: read.content, origin: 'cache' };
    if ('problem' in read) log.warn({ file: cacheFile, problem: read.problem }, `cache: ${cacheFile} cannot be used (${read.problem}); deleted, and built again`);
  }
  signal?.throwIfAborted();
  // Without a folder there is nothing for a worker to build (the library says so, once).
  if (options.worker !== false && !(await listing).folderProblem) {
    try {
      const built = await buildInWorker(
        { knowledgeDir: options.dir, cacheDir: options.cacheDir, analysisFiles: options.analysisFiles, analysisKey: options.analysis.key, useInternals: options.engine?.index?.useInternals },
        log,
        signal,
      );
      if (built.writeError) log.warn({ reason: built.writeError }, `cache: the index could not be saved (${built.writeError}); the next start will build it again`);
      return { content: decodeLibraryCache(built.bytes, options.analysis.key, options.analysis.analysis, options.engine), origin: 'worker' };
    } catch (err) {
      signal?.throwIfAborted();
      log.warn({ err }, 'cache: the cache builder failed; building the index on this thread instead');
    }
  }
  const built = await buildFromFolder(options.dir, options.analysis.analysis, { engine: options.engine, signal });
  return { content: { engine: built.engine, sources: new Map(built.sources.map((source) => [source.file, source])) }, origin: 'built' };
}
