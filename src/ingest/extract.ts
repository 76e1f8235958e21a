import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import TurndownService from 'turndown';
import { tables } from 'turndown-plugin-gfm';
import { httpUrlWithoutFragment } from './http-url';
import { isDateLine, shownDate } from './page-date';
import { calendarDay } from './calendar-day';

export type HtmlDocument = ReturnType<typeof parseHTML>['document'];
type Element = HtmlDocument['documentElement'];

/**
 * An article taken from a web page, ready to be written as a knowledge file. Only what the page
 * says is filled in: an unknown publisher or date is left out, never guessed.
 */
export interface ArticleDraft {
  /** The headline as published. */
  title: string;
  /** The outlet (og:site_name, the JSON-LD publisher). */
  publisher?: string;
  /** YYYY-MM-DD, as the page dates it (its own calendar day, not converted to UTC). */
  published?: string;
  /** The canonical address (<link rel=canonical>, og:url), else the address it was fetched from. */
  url: string;
  /** The author(s): shown in the preview, and kept in the article file as `author`. */
  byline?: string;
  /** The article text as Markdown: paragraphs, ## headings, - lists and tables, as published. */
  text: string;
}

/**
 * The article, or why the page is none. A page whose article has no headline it can find gives the
 * rest of it as `untitled`: a feed's item has the headline (see FeedService), a bare link has not.
 */
export type Extraction = { ok: true; draft: ArticleDraft } | { ok: false; reason: string; untitled?: Omit<ArticleDraft, 'title'> };

/** Less text than this is not an article (a teaser, a photo page, a list of links). */
const MIN_ARTICLE_CHARS = 250;

/** Elements that are page furniture on every news site: removed before Readability looks. */
const FURNITURE = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'form',
  'button',
  'nav',
  'footer',
  'svg',
  'canvas',
  '[role="navigation"]',
  '[role="complementary"]',
  '[role="contentinfo"]',
  '[aria-hidden="true"]',
  '[hidden]',
].join(',');

/** Class or id words of share bars, related links, comments, newsletter boxes, ads. */
const FURNITURE_NAME =
  /(^|[\s_-])(share|sharing|social|related|recommended|read-?also|more-?stories|most-?read|comments?|disqus|newsletter|subscribe|subscription|signup|promo|advert|ads?|sponsored|breadcrumbs?|tags|sidebar|byline|story-meta|meta-info|ago|paywall|cookie|popup|modal)($|[\s_-])/i;

const KEEP = new Set(['HTML', 'BODY', 'MAIN', 'ARTICLE']);

/**
 * Short blocks of page furniture that many sites write as plain text, with no class or id to name
 * them: what each starts with, and whether it must hold a link to count (a block that only starts
 * the same way without one is the article's own text).
 */
const FURNITURE_LINES: readonly { pattern: RegExp; linked: boolean }[] = [
  // A pointer to another story between the article's paragraphs: "Read also: <a>…</a>", "See also", "Related".
  { pattern: /^(?:read (?:more|also)|also read|see also|related(?: (?:articles?|stories|news))?|more on this(?: topic)?|читайте (?:также|ещё|еще)|смотрите также|(?:ещё |еще )?по теме)\s*[:.–—-]/i, linked: true },
  // A call to follow the outlet elsewhere: "Follow Kazinform on Telegram", "Subscribe to our newsletter".
  { pattern: /^(?:follow|subscribe to|sign up for|join|find)\s[^.!?]{0,60}?\b(?:telegram|whatsapp|facebook|instagram|twitter|youtube|tiktok|linkedin|vk|threads|google news|newsletter|mailing list|x$)\b/i, linked: true },
  { pattern: /^(?:подписывайтесь|подпишитесь|следите за нами)\s[^.!?]{0,60}?(?:telegram|телеграм|whatsapp|instagram|youtube|facebook|вконтакте|канал)/i, linked: true },
  { pattern: /^(?:share(?: this(?: article| story| post)?)?|поделиться)\s*[:.]/i, linked: true },
  // The whole block, link or not: "Share this article on Telegram", "Share this story".
  { pattern: /^(?:share this (?:article|story|post|page|news)(?: (?:on|via|with) [^.!?:]{1,40})?|поделиться (?:новостью|статьей|статьёй|материалом)(?: в [^.!?:]{1,40})?)\s*[.!]?$/i, linked: false },
  { pattern: /^(?:tags?|tagged|topics?|keywords|теги|метки)\s*:/i, linked: true },
  // A photo's credit left where the photo was: "Photo: press service of the Ministry".
  { pattern: /^(?:photo|photos|image|picture|фото)(?:\s+(?:by|credit))?\s*[:©]/i, linked: false },
  { pattern: /^(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}))|\ball rights reserved\.?$|все права защищены\.?$/i, linked: false },
  // An advertisement's label between paragraphs, the whole block.
  { pattern: /^(?:advertisement|sponsored content|scroll to continue(?: with content)?|story continues below(?: advertisement)?|реклама)$/i, linked: false },
];
/** Longer than this, an element marked as the author is a box about them, not the byline. */
const BYLINE_MAX_CHARS = 100;
const BYLINE_ELEMENTS = '[rel~="author"], [itemprop="author"], [class~="byline"], [class~="author"]';

