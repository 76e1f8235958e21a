/**
 * The digest's words: which new articles, in what order, under which headings, split into
 * messages that fit Discord's limits without cutting an article in two. Pure: no clock, no state,
 * no Discord types (a page becomes one embed in Discord and a block of text in the terminal).
 */
import { escapeMarkdown, type Page } from '../bot/reply';
import { sentences } from '../core/passages';
import type { Article } from '../core/types';
import { longDate, shortDate } from './digest-time';

/** Discord's limits (API v10) a digest keeps to. The composition stays below them with room to spare. */
export const DIGEST_LIMITS = { embedsPerMessage: 10, charsPerMessage: 6000, description: 4096, title: 256, footer: 2048, content: 2000 };
/** Room kept under the description limit; several short articles read better than one wall. */
const DESCRIPTION_BUDGET = 3800;
const ARTICLES_PER_PAGE = 5;
const LEAD_BUDGET = 700;
const TITLE_BUDGET = 200;
/** Headings by topic only when there is something to sort. */
const GROUP_FROM = 4;

export interface DigestArticle {
  article: Article;
  /** When the bot first saw it (ISO). */
  joinedAt: string;
  /** The article's first passage, as published. */
  lead: string | null;
  /** What it is about, most prominent first: "agreements" and minerals from the catalog. */
  topics: string[];
}

export interface DigestRequest {
  /** The day the digest is for, in its time zone (YYYY-MM-DD). */
  slot: string;
  /** The articles that joined since the last digest, in any order. */
  articles: DigestArticle[];
  /** How many articles the knowledge base holds. */
  libraryArticles: number;
  /** Whether to post the "nothing new" line when there are no new articles. */
  quietLine: boolean;
  /** Set when the digest is posted after its time (the bot was down). */
  late?: { dueAt: string; missedDays: number; lastSlot: string | null };
}

export interface DigestMessage {
  /** Our own Markdown, at most 2000 characters. */
  content?: string;
  /** Each page is one embed: title, optional link, Markdown text, optional footer. */
  pages: Page[];
}

/** The characters Discord counts against an embed's 6000 (title, description, footer). */
export function pageLength(page: Page): number {
  return (page.title?.length ?? 0) + (page.text?.length ?? 0) + (page.footer?.length ?? 0);
}

/** Newest to the bot first, then most recently published, then by title. */
function newestFirst(a: DigestArticle, b: DigestArticle): number {
  return (
    b.joinedAt.localeCompare(a.joinedAt) ||
    (b.article.published ?? '').localeCompare(a.article.published ?? '') ||
    a.article.title.localeCompare(b.article.title)
  );
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Cuts plain text to whole sentences within `max` characters (or whole words, with "…"). */
function leadWithin(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const sentence of sentences(text)) {
    const next = kept ? `${kept} ${sentence}` : sentence;
    if (next.length + 2 > max) break;
    kept = next;
  }
  if (kept) return `${kept} …`;
  const room = text.slice(0, max - 1);
  const at = room.lastIndexOf(' ');
  return `${(at > max / 2 ? room.slice(0, at) : room).trimEnd()}…`;
}

