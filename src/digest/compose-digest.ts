/**
 * The digest's words: which new articles, in what order, under which headings, split into
 * messages that fit Discord's limits without cutting an article in two. Pure: no clock, no state,
 * no Discord types (a page becomes one embed in Discord and a block of text in the terminal).
 */
import { newestPublishedFirst } from '../core/catalog';
import { link, lines, markedLengthBound, MESSAGE_LIMITS, quoted, strong, type Page, type RichText } from '../core/reply';
import type { Article } from '../core/types';
import { capitalized, cutAtSentence, cutAtWord, isHttpUrl, plural } from '../util/text';
import { longDate, shortDate } from '../util/time-of-day';

/** Room kept under the description limit; several short articles read better than one wall. */
const DESCRIPTION_BUDGET = 3800;
const ARTICLES_PER_PAGE = 5;
const LEAD_BUDGET = 700;
const TITLE_BUDGET = 200;
const PUBLISHER_BUDGET = 100;
/** Topics shown after an article's publisher and date. */
const TOPICS_SHOWN = 4;
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

/** A section added after the articles (the weekly "Asked but not in the library"). */
export interface DigestSection {
  heading: string;
  text: RichText;
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
  /** Set for the first digest: the day (YYYY-MM-DD) the bot began keeping the digest, which it covers from. */
  firstSince?: string;
  extra?: DigestSection[];
}

export interface DigestMessage {
  /** At most 2000 characters once written. */
  content?: RichText;
  /** Each page is one embed: title, optional link, text, optional footer. */
  pages: Page[];
}

/** The characters Discord counts against a message's 6000 (title, description, footer), at most, once written. */
export function pageLength(page: Page): number {
  return (page.title?.length ?? 0) + (page.text ? markedLengthBound(page.text) : 0) + (page.footer?.length ?? 0);
}

/** Newest to the bot first, then most recently published, then by title. */
function newestFirst(a: DigestArticle, b: DigestArticle): number {
  return b.joinedAt.localeCompare(a.joinedAt) || newestPublishedFirst(a.article, b.article) || a.article.title.localeCompare(b.article.title);
}

/** One article as a block that is never split: linked title, publisher and date, lead passage. */
function articleBlock(entry: DigestArticle): RichText {
  const { article } = entry;
  const title = cutAtSentence(article.title, TITLE_BUDGET);
  const meta = [article.publisher ? cutAtSentence(article.publisher, PUBLISHER_BUDGET) : 'Publisher unknown', article.published ? `published ${article.published}` : 'date unknown'];
  if (entry.topics.length) meta.push(`about ${entry.topics.slice(0, TOPICS_SHOWN).join(', ')}`);
  const block = lines([isHttpUrl(article.url) ? link(title, article.url, { strong: true }) : strong(title)], meta.join(' · '));
  if (entry.lead) {
    let budget = LEAD_BUDGET;
    let lead = cutAtSentence(entry.lead, budget);
    // Written with its marks the lead grows; shorten it until that fits too.
    while (markedLengthBound([quoted(lead)]) > LEAD_BUDGET + 100 && budget > 100) {
      budget -= 100;
      lead = cutAtSentence(entry.lead, budget);
    }
    block.push('\n', quoted(lead));
  }
  return block;
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

function headline(request: DigestRequest): RichText {
  const parts: RichText = [strong(`Daily digest — ${longDate(request.slot)}`)];
  if (request.late) parts.push(` (late: it was due at ${request.late.dueAt}, while the bot was offline)`);
  return parts;
}

function summary(request: DigestRequest): string {
  const { late, firstSince } = request;
  const missed = late && late.missedDays > 1 ? ` (it covers the ${late.missedDays} days missed)` : '';
  let since = ' since the last digest';
  if (firstSince) since = ` since the bot began keeping the digest on ${shortDate(firstSince)}${missed}`;
  else if (missed) since = late?.lastSlot ? ` since the digest of ${shortDate(late.lastSlot)}${missed}` : missed;
  const count = request.articles.length;
  if (count === 0) return `nothing new${since}. The knowledge base holds ${plural(request.libraryArticles, 'article')}.`;
  return `${plural(count, 'new article')}${since}, newest first.`;
}

/** Blocks into pages: a page takes whole articles up to the description budget (and a few articles for reading). */
function pagesOf(groups: Group[]): Page[] {
  const pages: Page[] = [];
  for (const group of groups) {
    let blocks: RichText[] = [];
    let length = 0;
    let continued = false;
    const flush = () => {
      if (!blocks.length) return;
      const count = groups.length > 1 ? ` · ${group.entries.length}` : '';
      const title = `${group.heading}${continued ? ' (continued)' : count}`;
      pages.push({ title: cutAtWord(title, MESSAGE_LIMITS.title), text: blocks.flatMap((block, i) => (i ? ['\n\n', ...block] : block)) });
      blocks = [];
      length = 0;
      continued = true;
    };
    for (const entry of group.entries) {
      const block = articleBlock(entry);
      const size = markedLengthBound(block) + 2;
      if (blocks.length && (length + size > DESCRIPTION_BUDGET || blocks.length >= ARTICLES_PER_PAGE)) flush();
      blocks.push(block);
      length += size;
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
  const first: RichText = [...headline(request), `: ${summary(request)}`];
  const extra: Page[] = (request.extra ?? []).map((section) => ({ title: cutAtWord(section.heading, MESSAGE_LIMITS.title), text: section.text }));
  if (request.articles.length === 0) {
    if (extra.length) return [{ content: first, pages: extra }];
    return request.quietLine ? [{ content: first, pages: [] }] : [];
  }

  const pages = [...pagesOf(groupArticles(request.articles)), ...extra];
  const last = pages[pages.length - 1]!;
  last.footer = `The knowledge base holds ${plural(request.libraryArticles, 'article')}.`;

  const messages: DigestMessage[] = [];
  let current: Page[] = [];
  let length = 0;
  for (const page of pages) {
    const size = pageLength(page);
    if (current.length && (current.length >= MESSAGE_LIMITS.embedsPerMessage || length + size > MESSAGE_LIMITS.embedTotal)) {
      messages.push({ pages: current });
      current = [];
      length = 0;
    }
    current.push(page);
    length += size;
  }
  messages.push({ pages: current });
  messages.forEach((message, i) => {
    message.content = i === 0 ? first : [strong(`Daily digest — ${shortDate(request.slot)}`), ` (continued, ${i + 1} of ${messages.length})`];
  });
  return messages;
}