/**
 * The byline an element marked as the author gives: the first with text that is short enough (an
 * empty `<link rel="author">` in the head is none), in the article before the rest of the page
 * (where a sidebar may name another story's author).
 */
function bylineMarked(document: HtmlDocument): string | undefined {
  const marked = [...document.querySelectorAll(BYLINE_ELEMENTS)];
  const inArticle = marked.filter((element) => element.closest('article, main'));
  for (const element of [...inArticle, ...marked]) {
    const text = clean(element.textContent)?.replace(/^by\s+/i, '');
    if (text && text.length <= BYLINE_MAX_CHARS) return text;
  }
  return undefined;
}
/** Longer than this, a block is not furniture but text that happens to start with those words. */
const FURNITURE_LINE_MAX_CHARS = 200;

const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReviewNewsArticle|BlogPosting|Report|ScholarlyArticle|TechArticle|LiveBlogPosting)$/;

type Json = Record<string, unknown>;

function jsonLdArticles(document: HtmlDocument): Json[] {
  const found: Json[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const object = value as Json;
    if (object['@graph']) visit(object['@graph']);
    const types = ([] as unknown[]).concat(object['@type'] ?? []);
    if (types.some((type) => typeof type === 'string' && ARTICLE_TYPES.test(type))) found.push(object);
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // A broken JSON-LD block says nothing.
    }
  }
  return found;
}

function names(value: unknown): string | undefined {
  const list = ([] as unknown[]).concat(value ?? []);
  const texts = list.map((item) => (typeof item === 'string' ? item : typeof item === 'object' && item ? (item as Json).name : undefined)).filter((name): name is string => typeof name === 'string' && name.trim() !== '');
  return texts.length ? texts.map((name) => name.trim()).join(', ') : undefined;
}

function meta(document: HtmlDocument, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const element = document.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
    const content = element?.getAttribute('content')?.trim();
    if (content) return content;
  }
  return undefined;
}

function clean(text: string | null | undefined): string | undefined {
  const cleaned = text?.replace(/\s+/g, ' ').trim();
  return cleaned || undefined;
}

/** A canonical link that points at the site's home page (a common template mistake) says nothing about the article. */
function usableCanonical(candidate: string | undefined, pageUrl: string): string | undefined {
  if (!candidate) return undefined;
  const url = new URL(candidate);
  const page = new URL(pageUrl);
  if ((url.pathname === '/' || url.pathname === '') && !url.search && page.pathname !== '/') return undefined;
  return candidate;
}

/** Removes " | Site", " - Site", " — Site" from a <title> when it is the site's name. */
function withoutSiteName(title: string, site: string | undefined): string {
  if (!site) return title;
  for (const separator of [' | ', ' - ', ' – ', ' — ', ' :: ', ' · ']) {
    if (title.endsWith(`${separator}${site}`)) return title.slice(0, -(separator.length + site.length)).trim();
    if (title.startsWith(`${site}${separator}`)) return title.slice(site.length + separator.length).trim();
  }
  return title;
}

/** The closest block around an element. */
function blockOf(element: Element): Element | null {
  return element.closest('p, div, li, header, span');
}

