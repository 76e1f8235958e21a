/**
 * The cache folder a bot's first start leaves for the project's knowledge/ (the English model and
 * the library's cache file), made once per test thread and copied into a test's own cache folder.
 * A bot started on it starts as a restarted bot does, from the cache: tests about something else
 * (the digest, faults, commands) skip the second of a first build in a worker thread each. Tests of
 * the first build itself start with an empty cache folder.
 */
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAnalysis } from '../../src/library/analysis-data';
import { buildFromFolder } from '../../src/library/build';
import { encodeLibraryCache, libraryCacheFile } from '../../src/library/library-cache';

/** The project's knowledge/ folder. */
export const REPO_KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge/', import.meta.url));

interface Template {
  analysisKey: string;
  /** The English model and any other file of the analysis, by name. */
  analysisFiles: Map<string, Buffer>;
  /** The library cache file's bytes; its name depends on the knowledge folder's path. */
  library: Buffer;
}

let template: Promise<Template> | undefined;

async function makeTemplate(): Promise<Template> {
  const dir = await mkdtemp(join(tmpdir(), 'kz-warm-cache-'));
  try {
    const { analysis, key } = await loadAnalysis({ cacheDir: dir });
    const built = await buildFromFolder(REPO_KNOWLEDGE_DIR, analysis);
    const analysisFiles = new Map<string, Buffer>();
    for (const name of await readdir(dir)) analysisFiles.set(name, await readFile(join(dir, name)));
    return { analysisKey: key, analysisFiles, library: encodeLibraryCache(key, built.engine.save(), built.sources) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Fills `cacheDir` as a start on a copy of the project's knowledge/ at `knowledgeDir` leaves it.
 * (The copy's files may have other modification times: the library recognises them by their hash.)
 */
export async function warmCache(cacheDir: string, knowledgeDir: string = REPO_KNOWLEDGE_DIR): Promise<void> {
  const made = await (template ??= makeTemplate());
  await mkdir(cacheDir, { recursive: true });
  for (const [name, bytes] of made.analysisFiles) await writeFile(join(cacheDir, name), bytes);
  await writeFile(libraryCacheFile(cacheDir, knowledgeDir, made.analysisKey), made.library);
}
