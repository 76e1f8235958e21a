import type { EngineOptions } from '../core/engine';
import { createLogger } from '../util/logger';
import type { LoadedAnalysis } from './analysis-data';
import { encodeLibraryCache } from './library-cache';
import { Library } from './library';

/** A cache file made again from the one before it (see cacheUpdatedFromFile). */
export interface UpdatedCache {
  bytes: Buffer;
  articles: number;
  passages: number;
  /** Files read (changed, added, touched since the cache was written; every file when there was no cache to start from). */
  filesRead: number;
  /** Whether the cache file could be started from. */
  fromCache: boolean;
}

/**
 * The cache file made again after a change, from the cache file before it: read as a start reads
 * it, only the files changed since it was written read again and applied to it, then saved. What
 * the cache builder does to rewrite the cache of a running library (a change of one article then
 * costs reading one file, not every file). Without a usable cache file (missing, of other data, found
 * damaged as a whole) every file is read, as at a first start. Undefined when a part of the cache is
 * found damaged only as it is read: the builder then builds from nothing.
 */
export async function cacheUpdatedFromFile(
  dir: string,
  cacheDir: string,
  loaded: LoadedAnalysis,
  engine: EngineOptions = {},
): Promise<UpdatedCache | undefined> {
  // A part found damaged when it is first read (while saving, every part is) would be left out of the new file.
  let damaged = false;
  const onWarning = (message: string) => {
    if (/damaged/.test(message)) damaged = true;
  };
  const library = await Library.open({
    dir,
    cacheDir,
    analysis: loaded,
    engine: { ...engine, index: { ...engine.index, onWarning } },
    log: createLogger('silent'),
    worker: false,
    cacheRewriteDelayMs: 0,
  });
  try {
    const bytes = encodeLibraryCache(loaded.key, library.engine.save(), library.cachedSources());
    if (damaged) return undefined;
    return { bytes, articles: library.engine.articles.length, passages: library.engine.passageCount, filesRead: library.filesRead, fromCache: library.origin === 'cache' };
  } finally {
    await library.close();
  }
}