function removeFurniture(document: HtmlDocument): void {
  for (const element of [...document.querySelectorAll(FURNITURE)]) element.remove();
  const paragraphs = document.querySelectorAll('p').length;
  for (const element of [...document.querySelectorAll('[class], [id]')]) {
    if (KEEP.has(element.tagName) || !element.isConnected) continue;
    const words = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
    if (!FURNITURE_NAME.test(words)) continue;
    // A name like "has-comments" on the article's own wrapper: what holds the headline or most paragraphs stays.
    const holdsArticle = element.querySelector('h1, [itemprop="articleBody"]') || element.querySelectorAll('p').length > paragraphs / 2;
    if (!holdsArticle) element.remove();
  }
  for (const block of [...document.querySelectorAll('p, li, div')]) {
    if (!block.isConnected) continue;
    const text = (block.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text.length > FURNITURE_LINE_MAX_CHARS) continue;
    if (FURNITURE_LINES.some(({ pattern, linked }) => pattern.test(text) && (!linked || block.querySelector('a'))) || isDateLine(text)) block.remove();
  }
  // Datelines ("Posted 15 January 2026", "Updated 2 hours ago"): a short block around a <time>.
  for (const time of [...document.querySelectorAll('time')]) {
    if (!time.isConnected) continue;
    const block = blockOf(time);
    if (block && !KEEP.has(block.tagName) && (block.textContent ?? '').replace(/\s+/g, ' ').trim().length < 80) block.remove();
  }
}

/** What a figure shows when its caption describes a picture rather than a table. */
const MEDIA = 'img, picture, video, audio, iframe, svg';

/** Made once: building the rules costs more than converting a page. */
let markdown: TurndownService | undefined;

function markdownService(): TurndownService {
  const service = new TurndownService({ headingStyle: 'atx', bulletListMarker: '-', codeBlockStyle: 'fenced', hr: '---', emDelimiter: '_', strongDelimiter: '**' });
  service.use(tables);
  // The text is quoted in answers as published: links keep their words, emphasis is plain text, images go.
  service.addRule('plain-links', { filter: 'a', replacement: (content) => content });
  service.addRule('plain-emphasis', { filter: ['em', 'i', 'strong', 'b', 'u', 'mark', 'small', 'span'], replacement: (content) => content });
  service.addRule('no-images', { filter: ['img', 'picture', 'video', 'audio', 'source'], replacement: () => '' });
  // A caption goes with the picture it describes ("The site in Karaganda Region. Photo: …" would
  // otherwise open the article, and be its lead in the digest); a table's caption stays with the table.
  service.addRule('captions', {
    filter: 'figcaption',
    replacement: (content, node) => {
      // (turndown's DOM answers a query that finds nothing with undefined, not null.)
      const figure = (node as Element).closest('figure');
      const pictured = !!figure && !figure.querySelector('table') && !!figure.querySelector(MEDIA);
      return pictured ? '' : `\n\n${content.trim()}\n\n`;
    },
  });
  // "- item" and "1. item" as the README writes them (turndown pads them to four columns).
  service.addRule('list-items', {
    filter: 'li',
    replacement: (content, node) => {
      const item = node as Element;
      const parent = item.parentNode as Element | null;
      let prefix = '- ';
      if (parent?.nodeName === 'OL') {
        const start = Number(parent.getAttribute('start') ?? 1);
        prefix = `${(Number.isFinite(start) ? start : 1) + Array.prototype.indexOf.call(parent.children, item)}. `;
      }
      const body = content.replace(/^\n+/, '').replace(/\n+$/, '\n').replace(/\n/gm, `\n${' '.repeat(prefix.length)}`);
      return `${prefix}${body}${item.nextSibling && !/\n$/.test(body) ? '\n' : ''}`;
    },
  });
  // Headings inside the article go under the file's own level: # is never used in a body.
  service.addRule('headings', {
    filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
    replacement: (content, node) => {
      const level = Math.min(6, Math.max(2, Number((node as Element).nodeName.charAt(1))));
      const text = content.replace(/\s+/g, ' ').trim();
      return text ? `\n\n${'#'.repeat(level)} ${text}\n\n` : '';
    },
  });
  // Escape only what would change the structure at the start of a line, not every * and _ in prose.
  service.escape = (text: string) =>
    text
      .replace(/^(\s*)([-+*]|#{1,6}|>)(\s)/gm, '$1\\$2$3')
      .replace(/^(\s*\d+)([.)])(\s)/gm, '$1\\$2$3');
  return service;
}

/** A table without a header row gets its first row as the header, so it becomes a Markdown table too. */
function giveTablesHeaders(document: HtmlDocument): void {
  for (const table of document.querySelectorAll('table')) {
    if (table.querySelector('th')) continue;
    const firstRow = table.querySelector('tr');
    if (!firstRow) continue;
    for (const cell of [...firstRow.querySelectorAll('td')]) {
      const header = document.createElement('th');
      header.innerHTML = cell.innerHTML;
      cell.replaceWith(header);
    }
  }
}

function tidyMarkdown(markdown: string, title: string): string {
  const lines = markdown
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''));
  let text = lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  // Readability often keeps the headline as the first heading: the title is in the front matter.
  const first = /^#{1,6} (.*)\n*/.exec(text);
  if (first && first[1]!.trim().toLowerCase() === title.trim().toLowerCase()) text = text.slice(first[0].length);
  // List items with nothing in them, and paragraphs that are only punctuation (leftover separators).
  text = text.replace(/^-\s*$/gm, '').replace(/^[\s•·–—-]*$/gm, '');
  return text.replace(/\n{3,}/g, '\n\n').trim();
}

