import { createHash } from 'node:crypto';
import type { ArticleText } from '../core/types';
import { loadKnowledge } from '../library/knowledge-folder';

/** Why an article counts as already known. */
export interface KnownArticleMatch {
  /** The knowledge file that has it. */
  file: string;
  match: 'url' | 'text';
  /** It was taken out of the knowledge base: `file` is in STATE_DIR/removed/ (see RemovedArticles). */
  removed?: true;
}

/**
 * What ingesting needs to know of the knowledge base: the bot wires it to its live library, the
 * CLIs to a load of the folder (`knownArticlesInFolder`).
 */
export interface KnownArticles {
  /**
   * The article already in the knowledge base with this canonical link, or the same text
   * (normalised). Never by title alone: outlets reuse headlines ("Market wrap") for new articles.
   */
  find(query: { url: string | null; text: string }): KnownArticleMatch | undefined;
}

const TRACKING = /^(utm_\w+|fbclid|gclid|yclid|mc_cid|mc_eid|ref|cmpid|ocid|_ga)$/i;

/**
 * A link as compared for duplicates: http and https, "www." or not, a trailing slash, the
 * fragment and tracking parameters (utm_…, fbclid, …) make no difference.
 */
export function normaliseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return url.trim();
  }
  const params = [...parsed.searchParams].filter(([key]) => !TRACKING.test(key)).sort(([a], [b]) => a.localeCompare(b));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  const port = parsed.port && parsed.port !== '80' && parsed.port !== '443' ? `:${parsed.port}` : '';
  const path = parsed.pathname.replace(/\/+$/, '') || '/';
  return `${host}${port}${path}${query}`;
}

/**
 * The words of an article's text, for comparing: Markdown marks, punctuation, case, quote styles
 * and spacing make no difference. Empty when the text has no words.
 */
export function normaliseText(markdown: string): string {
  return markdown
    .normalize('NFKC')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function textFingerprint(markdown: string): string | undefined {
  const words = normaliseText(markdown);
  return words ? createHash('sha256').update(words).digest('hex') : undefined;
}

/** The known articles held in memory: rebuilt from the library's articles, kept up to date as files come and go, or grown as files are written. */
export class KnownArticlesIndex implements KnownArticles {
  /** Each key (a link, a text fingerprint) with the files that have it, the latest added last. */
  private readonly byUrl = new Map<string, string[]>();
  private readonly byText = new Map<string, string[]>();
  /** What each file was indexed under, so that it can be taken out again. */
  private readonly keysOf = new Map<string, { url?: string; text?: string }>();

  static fromArticles(articles: readonly Pick<ArticleText, 'file' | 'url' | 'body'>[]): KnownArticlesIndex {
    const index = new KnownArticlesIndex();
    for (const article of articles) index.add(article);
    return index;
  }

  /** Adds an article (in place of what its file was indexed under before). */
  add(article: Pick<ArticleText, 'file' | 'url' | 'body'>): void {
    this.remove(article.file);
    const keys: { url?: string; text?: string } = {};
    if (article.url) keys.url = normaliseUrl(article.url);
    const text = textFingerprint(article.body);
    if (text) keys.text = text;
    this.keysOf.set(article.file, keys);
    if (keys.url) push(this.byUrl, keys.url, article.file);
    if (keys.text) push(this.byText, keys.text, article.file);
  }

  /** Takes a file out (removed from the knowledge base, or about to be indexed again). */
  remove(file: string): void {
    const keys = this.keysOf.get(file);
    if (!keys) return;
    this.keysOf.delete(file);
    if (keys.url) pull(this.byUrl, keys.url, file);
    if (keys.text) pull(this.byText, keys.text, file);
  }

  find(query: { url: string | null; text: string }): KnownArticleMatch | undefined {
    const byUrl = query.url ? latest(this.byUrl, normaliseUrl(query.url)) : undefined;
    if (byUrl) return { file: byUrl, match: 'url' };
    const text = textFingerprint(query.text);
    const byText = text ? latest(this.byText, text) : undefined;
    return byText ? { file: byText, match: 'text' } : undefined;
  }

  /** Articles indexed. */
  get size(): number {
    return this.keysOf.size;
  }
}

function push(map: Map<string, string[]>, key: string, file: string): void {
  const files = map.get(key);
  if (files) files.push(file);
  else map.set(key, [file]);
}

function pull(map: Map<string, string[]>, key: string, file: string): void {
  const files = map.get(key);
  if (!files) return;
  const rest = files.filter((f) => f !== file);
  if (rest.length) map.set(key, rest);
  else map.delete(key);
}

function latest(map: Map<string, string[]>, key: string): string | undefined {
  const files = map.get(key);
  return files?.[files.length - 1];
}

/** For the CLIs, which run without the bot: the known articles of a knowledge folder, loaded from disk. */
export async function knownArticlesInFolder(dir: string): Promise<KnownArticlesIndex> {
  const { articles } = await loadKnowledge(dir);
  return KnownArticlesIndex.fromArticles(articles);
}
