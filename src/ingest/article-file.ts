import { link, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../util/clock';
import { DAY_MS } from '../util/time-of-day';
import { parseArticle } from '../core/knowledge';
import type { ArticleDraft } from './extract';
import { KnownArticlesIndex, type KnownArticles } from './known-articles';

const STOP_WORDS = new Set([
  ...['a', 'an', 'and', 'the', 'of', 'on', 'in', 'at', 'to', 'for', 'by', 'with', 'from', 'as', 'is', 'are', 'was', 'be', 'its', 'it', 'or'],
  ...['и', 'в', 'во', 'на', 'с', 'со', 'о', 'об', 'по', 'к', 'ко', 'у', 'из', 'за', 'для', 'от', 'до', 'не', 'а', 'но', 'что', 'как'],
]);
const SLUG_WORDS = 6;
const SLUG_MAX = 60;

/** Latin letters for Cyrillic (Russian and Kazakh), so a Russian headline gives a readable file name. */
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o',
  п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu',
  я: 'ya', ә: 'a', ғ: 'g', қ: 'q', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i', є: 'ye', ї: 'yi', ў: 'u',
};

/**
 * The short-title part of a file name: the headline's first words (stop words left out), lower
 * case, letters and digits joined by hyphens, accents and Cyrillic written in Latin letters; at
 * most 6 words and 60 characters; "article" when nothing is left.
 */
export function slugify(title: string): string {
  const words = title
    .normalize('NFC')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean);
  const kept = words.filter((word) => !STOP_WORDS.has(word));
  const latin = (kept.length ? kept : words)
    .map((word) =>
      [...word]
        .map((ch) => CYRILLIC[ch] ?? ch)
        .join('')
        .normalize('NFKD')
        .replace(/[^\p{L}\p{N}]/gu, '')
        .toLowerCase(),
    )
    .filter(Boolean);
  let slug = '';
  for (const word of latin.slice(0, SLUG_WORDS)) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > SLUG_MAX) {
      if (!slug) slug = word.slice(0, SLUG_MAX);
      break;
    }
    slug = next;
  }
  return slug || 'article';
}