/** Headlines linking to their own pages, at least this many, make a page a list of stories. */
const LISTED_STORIES = 3;

/**
 * What the links of the extracted text say about the page: how much of the text they are (a list
 * of headlines is nearly all links), and whether it is a list of stories: headlines that link to
 * other pages, each with its summary (a section or tag page), before any text of its own. An
 * article may end with headlines of related stories; it starts with its own text.
 */
function linksOf(html: string, pageUrl: string): { density: number; listsStories: boolean } {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const squeezed = (node: { textContent: string | null }) => (node.textContent ?? '').replace(/\s+/g, '');
  const all = squeezed(document.body);
  if (all.length === 0) return { density: 1, listsStories: false };
  let linked = 0;
  for (const link of document.querySelectorAll('a')) linked += squeezed(link).length;
  // A heading's link to its own anchor ("#reserves") is not to another page.
  const page = httpUrlWithoutFragment(pageUrl, pageUrl);
  const elsewhere = (link: Element) => {
    const target = httpUrlWithoutFragment(link.getAttribute('href') ?? '', pageUrl);
    return target !== undefined && target !== page;
  };
  const headlines = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter((heading) => {
    const words = squeezed(heading).length;
    const linkedWords = [...heading.querySelectorAll('a[href]')].filter(elsewhere).reduce((sum, link) => sum + squeezed(link).length, 0);
    return words > 0 && linkedWords >= 0.8 * words;
  });
  const first = headlines[0];
  const listsStories = headlines.length >= LISTED_STORIES && first !== undefined && all.indexOf(squeezed(first)) < MIN_ARTICLE_CHARS;
  return { density: linked / all.length, listsStories };
}

/**
 * JSON-LD's articleBody as Markdown, when it holds an article's worth of text: HTML converted as the
 * page's would be, plain text with a paragraph per line (Markdown in it escaped: "# 1" is not a heading).
 */
function articleBodyOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.replace(/\s+/g, ' ').trim().length < MIN_ARTICLE_CHARS) return undefined;
  markdown ??= markdownService();
  if (/<\/?(?:p|br|div|h[1-6]|ul|ol|li|table)\b/i.test(value)) return markdown.turndown(value);
  const service = markdown;
  return value
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((line) => service.escape(line))
    .join('\n\n');
}

/**
 * Extracts the article of a news page: its headline, publisher, date, canonical link and text as
 * Markdown, leaving out navigation, share buttons, related links and comments
 * (@mozilla/readability on linkedom; turndown for the Markdown). A page with no article is refused
 * with a reason, as is one the parsers fail on: it never throws.
 */
export function extractArticle(html: string, pageUrl: string): Extraction {
  try {
    return readArticle(html, pageUrl);
  } catch (err) {
    return { ok: false, reason: `not an article: the page could not be read (${(err as Error).message})` };
  }
}

