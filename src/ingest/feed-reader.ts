import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { parseFeed as ParseFeed } from '@rowanmanning/feed-parser';
import { z } from 'zod';
import type { ContentKind } from './fetch';
import { calendarDay } from './calendar-day';
import { parseHttpUrl } from './http-url';

/** The parser, loaded at the first feed read rather than at every start (about 50 ms of a start-up). */
let parser: typeof ParseFeed | undefined;
const parseFeed: typeof ParseFeed = (xml) => (parser ??= (createRequire(import.meta.url)('@rowanmanning/feed-parser') as { parseFeed: typeof ParseFeed }).parseFeed)(xml);

/** One item of a feed, as far as ingesting needs it. */
export interface FeedEntry {
  /**
   * Its identity: the GUID / Atom id / JSON Feed id, else its link, else a hash of title and date,
   * else (no title either) a hash of its summary and date.
   */
  id: string;
  title: string | null;
  /** The article's address, absolute. */
  link: string | null;
  /** The description or content, as plain text (for keyword matching). */
  summary: string | null;
  published: Date | null;
  /** The calendar day it was published, as the feed dates it (see calendarDay); null without a date, or with one no calendar has. */
  day: string | null;
}

export interface ParsedFeed {
  title: string | null;
  /** E.g. "RSS 2.0", "Atom 1.0", "RSS 1.0 (RDF)", "JSON Feed". */
  format: string;
  /** In the feed's order. */
  items: FeedEntry[];
  /** Set when the feed was cut off or broken and only part of it could be read. */
  note?: string;
}

export type FeedReadResult = { ok: true; feed: ParsedFeed } | { ok: false; message: string; alternate?: string };

/**
 * For items with neither id nor link: a hash of title and date, else of summary and date. The two
 * never meet (a title is never empty, so only the second starts with a line break), and the first
 * is what it always was, so items already recorded in feeds.json keep their identity.
 */
