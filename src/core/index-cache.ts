import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SearchIndex } from './search-index';
import type { Article } from './types';

/** Bump when indexing changes in a way the cache key cannot see (analyzer code, fields, boosts). */
const INDEX_FORMAT = 5;
const KEEP_FILES = 4;

/** A key that changes whenever any article, the vocabulary, or the index format changes. */
export function cacheKey(articles: readonly Article[], vocabularySource: string): string {
  const hash = createHash('sha256');
  hash.update(`format ${INDEX_FORMAT}\0${vocabularySource}\0`);
  for (const article of articles) hash.update(`${JSON.stringify(article)}\0`);
  return hash.digest('hex').slice(0, 32);
}

const fileFor = (dir: string, key: string) => join(dir, `index-${key}.json`);

/** The cached index for `key`, or undefined when there is none or it cannot be read (it is then rebuilt). */
export function readCachedIndex(dir: string, key: string): SearchIndex | undefined {
  try {
    return SearchIndex.fromJSON(JSON.parse(readFileSync(fileFor(dir, key), 'utf8')));
  } catch {
    return undefined;
  }
}

/** Writes the index atomically and keeps only the few newest cache files. A failure only costs speed. */
export function writeCachedIndex(dir: string, key: string, index: SearchIndex): void {
  try {
    mkdirSync(dir, { recursive: true });
    const target = fileFor(dir, key);
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(index));
    renameSync(temporary, target);
    const old = readdirSync(dir)
      .filter((name) => /^index-[0-9a-f]+\.json$/.test(name))
      .map((name) => ({ name, time: statSync(join(dir, name)).mtimeMs }))
      .sort((a, b) => b.time - a.time)
      .slice(KEEP_FILES);
    for (const { name } of old) rmSync(join(dir, name), { force: true });
  } catch {
    // The cache is an optimisation: without it the index is built at each start.
  }
}