/** Title, publisher and author as written to the file: one line, no control characters, well-formed Unicode. */
export function normaliseTitle(title: string): string {
  return title
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}\u0085]+/gu, ' ')
    .replace(/[\uFEFF\uFFFE\uFFFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A YAML double-quoted scalar that reads back as exactly `text`: JSON's quoting (YAML 1.2 is a
 * superset of JSON) plus escapes for the characters YAML does not print as they are.
 */
function yamlQuote(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\uFEFF\uFFFE\uFFFF]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The article file: front matter as the README describes it (what is unknown left out), then the text. */
export function renderArticleFile(draft: ArticleDraft, tags: readonly string[] = []): string {
  const lines = ['---', `title: ${yamlQuote(normaliseTitle(draft.title))}`];
  const publisher = draft.publisher ? normaliseTitle(draft.publisher) : '';
  if (publisher) lines.push(`publisher: ${yamlQuote(publisher)}`);
  const author = draft.byline ? normaliseTitle(draft.byline) : '';
  if (author) lines.push(`author: ${yamlQuote(author)}`);
  if (draft.published) lines.push(`published: ${draft.published}`);
  lines.push(`url: ${yamlQuote(draft.url)}`);
  const cleanTags = [...new Set(tags.map(normaliseTitle).filter(Boolean))];
  if (cleanTags.length) lines.push(`tags: [${cleanTags.map(yamlQuote).join(', ')}]`);
  lines.push('---', '', draft.text.replace(/\r\n?/g, '\n').trim(), '');
  return lines.join('\n');
}

/** The day after `today` (YYYY-MM-DD, UTC): the latest an article can be dated, in a time zone ahead of UTC. */
const dayAfter = (today: Date) => new Date(today.getTime() + DAY_MS).toISOString().slice(0, 10);

/** Whether a published day (YYYY-MM-DD) is after tomorrow (UTC): no report is dated so, whatever its time zone. */
export function afterTomorrow(published: string, today: Date): boolean {
  return published > dayAfter(today);
}

/**
 * The draft without a date after tomorrow: the page's or feed's mistake ("2099-01-01"), left out,
 * never guessed (dated so, the article would lead every "newest first" list for decades). Applied
 * where a draft is made, so that a preview shows what is saved, and again when it is saved.
 */
export function withoutFutureDate(draft: ArticleDraft, today: Date): ArticleDraft {
  if (!draft.published || !afterTomorrow(draft.published, today)) return draft;
  const { published: _future, ...undated } = draft;
  return undated;
}

/** `YYYY-MM-DD-short-title.md`: the published date, else today's (UTC) by the clock. */
export function articleFileName(draft: Pick<ArticleDraft, 'title' | 'published'>, today: Date, attempt = 1): string {
  const date = draft.published ?? today.toISOString().slice(0, 10);
  return `${date}-${slugify(draft.title)}${attempt > 1 ? `-${attempt}` : ''}.md`;
}

export type SaveOutcome =
  | { ok: true; file: string; path: string }
  | { ok: false; code: 'duplicate'; file: string; reason: string; removed?: true }
  | { ok: false; code: 'invalid' | 'write-failed'; reason: string };

export interface ArticleWriterOptions {
  knowledgeDir: string;
  clock: Clock;
  /** The knowledge base as the bot (or a CLI) knows it. */
  known: KnownArticles;
}

let tempCounter = 0;

async function syncFolder(dir: string): Promise<void> {
  try {
    const folder = await open(dir, 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  } catch {
    // Not possible on every platform; the file itself is already on disk.
  }
}

/** Puts `temp` at `target` only if nothing is there: a hard link fails when the name is taken. */
async function placeWithoutOverwriting(temp: string, target: string): Promise<boolean> {
  try {
    await link(temp, target);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw err;
  }
  // A file system without hard links: look, then rename (a name taken in between is overwritten).
  try {
    await stat(target);
    return false;
  } catch {
    await rename(temp, target);
    return true;
  }
}

/**
 * Writes drafts as article files in the knowledge folder: never over an existing file (-2, -3, …
 * are added), atomically (a temporary file in the same folder, flushed, then linked into place, so
 * a crash leaves no file or a whole one), never a second copy of an article the knowledge base has
 * (same canonical link or same text), and always a file the bot's own parser accepts. A headline
 * already taken by another article is kept as published: the library holds one file per article
 * (title and link: see sameArticleKey), not per title.
 */
export class ArticleWriter {
  /** Files written by this writer, known at once (before the library reloads). */
  private readonly written = new KnownArticlesIndex();
  /** Saves go one at a time, so two feeds bringing the same article at once cannot both pass the duplicate check. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ArticleWriterOptions) {}

  /** The article the knowledge base already has that this draft would duplicate, if any. */
  duplicateOf(draft: Pick<ArticleDraft, 'url' | 'text'>): { file: string; reason: string; removed?: true } | undefined {
    const query = { url: draft.url, text: draft.text };
    const match = this.written.find(query) ?? this.options.known.find(query);
    if (!match) return undefined;
    const why = { url: 'the same link', text: 'the same text' }[match.match];
    if (match.removed) return { file: match.file, removed: true, reason: `an article removed from the knowledge base, kept as removed/${match.file} (${why}); /knowledge restore (or npm run remove-article -- --restore ${match.file}) puts it back` };
    return { file: match.file, reason: `already in the knowledge base as ${match.file} (${why})` };
  }

  /** A file written here was taken out of the knowledge base (see RemovedArticles). */
  forget(file: string): void {
    this.written.remove(file);
  }

  save(draft: ArticleDraft, tags: readonly string[] = []): Promise<SaveOutcome> {
    const saving = this.queue.then(() => this.saveNow(draft, tags));
    this.queue = saving.catch(() => {});
    return saving;
  }

  private async saveNow(given: ArticleDraft, tags: readonly string[]): Promise<SaveOutcome> {
    const today = this.options.clock.now();
    const draft = withoutFutureDate(given, today);
    const duplicate = this.duplicateOf(draft);
    if (duplicate) return { ok: false, code: 'duplicate', ...duplicate };
    const content = renderArticleFile(draft, tags);
    const bytes = Buffer.from(content, 'utf8');
    const dir = this.options.knowledgeDir;
    const check = parseArticle(articleFileName(draft, today), bytes);
    if ('reason' in check) return { ok: false, code: 'invalid', reason: `the article file would be rejected: it ${check.reason}` };

    // A dot name not ending in .md: the knowledge watcher never takes it for an article.
    const temp = join(dir, `.ingest-${process.pid}-${++tempCounter}.tmp`);
    try {
      await mkdir(dir, { recursive: true });
      const handle = await open(temp, 'wx', 0o644);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      for (let attempt = 1; attempt <= 1000; attempt++) {
        const file = articleFileName(draft, today, attempt);
        if (await placeWithoutOverwriting(temp, join(dir, file))) {
          await syncFolder(dir);
          this.written.add({ file, url: draft.url, body: draft.text });
          return { ok: true, file, path: join(dir, file) };
        }
      }
      return { ok: false, code: 'write-failed', reason: 'could not find a free file name' };
    } catch (err) {
      return { ok: false, code: 'write-failed', reason: `could not write to ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
    } finally {
      await unlink(temp).catch(() => {});
    }
  }
}
