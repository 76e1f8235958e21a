/** A local news site for the feed tests: an RSS feed whose items the test adds, and an article page for each. */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startSite, type TestSite } from './web';

export interface NewsItem {
  slug: string;
  title: string;
  /** Paragraphs of the article page. */
  paragraphs: string[];
  published: Date;
  summary?: string;
  /** Defaults to `guid-<slug>`; null for an item without a GUID. */
  guid?: string | null;
  /** What the article address serves instead of the page (e.g. a 404, a huge page). */
  page?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Leaves the link out of the feed item. */
  noLink?: boolean;
  /** Leaves the title out of the feed item. */
  noTitle?: boolean;
  /** The feed item's date as written (default: `published` in UTC). */
  pubDate?: string;
  /** Leaves the date out of the article page. */
  undatedPage?: boolean;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An article page in the shape of a real one: navigation, share buttons, related links, comments around the story. */
export function articlePage(origin: string, item: Pick<NewsItem, 'slug' | 'title' | 'paragraphs' | 'published' | 'undatedPage'>): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${item.title} | The Steppe Ledger</title>
<link rel="canonical" href="${origin}/articles/${item.slug}">
<meta property="og:site_name" content="The Steppe Ledger"><meta property="og:type" content="article">
${item.undatedPage ? '' : `<meta property="article:published_time" content="${item.published.toISOString()}">`}
</head><body>
<header><nav><a href="/">Home</a> <a href="/business">Business</a> <a href="/mining">Mining</a></nav></header>
<main><article><h1>${item.title}</h1>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Post on X</a></div>
${item.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
<aside class="related"><h3>Related</h3><ul><li><a href="/x">Tenge hits record low</a></li></ul></aside>
</article>
<section class="comments"><h2>Comments</h2><p>First! Great article, thanks for writing it.</p></section></main>
<footer>© 2026 The Steppe Ledger</footer></body></html>`;
}

/** Paragraphs long enough to be an article, about `topic`. */
export function story(topic: string, n = 3): string[] {
  return Array.from({ length: n }, (_, i) => `Paragraph ${i + 1} of the story about ${topic}. Officials in Astana described the plans in detail, and analysts said the decision would shape the sector for years to come.`);
}

export interface Newsroom {
  site: TestSite;
  items: NewsItem[];
  feedUrl: string;
  /** Adds an item at the top of the feed (and its page). */
  publish(item: NewsItem): void;
  /** Requests for the feed itself, and whether each got a 304. */
  feedRequests(): { path: string; conditional: boolean }[];
  pageRequests(): string[];
  /** Replaces how the feed answers (e.g. a 500) until cleared with undefined. */
  failFeed(handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined): void;
}

export async function startNewsroom(options: { robots?: string } = {}): Promise<Newsroom> {
  const site = await startSite();
  const items: NewsItem[] = [];
  let failing: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const rss = () =>
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>The Steppe Ledger</title><link>${site.origin}/</link>` +
    items
      .map((item) => {
        const guid = item.guid === undefined ? `guid-${item.slug}` : item.guid;
        return `<item>${item.noTitle ? '' : `<title>${escapeXml(item.title)}</title>`}${item.noLink ? '' : `<link>${site.origin}/articles/${item.slug}</link>`}${guid === null ? '' : `<guid isPermaLink="false">${guid}</guid>`}<description>${escapeXml(item.summary ?? `${item.title}.`)}</description><pubDate>${item.pubDate ?? item.published.toUTCString()}</pubDate></item>`;
      })
      .join('') +
    '</channel></rss>';
  site.route('/rss.xml', (req, res) => {
    if (failing) return failing(req, res);
    const text = rss();
    const etag = `"${createHash('sha1').update(text).digest('hex').slice(0, 12)}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(text);
  });
  if (options.robots !== undefined) site.route('/robots.txt', (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end(options.robots));
  const room: Newsroom = {
    site,
    items,
    feedUrl: site.url('/rss.xml'),
    publish(item) {
      items.unshift(item);
      site.route(`/articles/${item.slug}`, item.page ?? ((_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage(site.origin, item))));
    },
    feedRequests: () => site.requests.filter((r) => r.path === '/rss.xml').map((r) => ({ path: r.path, conditional: r.headers['if-none-match'] !== undefined })),
    pageRequests: () => site.requests.filter((r) => r.path.startsWith('/articles/')).map((r) => r.path),
    failFeed(handler) {
      failing = handler;
    },
  };
  return room;
}