function safeUrl(url: string | null): string | null {
  if (!url || !/^https?:\/\/\S+$/.test(url) || url.length > 512) return null;
  return url.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/** One article as a block of Markdown that is never split: linked title, publisher and date, lead passage. */
function articleBlock(entry: DigestArticle): string {
  const { article } = entry;
  const title = escapeMarkdown(leadWithin(article.title, TITLE_BUDGET));
  const url = safeUrl(article.url);
  const meta = [article.publisher ? leadWithin(article.publisher, 100) : 'Publisher unknown', article.published ? `published ${article.published}` : 'date unknown'];
  if (entry.topics.length) meta.push(`about ${entry.topics.slice(0, 4).join(', ')}`);
  const lines = [url ? `**[${title}](${url})**` : `**${title}**`, escapeMarkdown(meta.join(' · '))];
  if (entry.lead) {
    let budget = LEAD_BUDGET;
    let lead = escapeMarkdown(leadWithin(entry.lead, budget));
    // Escapes lengthen the text; shorten the plain text until the escaped one fits too.
    while (lead.length > LEAD_BUDGET + 100 && budget > 100) {
      budget -= 100;
      lead = escapeMarkdown(leadWithin(entry.lead, budget));
    }
    lines.push(lead.split('\n').map((line) => `> ${line}`).join('\n'));
  }
  return lines.join('\n');
}

interface Group {
  heading: string;
  entries: DigestArticle[];
}

const OTHER = 'Other news';

/** Articles under headings by their main topic, when there are enough to sort; otherwise one list. Newest first throughout. */
function groupArticles(articles: DigestArticle[]): Group[] {
  const sorted = [...articles].sort(newestFirst);
  const single: Group[] = [{ heading: 'New in the knowledge base', entries: sorted }];
  if (sorted.length < GROUP_FROM) return single;
  const groups = new Map<string, Group>();
  for (const entry of sorted) {
    const heading = entry.topics[0] ? capitalized(entry.topics[0]) : OTHER;
    const group = groups.get(heading) ?? { heading, entries: [] };
    group.entries.push(entry);
    groups.set(heading, group);
  }
  if (groups.size < 2) return single;
  // Groups in the order of their newest article; "Other news" last.
  return [...groups.values()].sort((a, b) => Number(a.heading === OTHER) - Number(b.heading === OTHER));
}

function headline(request: DigestRequest): string {
  const parts = [`**Daily digest — ${longDate(request.slot)}**`];
  if (request.late) {
    parts.push(`(late: it was due at ${request.late.dueAt}, while the bot was offline)`);
  }
  return parts.join(' ');
}

function summary(request: DigestRequest): string {
  const { late } = request;
  const since =
    late && late.missedDays > 1 && late.lastSlot
      ? ` since the digest of ${shortDate(late.lastSlot)} (it covers the ${late.missedDays} days missed)`
      : late && late.missedDays > 1
        ? ` (it covers the ${late.missedDays} days missed)`
        : ' since the last digest';
  const count = request.articles.length;
  if (count === 0) return `nothing new${since}. The knowledge base holds ${plural(request.libraryArticles, 'article')}.`;
  return `${plural(count, 'new article')}${since}, newest first.`;
}

/** Blocks into pages: a page takes whole articles up to the description budget (and a few articles for reading). */
function pagesOf(groups: Group[]): Page[] {
  const pages: Page[] = [];
  for (const group of groups) {
    let blocks: string[] = [];
    let continued = false;
    const flush = () => {
      if (!blocks.length) return;
      const count = groups.length > 1 ? ` · ${group.entries.length}` : '';
      const title = `${group.heading}${continued ? ' (continued)' : count}`;
      pages.push({ title: title.slice(0, DIGEST_LIMITS.title), text: blocks.join('\n\n') });
      blocks = [];
      continued = true;
    };
    for (const entry of group.entries) {
      const block = articleBlock(entry);
      const length = blocks.reduce((sum, b) => sum + b.length + 2, 0) + block.length;
      if (blocks.length && (length > DESCRIPTION_BUDGET || blocks.length >= ARTICLES_PER_PAGE)) flush();
      blocks.push(block);
    }
    flush();
  }
  return pages;
}

/**
 * The digest as messages to post, in order. One short line when nothing is new (or no message at
 * all if the quiet line is off). Every message keeps to Discord's limits: at most 10 embeds and
 * 6000 characters across them, descriptions under 4096, content under 2000.
 */
export function composeDigest(request: DigestRequest): DigestMessage[] {
  const first = `${headline(request)}: ${summary(request)}`;
  if (request.articles.length === 0) return request.quietLine ? [{ content: first, pages: [] }] : [];

  const pages = pagesOf(groupArticles(request.articles));
  const last = pages[pages.length - 1]!;
  last.footer = `The knowledge base holds ${plural(request.libraryArticles, 'article')}.`;

  const messages: DigestMessage[] = [];
  let current: Page[] = [];
  let length = 0;
  for (const page of pages) {
    const size = pageLength(page);
    if (current.length && (current.length >= DIGEST_LIMITS.embedsPerMessage || length + size > DIGEST_LIMITS.charsPerMessage)) {
      messages.push({ pages: current });
      current = [];
      length = 0;
    }
    current.push(page);
    length += size;
  }
  messages.push({ pages: current });
  messages.forEach((message, i) => {
    message.content = i === 0 ? first : `**Daily digest — ${shortDate(request.slot)}** (continued, ${i + 1} of ${messages.length})`;
  });
  return messages;
}