function readArticle(html: string, pageUrl: string): Extraction {
  // linkedom builds no <html>/<body> around a fragment; browsers (and Readability) expect them.
  const whole = /<(html|body)[\s>]/i.test(html.slice(0, 4096)) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(whole);
  if (!document.documentElement) return { ok: false, reason: 'not an article: the page is empty' };
  // Readability resolves links against <base href>; linkedom has no address of its own.
  if (!document.querySelector('base[href]') && document.head) {
    const base = document.createElement('base');
    base.setAttribute('href', pageUrl);
    document.head.prepend(base);
  }

  // Metadata first: Readability changes the document.
  const ld = jsonLdArticles(document);
  const fromLd = (key: string) => ld.map((article) => article[key]).find((value) => value !== undefined && value !== null);
  const siteName = clean(meta(document, 'og:site_name')) ?? clean(names(fromLd('publisher')));
  const headline =
    clean(typeof fromLd('headline') === 'string' ? (fromLd('headline') as string) : undefined) ??
    clean(meta(document, 'og:title', 'twitter:title')) ??
    clean(document.querySelector('article h1, main h1, h1')?.textContent);
  const publishedRaw =
    (typeof fromLd('datePublished') === 'string' ? (fromLd('datePublished') as string) : undefined) ??
    meta(document, 'article:published_time', 'datePublished', 'pubdate', 'publishdate', 'publish-date', 'parsely-pub-date', 'sailthru.date', 'dc.date.issued', 'DC.date.issued', 'dcterms.created', 'date') ??
    document.querySelector('article time[datetime], main time[datetime], time[pubdate][datetime], time[datetime]')?.getAttribute('datetime') ??
    shownDate(document);
  const canonical =
    usableCanonical(httpUrlWithoutFragment(document.querySelector('link[rel~="canonical"][href]')?.getAttribute('href'), pageUrl), pageUrl) ??
    usableCanonical(httpUrlWithoutFragment(meta(document, 'og:url'), pageUrl), pageUrl);
  const authors = clean(names(fromLd('author'))) ?? clean(meta(document, 'author', 'article:author', 'byl'));
  const isArticleType = ld.length > 0 || meta(document, 'og:type') === 'article';
  // Read before the furniture (a "byline" class among it) is taken out of the page.
  const markedByline = bylineMarked(document);

  removeFurniture(document);
  giveTablesHeaders(document);
  const parsed = new Readability(document as never, { charThreshold: MIN_ARTICLE_CHARS, keepClasses: false }).parse();
  const content = parsed?.content ?? '';
  const textLength = (parsed?.textContent ?? '').replace(/\s+/g, ' ').trim().length;
  // A page drawn by its scripts has no text in its HTML; its JSON-LD may carry the text as published.
  const pageHasText = parsed !== null && textLength >= MIN_ARTICLE_CHARS;
  const ldBody = pageHasText ? undefined : articleBodyOf(fromLd('articleBody'));
  if (!pageHasText && !ldBody) {
    return { ok: false, reason: `not an article: the page has no article text${isArticleType ? ' that could be found' : ' (it looks like a home page, a list or a media page)'}` };
  }
  const links = ldBody ? undefined : linksOf(content, pageUrl);
  if (links && links.density > 0.5) {
    return { ok: false, reason: 'not an article: the page is mostly links (a home page or a list of headlines)' };
  }
  if (links?.listsStories) {
    return { ok: false, reason: 'not an article: the page lists several stories, each headline linking to its own page (a section or tag page); give the link of one story' };
  }

  const publisher = siteName ?? clean(parsed?.siteName);
  const title = withoutSiteName(headline ?? clean(parsed?.title) ?? '', publisher);
  markdown ??= markdownService();
  const text = tidyMarkdown(ldBody ?? markdown.turndown(content), title);
  if (text.length < MIN_ARTICLE_CHARS / 2) return { ok: false, reason: 'not an article: the page has no article text' };

  const draft: Omit<ArticleDraft, 'title'> = { url: canonical ?? httpUrlWithoutFragment(pageUrl, pageUrl) ?? pageUrl, text };
  if (publisher) draft.publisher = publisher;
  const published = calendarDay(publishedRaw) ?? calendarDay(clean(parsed?.publishedTime));
  if (published) draft.published = published;
  const byline = authors ?? markedByline ?? clean(parsed?.byline)?.replace(/^by\s+/i, '');
  if (byline) draft.byline = byline;
  if (!title) return { ok: false, reason: 'not an article: the page has no headline', untitled: draft };
  return { ok: true, draft: { title, ...draft } };
}
