import { constants, type Dirent } from 'node:fs';
import { copyFile, link, mkdir, readdir, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { isArticleFile, parseArticle } from '../core/knowledge';
import { loadKnowledge, readArticleFile } from '../library/knowledge-folder';
import { KnownArticlesIndex, type KnownArticleMatch, type KnownArticles } from './known-articles';

/** The folder in STATE_DIR where articles taken out of the knowledge base are kept. */
export const REMOVED_DIR = 'removed';

/** A move refused because the knowledge base has the article again is `duplicate` (expected, not a failure to move). */
export type MoveOutcome = { ok: true; file: string } | { ok: false; reason: string; duplicate?: true };

/** An article file as the library names it: a path inside the folder, no part of it hidden (nor `..`). */
const safe = (file: string) => isArticleFile(file) && !file.includes('\0') && file.split(/[\\/]/).every((part) => part !== '' && !part.startsWith('.'));

/**
 * Articles taken out of the knowledge base (`/knowledge remove`): the file is moved to
 * `STATE_DIR/removed/` rather than deleted, so that `/knowledge restore` can put it back, and an
 * article kept there counts as known (see KnownArticles): no feed or link brings it back unasked.
 */
export class RemovedArticles implements KnownArticles {
  private readonly index = new KnownArticlesIndex();

  private constructor(
    private readonly knowledgeDir: string,
    readonly dir: string,
  ) {}

  /** The removed articles, indexed so that they count as known (what feeds and links need). */
  static async open(knowledgeDir: string, stateDir: string): Promise<RemovedArticles> {
    const removed = RemovedArticles.folders(knowledgeDir, stateDir);
    for (const article of (await loadKnowledge(removed.dir)).articles) removed.index.add(article);
    return removed;
  }

  /** Only the folders, for moving a file between them (`npm run remove-article`): nothing is read. */
  static folders(knowledgeDir: string, stateDir: string): RemovedArticles {
    return new RemovedArticles(knowledgeDir, join(stateDir, REMOVED_DIR));
  }

  find(query: { url: string | null; text: string }): KnownArticleMatch | undefined {
    const match = this.index.find(query);
    return match && { ...match, removed: true };
  }

  /** The removed articles' files, by name. */
  async files(): Promise<string[]> {
    const entries: Dirent[] = await readdir(this.dir, { withFileTypes: true }).catch(() => []);
    return entries
      .filter((entry) => entry.isFile() && safe(entry.name))
      .map((entry) => entry.name)
      .sort();
  }

  /** Moves a knowledge file (named as the library names it) into the removed folder; its name there is returned. */
  async remove(file: string): Promise<MoveOutcome> {
    if (!safe(file)) return { ok: false, reason: `${file} is not the name of an article file` };
    await mkdir(this.dir, { recursive: true });
    const moved = await moveToFreeName(join(this.knowledgeDir, file), this.dir, basename(file));
    if (moved.ok) {
      const read = await readArticleFile(this.dir, moved.file);
      const parsed = 'bytes' in read ? parseArticle(moved.file, read.bytes) : read;
      if ('article' in parsed) this.index.add(parsed.article);
    }
    return moved;
  }

  /**
   * Moves a removed article back into the knowledge folder; its name there is returned. Not when
   * the knowledge base (`known`) has it again (put back by hand, or brought by a link): a second
   * copy would be a duplicate.
   */
  async restore(file: string, known: KnownArticles): Promise<MoveOutcome> {
    if (!safe(file) || file.includes('/')) return { ok: false, reason: `${file} is not the name of a removed article` };
    const read = await readArticleFile(this.dir, file);
    const parsed = 'bytes' in read ? parseArticle(file, read.bytes) : read;
    const again = 'article' in parsed ? known.find({ url: parsed.article.url, text: parsed.article.body }) : undefined;
    if (again) return { ok: false, duplicate: true, reason: `the knowledge base has it again, as ${again.file} (${again.match === 'url' ? 'the same link' : 'the same text'})` };
    const moved = await moveToFreeName(join(this.dir, file), this.knowledgeDir, file);
    if (moved.ok) this.index.remove(file);
    return moved;
  }
}

/** What the knowledge base has, and what was taken out of it: neither is imported again unasked. */
export function knownOrRemoved(known: KnownArticles, removed: RemovedArticles): KnownArticles {
  return { find: (query) => known.find(query) ?? removed.find(query) };
}

/** `name`, then `name-2.md`, `name-3.md`, … */
const nameFor = (name: string, attempt: number) => (attempt === 1 ? name : `${name.slice(0, -extname(name).length)}-${attempt}${extname(name)}`);

/**
 * Moves a file into a folder without overwriting what is there (a taken name gets -2, -3, …): a
 * hard link then the old name unlinked, or, across file systems, a copy that fails on a taken name.
 */
async function moveToFreeName(from: string, folder: string, name: string): Promise<MoveOutcome> {
  for (let attempt = 1; attempt <= 1000; attempt++) {
    const file = nameFor(name, attempt);
    const to = join(folder, file);
    try {
      try {
        await link(from, to);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw err;
        await copyFile(from, to, constants.COPYFILE_EXCL);
      }
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      if (code === 'ENOENT') return { ok: false, reason: `there is no ${basename(from)} in ${dirname(from)}` };
      return { ok: false, reason: `could not move ${basename(from)}: ${code ?? (err as Error).message}` };
    }
    try {
      await unlink(from);
    } catch (err) {
      // Left where it was: not two copies.
      await unlink(to).catch(() => {});
      return { ok: false, reason: `could not move ${basename(from)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
    }
    return { ok: true, file };
  }
  return { ok: false, reason: 'could not find a free file name' };
}
