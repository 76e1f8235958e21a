import { lstatSync, type Stats } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describeProblem, isArticleFile, parseArticle } from '../core/knowledge';
import type { ArticleText, KnowledgeProblem } from '../core/types';

/** An article file of the knowledge folder, as the file system describes it (cheap to take, changes when the file does). */
export interface FileInfo {
  /** Relative to the folder, with '/'. */
  file: string;
  size: number;
  mtimeMs: number;
  /** Which file on disk: one renamed over it is another file, even with the same size and time (files written in one tick of the clock share their time). */
  ino: number;
  /** When it was stat'ed (ms since the epoch). */
  listedAt: number;
}

export interface FolderListing {
  files: FileInfo[];
  /** Entries that cannot be read as articles (an unreadable folder, a link outside the folder), each with the reason. */
  problems: KnowledgeProblem[];
  /** Set when the folder itself cannot be read: then nothing is listed. */
  folderProblem?: string;
  /** Which folder on disk was listed (see folderIdentity). */
  identity?: string;
}

const identityOf = (info: Stats) => `${info.dev}:${info.ino}`;

/** Which folder, on disk, a path is (device and inode); undefined when there is none. A folder moved away and replaced by another of the same name is another folder. */
export async function folderIdentity(dir: string): Promise<string | undefined> {
  try {
    const info = await stat(dir);
    return info.isDirectory() ? identityOf(info) : undefined;
  } catch {
    return undefined;
  }
}

/** Plain files stat'ed between two turns of the event loop: about 2 ms of this thread at a time. */
const STATS_PER_TURN = 500;

const errorCode = (err: unknown) => (err as NodeJS.ErrnoException).code ?? (err as Error).message;

/** Why an entry cannot be read, in words an operator understands. */
function unreadable(err: unknown): string {
  const code = errorCode(err);
  if (code === 'EACCES' || code === 'EPERM') return `cannot be read: permission denied (${code})`;
  if (code === 'ELOOP') return 'is a link that loops back on itself';
  if (code === 'ENOENT') return 'is a link to something that does not exist';
  return `cannot be read (${code})`;
}

/** A file's lstat, or nothing when it cannot be had (gone since it was listed: it is simply not there). */
function statIfThere(path: string): Stats | undefined {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

const inside = (root: string, path: string) => path === root || path.startsWith(root + sep);

/**
 * The article files under `dir` (sorted, with their size and modification time), walking every
 * subfolder it can read. Never throws: a subfolder that cannot be read, a link that points outside
 * the folder or loops, a link to a folder (not followed), is a problem entry with its reason, and
 * the rest is listed. A link to a file inside the folder is listed like a file. Hidden files and
 * folders (".git", editors' ".#draft.md") are not articles.
 */
export async function listKnowledgeFolder(dir: string): Promise<FolderListing> {
  const files: FileInfo[] = [];
  const problems: KnowledgeProblem[] = [];
  let root: string;
  let identity: string;
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) return { files, problems, folderProblem: 'is not a folder' };
    identity = identityOf(info);
    root = await realpath(dir);
  } catch (err) {
    return { files, problems, folderProblem: errorCode(err) === 'ENOENT' ? 'knowledge folder not found' : `knowledge folder ${unreadable(err)}` };
  }
  const name = (path: string) => relative(dir, path).split(sep).join('/');

  const walk = async (folder: string, isRoot: boolean): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (err) {
      if (isRoot) throw err;
      problems.push({ file: `${name(folder)}/`, reason: `(a folder) ${unreadable(err)}; the articles in it are not served` });
      return;
    }
    // Plain files are stat'ed on this thread, a batch at a time: thousands of asynchronous stats cost
    // several times the CPU, and queued in the thread pool they held up the cache file's read at start.
    const plain = entries.filter((entry) => !entry.name.startsWith('.') && entry.isFile() && isArticleFile(entry.name));
    const prefix = isRoot ? '' : `${name(folder)}/`;
    for (let at = 0; at < plain.length; at += STATS_PER_TURN) {
      if (at > 0) await nextTurn();
      for (const entry of plain.slice(at, at + STATS_PER_TURN)) {
        const info = statIfThere(join(folder, entry.name));
        if (info) files.push({ file: prefix + entry.name, size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, listedAt: Date.now() });
      }
    }
    await Promise.all(
      entries.map(async (entry) => {
        if (entry.name.startsWith('.')) return;
        const path = join(folder, entry.name);
        if (entry.isDirectory()) {
          await walk(path, false);
        } else if (entry.isSymbolicLink()) {
          try {
            const target = await realpath(path);
            const info = await stat(target);
            // A link to a folder is not followed (one back up the tree would never end), but it is
            // not skipped silently either: whoever made it meant its articles to be served.
            if (info.isDirectory()) {
              const reason = inside(root, target)
                ? 'is a link to a folder, which is not followed: put the articles themselves in the knowledge folder'
                : 'is a link to a folder outside the knowledge folder, which is not read';
              problems.push({ file: name(path), reason });
              return;
            }
            if (!isArticleFile(entry.name)) return;
            if (!inside(root, target)) {
              problems.push({ file: name(path), reason: 'is a link to a file outside the knowledge folder, which is not read' });
              return;
            }
            if (!info.isFile()) {
              problems.push({ file: name(path), reason: 'is a link to something that is not a file' });
              return;
            }
            files.push({ file: name(path), size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, listedAt: Date.now() });
          } catch (err) {
            // A broken link named like an article was meant to be one; any other is not ours to judge.
            if (isArticleFile(entry.name)) problems.push({ file: name(path), reason: unreadable(err) });
          }
        }
      }),
    );
  };
  try {
    await walk(dir, true);
  } catch (err) {
    return { files: [], problems: [], folderProblem: `knowledge folder ${unreadable(err)}` };
  }
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, problems, identity };
}