function hashIdentity(title: string | null, summary: string | null, published: Date | null): string {
  const date = published?.toISOString() ?? '';
  const text = title ? `${title}\n${date}` : `\n${date}\n${summary ?? ''}`;
  return `sha256:${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Markup in a description, as plain text (tags out, the common entities decoded, spaces collapsed). */
function plainText(html: string | null | undefined): string | null {
  if (!html) return null;
  const text = html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
  return text || null;
}

/** An item always has an identity, so that it is recorded (even with nothing but a summary: as skipped, with no link to follow). */
function entry(raw: { id?: string | null; title?: string | null; link?: string | null; summary?: string | null; published?: string | null }, base: string): FeedEntry {
  const title = plainText(raw.title);
  const link = parseHttpUrl(raw.link, base)?.href ?? null;
  const summary = plainText(raw.summary);
  // A date no calendar has ("2026-11-31", which Date rolls over to 1 December) is no date.
  const day = calendarDay(raw.published) ?? null;
  const date = day && raw.published ? new Date(raw.published.trim()) : null;
  const published = date && !Number.isNaN(date.getTime()) ? date : null;
  const id = raw.id?.trim() || link || hashIdentity(title, summary, published);
  return { id, title, link, summary, published, day: published ? day : null };
}

/** An item's date as the feed writes it: Atom's published or updated, RSS's pubDate or dc:date, the first that is a date ("Today" is none). */
function dateText(item: ParserItem): string | null {
  for (const name of ['published', 'pubdate', 'date', 'updated']) {
    const text = item.element.findElementWithName(name)?.textContent.trim();
    if (text && calendarDay(text)) return text;
  }
  return null;
}

/** The items in the feed's order, each identity once: a feed that lists an item twice gives it once (the first). */
function once(items: Iterable<FeedEntry>): FeedEntry[] {
  const ids = new Set<string>();
  const unique: FeedEntry[] = [];
  for (const item of items) {
    if (ids.has(item.id)) continue;
    ids.add(item.id);
    unique.push(item);
  }
  return unique;
}

const ROOT_CLOSERS: [RegExp, string][] = [
  [/<rdf:RDF[\s>]/i, '</rdf:RDF>'],
  [/<rss[\s>]/i, '</channel></rss>'],
  [/<feed[\s>]/i, '</feed>'],
];

/**
 * A feed that stops in the middle (a download cut short, a server that crashed while writing):
 * keeps the items that are complete and closes the document. Undefined when it is not cut off.
 */
function closeTruncated(text: string): { text: string; complete: number } | undefined {
  const trimmed = text.trimEnd();
  if (/<\/(rss|feed|rdf:RDF)>$/i.test(trimmed)) return undefined;
  const closer = ROOT_CLOSERS.find(([open]) => open.test(trimmed))?.[1];
  if (!closer) return undefined;
  const lastEnd = Math.max(trimmed.lastIndexOf('</item>') + 7, trimmed.lastIndexOf('</entry>') + 8);
  const complete = (trimmed.match(/<\/(item|entry)>/g) ?? []).length;
  if (lastEnd < 8) return { text: `${trimmed.replace(/<(item|entry)[\s>][\s\S]*$/, '')}${closer}`, complete: 0 };
  return { text: `${trimmed.slice(0, lastEnd)}${closer}`, complete };
}

const FEED_TYPES = /^(application\/(rss|atom|rdf)\+xml|application\/feed\+json|application\/json|application\/xml|text\/xml)$/i;

/** The attributes of one start tag, names in lower case (values with &amp; decoded). */
function attributesOf(tag: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of tag.matchAll(/([^\s=<>/"']+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>"']+))/g)) {
    attributes[match[1]!.toLowerCase()] = (match[3] ?? match[4] ?? match[5] ?? '').replace(/&amp;/g, '&');
  }
  return attributes;
}

/** The feeds a web page names in its <link rel="alternate" type="application/rss+xml" href="…">, absolute. */
function alternateFeeds(html: string, base: string): string[] {
  const found: string[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const { rel = '', type = '', href } = attributesOf(tag);
    if (!rel.toLowerCase().split(/\s+/).includes('alternate') || !FEED_TYPES.test(type.trim())) continue;
    const url = parseHttpUrl(href, base)?.href;
    if (url && !found.includes(url)) found.push(url);
  }
  return found;
}

const jsonFeedSchema = z.object({
  version: z.string().startsWith('https://jsonfeed.org/version/'),
  title: z.string().nullish(),
  home_page_url: z.string().nullish(),
  items: z.array(
    z.object({
      id: z.union([z.string(), z.number()]).nullish(),
      url: z.string().nullish(),
      external_url: z.string().nullish(),
      title: z.string().nullish(),
      summary: z.string().nullish(),
      content_text: z.string().nullish(),
      content_html: z.string().nullish(),
      date_published: z.string().nullish(),
    }),
  ),
});

function readJsonFeed(text: string, url: string): FeedReadResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `not a feed: the JSON cannot be read (${(err as Error).message})` };
  }
  const parsed = jsonFeedSchema.safeParse(json);
  if (!parsed.success) return { ok: false, message: 'not a feed: JSON, but not a JSON Feed (it needs "version": "https://jsonfeed.org/version/1.1" and "items")' };
  const feed = parsed.data;
  const items = once(
    feed.items.map((item) =>
      entry(
        {
          id: item.id === null || item.id === undefined ? null : String(item.id),
          title: item.title ?? null,
          link: item.url ?? item.external_url ?? null,
          summary: item.summary ?? item.content_text ?? item.content_html ?? null,
          published: item.date_published ?? null,
        },
        feed.home_page_url ?? url,
      ),
    ),
  );
  return { ok: true, feed: { title: feed.title ?? null, format: 'JSON Feed', items } };
}

type ParserItem = ReturnType<typeof parseFeed>['items'][number];

/**
 * An item whose identity is read at once and the rest only when asked: a check of a large feed
 * needs the ids of all its items but the details of only the few that are new.
 */
function lazyEntry(item: ParserItem, base: string): FeedEntry {
  const guid = item.id?.trim();
  let details: FeedEntry | undefined;
  const read = (): FeedEntry => (details ??= entry({ id: guid ?? null, title: item.title, link: item.url, summary: item.description ?? item.content, published: dateText(item) }, base));
  const id = guid || read().id;
  return {
    id,
    get title() {
      return read().title;
    },
    get link() {
      return read().link;
    },
    get summary() {
      return read().summary;
    },
    get published() {
      return read().published;
    },
    get day() {
      return read().day;
    },
  };
}

function formatName(meta: { type: string; version: string | null }): string {
  if (meta.type === 'atom') return meta.version ? `Atom ${meta.version}` : 'Atom';
  if (!meta.version) return 'RSS';
  return meta.version === '1.0' ? 'RSS 1.0 (RDF)' : `RSS ${meta.version}`;
}

/**
 * Reads a feed: RSS 0.9 to 2.0, RSS 1.0 (RDF) and Atom with @rowanmanning/feed-parser (which is
 * lenient with broken entities), JSON Feed as JSON. A cut-off feed gives the items that are
 * complete. A web page where a feed should be is an error that names the page's own feed, if any.
 */
export function readFeed(text: string, kind: ContentKind, url: string): FeedReadResult {
  const start = text.trimStart().slice(0, 512).toLowerCase();
  if (kind === 'json' || start.startsWith('{')) return readJsonFeed(text, url);
  const looksHtml = start.startsWith('<!doctype html') || start.startsWith('<html') || (kind === 'html' && !/<(rss|feed|rdf:rdf)[\s>]/i.test(text.slice(0, 4096)));
  if (looksHtml) {
    const alternates = alternateFeeds(text, url);
    const first = alternates[0];
    return first
      ? { ok: false, message: `not a feed: ${url} is a web page. It names its feed: ${first} (add that address instead)`, alternate: first }
      : { ok: false, message: `not a feed: ${url} is a web page, and it names no feed (look for an RSS or Atom link on the site)` };
  }
  const truncated = closeTruncated(text);
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(truncated?.text ?? text);
  } catch {
    return { ok: false, message: 'not a feed: the XML is not RSS, Atom or RDF, or is too broken to read' };
  }
  // The feed's own address is looked up once: feed-parser looks it up again for every item's link,
  // walking all the channel's children each time (quadratic on a feed of 10,000 items).
  const base = parsed.url ?? url;
  Object.defineProperty(parsed, 'url', { value: parsed.url });
  const items = once(parsed.items.map((item) => lazyEntry(item, base)));
  const feed: ParsedFeed = { title: plainText(parsed.title), format: formatName(parsed.meta), items };
  if (truncated) feed.note = `the feed is cut off: read the ${items.length} complete item${items.length === 1 ? '' : 's'}`;
  return { ok: true, feed };
}
