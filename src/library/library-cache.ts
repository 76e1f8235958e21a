import { createHash } from 'node:crypto';
import { open, readdir, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Analysis } from '../core/analysis';
import { Engine, type EngineOptions, type SavedEngine } from '../core/engine';
import { writeFileAtomic } from '../util/atomic-file';
import { packCacheFile, unpackCacheFile } from './cache-file';
import type { FileInfo } from './knowledge-folder';

/**
 * The library's cache: everything derived from the articles (passages, what they cover, the
 * index) and, for each file, what it was when it was read (size, modification time, inode, a hash
 * of its bytes), so that a start reads only the files that changed since. One file per knowledge
 * folder and analysis; rewritten whole by the cache builder (build-worker.ts), never by the process
 * that answers.
 */

/** A knowledge file as it was when the cached article was made from it. */
export interface CachedSource {
  file: string;
  size: number;
  mtimeMs: number;
  ino: number;
  /**
   * Written shortly before it was listed: changed again within the same tick of the clock, it would
   * keep its size, time and inode, so it is read (and hashed) again at the next look ("racily
   * clean", as git says).
   */
  recent?: true;
  /** SHA-256 of the file's bytes (hex, shortened). */
  digest: string;
}

/** Cache files of a kind kept per cache folder (other folders' and older analyses' included); the least recently written go first. */
const KEEP_FILES = 4;
const CACHE_FILE = /^(?:library|index)-[0-9a-f]+\.(?:bin|json)$/;

/** How long before its listing a file's last change makes it `recent`: a tick of any file system's clock (FAT's is 2 s), and then some. */
const RECENT_WRITE_MS = 3_000;

/** What the cache records of a file as listed. */
export function fileRecord(info: FileInfo): Pick<CachedSource, 'size' | 'mtimeMs' | 'ino' | 'recent'> {
  return { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, recent: info.mtimeMs > info.listedAt - RECENT_WRITE_MS || undefined };
}

/** Whether a file as listed differs from the record of it in size, time or inode (the record's `recent` aside). */
export function statChanged(record: Pick<CachedSource, 'size' | 'mtimeMs' | 'ino'>, info: FileInfo): boolean {
  return record.size !== info.size || record.mtimeMs !== info.mtimeMs || record.ino !== info.ino;
}

export function digestOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

/** The cache file of a knowledge folder for an analysis. */
export function libraryCacheFile(cacheDir: string, knowledgeDir: string, analysisKey: string): string {
  const name = createHash('sha256').update(`${resolve(knowledgeDir)}\0${analysisKey}`).digest('hex').slice(0, 24);
  return join(cacheDir, `library-${name}.bin`);
}

export function encodeLibraryCache(analysisKey: string, saved: SavedEngine, sources: readonly CachedSource[]): Buffer {
  return packCacheFile(analysisKey, { index: saved.index, articles: saved.articles, sources: { meta: { sources }, arrays: {}, strings: {} } });
}

export interface CacheContent {
  engine: Engine;
  sources: Map<string, CachedSource>;
}

/** Why `value` is not a list of cached sources for the engine's articles (undefined when it is). */
function problemWithSources(value: unknown, engine: Engine): string | undefined {
  if (!Array.isArray(value)) return 'no list of files';
  const files = new Set<string>();
  for (const source of value as Partial<CachedSource>[]) {
    const { file, size, mtimeMs, ino, recent, digest } = source ?? {};
    if (typeof file !== 'string' || !Number.isInteger(size) || !Number.isFinite(mtimeMs) || !Number.isFinite(ino) || (recent !== undefined && recent !== true) || typeof digest !== 'string') return 'a file entry';
    if (files.has(file) || !engine.record(file)) return `file ${file}`;
    files.add(file);
  }
  if (files.size !== engine.articles.length) return 'files and articles differ';
  return undefined;
}

/** The engine and sources in a cache file's bytes; throws, saying what is wrong, when they cannot be used. */
export function decodeLibraryCache(bytes: Buffer, analysisKey: string, analysis: Analysis, options: EngineOptions = {}): CacheContent {
  const parts = unpackCacheFile(bytes, analysisKey);
  const { index, articles, sources } = parts;
  if (!index || !articles || !sources) throw new Error('parts are missing');
  const engine = Engine.restore(analysis, { index, articles }, options);
  const problem = problemWithSources(sources.meta.sources, engine);
  if (problem) throw new Error(`corrupt file list: ${problem}`);
  return { engine, sources: new Map((sources.meta.sources as CachedSource[]).map((source) => [source.file, source])) };
}

export type CacheRead = { content: CacheContent } | { missing: true } | { problem: string };

/**
 * The whole file, read in as few reads as the system allows: fs/promises' readFile reads 512 KB at
 * a time, each a round trip through the thread pool, which for a cache of 40 MB left the start-up
 * waiting a tenth of a second.
 */
async function readWholeFile(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = Buffer.allocUnsafe(size);
    let done = 0;
    while (done < size) {
      const { bytesRead } = await handle.read(bytes, done, size - done, done);
      if (bytesRead === 0) break; // shorter than it said: the checksum will tell
      done += bytesRead;
    }
    return bytes.subarray(0, done);
  } finally {
    await handle.close();
  }
}

/** Reads and checks the cache file. A file that cannot be used is deleted (and its problem returned, to be logged once). */
export async function readLibraryCache(file: string, analysisKey: string, analysis: Analysis, options: EngineOptions = {}): Promise<CacheRead> {
  let bytes: Buffer;
  try {
    bytes = await readWholeFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { missing: true } : { problem: `cannot be read (${code})` };
  }
  try {
    return { content: decodeLibraryCache(bytes, analysisKey, analysis, options) };
  } catch (err) {
    await unlink(file).catch(() => {});
    return { problem: (err as Error).message };
  }
}

/** Writes the cache file atomically, then removes the oldest cache files beyond a few. */
export async function writeLibraryCache(file: string, bytes: Uint8Array): Promise<void> {
  await writeFileAtomic(file, bytes);
  await pruneCacheFiles(join(file, '..'), CACHE_FILE);
}

/** Removes the files of a kind (their names match `kind`) beyond the KEEP_FILES most recently written. */
export async function pruneCacheFiles(dir: string, kind: RegExp): Promise<void> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => kind.test(name));
  if (names.length <= KEEP_FILES) return;
  const dated = await Promise.all(names.map(async (name) => ({ name, time: (await stat(join(dir, name)).catch(() => undefined))?.mtimeMs ?? 0 })));
  dated.sort((a, b) => b.time - a.time);
  for (const { name } of dated.slice(KEEP_FILES)) await unlink(join(dir, name)).catch(() => {});
}