/** Reads one article file; a file that cannot be read is a reason, like one that does not parse. */
export async function readArticleFile(dir: string, file: string): Promise<{ bytes: Uint8Array } | { reason: string }> {
  try {
    return { bytes: await readFile(join(dir, file)) };
  } catch (err) {
    return { reason: unreadable(err) };
  }
}

/** Files read at once ahead of the one being parsed (see readArticleFiles). */
const READ_AHEAD = 8;

/**
 * The files read, in order, each handed out while the next few are being read: parsing one and
 * reading the next overlap. Read one at a time, a build of 2,502 files (5×) spent 1.4–1.8 s waiting
 * for the disk; eight ahead, 0.3 s. Never rejects (see readArticleFile), so stopping early leaves
 * nothing unhandled.
 */
export async function* readArticleFiles<T extends { file: string }>(dir: string, files: readonly T[]): AsyncGenerator<{ info: T; read: Awaited<ReturnType<typeof readArticleFile>> }> {
  const pending: ReturnType<typeof readArticleFile>[] = [];
  let next = 0;
  for (const info of files) {
    while (next < files.length && pending.length < READ_AHEAD) pending.push(readArticleFile(dir, files[next++]!.file));
    yield { info, read: await pending.shift()! };
  }
}

export interface LoadedKnowledge {
  articles: ArticleText[];
  /** Files that were not loaded, each with the reason. The rest still load. */
  problems: KnowledgeProblem[];
}

/**
 * Loads every article of a folder at once (check-knowledge, the evaluation, tests). Never throws
 * for bad content: each file that cannot be used is listed in `problems` with the reason, and the
 * others load. Of several files with one title, the first by name is the article.
 */
export async function loadKnowledge(dir: string): Promise<LoadedKnowledge> {
  const listing = await listKnowledgeFolder(dir);
  if (listing.folderProblem) return { articles: [], problems: [{ file: dir, reason: listing.folderProblem }] };
  const articles: ArticleText[] = [];
  const problems = [...listing.problems];
  const titles = new Map<string, string>();
  for await (const { info: { file }, read } of readArticleFiles(dir, listing.files)) {
    const result = 'bytes' in read ? parseArticle(file, read.bytes) : read;
    if ('reason' in result) {
      problems.push({ file, reason: result.reason });
      continue;
    }
    const problem = duplicateTitle(titles, result.article);
    if (problem) {
      problems.push(problem);
      continue;
    }
    articles.push(result.article);
  }
  return { articles, problems };
}

/**
 * What makes two files one article: the same title and the same link (or neither has one). Outlets
 * reuse headlines ("Market wrap") for new articles, which have their own links: those are two articles,
 * each cited with its title as published.
 */
export function sameArticleKey(article: { title: string; url: string | null }): string {
  return `${article.title.toLowerCase()}\n${article.url ?? ''}`;
}

/** Why a file is refused as a second copy of an article an earlier-named file has. */
export function duplicateReason(article: { title: string; url: string | null }, holder: string): string {
  return `has the same title${article.url ? ' and link' : ''} as ${holder} ("${article.title}"): one article, one file`;
}

/** The problem when an article is already had (by an earlier file: see sameArticleKey), else records it. */
export function duplicateTitle(titles: Map<string, string>, article: { file: string; title: string; url: string | null }): KnowledgeProblem | undefined {
  const key = sameArticleKey(article);
  const first = titles.get(key);
  if (first !== undefined && first !== article.file) return { file: article.file, reason: duplicateReason(article, first) };
  titles.set(key, article.file);
  return undefined;
}

export { describeProblem };
