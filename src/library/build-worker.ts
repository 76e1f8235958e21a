/**
 * The cache builder's worker thread: reads the knowledge folder, builds the engine (from nothing,
 * or for a rewrite from the cache file there is and the files changed since) and writes the
 * library's cache file, off the thread that answers questions. It posts its progress, then the
 * cache file's bytes (so the caller can use them even when the file could not be written).
 * Started by cache-builder.ts; not run directly.
 */
import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { EngineOptions } from '../core/engine';
import { loadAnalysis, type LoadedAnalysis } from './analysis-data';
import { buildFromFolder } from './build';
import { cacheUpdatedFromFile, type UpdatedCache } from './cache-update';
import type { BuildRequest, BuildMessage } from './cache-builder';
import { encodeLibraryCache, libraryCacheFile, writeLibraryCache } from './library-cache';

const request = workerData as BuildRequest;
const post = (message: BuildMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);

/** The cache file's bytes, built from nothing: every file read. */
async function fromNothing(loaded: LoadedAnalysis, engine: EngineOptions): Promise<UpdatedCache> {
  const helper = { cacheDir: request.cacheDir, analysisFiles: request.analysisFiles, analysisKey: loaded.key };
  const built = await buildFromFolder(request.knowledgeDir, loaded.analysis, { engine, helper, onProgress: (progress) => post({ type: 'progress', progress }) });
  if (built.folderProblem) throw new Error(`knowledge folder: ${built.folderProblem}`);
  const bytes = encodeLibraryCache(loaded.key, built.engine.save(), built.sources);
  return { bytes, articles: built.engine.articles.length, passages: built.engine.passageCount, filesRead: built.sources.length + built.problems.length, fromCache: false };
}

async function build(): Promise<void> {
  const loaded = await loadAnalysis({ cacheDir: request.cacheDir, files: request.analysisFiles });
  const { key } = loaded;
  if (key !== request.analysisKey) throw new Error('the data files changed while the cache was being built');
  const engine = { index: { useInternals: request.useInternals } };
  const { cacheDir } = request;
  const file = cacheDir ? libraryCacheFile(cacheDir, request.knowledgeDir, key) : undefined;
  // Without a cache file to start from, built from nothing here, where its progress is told.
  const updated = request.fromCache && cacheDir && existsSync(file!) ? await cacheUpdatedFromFile(request.knowledgeDir, cacheDir, loaded, engine) : undefined;
  const { bytes, ...counts } = updated ?? (await fromNothing(loaded, engine));
  let writeError: string | undefined;
  if (file) {
    try {
      await writeLibraryCache(file, bytes);
    } catch (err) {
      writeError = (err as Error).message;
    }
  }
  // A rewrite of the cache of a running library needs nothing back: the file is what it was for.
  if (request.returnBytes === false && !writeError) return post({ type: 'done', bytes: new Uint8Array(0), ...counts });
  // The bytes are copied into a buffer of their own, so that it can be handed over without copying again.
  const owned = new Uint8Array(bytes.byteLength);
  owned.set(bytes);
  post({ type: 'done', bytes: owned, ...counts, writeError }, [owned.buffer]);
}

build().catch((err: unknown) => post({ type: 'failed', message: (err as Error).message ?? String(err) }));
